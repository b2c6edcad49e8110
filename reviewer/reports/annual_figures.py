"""The figures of the annual filing-review report (备案审查年度报告), computed from the
register, each with the definition a reader needs to check it.

Populations (all for the report year Y):
- a *filing* counts in Y when it was received in Y;
- a *document* counts in Y when its first filing was received in Y; later filings of
  the same document are duplicates (重复报备);
- the documents the rates speak of are those of them the review found to be normative
  documents (予以备案登记的规范性文件), N in the definitions below;
- outcomes (decisions, corrections) are those on the register when the report is made.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from types import SimpleNamespace

from sqlalchemy import select

from ..cleanup import CATEGORY_NAMES
from ..model import CATEGORIES, CLEANUP_CATEGORIES
from ..outputs.labels import printed_label
from ..register.cleanup_outcomes import human_outcome
from ..register.completeness import diff_issuer
from ..register.filings import MATERIALS, OUTCOMES
from ..register.models import CleanupOutcome, Filing, Issuer, RegisteredDocument

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Rate:
    key: str
    name: str
    numerator: int
    denominator: int
    definition: str
    numerator_label: str
    denominator_label: str

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def percent(self) -> str:
        return "—" if self.value is None else f"{self.value * 100:.1f}%"


@dataclass
class CategoryCount:
    category: str
    name: str
    findings: int
    documents: int


@dataclass
class Case:
    title: str
    issuer: str
    doc_number: str | None
    filing_id: int
    provision: str | None
    quote: str
    words: str
    category: str
    category_name: str
    basis: str
    explanation: str
    outcome: str
    by_reviewer: bool = False


@dataclass
class AnnexRow:
    filing_id: int
    issuer: str
    title: str
    doc_number: str | None
    published: date
    received: date
    on_time: bool
    duplicates: int
    normative: bool
    confirmed: int
    result: str


@dataclass
class AnnualFigures:
    year: int
    organ: str | None
    made_on: date
    filings_received: int = 0  # every filing received in Y, duplicates included
    duplicate_filings: int = 0
    documents_received: int = 0  # distinct documents first received in Y
    not_normative: int = 0
    registered: int = 0  # N: normative documents first received in Y
    on_time: int = 0
    late: int = 0
    reviewed: int = 0  # every finding decided (a document without findings counts)
    under_review: int = 0
    defective: int = 0  # at least one confirmed finding
    findings_total: int = 0
    findings_confirmed: int = 0
    findings_dismissed: int = 0
    findings_pending: int = 0
    findings_own: int = 0  # added by the reviewers (source = reviewer), all confirmed
    doc_number_defects: int = 0
    materials_incomplete: int = 0
    issuers: int = 0
    issuers_with_list: int = 0
    listed: int = 0
    never_filed: int = 0
    not_listed: int = 0
    filing_days: list[int] = field(default_factory=list)
    categories: list[CategoryCount] = field(default_factory=list)
    corrections: dict[str, int] = field(default_factory=dict)  # corrected/revoked/changed/pending
    cleanup: dict[str, int] = field(default_factory=dict)
    cleanup_items: dict[str, list[dict]] = field(default_factory=dict)
    rates: list[Rate] = field(default_factory=list)
    monthly: list[tuple[int, int, int]] = field(default_factory=list)  # (month, on time, late)
    cases: list[Case] = field(default_factory=list)
    annex: list[AnnexRow] = field(default_factory=list)

    @property
    def corrected_total(self) -> int:
        return sum(v for k, v in self.corrections.items() if k != "pending")

    @property
    def cleanup_total(self) -> int:
        return sum(self.cleanup.values())

    def rate(self, key: str) -> Rate:
        return next(r for r in self.rates if r.key == key)


def _quote(text: str, start: int, end: int, limit: int = 160) -> str:
    """The provision's paragraph around a finding, trimmed to its sentence when long."""
    if not text or not (0 <= start < end <= len(text)):
        return ""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b < 0 else b
    para = text[a:b].strip()
    if len(para) <= limit:
        return para
    s = max(text.rfind("。", a, start), text.rfind("；", a, start))
    s = a if s < 0 else s + 1
    e = min([i for i in (text.find("。", end, b), text.find("；", end, b)) if i >= 0] or [b - 1]) + 1
    sentence = text[s:e].strip()
    head = text[a : a + 12]
    label = re.match(r"第[一二三四五六七八九十百零〇]+条", head)
    prefix = label.group(0) + "……" if label and s > a else ("……" if s > a else "")
    return prefix + sentence[:limit] + ("……" if len(sentence) > limit else "")


def _strip_label(quote: str, provision: str | None) -> str:
    """The report says 第四条规定：“…”, so the quotation need not repeat 第四条."""
    if provision and quote.startswith(provision):
        return quote[len(provision) :].lstrip(" 　").lstrip("…")
    return quote


def _outcome_text(doc: RegisteredDocument) -> str:
    from ..dates import to_prose

    if doc.corrections:
        c = doc.corrections[-1]
        notice = f"经发出纠正通知（{to_prose(c.notice_date.isoformat())}），" if c.notice_date else "经审查指出问题后，"
        return f"{notice}{OUTCOMES[c.outcome]}（{to_prose(c.outcome_date.isoformat())}）" + (
            f"。{c.note}" if c.note else ""
        )
    return "已向制定机关指出问题，督促纠正中"


def compute(
    s, year: int, *, organ: str | None = None, made_on: date | None = None, max_cases: int = 3
) -> AnnualFigures:
    """All figures for year Y from an open session (read only)."""
    fig = AnnualFigures(year=year, organ=organ, made_on=made_on or date.today())
    filings = [f for f in s.scalars(select(Filing).order_by(Filing.received, Filing.id)) if f.received.year == year]
    fig.filings_received = len(filings)
    fig.duplicate_filings = sum(1 for f in filings if f.duplicate_of_id)
    docs: list[RegisteredDocument] = []
    seen = set()
    for f in filings:
        doc = f.document
        if doc.id not in seen and doc.filings[0].id == f.id:
            seen.add(doc.id)
            docs.append(doc)
    fig.documents_received = len(docs)
    normative = [d for d in docs if d.is_normative]
    fig.not_normative = len(docs) - len(normative)
    fig.registered = len(normative)
    months = {m: [0, 0] for m in range(1, 13)}
    per_category: dict[str, list] = {}
    candidates = []
    corrections = Counter()
    for doc in normative:
        first = doc.filings[0]
        fig.filing_days.append(first.filing_days)
        if first.on_time:
            fig.on_time += 1
        months[first.received.month][0 if first.on_time else 1] += 1
        findings = doc.latest_review.findings if doc.latest_review else []
        decided = [f.decision.decision if f.decision else None for f in findings]
        own = sum(1 for f in findings if f.by_reviewer)
        fig.findings_own += own
        fig.findings_total += len(findings) - own  # the tool's: own findings are confirmed by their author
        fig.findings_confirmed += decided.count("confirmed")
        fig.findings_dismissed += decided.count("dismissed")
        fig.findings_pending += decided.count(None)
        if None in decided:
            fig.under_review += 1
        else:
            fig.reviewed += 1
        if not doc.doc_number or doc.doc_number_defect:
            fig.doc_number_defects += 1
        if first.missing_materials:
            fig.materials_incomplete += 1
        confirmed = [f for f in findings if f.decision and f.decision.decision == "confirmed"]
        if confirmed:
            fig.defective += 1
            corrections[doc.corrections[-1].outcome if doc.corrections else "pending"] += 1
            for f in confirmed:
                per_category.setdefault(f.category, [0, set()])
                per_category[f.category][0] += 1
                per_category[f.category][1].add(doc.id)
            candidates.append((doc, confirmed))
    fig.late = fig.registered - fig.on_time
    fig.monthly = [(m, a, b) for m, (a, b) in months.items()]
    order = {c: i for i, c in enumerate(CATEGORIES)}
    fig.categories = [
        CategoryCount(c, CATEGORY_NAMES.get(c, c), n, len(ds))
        for c, (n, ds) in sorted(per_category.items(), key=lambda kv: (-kv[1][0], order.get(kv[0], 99)))
    ]
    fig.corrections = {k: corrections.get(k, 0) for k in (*OUTCOMES, "pending")}
    fig.cases = _cases(candidates, max_cases)

    # Filing rate: the issuers' lists of issued documents against the register.
    # The organs that reported documents this year: from the filings themselves.
    fig.issuers = len({f.document.issuer_id for f in filings})
    issuers = list(s.scalars(select(Issuer).order_by(Issuer.name)))
    denominator = numerator = 0
    for issuer in issuers:
        diff = diff_issuer(s, issuer, year)
        if not diff.has_list and not diff.filed:
            continue
        if diff.has_list:
            fig.issuers_with_list += 1
            fig.listed += diff.listed
            fig.never_filed += len(diff.never_filed)
            fig.not_listed += len(diff.not_listed)
            denominator += diff.listed + len(diff.not_listed)
            numerator += diff.listed - len(diff.never_filed) + len(diff.not_listed)
        else:
            denominator += diff.filed
            numerator += diff.filed
    days = sorted(set(fig.filing_days)) or [30]
    period = "、".join(str(d) for d in days)
    n_label = "本年度收到报备的规范性文件件数"
    compliant = sum(
        1 for d in normative if d.doc_number and not d.doc_number_defect and not d.filings[0].missing_materials
    )
    reviewed_legally = sum(1 for d in normative if "legality-review" not in (d.filings[0].missing_materials or []))
    fig.rates = [
        Rate(
            "filing",
            "报备率",
            numerator,
            denominator,
            "已报备的规范性文件件数 ÷ 应报备的规范性文件件数 × 100%。应报备件数为各制定机关发文目录中列为规范性文件、"
            f"于{year}年公布的件数，加上已报备但未列入发文目录的{year}年公布的规范性文件件数；未导入发文目录的制定机关，"
            "以其已报备的件数同时计入分子和分母。报备不限于本年度内报送。",
            "已报备件数",
            "应报备件数",
        ),
        Rate(
            "timely",
            "及时报备率",
            fig.on_time,
            fig.registered,
            f"自公布之日起{period}日内（报备期限，按地区配置）报送备案的件数 ÷ {n_label} × 100%。"
            "同一文件多次报送的，以首次报送日期为准。",
            "按期报备件数",
            n_label,
        ),
        Rate(
            "form",
            "规范报备率",
            compliant,
            fig.registered,
            f"发文字号规范且报备材料齐全的件数 ÷ {n_label} × 100%。发文字号规范，指载有发文字号，年份用六角括号“〔〕”"
            "并标全称，顺序号不编虚位、不加“第”字（GB/T 9704—2012 第7.2.4条）；报备材料齐全，指"
            + "、".join(MATERIALS.values())
            + "均已报送。",
            "规范报备件数",
            n_label,
        ),
        Rate(
            "legality",
            "合法性审核率",
            reviewed_legally,
            fig.registered,
            f"报备材料中附有制定机关合法性审核机构出具的合法性审核意见的件数 ÷ {n_label} × 100%，"
            "反映文件在提交集体审议前经过合法性审核的情况。",
            "附合法性审核意见件数",
            n_label,
        ),
    ]

    cleanup_rows = list(
        s.scalars(
            select(CleanupOutcome)
            .where(CleanupOutcome.year == year)
            .order_by(CleanupOutcome.category, CleanupOutcome.id)
        )
    )
    fig.cleanup = {c: 0 for c in CLEANUP_CATEGORIES}
    fig.cleanup_items = {c: [] for c in CLEANUP_CATEGORIES}
    for row in cleanup_rows:
        # The person's outcome, not the tool's proposal (cleanup_outcomes.human_outcome).
        category, reasons = human_outcome(row, s.get(RegisteredDocument, row.document_id) if row.document_id else None)
        fig.cleanup[category] += 1
        fig.cleanup_items[category].append(
            {
                "title": row.title or row.file_name or "",
                "doc_number": row.doc_number,
                "issuer": row.issuer_name,
                "reasons": reasons,
            }
        )

    for doc in docs:
        first = doc.filings[0]
        st = [
            f.decision.decision if f.decision else None
            for f in (doc.latest_review.findings if doc.latest_review else [])
        ]
        if not doc.is_normative:
            result = "不属于行政规范性文件，不予备案登记"
        elif "confirmed" in st:
            result = f"确认问题{st.count('confirmed')}项；" + (
                OUTCOMES[doc.corrections[-1].outcome] if doc.corrections else "督促纠正中"
            )
        elif None in st:
            result = f"审查中（待处理{st.count(None)}项）"
        else:
            result = "未发现问题，予以备案登记"
        fig.annex.append(
            AnnexRow(
                first.id,
                doc.issuer.name,
                doc.name,
                doc.doc_number,
                doc.published,
                first.received,
                first.on_time,
                len(doc.filings) - 1,
                doc.is_normative,
                st.count("confirmed"),
                result,
            )
        )
    return fig


def _cases(candidates, limit: int) -> list[Case]:
    """Typical cases: corrected documents first, then the most serious findings, one
    category per case so the cases show different kinds of problem."""

    def rank(item):
        doc, confirmed = item
        best = min(SEVERITY_ORDER.get(f.severity, 3) for f in confirmed)
        return (0 if doc.corrections else 1, best, -len(confirmed), doc.id)

    cases, used = [], set()
    for doc, confirmed in sorted(candidates, key=rank):
        options = sorted(confirmed, key=lambda f: (f.category in used, SEVERITY_ORDER.get(f.severity, 3), f.no))
        f = options[0]
        used.add(f.category)
        cases.append(
            Case(
                title=doc.name,
                issuer=doc.issuer.name,
                doc_number=doc.doc_number,
                filing_id=doc.filings[0].id,
                provision=printed_label(SimpleNamespace(text=doc.text or "", body_start=0), f),
                quote=_strip_label(_quote(doc.text, f.start, f.end), f.provision) or f.text or "",
                words=f.text,
                category=f.category,
                category_name=CATEGORY_NAMES.get(f.category, f.category),
                basis=f.worded("basis"),
                explanation=f.worded("explanation") or f.worded("message"),
                outcome=_outcome_text(doc),
                by_reviewer=f.by_reviewer,
            )
        )
        if len(cases) >= limit:
            break
    return cases
