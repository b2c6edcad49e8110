"""Page and type of an official document (党政机关公文格式, GB/T 9704—2012) for python-docx.

A4; margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (text block 156 × 225 mm);
title 2号 (22 pt) 方正小标宋 centred; body 3号 (16 pt) 仿宋_GB2312 on 22 lines a page;
first-level headings 黑体, second-level 楷体; page numbers “— 1 —” in 4号 宋体, odd pages
at the right and even pages at the left, one character in from the edge.

Chinese fonts must be named in w:eastAsia, or Word draws CJK text in the Latin font's
fallback. The official fonts are what government machines have; a machine without
them substitutes a font of the same kind.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

# one definition of the official type, shared with the review opinion
from ..outputs.officedoc import (
    BODY_FONT,
    HEADING1_FONT,
    HEADING2_FONT,
    LATIN_FONT,  # noqa: F401
    PAGE_NUMBER_FONT,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    TITLE_FONT,
)
from ..outputs.officedoc import set_run_font as _name_fonts

SIZE_5 = Pt(10.5)  # 五号
SIZE_S4 = Pt(12)  # 小四
LINE = Pt(28.95)  # 225 mm / 22 lines
TEXT_WIDTH = Mm(156)


def set_run_font(run, east_asia: str, size=None, bold: bool | None = None, latin: str = LATIN_FONT) -> None:
    run.font.name = latin
    _name_fonts(run._element, east_asia, latin)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold


def _style_font(style, east_asia: str, size, bold=False) -> None:
    style.font.name = LATIN_FONT
    style.font.size = size
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    _name_fonts(style.element, east_asia)


def new_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(21)  # 页码位于版心下边缘之下约7 mm
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(LINE.pt * 20)))
    normal = doc.styles["Normal"]
    _style_font(normal, BODY_FONT, SIZE_3)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = LINE
    pf.space_before = pf.space_after = Pt(0)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    # The built-in heading styles keep their outline levels (navigation pane, TOC) but
    # take the official fonts, in black, without the theme's colour and spacing.
    for name, font in (("Heading 1", HEADING1_FONT), ("Heading 2", HEADING2_FONT), ("Heading 3", BODY_FONT)):
        st = doc.styles[name]
        _style_font(st, font, SIZE_3, bold=name == "Heading 3")
        st.paragraph_format.space_before = st.paragraph_format.space_after = Pt(0)
        st.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        st.paragraph_format.line_spacing = LINE
        st.paragraph_format.first_line_indent = Pt(32)
        st.paragraph_format.keep_with_next = True
    _page_numbers(doc)
    return doc


def _field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    for tag, attr in (("w:fldChar", "begin"), ("w:instrText", None), ("w:fldChar", "separate")):
        el = OxmlElement(tag)
        if attr:
            el.set(qn("w:fldCharType"), attr)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = instruction
        run._element.append(el)
    set_run_font(run, PAGE_NUMBER_FONT, SIZE_4)
    shown = paragraph.add_run("1")
    set_run_font(shown, PAGE_NUMBER_FONT, SIZE_4)
    end = paragraph.add_run()
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), "end")
    end._element.append(el)


def _page_number_paragraph(footer, align) -> None:
    p = footer.paragraphs[0]
    p.alignment = align
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        p.paragraph_format.right_indent = Pt(14)
    else:
        p.paragraph_format.left_indent = Pt(14)
    set_run_font(p.add_run("— "), PAGE_NUMBER_FONT, SIZE_4)
    _field(p, " PAGE ")
    set_run_font(p.add_run(" —"), PAGE_NUMBER_FONT, SIZE_4)


def _page_numbers(doc) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    _page_number_paragraph(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)  # odd pages
    _page_number_paragraph(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)  # even pages


def title(doc, text: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf = p.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(35)
    pf.space_after = LINE
    set_run_font(p.add_run(text), TITLE_FONT, SIZE_2)


def heading(doc, text: str, level: int = 1) -> None:
    p = doc.add_paragraph(style=f"Heading {level}")
    set_run_font(p.add_run(text), {1: HEADING1_FONT, 2: HEADING2_FONT}.get(level, BODY_FONT), SIZE_3, bold=level >= 3)


def body(doc, text: str, *, indent: bool = True, align=None, lead: str | None = None):
    """A body paragraph; `lead` is a run-in phrase set in bold 仿宋 (e.g. a case's title)."""
    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(32)
    if align is not None:
        p.alignment = align
    if lead:
        set_run_font(p.add_run(lead), BODY_FONT, SIZE_3, bold=True)
    set_run_font(p.add_run(text), BODY_FONT, SIZE_3)
    return p


def signature(doc, organ: str | None, date_text: str) -> None:
    """落款 and 成文日期 at the right, the date four characters in from the right edge."""
    doc.add_paragraph()
    for text in ([organ] if organ else []) + [date_text]:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(64)
        set_run_font(p.add_run(text), BODY_FONT, SIZE_3)


# Children of w:pPr that the schema places after w:snapToGrid (Word rejects misordered XML).
_AFTER_SNAP_TO_GRID = (
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def off_grid(paragraph) -> None:
    """Let a paragraph keep its own line height instead of snapping to the 22-line grid
    (tables, captions and pictures would otherwise take a full body line per line)."""
    ppr = paragraph._p.get_or_add_pPr()
    el = OxmlElement("w:snapToGrid")
    el.set(qn("w:val"), "0")
    ppr.insert_element_before(el, *_AFTER_SNAP_TO_GRID)


def _cell_text(cell, text: str, *, bold=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=SIZE_S4, font=BODY_FONT):
    cell.text = ""
    p = cell.paragraphs[0]
    off_grid(p)
    p.alignment = align
    pf = p.paragraph_format
    pf.first_line_indent = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.space_before = pf.space_after = Pt(2)
    set_run_font(p.add_run(text), HEADING1_FONT if bold else font, size)


def table(
    doc,
    header: list[str],
    rows: list[list[str]],
    *,
    widths_mm: list[float] | None = None,
    size=SIZE_S4,
    left_cols: tuple[int, ...] = (),
) -> None:
    """A ruled table: header row in 黑体, cells in 仿宋, numbers centred."""
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, h in enumerate(header):
        _cell_text(t.rows[0].cells[i], h, bold=True, size=size)
    # The header repeats on every page a long table runs over.
    trpr = t.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)
    for row in rows:
        cells = t.add_row().cells
        for i, value in enumerate(row):
            _cell_text(
                cells[i],
                str(value),
                size=size,
                align=WD_ALIGN_PARAGRAPH.LEFT if i in left_cols else WD_ALIGN_PARAGRAPH.CENTER,
            )
    if widths_mm:
        # Word reads the cell widths, LibreOffice the grid columns: set both.
        t.autofit = False
        for col, w in zip(t.columns, widths_mm):
            col.width = Mm(w)
        for row in t.rows:
            for cell, w in zip(row.cells, widths_mm):
                cell.width = Mm(w)
    if len(t.rows) <= 16:
        # A short table stays on one page with its caption: keep each row with the next.
        for row in list(t.rows)[:-1]:
            for cell in row.cells:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
    for row in t.rows:
        trpr = row._tr.get_or_add_trPr()
        el = OxmlElement("w:cantSplit")
        el.set(qn("w:val"), "true")
        trpr.insert(0, el)
    gap = doc.add_paragraph()
    off_grid(gap)
    gap.paragraph_format.line_spacing = Pt(12)


def caption(doc, text: str, *, keep_with_next: bool = False) -> None:
    p = doc.add_paragraph()
    off_grid(p)
    p.paragraph_format.keep_with_next = keep_with_next
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    p.paragraph_format.space_after = Pt(8)
    set_run_font(p.add_run(text), HEADING2_FONT, SIZE_4)


def picture(doc, png: bytes, width=Mm(150)) -> None:
    p = doc.add_paragraph()
    off_grid(p)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Exact line spacing would clip the picture to one line's height.
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    p.paragraph_format.keep_with_next = True
    p.add_run().add_picture(io.BytesIO(png), width=width)


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def to_bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
