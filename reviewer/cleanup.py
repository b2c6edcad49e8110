"""One verdict (DOMAIN.md §7, docs/cleanup.md): the cleanup category — remain / modify /
abolish / void — and the review opinion's conclusion — 合法 / 修改后合法 / 不合法 — from one
function over the findings a reviewer keeps, with the reasons a reviewer would write. A
person decides; this only proposes.

Public verbs:
- `judge(doc_or_facts, findings, as_of=, profile=) -> Verdict`: the one function. Every
  caller — check, the opinion, the cleanup lists, the register, the report, the desk —
  goes through it with the review's own `as_of` and profile.
- `verdict_of(review, kept=None)`: `judge` over the findings kept (all by default) with
  the date and profile the review was made with.
- `facts_of(doc)` / `Facts.from_json`: what the verdict needs to know about the document
  (its provisions, validity, basis), small enough to store beside the findings so that
  the register can judge again after a reviewer's decisions without the file.
- `propose_cleanup(doc, findings, as_of, profile)`: `judge`, kept under its old name.

What each category and severity does is data: the `verdict` section of the jurisdiction
profile (rules/profiles/national.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Mapping, Optional, Sequence

from .dates import to_prose
from .model import Document, Finding, Verdict
from .profile import default_as_of

LAWFUL, LAWFUL_IF_AMENDED, UNLAWFUL = "合法", "修改后合法", "不合法"
CONCLUSIONS = {"remain": LAWFUL, "modify": LAWFUL_IF_AMENDED, "abolish": UNLAWFUL}
CLEANUP_NAMES = {"remain": "继续有效", "modify": "修改", "abolish": "废止", "void": "宣布失效"}
SEVERITY_NAMES = {"error": "问题", "warning": "提示", "info": "参考"}

_PLAN_RE = re.compile(r"要点|计划|方案|安排|部署|任务|活动")
_YEAR_IN_TITLE = re.compile(r"(\d{4})(?:[—\-－至到](\d{4}))?年")
# 第一条 为了……，根据《…》《…》等法律法规，结合本市实际，制定本办法。
_BASIS_CLAUSE = re.compile(
    r"(?:根据|依据|依照|按照)([^。]{2,400}?)制定本(?:办法|规定|细则|措施|意见|决定|规则|标准|实施办法)"
)
_IMPLEMENTS = re.compile(r"实施[《〈]([^《》〈〉]+)[》〉]|[《〈]([^《》〈〉]+)[》〉](?:的)?实施(?:办法|细则|意见|规定)")
_TITLE_RE = re.compile(r"[《〈]([^《》〈〉]+)[》〉]")
_OTHER_BASIS = re.compile(r"有关(?:法律|法规|规定|政策)|国家(?:和|及)?[^，。]{0,8}(?:规定|政策|要求)|上级")

_DEFAULT_POLICY = {
    "effects": {"default": {"error": "modify", "warning": "modify", "info": "none"}},
    "document_effects": {"ultra_vires.issuer": {"error": "abolish", "warning": "modify", "info": "none"}},
    "abolish_categories": ["ultra_vires", "fair_competition", "superior_law.conflict"],
    "abolish_share": 0.4,
    "abolish_min_provisions": 3,
    "void_when_expired": True,
    "void_when_basis_repealed": True,
}


@dataclass(frozen=True)
class Facts:
    """What the verdict reads of a document besides its findings."""

    kind: str = "document"
    is_normative: bool = True
    normative_reason: str = ""
    name: str = ""  # the measure's title, for reasons (without 《》)
    head: str = ""  # title or the first lines: one-off plans are read from it
    valid_until: Optional[str] = None
    effective_date: Optional[str] = None
    is_provisional: bool = False
    provisions: tuple[tuple[int, int], ...] = ()  # spans of the articles (or 一、二、 parts)
    basis_laws: tuple[str, ...] = ()  # titles of the laws the document is made under ("*": other bases too)

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "is_normative": self.is_normative,
            "normative_reason": self.normative_reason,
            "name": self.name,
            "head": self.head,
            "valid_until": self.valid_until,
            "effective_date": self.effective_date,
            "is_provisional": self.is_provisional,
            "provisions": [list(p) for p in self.provisions],
            "basis_laws": list(self.basis_laws),
        }

    @classmethod
    def from_json(cls, data: Mapping) -> "Facts":
        return cls(
            kind=data.get("kind") or "document",
            is_normative=bool(data.get("is_normative", True)),
            normative_reason=data.get("normative_reason") or "",
            name=data.get("name") or "",
            head=data.get("head") or "",
            valid_until=data.get("valid_until"),
            effective_date=data.get("effective_date"),
            is_provisional=bool(data.get("is_provisional")),
            provisions=tuple(tuple(p) for p in data.get("provisions") or ()),
            basis_laws=tuple(data.get("basis_laws") or ()),
        )


def facts_of(doc: Document) -> Facts:
    from .structure import iter_provisions

    title = doc.measure_title or doc.title or ""
    m = re.fullmatch(r".*关于印发《(.+)》的通知", title)
    name = (m.group(1) if m else title).strip("《》 ")
    basis: list[str] = []
    im = _IMPLEMENTS.search(name)
    if im:
        basis.append(im.group(1) or im.group(2))
    else:
        clause = _BASIS_CLAUSE.search(doc.text, doc.body_start)
        if clause and clause.start() - doc.body_start < 600:
            inner = clause.group(1)
            titles = _TITLE_RE.findall(inner)
            basis.extend(titles)
            if titles and _OTHER_BASIS.search(_TITLE_RE.sub("", inner)):
                basis.append("*")
    return Facts(
        kind=doc.kind,
        is_normative=doc.is_normative,
        normative_reason=doc.normative_reason,
        name=name,
        head=(title or doc.text[:300]),
        valid_until=doc.valid_until,
        effective_date=doc.effective_date,
        is_provisional=doc.is_provisional,
        provisions=tuple((p.start, p.end) for p in iter_provisions(doc.provisions, ("article", "part"))),
        basis_laws=tuple(dict.fromkeys(basis)),
    )


def _policy(profile: Optional[Mapping]) -> dict:
    if profile is None:
        from .review import load_profile

        profile = load_profile(None)
    return {**_DEFAULT_POLICY, **(profile.get("verdict") or {})}


def _lookup(table: Mapping, category: str):
    """A category's entry: its full name first, then its pack (ultra_vires), then default."""
    return table.get(category) or table.get(category.split(".")[0]) or table.get("default")


def effect(finding: Finding, policy: Mapping) -> str:
    """modify | abolish | none: what one kept finding does to the document, by the profile."""
    table = (
        (policy.get("document_effects") or {}).get(finding.category)
        or _lookup(policy["effects"], finding.category)
        or {}
    )
    return table.get(finding.severity, "none")


def _in_abolish_scope(category: str, policy: Mapping) -> bool:
    return any(category == c or category.startswith(c + ".") for c in policy["abolish_categories"])


def _where(findings: Sequence[Finding]) -> str:
    provisions = list(dict.fromkeys(f.provision for f in sorted(findings, key=lambda f: f.start) if f.provision))
    if not provisions:
        return "文件"
    if len(provisions) > 6:
        return "、".join(provisions[:6]) + f"等{len(provisions)}处条款"
    return "、".join(provisions)


def _article_of(start: int, spans: Sequence[tuple[int, int]]) -> Optional[int]:
    for i, (s, e) in enumerate(spans):
        if s <= start < e:
            return i
    return None


def _content(facts: Facts, kept: Sequence[Finding], as_of: str, profile: Mapping, policy: Mapping):
    """The category the findings make, the lapse of time aside: (category, reasons)."""
    issuer = [f for f in kept if effect(f, policy) == "abolish"]
    if issuer:
        return (
            "abolish",
            ("制定主体不具有制定行政规范性文件的资格，建议废止；确需保留的内容，由有权机关依照法定权限和程序重新制定",),
            ["制定主体不具有制定行政规范性文件的资格"],
        )
    modify = [f for f in kept if effect(f, policy) != "none"]
    spans = facts.provisions
    if facts.kind == "document" and spans:
        grave = [f for f in modify if f.severity == "error" and _in_abolish_scope(f.category, policy)]
        hit = {_article_of(f.start, spans) for f in grave} - {None}
        share = len(hit) / len(spans)
        if len(hit) >= int(policy["abolish_min_provisions"]) and share >= float(policy["abolish_share"]):
            problem = (
                f"全文{len(spans)}条中有{len(hit)}条（{share:.0%}）存在超越法定权限、排除限制竞争或者与上位法相抵触的问题，"
                "主要内容与上位法相抵触"
            )
            return "abolish", (problem + "，建议废止",), [problem]
    reasons: list[str] = []
    by_cat: dict[str, list[Finding]] = {}
    for f in sorted(modify, key=lambda f: f.start):
        by_cat.setdefault(f.category, []).append(f)
    for cat, items in by_cat.items():
        reasons.append(f"{_where(items)}存在{CATEGORY_NAMES.get(cat, '其他').removesuffix('问题')}问题")
    limit = int(profile.get("provisional_max_years", 2))
    if (
        facts.kind == "document"
        and facts.is_normative
        and facts.is_provisional
        and facts.valid_until is None
        and facts.effective_date
        and "procedure.validity" not in by_cat
    ):
        start = date.fromisoformat(facts.effective_date)
        if (date.fromisoformat(as_of) - start).days > limit * 365:
            reasons.append(f"暂行（试行）文件实施已超过{limit}年且未规定有效期，应当评估后修改或者重新制定")
    if reasons:
        return "modify", tuple(reasons) + ("建议修改相关内容后继续有效",), reasons
    return "remain", ("未发现与上位法相抵触或者排除、限制竞争的内容，建议继续有效",), []


def _basis_repealed(facts: Facts, kept: Sequence[Finding]) -> bool:
    from .laws import normalize_title

    if not facts.basis_laws or "*" in facts.basis_laws:
        return False
    # A law repealed after the document was made (SL001 warns) took the basis away; one repealed
    # before it (SL001 errs) was never a basis: the citation is a drafting error to correct.
    repealed = {
        normalize_title(t)
        for f in kept
        if f.category == "superior_law.repealed" and f.severity != "error"
        for t in _TITLE_RE.findall(f.text or "")
    }
    return {normalize_title(t) for t in facts.basis_laws} <= repealed


def judge(
    subject, findings: Sequence[Finding], as_of: Optional[str] = None, profile: Optional[Mapping] = None
) -> Verdict:
    """The verdict on a document (or its stored Facts) over the findings the reviewer keeps."""
    facts = subject if isinstance(subject, Facts) else facts_of(subject)
    as_of = as_of or default_as_of()
    policy = _policy(profile)
    profile = profile if profile is not None else {}
    kept = list(findings)
    category, reasons, _ = _content(facts, kept, as_of, profile, policy)
    conclusion = CONCLUSIONS[category]
    name = f"《{facts.name}》" if facts.name else "该文件"
    if (
        policy.get("void_when_expired", True)
        and facts.valid_until
        and facts.valid_until < as_of
        and facts.kind == "document"
    ):
        # A lapsed document is declared void whatever else is wrong with it, and whatever its
        # type: content problems matter only if it is made again. Its validity warnings are
        # the lapse itself (or a missing period) and say nothing of its content.
        content = [f for f in kept if f.category != "procedure.validity" or f.severity == "error"]
        category, _, problems = _content(facts, content, as_of, profile, policy)
        out = [f"{name}有效期已于{to_prose(facts.valid_until)}届满，建议宣布失效"]
        if problems:
            out.append("此外，" + "；".join(problems) + "，如需重新制定，应当予以纠正")
        return Verdict("void", tuple(out), CONCLUSIONS[category])
    if not facts.is_normative:
        years = [int(y) for m in _YEAR_IN_TITLE.finditer(facts.head) for y in m.groups() if y]
        if years and max(years) < int(as_of[:4]) and _PLAN_RE.search(facts.head):
            return Verdict(
                "void", (f"{name}为{max(years)}年度的一次性工作部署，所涉工作期限已届满，建议宣布失效",), conclusion
            )
        return Verdict(
            "remain",
            (f"不属于行政规范性文件（{facts.normative_reason or '不具有普遍约束力'}），不纳入规范性文件清理",),
            conclusion,
        )
    if policy.get("void_when_basis_repealed", True) and facts.kind == "document" and _basis_repealed(facts, kept):
        laws = "、".join(f"《{t}》" for t in facts.basis_laws)
        return Verdict(
            "void",
            (
                f"{name}的制定依据{laws}已经废止，文件失去制定依据，建议宣布失效；"
                "确需继续规范的事项，应当依据现行有效的规定重新制定",
            ),
            conclusion,
        )
    return Verdict(category, reasons, conclusion)


def propose_cleanup(doc: Document, findings, as_of: str | None = None, profile: dict | None = None) -> Verdict:
    return judge(doc, findings, as_of, profile)


def verdict_of(review, kept: Optional[Sequence[Finding]] = None) -> Verdict:
    """The verdict over the findings kept (all by default), with the review's own date and profile.
    With every finding kept this is the verdict the review was made with."""
    if kept is None:
        return review.verdict
    return judge(review.document, kept, review.as_of, review.profile)


_CATEGORY_NAMES = {
    "ultra_vires.license": "违法设定行政许可",
    "ultra_vires.penalty": "违法设定行政处罚",
    "ultra_vires.coercion": "违法设定行政强制",
    "ultra_vires.fee": "违法设定收费",
    "ultra_vires.obligation": "违法减损权益或增加义务",
    "ultra_vires.issuer": "制发主体不适格",
    "ultra_vires.other": "超越职权",
    "fair_competition.entry": "限制市场准入和退出",
    "fair_competition.flow": "限制商品和要素自由流动",
    "fair_competition.cost": "影响生产经营成本",
    "fair_competition.conduct": "影响生产经营行为",
    "superior_law.repealed": "引用已废止的上位法",
    "superior_law.not_yet_effective": "引用尚未施行的上位法",
    "superior_law.unresolved": "引用无法核实的依据",
    "superior_law.conflict": "与上位法相抵触",
    "procedure.validity": "有效期问题",
    "procedure.doc_number": "发文字号格式问题",
    "procedure.filing": "备案问题",
    "procedure.other": "程序问题",
}
CATEGORY_NAMES = _CATEGORY_NAMES
