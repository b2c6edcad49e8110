"""The outputs of a cleanup run, read back from the store:

  清理结果.xlsx   a sheet per list (继续有效, 修改, 废止, 宣布失效), then 非规范性文件,
                 无法读取的文件, 重复文件, (变化情况 after --changed-law) and 汇总
  清理结果.docx   heading, summary sentence, the four lists as separate tables
  results.jsonl  one line per file: the JSON contract plus "sha256" (or "error")
  (summary.json is written by the caller, from the dict returned here)

How documents are placed — what a reviewer publishing the lists expects:
  * one row per document, not per file: a .docx and a .pdf of the same document (same
    document number and title), or byte-identical copies, are listed once (the .docx
    preferred); the others go to the 重复文件 sheet, naming the copy that was listed;
  * a non-normative document (work plan, report, notice) is not a normative document
    and stays out of the four lists, on its own sheet with its reason — a one-off plan
    whose year has passed included (its reason says the period has ended): the lists a
    government publishes are lists of normative documents;
  * a file that could not be read is listed with the Chinese reason, never dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..dates import to_prose

LISTS = (("remain", "继续有效"), ("modify", "修改"), ("abolish", "废止"), ("void", "宣布失效"))
LIST_NAMES = dict(LISTS)
COLUMNS = ("序号", "文件名称", "文号", "制定机关", "印发日期", "清理意见", "理由")
NON_NORMATIVE_SHEET = "非规范性文件"
UNREADABLE_SHEET = "无法读取的文件"
DUPLICATES_SHEET = "重复文件"
CHANGES_SHEET = "变化情况"
SUMMARY_SHEET = "汇总"
# Where each listed file lies: for the reviewer at the desk, never printed with the lists.
SOURCES_SHEET = "源文件位置（内部）"
SOURCES_COLUMNS = ("清单", "序号", "文件名称", "源文件")
XLSX_NAME, DOCX_NAME, JSONL_NAME = "清理结果.xlsx", "清理结果.docx", "results.jsonl"
_FORMAT_PREFERENCE = {"docx": 0, "html": 1, "text": 2, "pdf": 3}


@dataclass
class Row:
    file: str
    sha256: str
    title: str
    doc_number: str
    issuer: str
    date: str | None
    category: str
    reasons: list[str]
    is_normative: bool
    normative_reason: str
    source_format: str
    dedup_key: tuple

    def cells(self, n: int) -> list:
        return [
            n,
            self.title,
            self.doc_number,
            self.issuer,
            to_prose(self.date) if self.date else "",
            LIST_NAMES.get(self.category, self.category),
            "；".join(self.reasons),
        ]

    @property
    def sort_key(self):
        return (self.date or "9999", self.doc_number, self.title, self.file)


@dataclass
class Lists:
    lists: dict[str, list[Row]] = field(default_factory=lambda: {c: [] for c, _ in LISTS})
    non_normative: list[Row] = field(default_factory=list)
    unreadable: list[tuple[str, str, str]] = field(default_factory=list)  # file, reason, code
    duplicates: list[tuple[Row, Row, str]] = field(default_factory=list)  # copy, listed, why
    files: int = 0

    @property
    def non_normative_void(self) -> int:
        return sum(1 for r in self.lists["void"] if not r.is_normative)


def printed_number(raw: str | None, normalized: str | None = None) -> str:
    """The document number as the lists print it: the normalised 〔〕 form wherever it is
    known (临政发〔2024〕12号, not 临政发[2024]12号), else as printed."""
    if normalized:
        return normalized
    from ..docnumber import DOC_NUMBER_RE, parse_doc_number

    m = DOC_NUMBER_RE.search((raw or "").strip())
    return parse_doc_number(m).normalized if m and m.group("year") and len(m.group("year")) == 4 else (raw or "")


def _row(path: str, sha: str, review: dict) -> Row:
    doc = review["document"]
    number = printed_number(doc.get("doc_number"), doc.get("doc_number_normalized"))
    title = doc.get("measure_title") or doc.get("title") or Path(path).stem
    # Same number and same title: the same document in another format. Without a
    # number, only byte-identical files are taken as copies (titles repeat across years).
    key = ("doc", number, title) if number and (doc.get("measure_title") or doc.get("title")) else ("sha", sha)
    return Row(
        path,
        sha,
        title,
        number,
        doc.get("issuer") or "",
        doc.get("date"),
        review["cleanup"]["category"],
        list(review["cleanup"]["reasons"]),
        bool(doc.get("is_normative")),
        doc.get("normative_reason") or "",
        doc.get("source_format") or "",
        key,
    )


def collect(store, run_id: int, jsonl_path: Path) -> Lists:
    """Stream the run's results from the store: write results.jsonl as we go and keep only
    the few fields the lists need."""
    out = Lists()
    by_key: dict[tuple, Row] = {}
    by_sha: dict[str, Row] = {}
    rows: list[Row] = []
    tmp = jsonl_path.with_suffix(".jsonl.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for path, _size, result in store.iter_run(run_id):
            out.files += 1
            if result is None:  # cannot happen after a finished run; keep the file visible anyway
                out.unreadable.append((path, "未能完成审查，请重新运行清理", "missing"))
                fh.write(
                    json.dumps(
                        {"file": path, "error": {"code": "missing", "reason": "未能完成审查"}}, ensure_ascii=False
                    )
                    + "\n"
                )
                continue
            review = result.review()
            if review is None:
                out.unreadable.append((path, result.error_reason or "无法读取", result.error_code or "unreadable"))
                sha = None if result.sha256.startswith("unreadable:") else result.sha256
                fh.write(
                    json.dumps(
                        {
                            "file": path,
                            "sha256": sha,
                            "error": {"code": result.error_code, "reason": result.error_reason},
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
                continue
            fh.write(json.dumps(review, ensure_ascii=False) + "\n")
            row = _row(path, result.sha256, review)
            if result.sha256 in by_sha:
                out.duplicates.append((row, by_sha[result.sha256], "内容完全相同"))
                continue
            by_sha[result.sha256] = row
            rows.append(row)
    tmp.replace(jsonl_path)

    def preference(r: Row):
        return (_FORMAT_PREFERENCE.get(r.source_format, 9), r.file)

    for row in sorted(rows, key=preference):
        kept = by_key.get(row.dedup_key)
        if kept is not None:
            out.duplicates.append((row, kept, "同一文件的其他版本（文号、标题相同）"))
            continue
        by_key[row.dedup_key] = row
        if not row.is_normative:
            out.non_normative.append(row)
        else:
            out.lists.setdefault(row.category, []).append(row)
    for rows_ in out.lists.values():
        rows_.sort(key=lambda r: r.sort_key)
    out.non_normative.sort(key=lambda r: r.sort_key)
    out.duplicates.sort(key=lambda d: d[0].file)
    return out


def counts_of(lists: Lists) -> dict:
    return {c: len(lists.lists.get(c, ())) for c, _ in LISTS}


def summary_sentence(lists: Lists) -> str:
    c = counts_of(lists)
    total = sum(c.values())
    text = (
        f"本次共清理规范性文件{total}件，其中继续有效{c['remain']}件、修改{c['modify']}件、"
        f"废止{c['abolish']}件、宣布失效{c['void']}件"
    )
    if lists.non_normative_void:
        text += f"（宣布失效的含已到期的一次性工作部署等{lists.non_normative_void}件）"
    extra = []
    if lists.non_normative:
        extra.append(f"非规范性文件{len(lists.non_normative)}件未纳入清理")
    if lists.unreadable:
        extra.append(f"{len(lists.unreadable)}个文件无法读取")
    if lists.duplicates:
        extra.append(f"{len(lists.duplicates)}个文件为重复文件")
    return text + ("；另有" + "，".join(extra) if extra else "") + "。"


def write_outputs(store, run_id: int, out_dir: Path, meta: dict) -> dict:
    """Write the lists into out_dir; return the summary (summary.json is the caller's)."""
    out_dir = Path(out_dir)
    lists = collect(store, run_id, out_dir / JSONL_NAME)
    sentence = summary_sentence(lists)
    changes = (meta.get("changed_law") or {}).get("changed") or []
    # Written aside and renamed: a run killed while writing never leaves half a file
    # under the published name.
    for name, writer in (
        (XLSX_NAME, lambda p: write_xlsx(lists, p, meta, sentence, changes)),
        (DOCX_NAME, lambda p: write_docx(lists, p, meta, sentence)),
    ):
        tmp = out_dir / f".{name}.tmp"
        writer(tmp)
        tmp.replace(out_dir / name)
    counts = counts_of(lists)
    return {
        **{k: v for k, v in meta.items()},
        "files": lists.files,
        "counts": counts,
        "listed": sum(counts.values()),
        "non_normative": len(lists.non_normative),
        "non_normative_void": lists.non_normative_void,
        "unreadable": len(lists.unreadable),
        "duplicates": len(lists.duplicates),
        "summary": sentence,
        "outputs": [XLSX_NAME, DOCX_NAME, JSONL_NAME, "summary.json"],
    }


# ---------------------------------------------------------------------------
# xlsx (openpyxl, write-only: memory stays flat however long the lists are)
# ---------------------------------------------------------------------------
# Sized so a list fits landscape A4 at about nine tenths of full size (fit to one page wide).
_WIDTHS = {
    "序号": 5,
    "文件名称": 36,
    "文号": 20,
    "制定机关": 22,
    "印发日期": 15,
    "清理意见": 9,
    "理由": 46,
    "源文件": 60,
    "文件": 50,
    "原因": 50,
    "错误代码": 14,
    "判断理由": 46,
    "已列入的文件": 50,
    "说明": 30,
    "原清理意见": 11,
    "现清理意见": 11,
    "项目": 24,
    "内容": 90,
    "清单": 12,
}


def _print_setup(ws, title: str, columns: tuple[str, ...]) -> None:
    """Landscape A4, one page wide, the header row on every page, the list's name at the
    head of each page and 第 1 页 共 3 页 at its foot; no grid lines (the cells have borders)."""
    from openpyxl.worksheet.properties import PageSetupProperties
    from openpyxl.utils import get_column_letter

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top, ws.page_margins.bottom = 0.8, 0.8
    ws.page_margins.header, ws.page_margins.footer = 0.3, 0.3
    ws.print_title_rows = "1:1"
    # every column but a trailing source path (变化情况 keeps it for the reviewer)
    if columns[-1] == "源文件" and len(columns) > 2:
        ws.print_area = f"A1:{get_column_letter(len(columns) - 1)}1048576"
    ws.oddHeader.center.text = title
    ws.oddHeader.center.font = "仿宋,常规"
    ws.oddHeader.center.size = 12
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddFooter.center.font = "宋体,常规"
    ws.oddFooter.center.size = 10


# What each sheet is called at the head of its printed pages.
_PRINTED_TITLES = {name: f"建议{name}的规范性文件" for _, name in LISTS}


def write_xlsx(lists: Lists, path: Path, meta: dict, sentence: str, changes: list[dict]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    thin = Side(style="thin", color="A0A0A0")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = Font(name="宋体", bold=True, size=11)
    body_font = Font(name="宋体", size=10.5)
    head_fill = PatternFill("solid", fgColor="D9E1F2")
    wrap = Alignment(wrap_text=True, vertical="top")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def sheet(title: str, columns: tuple[str, ...], rows):
        ws = wb.create_sheet(title)
        _print_setup(ws, _PRINTED_TITLES.get(title, title), columns)
        for i, col in enumerate(columns, 1):
            ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(col, 20)
        ws.freeze_panes = "A2"
        header = []
        for col in columns:
            c = WriteOnlyCell(ws, col)
            c.font, c.fill, c.alignment, c.border = head_font, head_fill, center, border
            header.append(c)
        ws.append(header)
        n = 0
        for values in rows:
            n += 1
            line = []
            for i, v in enumerate(values):
                c = WriteOnlyCell(ws, v)
                c.font, c.border = body_font, border
                c.alignment = center if columns[i] in ("序号", "清理意见", "印发日期") else wrap
                line.append(c)
            ws.append(line)
        if n:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n + 1}"

    # The lists as published: no source path (it is in results.jsonl and the internal sheet).
    for category, name in LISTS:
        sheet(name, COLUMNS, (r.cells(i) for i, r in enumerate(lists.lists.get(category, ()), 1)))
    sheet(
        NON_NORMATIVE_SHEET,
        ("序号", "文件名称", "文号", "制定机关", "印发日期", "判断理由"),
        (
            [i, r.title, r.doc_number, r.issuer, to_prose(r.date) if r.date else "", r.normative_reason]
            for i, r in enumerate(lists.non_normative, 1)
        ),
    )
    sheet(
        UNREADABLE_SHEET,
        ("序号", "文件", "原因", "错误代码"),
        ([i, f, reason, code] for i, (f, reason, code) in enumerate(lists.unreadable, 1)),
    )
    sheet(
        DUPLICATES_SHEET,
        ("序号", "文件", "文件名称", "已列入的文件", "说明"),
        ([i, copy.file, copy.title, kept.file, why] for i, (copy, kept, why) in enumerate(lists.duplicates, 1)),
    )
    if meta.get("changed_law"):
        sheet(
            CHANGES_SHEET,
            ("序号", "文件名称", "原清理意见", "现清理意见", "理由", "源文件"),
            (
                [
                    i,
                    c["title"] or "",
                    LIST_NAMES.get(c["before"], c["before"] or ""),
                    LIST_NAMES.get(c["after"], c["after"] or ""),
                    "；".join(c["reasons"]),
                    c["file"],
                ]
                for i, c in enumerate(changes, 1)
            ),
        )
    sheet(SUMMARY_SHEET, ("项目", "内容"), _summary_rows(lists, meta, sentence))
    sheet(SOURCES_SHEET, SOURCES_COLUMNS, _source_rows(lists))
    wb.save(path)


def _source_rows(lists: Lists):
    """清单, 序号 (the row's number in that list), 文件名称, 源文件: the way from a printed row
    back to its file."""
    for category, name in LISTS:
        for i, r in enumerate(lists.lists.get(category, ()), 1):
            yield [name, i, r.title, r.file]
    for i, r in enumerate(lists.non_normative, 1):
        yield [NON_NORMATIVE_SHEET, i, r.title, r.file]


def _profile_description(name) -> str:
    """The profile as a reader knows it: its Chinese description, not its file name."""
    from ..review import load_profile

    try:
        return str(load_profile(name).get("description") or name or "全国通用默认设置")
    except Exception:  # a profile file moved since the run: its name is all there is
        return str(name or "全国通用默认设置")


def _summary_rows(lists: Lists, meta: dict, sentence: str):
    yield ["清理结果", sentence]
    yield ["清理基准日", to_prose(meta.get("as_of"))]
    yield ["适用的地区设置", _profile_description(meta.get("profile"))]
    for category, name in LISTS:
        yield [name, len(lists.lists.get(category, ()))]
    yield [NON_NORMATIVE_SHEET, len(lists.non_normative)]
    yield [UNREADABLE_SHEET, len(lists.unreadable)]
    yield [DUPLICATES_SHEET, len(lists.duplicates)]
    yield ["文件总数", lists.files]
    if meta.get("changed_law"):
        cl = meta["changed_law"]
        yield ["变更的上位法", cl["title"]]
        yield ["引用该法的文件", cl["citing"]]
        yield ["清理意见发生变化的文件", sum(1 for c in cl["changed"] if c["changed"])]
    yield ["规则包指纹", meta.get("rules_hash", "")[:16]]
    yield ["运行编号", meta.get("run_id")]


# ---------------------------------------------------------------------------
# docx (python-docx for the layout and styles; the table rows streamed as XML text: a
# tree of thousands of rows would make memory grow with the corpus)
# ---------------------------------------------------------------------------
BODY_FONT, TITLE_FONT, TABLE_FONT = "仿宋", "宋体", "仿宋"
_NUMERALS = "一二三四五六七八九十"
# Landscape A4 with 2 cm margins leaves 25.7 cm for the seven columns.
_DOCX_WIDTHS_CM = (1.2, 5.2, 3.8, 3.4, 3.2, 2.0, 6.9)


def _fonts(rpr_owner, east_asia: str, latin: str = "Times New Roman") -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia)):
        fonts.set(qn(attr), value)


def _style(
    doc, name: str, east_asia: str, size_pt: float, bold: bool = False, center: bool = False, base: str | None = None
):
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if base:
            style.base_style = doc.styles[base]
    style.font.size = Pt(size_pt)
    style.font.bold = bold
    style.font.name = "Times New Roman"
    _fonts(style.element, east_asia)
    if center:
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return style


def write_docx(lists: Lists, path: Path, meta: dict, sentence: str) -> None:
    """python-docx lays out the document with one marker row per table; the rows are then
    streamed into word/document.xml as text, so memory does not grow with the lists."""
    import io
    import zipfile

    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    normal = _style(doc, "Normal", BODY_FONT, 14)
    normal.paragraph_format.space_after = Pt(4)
    _style(doc, "清理标题", TITLE_FONT, 22, bold=True, center=True)
    subhead = _style(doc, "清理小标题", "黑体", 14, bold=False)
    subhead.paragraph_format.space_before = Pt(12)
    subhead.paragraph_format.keep_with_next = True  # never alone at the foot of a page
    subhead.paragraph_format.widow_control = True
    cell_style = _style(doc, "清理表格", TABLE_FONT, 10.5)
    cell_style.paragraph_format.space_after = Pt(0)
    head_style = _style(doc, "清理表头", "黑体", 10.5, center=True)
    head_style.paragraph_format.space_after = Pt(0)
    head_style.paragraph_format.keep_with_next = True  # the header row stays with the first row
    _page_number_footer(section)

    doc.add_paragraph("规范性文件清理结果", style="清理标题")
    doc.add_paragraph(f"（清理基准日：{to_prose(meta.get('as_of'))}）", style="清理标题").runs[0].font.size = Pt(14)
    doc.add_paragraph(sentence)
    for i, (category, name) in enumerate(LISTS):
        rows = lists.lists.get(category, [])
        doc.add_paragraph(f"{_NUMERALS[i]}、建议{name}的规范性文件（{len(rows)}件）", style="清理小标题")
        _table(doc, category if rows else None)
        if not rows:
            doc.add_paragraph("（无）", style="清理表格")
    skeleton = io.BytesIO()
    doc.save(skeleton)

    widths = [str(int(Cm(w).twips)) for w in _DOCX_WIDTHS_CM]
    with zipfile.ZipFile(skeleton) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info, src.read(info.filename))
                continue
            xml = src.read(info.filename).decode("utf-8")
            with dst.open("word/document.xml", "w") as fh:
                pos = 0
                for category, _ in LISTS:
                    marker = _MARKER.format(category)
                    at = xml.find(marker)
                    if at < 0:
                        continue
                    start = xml.rfind("<w:tr>", 0, at)
                    end = xml.index("</w:tr>", at) + len("</w:tr>")
                    fh.write(xml[pos:start].encode("utf-8"))
                    chunk = []
                    for n, row in enumerate(lists.lists[category], 1):
                        chunk.append(_row_xml(row.cells(n), widths))
                        if len(chunk) == 200:
                            fh.write("".join(chunk).encode("utf-8"))
                            chunk = []
                    fh.write("".join(chunk).encode("utf-8"))
                    pos = end
                fh.write(xml[pos:].encode("utf-8"))


_MARKER = "@@cleanup-rows:{}@@"


def _page_number_footer(section) -> None:
    """— 1 — centred at the foot of every page, 4号宋体, the number a PAGE field."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def run(text: str = ""):
        r = p.add_run(text)
        r.font.size = Pt(14)
        _fonts(r._r, "宋体")
        return r

    run("— ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, None), ("end", None)):
        r = run("1" if kind is None and instr is None else "")
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._r.append(fld)
        elif instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            r._r.append(el)
    run(" —")


def _table(doc, category: str | None) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), _DOCX_WIDTHS_CM):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    header = table.rows[0]
    tr_pr = header._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    tr_pr.append(OxmlElement("w:tblHeader"))  # repeat the header on every page
    for cell, text, width in zip(header.cells, COLUMNS, _DOCX_WIDTHS_CM):
        cell.width = Cm(width)
        p = cell.paragraphs[0]
        p.style = "清理表头"
        p.add_run(text)
    if category:
        # replaced by the streamed rows when the file is written
        table._tbl.append(OxmlElement("w:tr"))
        table._tbl[-1].append(OxmlElement("w:tc"))
        p = OxmlElement("w:p")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = _MARKER.format(category)
        r.append(t)
        p.append(r)
        table._tbl[-1][0].append(p)


_CENTERED = (0, 4, 5)  # 序号, 印发日期, 清理意见


def _row_xml(values: list, widths: list[str]) -> str:
    from xml.sax.saxutils import escape

    cells = []
    for i, (value, width) in enumerate(zip(values, widths)):
        text = "" if value is None else escape(str(value))
        jc = '<w:jc w:val="center"/>' if i in _CENTERED else ""
        run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
        cells.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="清理表格"/>{jc}</w:pPr>{run}</w:p></w:tc>'
        )
    return "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(cells) + "</w:tr>"
