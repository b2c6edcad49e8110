"""理由和依据 that speak of the provision under review.

A rule's explanation is written for every document; the opinion a reviewer signs reasons
about this provision: which words, done to whom, for what conduct, of which statutory kind,
on which basis (the frame the reading stage recorded for the sentence, reviewer.reading),
and then the rule's legal basis, said once per rule and referred back to afterwards.

Public verbs: `specific_reason(doc, reading, findings, unit)`, `legal_basis(finding)`.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from ..model import Act, Clause, Document, Finding, Reading

# What each statutory kind of act is called in the law that lists it.
ACT_NAMES = {
    "penalty.warning": "警告、通报批评",
    "penalty.fine": "罚款",
    "penalty.confiscation": "没收违法所得、没收非法财物",
    "penalty.licence": "暂扣许可证件、降低资质等级、吊销许可证件",
    "penalty.business": "限制开展生产经营活动、责令停产停业、责令关闭",
    "penalty.practice": "限制从业",
    "penalty.detention": "行政拘留",
    "coercion.seizure": "查封、扣押、冻结等行政强制措施",
    "coercion.utility": "停止供水、供电、供热、供燃气等方式",
    "coercion.destruction": "强制拆除、销毁等行政强制执行",
    "coercion.culling": "强制扑杀等行政强制执行",
    "coercion.checkpoint": "设卡拦截、检查等行政强制措施",
    "license.precondition": "行政许可的条件",
    "license.filing": "事前准许",
}

# What a finding of each category does to the party, in the words of the review.
_EFFECT = {
    "ultra_vires.penalty": "属于以规范性文件设定行政处罚",
    "ultra_vires.coercion": "属于以规范性文件设定行政强制",
    "ultra_vires.license": "使其从事该活动须事先取得行政机关的准许，属于以规范性文件设定行政许可",
    "ultra_vires.fee": "属于以规范性文件设定收费项目",
    "ultra_vires.obligation": "属于没有法律、法规依据减损其合法权益或者增加其义务",
    "fair_competition.entry": "对经营者进入或者退出相关市场设置了限制",
    "fair_competition.flow": "妨碍商品和要素在地区之间自由流动",
    "fair_competition.cost": "以特定经营者为对象给予优惠或者增加负担，影响经营者的生产经营成本",
    "fair_competition.conduct": "干预经营者自主的生产经营行为",
}
_SUPERIOR = {
    "superior_law.repealed": "已经废止",
    "superior_law.not_yet_effective": "在本文件施行时尚未施行",
    "superior_law.unresolved": "未能查实其名称和效力",
}

# A private party named by the words that stand for the person (not 建筑物, not 者).
_OBJECTS = {
    "建筑物",
    "房屋",
    "车辆",
    "违法建筑",
    "违章建筑",
    "违法违章建筑",
    "人口",
    "者",
    "人员",
    "机构",
    "单位",
    "社区",
    "各村",
    "权人",
}
_NUMBERING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[条章节款项]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d))\s*"
)
_VIOLATION = re.compile(r"^违反本(?:办法|规定|细则|意见|通知|方案|措施)[^，,。；]{0,20}?(?:规定|要求)?[的，,]+")
_LAW_SENTENCE = re.compile(r"《|该法|该条例|法第|条例第|通知要求|意见要求|规定要求")


def legal_basis(finding: Finding, said: str = "") -> str:
    """The sentences of the rule's explanation that state the law (依照《…》第×条, …不得设定…),
    without the generic account of what the rule looks for; the basis cited when none does."""
    text = (finding.explanation or "").strip()
    sentences = [s + "。" for s in re.split(r"(?<=。)", text) if s.strip() for s in [s.strip().rstrip("。")] if s]
    kept = [s for s in sentences if _LAW_SENTENCE.search(s) and not _already_said(s, said)]
    if kept:
        return "".join(kept)
    basis = (finding.basis or "").strip().rstrip("。")
    if basis:
        return f"{sentences[0] if sentences else ''}上述意见的依据是{basis}。"
    return "".join(sentences)


def _already_said(sentence: str, said: str) -> bool:
    """A sentence that only names the act's kind by the article the reason already cited
    (罚款是《…行政处罚法》第九条规定的行政处罚种类), not one that states a prohibition."""
    cites = re.findall(r"《[^》]+》第[一二三四五六七八九十百零]+条", sentence)
    return (
        bool(said) and bool(cites) and all(c in said for c in cites) and not re.search(r"不得|只能|禁止|应当", sentence)
    )


def specific_reason(doc: Document, reading: Optional[Reading], findings: Sequence[Finding], unit: str) -> str:
    """One sentence on what was found in this provision: the words, the party, the conduct,
    the act's statutory kind and the basis the sentence gives. Empty when nothing can be said
    beyond the finding's own message (a finding about the document as a whole)."""
    f = findings[0]
    text = doc.text
    clause = _clause(reading, f.start) if reading is not None and f.end > f.start else None
    act = _act(clause, findings) if clause else None
    words = _words(text, findings, act)
    if not words:
        return ""
    category = f.category
    if category in _SUPERIOR:
        return f"{unit}援引的{words}{_SUPERIOR[category]}，不能作为该条规定的依据。"
    if category == "superior_law.conflict":
        return f"{unit}{words}与上位法的规定不一致。"
    if category not in _EFFECT:
        return ""
    who = _party(text, clause, findings) if clause else ""
    conduct = _conduct(text, clause, act.start if act else f.start) if clause else ""
    lead = False
    if conduct and who and conduct.startswith(who) and "之一" not in conduct:  # 经营者未按期整改的 → 未按期整改的经营者
        target = conduct[len(who) :] + who
    elif conduct and who and who in conduct:  # 经营者有所列情形之一的 → 规定经营者…的，对其…
        unit, target, lead = f"{unit}规定{conduct}，", "其", True
    elif conduct:
        target = conduct + (who or "当事人")
    else:
        target = who or "当事人"
    basis = _basis_phrase(clause)
    if category in ("ultra_vires.penalty", "ultra_vires.coercion") and act and act.kind in ACT_NAMES:
        return (
            f"{unit}对{target}{words}，属于{_cite(act.source)}规定的{ACT_NAMES[act.kind]}；"
            f"{basis}，{_EFFECT[category]}。"
        )
    if category == "ultra_vires.penalty":
        return f"{unit}对{target}{words}，具有制裁性；{basis}，{_EFFECT[category]}。"
    if category == "ultra_vires.coercion":
        return f"{unit}对{target}{words}；{basis}，{_EFFECT[category]}。"
    if category == "ultra_vires.license":
        return f"{unit}要求{target}{words}，{_EFFECT[category]}；{basis}。"
    if category == "ultra_vires.fee":
        verb = "" if re.match(r"“?(?:缴纳|交纳|支付|承担|预交|预存)", words) else "承担"
        return f"{unit}要求{target}{verb}{words}；{basis}，{_EFFECT[category]}。"
    if category == "ultra_vires.obligation":
        return f"{unit}对{target}{'' if lead else '规定'}{words}；{basis}，{_EFFECT[category]}。"
    if category.startswith("fair_competition."):
        return f"{unit}规定{words}，{_EFFECT[category]}；{basis}，也未说明属于公平竞争审查的例外情形。"
    return ""


def _clause(reading: Reading, pos: int) -> Optional[Clause]:
    from ..reading import clause_at  # read only: the frames the review itself used

    try:
        return clause_at(reading, pos)
    except (IndexError, KeyError):
        return None


def _act(clause: Clause, findings: Sequence[Finding]) -> Optional[Act]:
    f = findings[0]
    acts = [a for a in clause.acts if not a.negated and a.imposed]
    for a in acts:
        if any(a.start < x.end and x.start < a.end for x in findings) and a.category == f.category:
            return a
    for a in acts:
        if a.category == f.category:
            return a
    return None


def _words(text: str, findings: Sequence[Finding], act: Optional[Act]) -> str:
    """The words found, quoted: the act's own words when the finding covers more."""
    out: list[str] = []
    for x in findings:
        w = (text[x.start : x.end] if x.end > x.start else x.text) or x.text or ""
        end = x.end
        if act and len(findings) == 1 and len(w) > 24 and act.start >= x.start and act.end <= x.end + 8:
            w, end = text[act.start : act.end], act.end
        w = re.split(r"[。；;\n]", w.strip())[0].strip("，,：: ")
        if 0 < len(w) <= 3 and x.end > x.start:  # 扣押 → 扣押违法运输车辆: the act with its object
            tail = re.match(r"[^，,。；;、\n]{0,14}", text[end : end + 14])
            w += tail.group() if tail else ""
        if len(w) > 30:
            cut = max(w.rfind(c, 0, 30) for c in "，,、")
            w = (w[:cut] if cut >= 8 else w[:28]) + "……"
        if w and w not in out:
            out.append(w)
    return "、".join(w if (w.startswith("《") and w.endswith("》")) else f"“{w}”" for w in out[:3])


def _party(text: str, clause: Clause, findings: Sequence[Finding]) -> str:
    """The private party the sentence speaks to: named before the words found (经营者申请备案，
    应当提交…居民委员会出具的证明 speaks to 经营者, not to 居民委员会)."""
    from ..vocabulary import VOCABULARY

    rx = VOCABULARY().private_rx
    base = clause.article_start
    region = re.sub(r"《[^《》]*》", lambda m: "\0" * len(m.group()), text[base : clause.end])
    found = []
    for m in rx.finditer(region):
        word = m.group()
        pre = region[max(0, m.start() - 2) : m.start()]
        if (
            word in ("单位", "机构")
            and re.fullmatch(r"[\u4e00-\u9fa5]{2}", pre)
            and pre not in ("有关", "相关", "其他", "上述", "管理", "主管", "行政", "监管", "执法")
        ):
            word = pre + word  # 建设单位, 施工单位, 培训机构
        elif word in _OBJECTS:
            continue
        found.append((m.start() + base - (len(word) - len(m.group())), word))
    inside = [(p, w) for p, w in found if any(x.start <= p < x.end for x in findings)]
    before = [(p, w) for p, w in found if (p, w) not in inside]
    # a party named inside the words found, but not as the subject they open with
    inside = [(p, w) for p, w in inside if all(p != x.start for x in findings)]
    for _, word in before or inside:
        return word
    return ""


def _conduct(text: str, clause: Clause, before: int) -> str:
    """The conduct the sentence attaches its measure to (未按期整改的), when short."""
    head = text[clause.start : max(clause.start, before)]
    k = max(head.rfind("的，"), head.rfind("的,"))
    if k < 0:
        return ""
    lead = _NUMBERING.sub("", head[: k + 1]).strip()
    lead = _VIOLATION.sub("", lead).replace("下列", "所列")
    seen = max(lead.rfind("发现"), lead.rfind("对于"))  # 市城管局在检查中发现…的 → …的
    if seen >= 0:
        lead = lead[seen + 2 :]
    lead = re.sub(r"^(?:对|凡|如)", "", lead)
    return lead if 3 <= len(lead) <= 40 and not re.search(r"[，,：:]", lead) else ""


def _basis_phrase(clause: Optional[Clause]) -> str:
    if clause is None or clause.basis == "none":
        return "本文件未载明法律、法规依据"
    said = (clause.basis_text or "").strip()
    if clause.basis == "bare":
        return f"条文仅有“{said}”的笼统表述，未载明具体的法律、法规依据" if said else "未载明具体的法律、法规依据"
    if clause.basis == "referral":
        return f"条文虽有“{said}”的表述，但未指明设定该措施的具体法律、法规条款"
    return (
        f"条文虽援引{said}，但应当核实上位法是否规定了该措施"
        if said.startswith("《")
        else f"条文虽有“{said}”的表述，但应当核实上位法是否规定了该措施"
    )


def _cite(source: str) -> str:
    """中华人民共和国行政处罚法第九条第（二）项 → 《中华人民共和国行政处罚法》第九条第（二）项."""
    parts = []
    for piece in re.split(r"[；;]", source):
        piece = piece.strip()
        m = re.match(r"^(.+?(?:法|条例|规定|决定|办法|通知|意见))((?:（[^）]*）)?)(第.*)?$", piece)
        parts.append(f"《{m.group(1)}》{m.group(2)}{m.group(3) or ''}" if m else piece)
    return "、".join(parts)
