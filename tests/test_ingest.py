"""Tests for reviewer.ingest: every input is built here, in the test."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

import reviewer.ingest as ingest
from reviewer.errors import IngestError
from reviewer.ingest import read_bytes, read_file
from reviewer.ingest.numbering import chinese_number, format_number

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CJK = re.compile(r"[\u4e00-\u9fff]")


def assert_ingest_error(code, func, *args):
    with pytest.raises(IngestError) as info:
        func(*args)
    err = info.value
    assert err.code == code, (err.code, err.reason)
    # One Chinese sentence for the reviewer.
    assert CJK.search(err.reason) and "\n" not in err.reason
    return err


# --------------------------------------------------------------------------- numbering


@pytest.mark.parametrize(
    "n, expected",
    [
        (1, "一"),
        (2, "二"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (10000, "一万"),
        (10001, "一万零一"),
        (100000, "十万"),
    ],
)
def test_chinese_number(n, expected):
    assert chinese_number(n) == expected


@pytest.mark.parametrize(
    "n, fmt, expected",
    [
        (3, "decimal", "3"),
        (12, "chineseCounting", "十二"),
        (21, "chineseCountingThousand", "二十一"),
        (1, "ideographTraditional", "甲"),
        (3, "ideographTraditional", "丙"),
        (1, "upperLetter", "A"),
        (2, "lowerLetter", "b"),
        (27, "upperLetter", "AA"),
        (1, "decimalEnclosedCircle", "①"),
        (20, "decimalEnclosedCircleChinese", "⑳"),
        (4, "upperRoman", "IV"),
        (9, "lowerRoman", "ix"),
        (5, "decimalZero", "05"),
        (12, "chineseLegalSimplified", "壹拾贰"),
        (2, "decimalFullWidth", "２"),
        (1, "decimalEnclosedParen", "⑴"),
        (7, "none", "7"),
    ],
)
def test_format_number(n, fmt, expected):
    assert format_number(n, fmt) == expected


STYLES = (
    f'<?xml version="1.0"?><w:styles xmlns:w="{W_NS}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>'
    '<w:style w:type="paragraph" w:styleId="Article"><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Sub"><w:basedOn w:val="Article"/></w:style>'
    "</w:styles>"
)


@pytest.mark.parametrize(
    "styles", [STYLES, STYLES.replace("w:", "ns0:").replace("xmlns:w=", "xmlns:ns0=")], ids=["cut-out", "whole-parse"]
)
def test_style_sheet_lookups(styles):
    from reviewer.ingest.docx import _PARSER
    from reviewer.ingest.numbering import StyleSheet

    sheet = StyleSheet(styles.encode(), W_NS, _PARSER)
    assert sheet.default == "Normal"
    assert sheet.get("Article") == ("5", 1, "Normal")
    assert sheet.get("Sub") == (None, None, "Article")
    assert sheet.get("Missing") is None


# --------------------------------------------------------------------------- docx


def _w(xml: str):
    from docx.oxml import parse_xml

    return parse_xml(f'<root xmlns:w="{W_NS}">{xml}</root>')[0]


def _level(ilvl, fmt, text, start=1, suff=None):
    suffix = f'<w:suff w:val="{suff}"/>' if suff else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'{suffix}<w:lvlText w:val="{text}"/></w:lvl>'
    )


def _add_numbering(doc, abstract_id, num_ids, levels, overrides=None):
    numbering = doc.part.numbering_part.element
    abstract = _w(f'<w:abstractNum w:abstractNumId="{abstract_id}">{"".join(levels)}</w:abstractNum>')
    first_num = numbering.find(f"{{{W_NS}}}num")
    if first_num is not None:  # the schema wants every abstractNum before the nums
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    for num_id in num_ids:
        extra = (overrides or {}).get(num_id, "")
        numbering.append(_w(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{extra}</w:num>'))


def _numbered(doc, text, num_id, ilvl):
    p = doc.add_paragraph(text)
    p._p.get_or_add_pPr().append(_w(f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def _docx_bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def sample_docx() -> bytes:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "页眉文字不应出现"
    doc.sections[0].footer.paragraphs[0].text = "页脚文字不应出现"
    _add_numbering(
        doc,
        90,
        (91, 92),
        [
            _level(0, "chineseCounting", "第%1条", suff="space"),
            _level(1, "chineseCounting", "（%2）", suff="nothing"),
            _level(2, "decimal", "%3.", suff="nothing"),
        ],
        overrides={92: '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="20"/></w:lvlOverride>'},
    )
    _add_numbering(doc, 94, (93,), [_level(0, "decimalEnclosedCircle", "%1", suff="nothing")])
    style = doc.styles.add_style("Item Circle", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(_w('<w:numPr><w:numId w:val="93"/></w:numPr>'))

    doc.add_paragraph("　　XX市行政规范性文件管理办法")
    doc.add_paragraph("")
    _numbered(doc, "为了规范行政规范性文件管理，制定本办法。", 91, 0)
    _numbered(doc, "合法性审核；", 91, 1)
    _numbered(doc, "公平竞争审查；", 91, 1)
    _numbered(doc, "第一小项", 91, 2)
    _numbered(doc, "本办法适用于本市。", 91, 0)
    _numbered(doc, "重新从一开始的项", 91, 1)
    for _ in range(9):
        _numbered(doc, "条文", 91, 0)  # 第三条 … 第十一条
    doc.add_paragraph("甲项", style="Item Circle")
    doc.add_paragraph("乙项", style="Item Circle")

    p = doc.add_paragraph("保留")
    p._p.append(_w('<w:del w:id="1" w:author="a"><w:r><w:delText>删除的文字</w:delText></w:r></w:del>'))
    p._p.append(_w('<w:ins w:id="2" w:author="a"><w:r><w:t>插入的文字</w:t></w:r></w:ins>'))
    p = doc.add_paragraph()
    for xml in (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "http://x" </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>链接文字</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        p._p.append(_w(xml))
    p = doc.add_paragraph()
    run = p.add_run("制表")
    run.add_tab()
    run.add_text("换行前")
    run.add_break()
    run.add_text("换行后")
    p = doc.add_paragraph("可见")
    hidden = p.add_run("隐藏文字")
    hidden.font.hidden = True
    p = doc.add_paragraph("锚定段落")
    box = "<w:p><w:r><w:t>文本框文字</w:t></w:r></w:p>"
    p._p.append(
        _w(
            '<w:r xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
            ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
            ' xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
            f'<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>{box}'
            "</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{box}</w:txbxContent>"
            "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    commented = doc.add_paragraph("有批注的段落").runs[0]
    doc.add_comment(commented, text="批注内容不应出现", author="审核人")

    table = doc.add_table(rows=2, cols=2)
    for r, row in enumerate((("名称", "内容"), ("甲", "乙"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    layout = doc.add_table(rows=1, cols=1)
    layout.cell(0, 0).text = "排版表格第一段"
    layout.cell(0, 0).add_paragraph("排版表格第二段")
    _numbered(doc, "换编号实例后从二十起", 92, 0)
    _numbered(doc, "同一抽象编号继续计数", 91, 0)
    doc.add_paragraph("附件：XX表")
    return _docx_bytes(doc)


def test_docx_text_order_and_numbering(sample_docx):
    result = read_bytes(sample_docx, "draft.docx")
    lines = result.text.split("\n")
    assert result.source_format == "docx"
    assert lines[:2] == ["XX市行政规范性文件管理办法", ""]
    assert lines[2:9] == [
        "第一条 为了规范行政规范性文件管理，制定本办法。",
        "（一）合法性审核；",
        "（二）公平竞争审查；",
        "1.第一小项",
        "第二条 本办法适用于本市。",
        "（一）重新从一开始的项",  # a shallower level advanced: deeper ones restart
        "第三条 条文",
    ]
    assert "第十条 条文" in lines and "第十一条 条文" in lines
    assert lines.index("第十一条 条文") == lines.index("第十条 条文") + 1
    assert "①甲项" in lines and "②乙项" in lines  # numbering taken from the paragraph style
    assert "保留插入的文字" in lines
    assert "链接文字" in lines
    assert "制表\t换行前" in lines and "换行后" in lines
    assert "可见" in lines
    # A text box follows its anchoring paragraph, once (not again from the VML fallback).
    assert lines[lines.index("锚定段落") + 1] == "文本框文字"
    assert result.text.count("文本框文字") == 1
    assert "名称\t内容" in lines and "甲\t乙" in lines
    assert "排版表格第一段" in lines and "排版表格第二段" in lines
    # Word shares counters among nums of one abstractNum; startOverride restarts them.
    assert lines[-3:] == ["第二十条 换编号实例后从二十起", "第二十一条 同一抽象编号继续计数", "附件：XX表"]
    for absent in ("页眉", "页脚", "删除的文字", "HYPERLINK", "隐藏文字", "批注内容"):
        assert absent not in result.text
    assert any("修订" in w for w in result.warnings)


def test_docx_anchors_point_at_lines(sample_docx):
    result = read_bytes(sample_docx, "draft.docx")
    for anchor in result.anchors:
        piece = result.text[anchor.start : anchor.end]
        assert piece and "\n" not in piece and piece == piece.strip()
        assert anchor.paragraph is not None
    assert len(result.anchors) == len([l for l in result.text.split("\n") if l])


def test_docx_sniffed_whatever_the_name(sample_docx):
    assert read_bytes(sample_docx, "misnamed.pdf").source_format == "docx"


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in entries.items():
            zf.writestr(name, content)
    return buf.getvalue()


def test_docx_too_large_xml(monkeypatch, sample_docx):
    monkeypatch.setattr(ingest.docx, "MAX_DOCX_XML_BYTES", 1000)
    assert_ingest_error("too_large", read_bytes, sample_docx, "bomb.docx")


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


BAD_INPUTS = [
    ("notdocx.docx", _zip({"a.txt": b"hello"}), "corrupt_docx"),
    ("bad_xml.docx", _zip({"word/document.xml": b"<w:document><w:body>"}), "corrupt_docx"),
    ("not_word.docx", _zip({"word/document.xml": b"<root/>"}), "corrupt_docx"),
    ("truncated.docx", _zip({"word/document.xml": b"<x/>" * 5000})[:200], "corrupt_docx"),
    ("old.doc", OLE2 + b"WordDocument".decode().encode("utf-16-le"), "legacy_doc"),
    ("old.wps", OLE2, "legacy_doc"),
    ("locked.docx", OLE2 + "EncryptedPackage".encode("utf-16-le"), "encrypted"),
    ("empty.docx", b"", "empty"),
    ("blank.txt", b"  \r\n\t\n", "empty"),
    ("blank16.txt", "\n \n".encode("utf-16"), "empty"),
    ("broken.pdf", b"this is not a pdf at all", "corrupt_pdf"),
    ("broken2.pdf", b"%PDF-1.4\n1 0 obj garbage", "corrupt_pdf"),
    ("text.docx", "第一条".encode(), "corrupt_docx"),
    ("binary.txt", bytes(range(256)) * 20, "encoding"),
    ("fixed.ofd", _zip({"OFD.xml": b"<ofd:OFD/>"}), "unsupported_format"),
    ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "unsupported_format"),
]


@pytest.mark.parametrize("name, data, code", BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_bad_inputs(name, data, code):
    assert_ingest_error(code, read_bytes, data, name)


def test_empty_docx_body():
    import docx

    assert_ingest_error("empty", read_bytes, _docx_bytes(docx.Document()), "blank.docx")


# --------------------------------------------------------------------------- pdf

HEADER = "XX市行政规范性文件管理办法"
PARAGRAPHS = [
    "第一条　为了规范行政规范性文件的制定和监督管理工作，保证行政规范性文件合法有效，"
    "根据《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》等法律法规，结合本市实际，制定本办法。",
    "第二条　本办法所称行政规范性文件，是指除政府规章外，由行政机关或者经法律、法规授权的具有管理公共事务职能的组织"
    "依照法定权限、程序制定并公开发布，涉及公民、法人和其他组织权利义务，具有普遍约束力，在一定期限内反复适用的公文",
    "（一）起草部门应当对文件内容进行合法性审核，审核时间一般不少于5个工作日，特殊情况可以延长至15个工作日，"
    "并在审核意见中说明理由",
    "（二）未经合法性审核或者经审核不合法的，不得提交审议。",
] * 5 + ["附件：审核意见表", "2024年3月1日"]


def _pdf_bytes(paragraphs, *, encrypt=None, header=HEADER, title=HEADER) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), encrypt=encrypt)
    left, width, size, leading = 90, 415, 16, 29
    page = 1

    def furniture():
        c.setFont("STSong-Light", 10)
        c.drawCentredString(297, 800, header)
        c.drawCentredString(297, 40, f"— {page} —")
        c.setFont("STSong-Light", size)

    furniture()
    y = 740
    if title:
        c.drawCentredString(297, y, title)
        y -= 2 * leading
    for text in paragraphs:
        indent = 2 * size
        while text:
            room = width - indent
            n = 1
            while n < len(text) and pdfmetrics.stringWidth(text[: n + 1], "STSong-Light", size) <= room:
                n += 1
            if y < 80:
                c.showPage()
                page += 1
                furniture()
                y = 760
            c.drawString(left + indent, y, text[:n])
            text, indent, y = text[n:], 0, y - leading
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return _pdf_bytes(PARAGRAPHS)


def test_pdf_drops_furniture_and_rejoins_lines(sample_pdf):
    result = read_bytes(sample_pdf, "draft.pdf")
    lines = result.text.split("\n")
    assert result.source_format == "pdf"
    # The title on page 1 survives although the running head repeats it.
    assert lines[0] == HEADER
    assert result.text.count(HEADER) == 1
    assert lines[1:] == PARAGRAPHS
    assert "—" not in result.text


@pytest.mark.parametrize(
    "line, is_page_number",
    [
        ("3", True),
        ("- 3 -", True),
        ("— 12 —", True),
        ("－３－", True),
        ("第3页", True),
        ("第 3 页 共 10 页", True),
        ("共 10 页 第 3 页", True),
        ("3/10", True),
        ("Page 2 of 9", True),
        ("3.", False),
        ("第三条", False),
        ("2024年3月1日", False),
        ("1. 总则", False),
    ],
)
def test_pdf_page_number_lines(line, is_page_number):
    assert bool(ingest.pdf.is_page_number(line)) is is_page_number


def test_pdf_page_anchors(sample_pdf):
    result = read_bytes(sample_pdf, "draft.pdf")
    pages = [a.page for a in result.anchors]
    assert pages == list(range(1, len(pages) + 1)) and len(pages) >= 3
    assert result.anchors[0].start == 0 and result.anchors[-1].end == len(result.text)
    for a, b in zip(result.anchors, result.anchors[1:]):
        assert a.end <= b.start


def test_pdf_sniffed_in_a_txt_file(sample_pdf, tmp_path):
    path = tmp_path / "actually_pdf.txt"
    path.write_bytes(sample_pdf)
    assert read_file(path).source_format == "pdf"


def test_pdf_encrypted():
    data = _pdf_bytes(PARAGRAPHS[:2], encrypt="secret")
    assert_ingest_error("encrypted", read_bytes, data, "locked.pdf")


def test_pdf_without_text_layer():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for _ in range(2):
        c.rect(100, 100, 300, 500, fill=1)
        c.showPage()
    c.save()
    assert_ingest_error("scanned", read_bytes, buf.getvalue(), "scan.pdf")


# --------------------------------------------------------------------------- text

DRAFT = "XX市行政规范性文件管理办法\n\n　　第一条　为了规范管理，制定本办法。\n第二条　本办法自发布之日起施行。"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (DRAFT.encode("utf-8"), "utf-8"),
        (DRAFT.encode("utf-8-sig"), "utf-8-sig"),
        (DRAFT.encode("gb18030"), "gb18030"),
        (DRAFT.encode("gbk"), "gb18030"),
        (DRAFT.encode("utf-16"), "utf-16-le"),
        (b"\xfe\xff" + DRAFT.encode("utf-16-be"), "utf-16-be"),
        (DRAFT.replace("\n", "\r\n").encode("gb18030"), "gb18030"),
    ],
)
def test_text_encodings(data, encoding):
    result = read_bytes(data, "draft.txt")
    assert result.source_format == "text" and result.encoding == encoding
    assert result.text == (
        "XX市行政规范性文件管理办法\n\n第一条　为了规范管理，制定本办法。\n第二条　本办法自发布之日起施行。"
    )


def test_text_cleanup():
    raw = "标题  \r\n\r\n\r\n\r\n　　第一条\x00内容\x07。\t \r第二条\u200b内容\n\n"
    result = read_bytes(raw.encode("utf-8"), "draft.txt")
    assert result.text == "标题\n\n第一条内容。\n第二条内容"
    assert [result.text[a.start : a.end] for a in result.anchors] == ["标题", "第一条内容。", "第二条内容"]
    assert [a.paragraph for a in result.anchors] == [0, 4, 5]


def test_text_utf16_without_bom():
    result = read_bytes("Article 1 text\nArticle 2 text".encode("utf-16-le"), "a.txt")
    assert result.encoding == "utf-16-le" and result.text == "Article 1 text\nArticle 2 text"


# --------------------------------------------------------------------------- html

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>关于印发管理办法的通知_XX市人民政府门户网站</title>
<script>var s = "脚本内容";</script><style>.x{color:red}</style></head>
<body>
<div id="header" class="header">网站头部 <a href="/">首页</a></div>
<div class="nav"><ul><li><a>政务公开</a></li><li><a>政策文件</a></li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 政策文件</div>
<div class="article-title"><h1>关于印发管理办法的通知</h1></div>
<div class="share">分享到：微信 微博</div>
<div id="zoom" class="TRS_Editor">
<p>&nbsp;&nbsp;各区人民政府，市政府各部门：</p>
<p style="text-indent:2em">　　现将《XX市行政规范性文件管理办法》印发给你们，
请认真贯彻执行。</p>
<p>第一条&nbsp;为了规范管理，制定本办法。<br>第二条&nbsp;本办法自发布之日起施行。</p>
<table><tr><td>序号</td><td>名称</td></tr></table>
<noscript>请启用脚本</noscript>
</div>
<div class="footer">版权所有：XX市人民政府 <span>网站标识码</span></div>
<script>document.write("再一个脚本")</script>
</body></html>"""


def test_html_main_content():
    result = read_bytes(PAGE.encode("utf-8"), "page.html")
    assert result.source_format == "html"
    assert result.text.split("\n") == [
        "关于印发管理办法的通知",
        "各区人民政府，市政府各部门：",
        "现将《XX市行政规范性文件管理办法》印发给你们，请认真贯彻执行。",
        "第一条 为了规范管理，制定本办法。",
        "第二条 本办法自发布之日起施行。",
        "序号\t名称",
    ]


def test_html_gbk_without_container_uses_page_title():
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<title>XX市行政规范性文件管理办法_XX市司法局</title></head>"
        '<body><div class="menu">首页 | 机构</div><p>第一条　内容甲。</p><p>第二条　内容乙。</p>'
        "</body></html>"
    )
    result = read_bytes(page.encode("gbk"), "page.doc")
    assert result.source_format == "html" and result.encoding == "gb18030"
    assert result.text == "XX市行政规范性文件管理办法\n第一条　内容甲。\n第二条　内容乙。"


# --------------------------------------------------------------------------- files


def test_file_errors(tmp_path, monkeypatch):
    assert_ingest_error("not_found", read_file, tmp_path / "missing.docx")
    assert_ingest_error("unreadable", read_file, tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert_ingest_error("empty", read_file, empty)
    huge = tmp_path / "huge.pdf"
    with open(huge, "wb") as fh:
        fh.truncate(200 * 1024 * 1024 + 1)  # sparse: costs no disk or time
    err = assert_ingest_error("too_large", read_file, huge)
    assert "200 MB" in err.reason


def test_unexpected_errors_are_wrapped(monkeypatch):
    def boom(*args):
        raise TypeError("bug")

    monkeypatch.setattr(ingest.text, "from_decoded", boom)
    err = assert_ingest_error("unreadable", read_bytes, "第一条".encode(), "a.txt")
    assert err.reason == "无法读取文件：TypeError"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("对 违 反 本 办 法 的 ， 处 以 五 千 元 罚 款 。", "对违反本办法的，处以五千元罚款。"),
        ("第十条  未 经 审 批 不 得 经 营 。", "第十条未经审批不得经营。"),
        ("石门市市场监督管理局 石门市发展和改革委员会", "石门市市场监督管理局 石门市发展和改革委员会"),
        ("通  知", "通  知"),
    ],
)
def test_letter_spaced_lines_are_closed_up_and_name_gaps_kept(line, expected):
    from reviewer.ingest._common import clean_line

    assert clean_line(line) == expected


def test_a_letter_spaced_text_file_is_reviewed_like_a_normal_one():
    data = "第 八 条 违 反 本 办 法 规 定 的 ， 由 区 城 管 局 处 以 五 千 元 罚 款 。\n".encode("utf-8")
    from reviewer.review import review_bytes

    review = review_bytes(data, "spaced.txt")
    assert any(f.category == "ultra_vires.penalty" for f in review.findings)


def test_a_hard_wrapped_text_export_is_rejoined_into_provisions():
    from reviewer.review import review_bytes

    body = (
        "青川市城市道路停车泊位管理办法\n"
        "第一条 为了规范城市道路停车泊位的设置和管理，根据有关法律法规，结合本市实际，制定本办法。\n"
        "第二条 本办法适用于本市城市道路范围内停车泊位的设置、使用和管理活动。\n"
        "第三条 外地车辆进入本市停放的，应当向市停车管理中心缴纳每日五十元的临时停车管理费。\n"
        "第四条 违反本办法规定，未按规定停放车辆的，由城市管理部门处以二百元罚款。\n"
        "第五条 市公安机关交通管理部门会同市城市管理部门负责停车泊位的设置、调整和撤除。\n"
        "第六条 本办法自2025年1月1日起施行，有效期5年。\n"
    )
    wrapped = "\n".join(line[i : i + 20] for line in body.split("\n") for i in range(0, max(len(line), 1), 20))
    plain, rejoined = review_bytes(body.encode(), "a.txt"), review_bytes(wrapped.encode(), "b.txt")
    assert rejoined.document.text == plain.document.text
    assert sorted(f.category for f in rejoined.findings) == sorted(f.category for f in plain.findings)
    assert {"ultra_vires.fee", "ultra_vires.penalty"} <= {f.category for f in plain.findings}


def test_a_file_with_one_paragraph_per_line_is_left_alone():
    from reviewer.ingest.text import extract

    text = "\n".join(f"第{n}条 这一条写完了，以句号结尾，长度各不相同{'的内容' * n}。" for n in range(1, 12))
    assert extract(text.encode(), "a.txt").text == text
