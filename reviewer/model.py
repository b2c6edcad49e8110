"""Frozen dataclasses shared by every stage of the review flow.

Every span keeps character offsets into the document's extracted text, so a
finding can always be pointed back at the exact words a reviewer must read.
"""

from __future__ import annotations

from dataclasses import dataclass, field, asdict
from typing import Optional

CATEGORIES = (
    "ultra_vires.license",
    "ultra_vires.penalty",
    "ultra_vires.coercion",
    "ultra_vires.fee",
    "ultra_vires.obligation",
    "ultra_vires.issuer",
    "ultra_vires.other",
    "fair_competition.entry",
    "fair_competition.flow",
    "fair_competition.cost",
    "fair_competition.conduct",
    "superior_law.repealed",
    "superior_law.not_yet_effective",
    "superior_law.unresolved",
    "superior_law.conflict",
    "procedure.validity",
    "procedure.doc_number",
    "procedure.filing",
    "procedure.other",
)
SEVERITIES = ("error", "warning", "info")
CLEANUP_CATEGORIES = ("remain", "modify", "abolish", "void")


@dataclass(frozen=True)
class Anchor:
    """Where a stretch of extracted text came from in the source file."""

    start: int
    end: int
    page: Optional[int] = None  # 1-based PDF page
    paragraph: Optional[int] = None  # 0-based docx/text paragraph index


@dataclass(frozen=True)
class ExtractedText:
    """What an ingest reader returns: plain text, one paragraph per line."""

    text: str
    source_format: str  # docx | pdf | text | html
    anchors: tuple[Anchor, ...] = ()
    encoding: Optional[str] = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Provision:
    """A node of the 章/节/条/款/项 tree."""

    kind: str  # chapter | section | article | paragraph | item | block
    label: str  # 第三章, 第五条, 第二款, （一）
    start: int
    end: int
    number: Optional[int] = None
    children: tuple["Provision", ...] = ()

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class Citation:
    text: str
    start: int
    end: int
    title: Optional[str] = None
    article: Optional[str] = None
    doc_number: Optional[str] = None
    resolved: Optional[str] = None
    status: str = "unverified"  # in_force | amended | repealed | not_yet_effective | unverified

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "title": self.title,
            "article": self.article,
            "doc_number": self.doc_number,
            "resolved": self.resolved,
            "status": self.status,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class DocNumber:
    text: str  # as printed
    start: int
    end: int
    prefix: str = ""
    year: Optional[int] = None
    serial: Optional[str] = None
    normalized: str = ""  # with 〔〕
    form_defect: Optional[str] = None  # a sentence in Chinese, or None


@dataclass(frozen=True)
class Document:
    text: str
    title: Optional[str] = None
    measure_title: Optional[str] = None
    issuers: tuple[str, ...] = ()
    doc_number: Optional[DocNumber] = None
    date: Optional[str] = None  # ISO date the document was signed or issued
    effective_date: Optional[str] = None
    valid_until: Optional[str] = None
    validity_years: Optional[float] = None
    validity_text: Optional[str] = None
    is_provisional: bool = False  # 暂行 / 试行
    is_normative: bool = True
    normative_reason: str = ""
    not_normative_evidence: bool = False  # positively a work plan, report, notice…: content rules stay silent
    kind: str = "document"  # document | fragment (one provision pasted alone) | case (a published review case quoting a provision)
    provisions: tuple[Provision, ...] = ()
    body_start: int = 0  # where the attached measure (or the body) begins
    citations: tuple[Citation, ...] = ()
    source_format: str = "text"
    anchors: tuple[Anchor, ...] = ()

    @property
    def issuer(self) -> Optional[str]:
        return "、".join(self.issuers) if self.issuers else None

    @property
    def doc_type(self) -> str:
        """law | administrative_regulation | local_regulation | rule | normative | not_normative"""
        if self.is_normative:
            return "normative"
        from .normative import superior_law_kind

        found = superior_law_kind(self.text) if self.kind == "document" else None
        return found[0] if found else "not_normative"


@dataclass(frozen=True)
class Finding:
    rule: str
    category: str
    severity: str
    text: str
    start: int
    end: int
    provision: Optional[str]
    basis: str
    explanation: str
    suggestion: str
    message: str = ""
    source: str = "tool"  # tool | reviewer (a finding the reviewer added; reviewer.own_findings)

    @property
    def by_reviewer(self) -> bool:
        return self.source == "reviewer"

    def to_json(self) -> dict:
        data = asdict(self)
        if data["source"] == "tool":  # the contract's keys for the tool's findings stay as they were
            del data["source"]
        return data


@dataclass(frozen=True)
class Verdict:
    category: str  # remain | modify | abolish | void
    reasons: tuple[str, ...] = ()
    conclusion: str = ""  # 合法 | 修改后合法 | 不合法 (reviewer.cleanup.judge)


@dataclass(frozen=True)
class Review:
    file: str
    document: Document
    findings: tuple[Finding, ...] = ()
    verdict: Verdict = field(default_factory=lambda: Verdict("remain"))
    as_of: Optional[str] = None  # the date and profile the review was made with: every later
    profile: Optional[dict] = field(default=None, compare=False, repr=False)  # verdict uses the same

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


@dataclass(frozen=True)
class Act:
    """An act of a statutory kind named in a clause (行政处罚法第九条's kinds of penalty,
    行政强制法第九条's coercive measures, a licence condition, a fee, a burden)."""

    kind: str  # e.g. penalty.fine, coercion.utility, flow.local_presence
    category: str  # the finding category it belongs to
    source: str  # the article that names the kind
    by: str  # government (done to a party) | party (a duty the party performs)
    start: int
    end: int
    negated: bool = False  # under a negator in its own clause (不得收取)
    bare_basis_cures: bool = True  # a bare 依法 can vouch for it (not for 不予补偿, 停水停电)
    imposed: bool = True  # done to someone here, not only named (处罚的种类包括…)
    needs_self_defined: bool = False  # a finding only as a sanction for conduct the document defines


@dataclass(frozen=True)
class Clause:
    """The frame of one sentence (split at 。；！？ and line ends): what a reviewer reads
    before judging whether it creates a burden."""

    start: int
    end: int
    article_start: int
    article_end: int
    addressee: str  # government | private | public | unknown
    private_party: bool  # a private party is named in the sentence
    force: str  # prohibition | condition | command | permission | none
    acts: tuple[Act, ...] = ()
    basis: str = "none"  # specific | referral | bare | none
    basis_text: Optional[str] = None
    self_defined: bool = False  # the conduct sanctioned is defined by this document (违反本办法…)
    exception: Optional[str] = None  # 法律、法规另有规定的从其规定 in the same article
    not_provision: Optional[str] = None  # heading | toc: no provision at all
    programme: bool = False  # about the issuer's own award, fund, recognition or recruitment


@dataclass(frozen=True)
class Reading:
    """The reading stage's result. Sentence frames are built when first asked for: most
    sentences of a long document are never asked about, and a frame costs regex work."""

    spans: tuple[tuple[int, int], ...] = ()  # every sentence of the body
    excluded: tuple[tuple[int, int, str], ...] = ()  # cited titles, annex names, checklists
    internal: bool = False  # addressed to government organs only (各市人力资源社会保障局：)
    programme: bool = False  # the document's own subject is an award, fund or recognition programme
    high_issuer: bool = False  # issued by the State Council or its General Office
    judicial_issuer: bool = False  # a court or procuratorate among the issuers (its measures are judicial)
    with_acts: tuple[int, ...] = ()  # indexes of the sentences that name an act

    def frame(self, i: int) -> "Clause":
        cache = self.__dict__.setdefault("_frames", {})
        if i not in cache:
            cache[i] = self.__dict__["_build"](*self.spans[i])
        return cache[i]

    @property
    def clauses(self) -> tuple["Clause", ...]:
        return tuple(self.frame(i) for i in range(len(self.spans)))

    @property
    def starts(self) -> list[int]:
        cached = self.__dict__.get("_starts")
        if cached is None:
            cached = [s for s, _ in self.spans]
            object.__setattr__(self, "_starts", cached)
        return cached

    @property
    def excluded_starts(self) -> list[int]:
        cached = self.__dict__.get("_ex_starts")
        if cached is None:
            cached = [s for s, _, _ in self.excluded]
            object.__setattr__(self, "_ex_starts", cached)
        return cached
