"""The cleanup policy (DOMAIN.md §7): propose remain / modify / abolish / void with
the reasons a reviewer would write. A person decides; this only proposes.

Public verb: `propose_cleanup(document, findings, as_of, profile) -> Verdict`; the
thresholds come from the jurisdiction profile (rules/profiles/), national by default.
"""
from __future__ import annotations

import re
from datetime import date

from .dates import to_prose
from .model import Document, Finding, Verdict

_CONTENT = ("ultra_vires.", "fair_competition.", "superior_law.conflict")
_PLAN_RE = re.compile(r"要点|计划|方案|安排|部署|任务|活动")
_YEAR_IN_TITLE = re.compile(r"(\d{4})(?:[—\-－至到](\d{4}))?年")


def _content_errors(findings):
    return [f for f in findings if f.severity == "error" and f.category.startswith(_CONTENT)]


def propose_cleanup(doc: Document, findings: list[Finding] | tuple[Finding, ...], as_of: str | None = None,
                    profile: dict | None = None) -> Verdict:
    as_of = as_of or date.today().isoformat()
    limit = int((profile or {}).get("provisional_max_years", 2))
    reasons: list[str] = []
    title = doc.measure_title or doc.title or ""
    if doc.valid_until and doc.valid_until < as_of and doc.kind == "document":
        # A lapsed document is declared void whatever else is wrong with it, and whatever its
        # type: content problems matter only if it is made again.
        name = f"《{title}》" if title else "该文件"
        reasons = [f"{name}有效期已于{to_prose(doc.valid_until)}届满，建议宣布失效"]
        if _content_errors(findings):
            reasons.append("文件另有超越权限或排除、限制竞争等问题，如需重新制定，应当予以纠正")
        return Verdict("void", tuple(reasons))
    if not doc.is_normative:
        head = title or doc.text[:300]
        years = [int(y) for m in _YEAR_IN_TITLE.finditer(head) for y in m.groups() if y]
        if years and max(years) < int(as_of[:4]) and _PLAN_RE.search(head):
            name = f"《{title}》" if title else "该文件"
            return Verdict("void", (f"{name}为{max(years)}年度的一次性工作部署，所涉工作期限已届满，建议宣布失效",))
        return Verdict("remain", (f"不属于行政规范性文件（{doc.normative_reason}），不纳入规范性文件清理",))
    issuer = [f for f in findings if f.category == "ultra_vires.issuer" and f.severity == "error"]
    if issuer:
        return Verdict("abolish", ("制发主体不具有制定规范性文件的资格，建议废止，确需保留的内容由有权机关重新制定",))
    errors = _content_errors(findings)
    provisions = {f.provision or f.start for f in errors}
    articles = sum(1 for _ in _articles(doc))
    repealed = [f for f in findings if f.category == "superior_law.repealed"]
    if errors and (len(provisions) >= 8 or (articles and len(provisions) / articles >= 0.4)):
        reasons.append(f"共有{len(provisions)}处条款存在超越权限或排除、限制竞争等问题，主要内容与上位法相抵触，建议废止")
        return Verdict("abolish", tuple(reasons))
    if errors:
        cats = sorted({_CATEGORY_NAMES.get(f.category, f.category) for f in errors})
        where = "、".join(dict.fromkeys(f.provision for f in sorted(errors, key=lambda f: f.start) if f.provision)) or "部分条款"
        reasons.append(f"{where}存在{'、'.join(cats)}问题，建议修改相关条款后继续有效")
    if repealed:
        reasons.append("引用的上位法已废止或失效，建议修改引用依据")
    if doc.is_provisional and doc.valid_until is None and doc.effective_date:
        start = date.fromisoformat(doc.effective_date)
        if (date.fromisoformat(as_of) - start).days > limit * 365:
            reasons.append(f"暂行（试行）文件实施已超过{limit}年且未规定有效期，建议评估后修改或重新制定")
    if reasons:
        return Verdict("modify", tuple(reasons))
    return Verdict("remain", ("未发现与上位法相抵触或排除、限制竞争的内容，建议继续有效",))


def _articles(doc):
    from .structure import iter_provisions
    return iter_provisions(doc.provisions, ("article", "part"))


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
