"""Page and type of an official document (党政机关公文格式, GB/T 9704-2012) for
python-docx: A4, margins 37/35/28/26 mm (top/bottom/left/right), title in 2号
小标宋, body in 3号仿宋 on a grid of 22 lines of 28 characters, first-level
headings in 黑体, second-level in 楷体, page numbers "— 1 —" outside.

Chinese fonts must be named in w:eastAsia, or Word renders CJK text in the
Latin font's fallback. Machines without the official fonts (方正小标宋简体,
仿宋_GB2312, 楷体_GB2312) substitute through the font table's w:altName.
"""

from __future__ import annotations

import re

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
# Installed-everywhere fonts Word falls back to when the official one is missing.
ALT_NAMES = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING2_FONT: "楷体"}

SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
# The text block is 225 mm high and holds 22 lines: 225 / 22 mm ≈ 28.95 pt.
LINE = Pt(28.95)


def setup_page(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(21)


def set_run_font(element, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the fonts on a w:r, or on a style's w:rPr (`element` is the w:r or w:style)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def add_font_fallbacks(document) -> None:
    """Declare the official fonts in the font table with an altName Word can find."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith("/fontTable"):
            continue
        part = rel.target_part
        if hasattr(part, "element"):
            root = part.element
        else:  # python-docx keeps the font table as raw bytes
            root = etree.fromstring(part.blob)
        known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
        for name, alt in ALT_NAMES.items():
            if name in known:
                continue
            font = etree.SubElement(root, qn("w:font"))
            font.set(qn("w:name"), name)
            etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alt)
            etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")  # GB2312
        if not hasattr(part, "element"):
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return


def format_paragraph(paragraph, *, indent: bool = True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, line=LINE) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(32) if indent else None  # two characters of 三号


def add_text(paragraph, text: str, font: str = BODY_FONT, size=SIZE_3, bold: bool = False):
    run = paragraph.add_run(text)
    run.font.size = size
    run.font.bold = bold or None
    set_run_font(run._r, font)
    return run


def setup_styles(document) -> None:
    """Normal style in 3号仿宋 with the official line pitch."""
    normal = document.styles["Normal"]
    normal.font.size = SIZE_3
    set_run_font(normal.element, BODY_FONT)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = True
    # Grid of 22 lines per page so Word and WPS lay the body out as a 公文.
    sect = document.sections[0]._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), "579")


def add_page_numbers(document) -> None:
    """ "— 1 —" in 4号宋体: odd pages at the right, even pages at the left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.paragraph_format.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = SIZE_4
        else:
            p.paragraph_format.left_indent = SIZE_4
        add_text(p, "— ", PAGE_NUMBER_FONT, SIZE_4)
        _page_field(p)
        add_text(p, " —", PAGE_NUMBER_FONT, SIZE_4)


def _page_field(paragraph) -> None:
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = add_text(paragraph, "", PAGE_NUMBER_FONT, SIZE_4)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


# Word's manual line break (\x0b), a form feed or a lone CR typed into a note: a line break;
# other control characters, noncharacters and lone surrogates cannot stand in XML at all
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\u2028\u2029]")
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def xml_text(text) -> str:
    """A string any Word part can hold. Text a user typed (a reviewer's note, the organ's
    name on the signature line) may carry characters XML forbids, which python-docx refuses
    with ValueError: every later download of that review would fail."""
    return _NOT_XML.sub("", _BREAKS.sub("\n", str(text or "")))
