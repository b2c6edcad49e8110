"""Is the text a normative document at all? (DOMAIN.md §1)

A reviewer sets aside work plans, summaries, annual reports, meeting notices,
commendations and decisions on one named party. The answer comes with its reason.
"""

from __future__ import annotations

import re
from functools import lru_cache


def superior_law_kind(text: str) -> tuple[str, str] | None:
    """(kind, reason) when the text is itself a law, an administrative regulation, a local
    regulation or a rule, by the way it announces itself (rules/vocab/superior_forms.yaml)."""
    forms, n = _superior_forms()
    head = text[:n]
    for kind, reason, rx in forms:
        if rx.search(head):
            return kind, reason
    return None


@lru_cache(maxsize=1)
def _superior_forms():
    from .vocabulary import VOCAB_DIR
    from .yamlio import load_path

    data = load_path(VOCAB_DIR / "superior_forms.yaml")
    forms = tuple(
        (f["kind"], f["reason"], re.compile("|".join(f"(?:{p})" for p in f["patterns"]), re.M)) for f in data["forms"]
    )
    return forms, int(data.get("head_chars", 400))


def classify_normative(doc, has_articles: bool) -> tuple[bool, str, bool]:
    """(is it normative?, the reason, is there positive evidence that it is not?).

    Only positive evidence (a work plan, a report, a meeting notice, a law or rule's own
    promulgation formula…) keeps the content rules from reading a text; a text the
    classifier cannot place is still reviewed."""
    superior = superior_law_kind(doc.text) if getattr(doc, "kind", "document") == "document" else None
    if superior is not None:
        return False, superior[1], True
    is_norm, reason = _classify(doc, has_articles)
    return is_norm, reason, not is_norm and not reason.startswith(_UNCERTAIN)


# Only a text the classifier cannot place at all is still read by the content packs. A titled
# paper whose body sets nothing for the public (《…的通知》未见设定…) counts as evidence: reading
# those too put errors on 40 more real documents, nearly all on organs' own duties.
_UNCERTAIN = ("未识别出文件标题", "未见设定")


def addressed_to_organs(text: str) -> bool:
    """Does the text open with the addressee line of an issued document (各设区市人民政府：)?"""
    v = _vocab()
    return bool(v.addressee.search(text[: v.addressee_head]))


class _Vocab:
    """rules/vocab/doctype.yaml, compiled once."""

    def __init__(self, data: dict):
        def fam(items):
            return tuple((f["family"], f["reason"], _any(f["patterns"])) for f in items)

        self.title_not = fam(data["title_not_normative"])
        self.body_not = fam(data["body_not_normative"])
        # a family may look at a shorter head of the text (its own opening sentence)
        self.body_not_head = tuple(
            int(f.get("head_chars", data.get("body_head_chars", 1200))) for f in data["body_not_normative"]
        )
        # a family that gives way when the body binds the public in many sentences
        self.body_not_unless = tuple(int(f.get("unless_public_duties", 0)) for f in data["body_not_normative"])
        self.own_work_reason = data["title_own_work"]["reason"]
        self.own_work = _any(data["title_own_work"]["patterns"])
        self.body_head = int(data.get("body_head_chars", 1200))
        c = data["commentary"]
        self.commentary_reason = c["reason"]
        self.commentary = re.compile(c["mention"])
        self.commentary_min = int(c["min_mentions"])
        self.own_formula = re.compile(c["own_formula"])
        self.report_reason = data["report_markers"]["reason"]
        self.report_markers = tuple(re.compile(p) for p in data["report_markers"]["patterns"])
        suffix = data["measure_suffix"]
        self.measure = re.compile(f"(?:{'|'.join(data['measure_words'])}){suffix}")
        self.plan = re.compile(f"(?:{'|'.join(data['plan_words'])}){suffix}")
        self.number = _any(data["normative_number"])
        self.self_names = tuple(re.compile(p, re.M) for p in data["self_names"])
        self.effect = _any(data["effect_clauses"])
        self.public = _any(data["public_subjects"])
        self.language = re.compile(data["normative_language"])
        self.duty = re.compile(data["duty_words"])
        self.duty_sentences = int(data["public_duty_sentences"])
        self.addressee = re.compile(data["addressee_line"])
        self.addressee_head = int(data["addressee_head_chars"])


def _any(patterns) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.M)


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    from .vocabulary import VOCAB_DIR
    from .yamlio import load_path

    return _Vocab(load_path(VOCAB_DIR / "doctype.yaml"))


_SENTENCE_END = re.compile(r"[。；;！？\n]")


def _public_duty_sentences(v: _Vocab, body: str) -> int:
    """Sentences that name the public and put a duty on it or grant it something: the
    measure of who is bound (国办发〔2018〕37号: 涉及公民、法人和其他组织权利义务)."""
    return sum(1 for s in _SENTENCE_END.split(body[:30000]) if v.public.search(s) and v.duty.search(s))


def _self_name(v: _Vocab, text: str) -> str | None:
    """What the body calls itself (制定本办法 → 办法), from its first few thousand characters."""
    head = text[:4000]
    best = None
    for rx in v.self_names:
        m = rx.search(head)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.group("g"))
    return best[1] if best else None


def _classify(doc, has_articles: bool) -> tuple[bool, str]:
    v = _vocab()
    title = doc.measure_title or doc.title or ""
    whole_title = doc.title or ""
    for _, reason, rx in v.title_not:
        if rx.search(title) or (whole_title != title and rx.search(whole_title)):
            return False, reason
    body = doc.text[doc.body_start :]
    measure_title = bool(title) and bool(v.measure.search(title))
    number = doc.doc_number.text if doc.doc_number else ""
    # The 规〔〕 series is the one a province keeps for its normative documents: with a
    # measure title, or a body that binds, the number vouches even when the measure itself is
    # an attachment the text does not hold.
    if number and v.number.search(number) and (measure_title or v.language.search(body)):
        return (
            True,
            f"文号“{number}”为规范性文件编号，且{'标题为办法、规定类文件' if measure_title else '正文设定了普遍适用的要求'}，按规范性文件审查",
        )
    if v.own_work.search(title) or (whole_title != title and v.own_work.search(whole_title)):
        return False, v.own_work_reason
    # A text without a headline that names itself a measure (制定了《……细则》) is read as one.
    named = _self_name(v, doc.text) if not title else None
    if not measure_title and not (named and v.measure.search(named)):
        head = doc.text[: v.body_head]
        for (_, reason, rx), n, unless in zip(v.body_not, v.body_not_head, v.body_not_unless):
            if rx.search(head[:n]) and not (unless and _public_duty_sentences(v, body) >= unless):
                return False, reason
    if len({m.group(0) for rx in v.report_markers for m in rx.finditer(doc.text[:20000])}) >= 2:
        return False, v.report_reason
    if len(v.commentary.findall(doc.text[:20000])) >= v.commentary_min and not v.own_formula.search(doc.text[:20000]):
        return False, v.commentary_reason
    duties = _public_duty_sentences(v, body)
    if measure_title and (has_articles or v.public.search(body)):
        return True, f"《{title}》以规范性文件形式对不特定对象普遍适用，可反复适用"
    # 关于印发《××办法》的通知: the classic wrapper of a normative document (DOMAIN.md §1),
    # also when the measure itself sits in an attachment the text does not carry.
    if doc.measure_title and measure_title:
        return True, f"文件以通知印发《{title}》，属于办法、措施类文件，对不特定对象普遍适用，按规范性文件审查"
    if has_articles and v.public.search(body):
        return True, "文件分条规定不特定对象的权利义务，按规范性文件审查"
    if doc.validity_text and v.public.search(body) and v.language.search(body):
        return (
            True,
            f"{f'《{title}》' if title else '该文件'}规定了有效期，并对不特定对象提出普遍适用的要求，按规范性文件审查",
        )
    if title.endswith(("通知", "意见", "决定")) and v.public.search(body) and len(v.language.findall(body)) >= 3:
        return True, f"《{title}》对不特定对象提出普遍适用的要求，按规范性文件审查"
    # The body speaks for a text without a headline, or under a plain notice headline; under a
    # cover notice (转发…请示的通知) it would speak for the forwarded paper instead.
    if not title or (doc.measure_title is None and title.endswith(("通知", "意见", "决定", "通告", "公告"))):
        found = _from_body(v, doc, body, duties, titled=bool(title))
        if found is not None:
            return found
    if not title:
        if has_articles:
            return True, "文件分条设定规范，按规范性文件审查"
        return False, "未识别出文件标题，且正文未分条设定公民、法人和其他组织的权利义务"
    return False, f"《{title}》未见设定不特定对象权利义务的规范内容"


def _from_body(v: _Vocab, doc, body: str, duties: int, titled: bool) -> tuple[bool, str] | None:
    """A text whose headline is missing or names no measure (…的通知): what it calls itself,
    its own commencement or validity clause, and how many of its sentences bind the public."""
    name = _self_name(v, doc.text)
    effect = v.effect.search(body)
    # A plan that calls itself one is positive evidence only when no headline says otherwise
    # (a titled 实施方案 may still change how enterprises obtain licences).
    if name and not titled and v.plan.search(name):
        return False, f"正文自称“{name}”，属于阶段性工作部署，不属于行政规范性文件"
    if name and v.measure.search(name) and (effect or duties or v.public.search(body)):
        return (
            True,
            f"正文自称“{name}”，属于办法、意见类文件，{'并规定了施行日期或有效期' if effect else '对不特定对象提出要求'}，按规范性文件审查",
        )
    if effect and duties:
        return (
            True,
            f"正文规定了施行日期或有效期（“{effect.group(0)}”），并对不特定对象提出普遍适用的要求，按规范性文件审查",
        )
    if duties >= v.duty_sentences:
        return (
            True,
            f"正文有 {duties} 处对公民、法人或其他组织设定要求或给予待遇，对不特定对象普遍适用，按规范性文件审查",
        )
    return None
