"""Filing completeness: an issuer's list of issued documents (发文目录) against what it
filed (报备目录).

The list is a CSV (UTF-8 or GB18030, as Excel on a Chinese system saves it) or an xlsx
file whose first row names the columns; headers are matched after removing spaces:

| column            | accepted headers                        | required |
|-------------------|-----------------------------------------|----------|
| document number   | 文号, 发文字号, doc_number               | no (but matching is best by number) |
| title             | 标题, 文件名称, 文件标题, title          | yes |
| publication date  | 公布日期, 发布日期, 印发日期, published  | yes |
| effective date    | 施行日期, 生效日期, effective_date       | no |
| normative or not  | 是否规范性文件, is_normative (是/否)     | no (default 是) |
| reason for immediate effect | 立即施行理由, 施行理由, reason | no |

Importing replaces the issuer's earlier entries for the years the file covers, so a
corrected list can be imported again.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import delete, extract, select

from ..dates import to_prose
from ..docnumber import DOC_NUMBER_RE, parse_doc_number
from ..immediate_effect import stated_reason
from .db import Register, RegisterError
from .filings import get_or_create_issuer
from .models import IssuedDocument, Issuer, RegisteredDocument
from .validate import clean_name, parse_date

COLUMNS = {
    "doc_number": ("文号", "发文字号", "发文文号", "doc_number"),
    "title": ("标题", "文件名称", "文件标题", "名称", "title"),
    "published": ("公布日期", "发布日期", "印发日期", "公布时间", "published"),
    "effective_date": ("施行日期", "生效日期", "实施日期", "effective_date"),
    "is_normative": ("是否规范性文件", "规范性文件", "is_normative"),
    "immediate_reason": ("立即施行理由", "施行理由", "立即施行原因", "reason"),
}
_YES = {"是", "yes", "y", "true", "1", "√", "规范性文件"}
_NO = {"否", "no", "n", "false", "0", "×", "非规范性文件"}
MIN_DAYS_BEFORE_EFFECT = 30  # 国办发〔2018〕37号: 一般自公布之日起30日后施行


def _read_rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise RegisterError(f"无法读取发文目录 {path}：不是有效的 xlsx 文件（{exc.__class__.__name__}）") from exc
        rows = []
        for row in wb.worksheets[0].iter_rows(values_only=True):
            rows.append(
                [
                    ""
                    if v is None
                    else (
                        v.date().isoformat()
                        if hasattr(v, "date") and callable(v.date)
                        else v.isoformat()
                        if isinstance(v, date)
                        else str(v)
                    )
                    for v in row
                ]
            )
        wb.close()
        return rows
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RegisterError(f"无法读取发文目录 {path}：文件编码既不是 UTF-8 也不是 GB18030")
    return [row for row in csv.reader(io.StringIO(text))]


def _header_map(header: list[str], path: Path) -> dict[str, int]:
    norm = [re.sub(r"\s+", "", h or "").lower() for h in header]
    found = {}
    for key, names in COLUMNS.items():
        for i, h in enumerate(norm):
            if h in {n.lower() for n in names}:
                found[key] = i
                break
    missing = [COLUMNS[k][0] for k in ("title", "published") if k not in found]
    if missing:
        raise RegisterError(
            f"发文目录 {path.name} 缺少必需的列：{'、'.join(missing)}"
            f"（第一行应为列名，如：文号,标题,公布日期,施行日期,是否规范性文件,立即施行理由）"
        )
    return found


def normalize_number(text: str | None) -> str | None:
    if not text or not text.strip():
        return None
    m = DOC_NUMBER_RE.search(text.strip())
    return parse_doc_number(m).normalized if m else re.sub(r"\s+", "", text)


def _title_key(title: str | None) -> str:
    """Titles compared without brackets, spaces and the cover notice's wrapping."""
    t = re.sub(r"[\s《》“”\"]", "", title or "")
    m = re.search(r"关于印发(.+?)的通知$", t)
    return m.group(1) if m else t


def import_issued(register: Register, path: str | Path, *, issuer: str) -> int:
    path = Path(path)
    issuer = clean_name(issuer, "制定机关（--issuer）")
    if not path.is_file():
        raise RegisterError(f"找不到发文目录文件：{path}")
    rows = _read_rows(path)
    if not rows:
        raise RegisterError(f"发文目录 {path.name} 是空文件")
    cols = _header_map(rows[0], path)
    entries = []
    for line_no, row in enumerate(rows[1:], 2):
        if not any((c or "").strip() for c in row):
            continue

        def cell(key):
            i = cols.get(key)
            return (row[i] if i is not None and i < len(row) else "").strip()

        where = f"发文目录 {path.name} 第{line_no}行"
        title = cell("title")
        if not title:
            raise RegisterError(f"{where}缺少标题")
        published = parse_date(cell("published"), f"{where}的公布日期")
        effective = parse_date(cell("effective_date"), f"{where}的施行日期") if cell("effective_date") else None
        flag = cell("is_normative").lower()
        if flag and flag not in _YES and flag not in _NO:
            raise RegisterError(f"{where}的“是否规范性文件”应填“是”或“否”，不能是“{cell('is_normative')}”")
        entries.append(
            dict(
                row_no=line_no,
                doc_number=cell("doc_number") or None,
                doc_number_normalized=normalize_number(cell("doc_number")),
                title=title,
                published=published,
                effective_date=effective,
                is_normative=flag not in _NO,
                immediate_reason=cell("immediate_reason") or None,
                source_file=path.name,
            )
        )
    years = sorted({e["published"].year for e in entries})
    with register.transaction() as s:
        issuer_row = get_or_create_issuer(s, issuer)
        if years:
            s.execute(
                delete(IssuedDocument).where(
                    IssuedDocument.issuer_id == issuer_row.id, extract("year", IssuedDocument.published).in_(years)
                )
            )
        for e in entries:
            s.add(IssuedDocument(issuer_id=issuer_row.id, **e))
    return len(entries)


@dataclass
class CompletenessReport:
    issuer: str
    year: int
    listed: int = 0
    filed: int = 0
    never_filed: list[dict] = field(default_factory=list)
    filed_late: list[dict] = field(default_factory=list)
    filed_twice: list[dict] = field(default_factory=list)
    not_listed: list[dict] = field(default_factory=list)
    immediate_without_reason: list[dict] = field(default_factory=list)
    has_list: bool = False

    def to_json(self) -> dict:
        return dict(self.__dict__)


def _doc_item(doc: RegisteredDocument) -> dict:
    first = doc.filings[0]
    return {
        "document_id": doc.id,
        "filing_ids": [f.id for f in doc.filings],
        "title": doc.name,
        "doc_number": doc.doc_number,
        "published": doc.published.isoformat(),
        "received": first.received.isoformat(),
        "deadline": first.deadline.isoformat(),
        "days_late": max(0, (first.received - first.deadline).days),
    }


def completeness(
    register: Register, *, issuer: str, year: int, min_days: int = MIN_DAYS_BEFORE_EFFECT
) -> CompletenessReport:
    issuer = clean_name(issuer, "制定机关（--issuer）")
    with register.transaction() as s:
        issuer_row = s.scalar(select(Issuer).where(Issuer.name == issuer))
        if issuer_row is None:
            raise RegisterError(f"登记簿中没有制定机关“{issuer}”：既未导入其发文目录，也没有其报备的文件")
        return diff_issuer(s, issuer_row, year, min_days)


def diff_issuer(s, issuer_row: Issuer, year: int, min_days: int = MIN_DAYS_BEFORE_EFFECT) -> CompletenessReport:
    """The diff for one issuer inside an open session (the annual report sums these)."""
    report = CompletenessReport(issuer=issuer_row.name, year=year)
    entries = [
        e
        for e in s.scalars(
            select(IssuedDocument)
            .where(IssuedDocument.issuer_id == issuer_row.id)
            .order_by(IssuedDocument.published, IssuedDocument.row_no)
        )
        if e.published.year == year and e.is_normative
    ]
    report.has_list = bool(entries)
    docs = [
        d
        for d in s.scalars(
            select(RegisteredDocument)
            .where(RegisteredDocument.issuer_id == issuer_row.id)
            .order_by(RegisteredDocument.published, RegisteredDocument.id)
        )
        if d.published.year == year and d.is_normative
    ]
    report.listed, report.filed = len(entries), len(docs)
    by_number = {}
    by_title = {}
    for d in docs:
        if d.doc_number_normalized:
            by_number.setdefault(d.doc_number_normalized, []).append(d)
        for t in {_title_key(d.title), _title_key(d.measure_title)} - {""}:
            by_title.setdefault(t, []).append(d)
    matched_docs: set[int] = set()
    for e in entries:
        hits = by_number.get(e.doc_number_normalized) if e.doc_number_normalized else None
        if not hits:
            hits = by_title.get(_title_key(e.title), [])
        hits = list({d.id: d for d in hits}.values())
        item = {"row": e.row_no, "title": e.title, "doc_number": e.doc_number, "published": e.published.isoformat()}
        if not hits:
            report.never_filed.append(item)
        for d in hits:
            matched_docs.add(d.id)
        if len(hits) > 1:
            report.filed_twice.append(
                {**item, "documents": [_doc_item(d) for d in hits], "reason": "发文目录中的一件文件对应多份报备文件"}
            )
        effective = e.effective_date or (hits[0].effective_date if hits else None)
        reason = e.immediate_reason or (stated_reason(hits[0].text) if hits else None)
        if effective is not None and (effective - e.published).days < min_days and not reason:
            report.immediate_without_reason.append(
                {**item, "effective_date": effective.isoformat(), "days": (effective - e.published).days}
            )
    for d in docs:
        first = d.filings[0]
        if not first.on_time:
            report.filed_late.append(_doc_item(d))
        if len(d.filings) > 1:
            report.filed_twice.append(
                {
                    "title": d.name,
                    "doc_number": d.doc_number,
                    "published": d.published.isoformat(),
                    "documents": [_doc_item(d)],
                    "received": [f.received.isoformat() for f in d.filings],
                    "reason": f"同一文件报备{len(d.filings)}次",
                }
            )
        if entries and d.id not in matched_docs:
            report.not_listed.append(_doc_item(d))
        if (
            d.id not in matched_docs
            and d.effective_date is not None
            and (d.effective_date - d.published).days < min_days
            and not stated_reason(d.text)
        ):
            report.immediate_without_reason.append(
                {
                    "title": d.name,
                    "doc_number": d.doc_number,
                    "published": d.published.isoformat(),
                    "effective_date": d.effective_date.isoformat(),
                    "days": (d.effective_date - d.published).days,
                }
            )
    return report


def render_completeness(r: CompletenessReport) -> str:
    """The diff as a reviewer reads it, in Chinese."""
    lines = [f"{r.issuer} {r.year}年度报备完整性核查", f"发文目录所列规范性文件 {r.listed} 件；已报备 {r.filed} 件。"]
    if not r.has_list:
        lines.append("（尚未导入该机关本年度的发文目录，无法核查漏报；请用 reviewer filing import-issued 导入。）")

    def num(x):
        return f"（{x['doc_number']}）" if x.get("doc_number") else ""

    sections = [
        (
            "一、未报备",
            r.never_filed,
            lambda x: f"发文目录第{x['row']}行 《{x['title']}》{num(x)}，{to_prose(x['published'])}公布，未见报备",
        ),
        (
            "二、逾期报备",
            r.filed_late,
            lambda x: (
                f"《{x['title']}》{num(x)}，{to_prose(x['published'])}公布，应于{to_prose(x['deadline'])}前报备，"
                f"{to_prose(x['received'])}报送，逾期{x['days_late']}日（备案登记号 {', '.join(map(str, x['filing_ids']))}）"
            ),
        ),
        (
            "三、重复报备",
            r.filed_twice,
            lambda x: (
                f"《{x['title']}》{num(x)}：{x['reason']}（备案登记号 "
                f"{', '.join(str(i) for d in x['documents'] for i in d['filing_ids'])}）"
            ),
        ),
        (
            "四、已报备但未列入发文目录",
            r.not_listed,
            lambda x: (
                f"《{x['title']}》{num(x)}，{to_prose(x['published'])}公布（备案登记号 {', '.join(map(str, x['filing_ids']))}）"
            ),
        ),
        (
            "五、公布后不足30日施行且未说明理由",
            r.immediate_without_reason,
            lambda x: (
                f"《{x['title']}》{num(x)}，{to_prose(x['published'])}公布，{to_prose(x['effective_date'])}施行"
                f"（相隔{x['days']}日），未载明立即施行的理由"
            ),
        ),
    ]
    for heading, items, fmt in sections:
        lines.append(f"{heading}：{len(items)} 件")
        lines.extend(f"  {i}. {fmt(x)}" for i, x in enumerate(items, 1))
    return "\n".join(lines)
