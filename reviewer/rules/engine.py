"""Run the rule packs over a Document: one Aho-Corasick pass finds every trigger word,
then only the rules triggered in a sentence read that sentence."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import ahocorasick

from ..model import Document, Finding, Reading
from ..reading import (
    clause_at,
    doc_text,
    encouraged,
    excluded_reason,
    fee_only_named,
    names_private_strongly,
    only_named,
    read_clauses,
    restates_statutory_licence,
    withdraws_programme_grant,
)
from ..normative import superior_law_kind
from ..vocabulary import VOCABULARY
from ..scope import Span, sentences
from ..structure import article_index, provision_label_at
from ..intervals import Containers, line_bounds
from .checks import CHECKS
from .loader import Rule, load_rules

_CONTENT_PACKS = ("ultra_vires", "fair_competition")
_RANK = {"error": 0, "warning": 1, "info": 2}
_EXCEPTION_HINT = re.compile(r"另有规定|国务院批准|期限|有效期|终止")


@dataclass
class Context:
    as_of: str | None = None
    profile: dict = field(default_factory=dict)


@dataclass
class CompiledPack:
    rules: tuple[Rule, ...]
    pattern_checks: list
    python_checks: list
    automaton: object
    frame_checks: list = field(default_factory=list)


@lru_cache(maxsize=8)
def compile_rules(rules: tuple[Rule, ...]) -> CompiledPack:
    pattern_checks, python_checks, frame_checks = [], [], []
    automaton = ahocorasick.Automaton()
    by_keyword: dict[str, list[int]] = {}
    for rule in rules:
        compiled = CHECKS[rule.check](rule)
        if rule.check == "pattern":
            idx = len(pattern_checks)
            pattern_checks.append(compiled)
            for kw in compiled.keywords:
                by_keyword.setdefault(kw, []).append(idx)
        elif rule.check == "frame":
            frame_checks.append(compiled)
        else:
            python_checks.append(compiled)
    for kw, idxs in by_keyword.items():
        automaton.add_word(kw, tuple(idxs))
    if by_keyword:
        automaton.make_automaton()
    return CompiledPack(rules, pattern_checks, python_checks, automaton if by_keyword else None, frame_checks)


def _finding(rule: Rule, doc: Document, start: int, end: int, message=None, severity=None, basis=None) -> Finding:
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=severity or rule.severity,
        text=doc.text[start:end],
        start=start,
        end=end,
        provision=provision_label_at(doc, start),
        basis=_join_basis(basis, rule.basis_text),
        explanation=rule.explanation,
        suggestion=rule.suggestion,
        message=message or rule.message,
    )


def _join_basis(specific: str | None, general: str) -> str:
    # the article naming the kind of act comes first; the rule's general basis follows
    if not specific:
        return general
    extra = [b for b in general.split("；") if b and b not in specific]
    return "；".join([specific, *extra])


def run_rules(
    doc: Document,
    rules: tuple[Rule, ...] | None = None,
    *,
    as_of: str | None = None,
    profile: dict | None = None,
    reading: Reading | None = None,
) -> list[Finding]:
    """All findings of the rule packs on `doc`, ordered by position. `reading` is the
    reading stage's frames (computed here when not given)."""
    rules = rules if rules is not None else load_rules()
    pack = compile_rules(tuple(rules))
    ctx = Context(as_of=as_of, profile=profile or {})
    findings: list[Finding] = []
    merged: dict[int, list[tuple[int, int]]] = {}  # findings that joined several hits -> those hits
    # A text the classifier could not place is still read; only positive evidence that it
    # is a work plan, report or notice keeps the content packs silent.
    content = doc.is_normative or not doc.not_normative_evidence
    if doc.kind == "document" and superior_law_kind(doc.text) is not None:
        # a law, regulation or rule is the superior law itself: nothing here reviews it
        return []
    region_start = 0 if doc.kind in ("fragment", "case") else doc.body_start
    if pack.automaton is not None and content:
        sents = sentences(doc.text, region_start)
        starts = [s.start for s in sents]
        wanted: dict[int, set[int]] = {}
        for end_idx, idxs in pack.automaton.iter(doc.text, region_start):
            si = bisect.bisect_right(starts, end_idx) - 1
            if si < 0 or end_idx >= sents[si].end:
                continue
            wanted.setdefault(si, set()).update(idxs)
        in_sentence: dict[str, list] = {}  # category -> [lead finding, start, end, its hits]
        current = None

        def flush():
            # the joined finding is built once per 款, not once per hit it absorbs
            for lead, start, end, hits in in_sentence.values():
                joined = lead if len(hits) == 1 else _finding_from(lead, doc, start, end)
                if len(hits) > 1:
                    merged[id(joined)] = hits
                findings.append(joined)

        for si in sorted(wanted):
            sent = sents[si]
            # one problem of one kind per 款 (line): a reviewer reads the paragraph as one
            # provision, and so do published cases
            whole = line_bounds(doc.text, sent.start)[0]
            if whole != current:
                flush()
                in_sentence, current = {}, whole
            for idx in sorted(wanted[si]):
                check = pack.pattern_checks[idx]
                unit = _unit(doc, sent, check.scope)
                for s, e in check.find(doc.text, sent, unit):
                    f = _finding(check.rule, doc, s, e)
                    prev = in_sentence.get(f.category)
                    # One problem of one kind in one 款 is one finding, spanning every word
                    # that showed it; the most severe rule speaks for it.
                    if prev is None:
                        in_sentence[f.category] = [f, f.start, f.end, [(f.start, f.end)]]
                    else:
                        if (_RANK[f.severity], f.start) < (_RANK[prev[0].severity], prev[1]):
                            prev[0] = f
                        prev[1], prev[2] = min(prev[1], f.start), max(prev[2], f.end)
                        prev[3].append((f.start, f.end))
        flush()
    if content and (pack.frame_checks or findings):
        reading = reading if reading is not None else read_clauses(doc)
        vocabulary = VOCABULARY()
        for check in pack.frame_checks:
            for hit in check.find(doc, reading, vocabulary):
                findings.append(
                    _finding(
                        check.rule,
                        doc,
                        hit["start"],
                        hit["end"],
                        hit.get("message"),
                        hit.get("severity"),
                        hit.get("basis"),
                    )
                )
        findings = [g for g in (_gate(f, reading) for f in findings) if g is not None]
    for check in pack.python_checks:
        if check.rule.pack in _CONTENT_PACKS and not content:
            continue
        for hit in check.function(doc, ctx):
            findings.append(
                _finding(
                    check.rule, doc, hit["start"], hit["end"], hit.get("message"), hit.get("severity"), hit.get("basis")
                )
            )
    return _apply_exceptions(doc, _dedupe(findings, merged))


def _names_operator(text: str, clause) -> bool:
    return VOCABULARY().operator_rx.search(text, clause.start, clause.end) is not None


_PRESENCE = re.compile(r"设立|注册|投资|落户|入驻")
_PRICE_RULES = ("FC006", "FC018")
_PRICE = re.compile(
    r"价|收费|费率|服务费|定价|折扣|佣金|限价|团费|元(?:/|每)|每[^，。；]{1,8}元|按[^，。；]{0,12}(?:百分之|%)"
)
_DUTIES = ("ultra_vires.license", "ultra_vires.obligation", "ultra_vires.fee")
_SANCTIONS = ("ultra_vires.penalty", "ultra_vires.coercion")
_CREDIT_KINDS = ("obligation.blacklist", "obligation.credit_reference")
_CREDIT_RULES = ("UV008",)


def _asks_for_more(f: Finding, clause) -> bool:
    # the item names the organ that may ask for more (8.税务部门要求的其他资料): the duty is
    # still the applicant's, the one the list's lead-in names
    return any(a.kind.startswith("catch_all.") and a.start < f.end and f.start < a.end for a in clause.acts)


def _lead_names_private(text: str, item_start: int) -> bool:
    """An item of a list whose lead-in names the party (企业应当提交以下材料：…8.税务部门要求的其他
    资料) speaks of that party's duty, whoever else the item names."""
    from ..reading import list_lead_span

    span = list_lead_span(text, item_start)
    return span is not None and VOCABULARY().private_rx.search(text, *span) is not None


def _builds_a_system(text: str, f: Finding, clause, v) -> bool:
    """The finding sits between a verb of building (建立, 落实, 实行…) and the system it builds
    (…制度, …机制, …政策) inside one comma-clause."""
    a = f.start
    while a > clause.start and text[a - 1] not in "，,；;。：:":
        a -= 1
    b = f.end
    while b < clause.end and text[b] not in "，,；;。：:":
        b += 1
    # the verb may end inside the hit's first characters (全面落实行政许可…公示制度: 落实 + 行政)
    # the system may close the hit itself (完善民办学校年检制度)
    return bool(v.policy_before_rx.search(text, a, min(f.end, f.start + 1))) and bool(
        v.policy_object_rx.search(text, f.start + 1, b)
    )


def _sentence_start(text: str, pos: int, floor: int) -> int:
    i = pos
    while i > floor and text[i - 1] not in "。；;！？!?\n":
        i -= 1
    return i


def _gate(f: Finding, reading: Reading) -> Finding | None:
    """What the reading says of a finding found by words: None where the words are no
    provision, name a measure without imposing it, or state an organ's own duty; a point to
    weigh (warning) where a sanction sits inside the issuer's own programme."""
    if not f.category.startswith(_CONTENT_PACKS):
        return f
    if excluded_reason(reading, f.start, f.end) is not None:
        return None
    clause = clause_at(reading, f.start)
    if clause is None:
        return f
    if clause.not_provision is not None:
        return None
    text = doc_text(reading)
    if (
        f.category in _DUTIES
        and clause.addressee == "government"
        and not clause.private_party
        and not (_asks_for_more(f, clause) and _lead_names_private(text, clause.start))
    ):
        # an organ's own duty (各部门要加强…年检; 经我厅审核后方可印发) binds no one outside
        return None
    if f.rule in _PRICE_RULES and not _PRICE.search(text, clause.start, clause.end):
        # interfering with prices needs a price (不得擅自调整外拨资金 is about a project's funds)
        return None
    if f.rule in _PRICE_RULES and VOCABULARY().own_transaction_rx.search(
        text, clause.article_start, clause.article_end
    ):
        # a price public money pays or is paid, or a subsidy is reckoned from, sets no market
        # price; the article says whose money it is (第十七条 引导基金增资…应符合下列条件：…)
        return None
    if f.category == "ultra_vires.license" and restates_statutory_licence(text, clause.start, clause.end):
        # the licence is the statute's own (corpus/statutory_licences.yaml, derived from the statutes)
        return None
    if f.category in (*_SANCTIONS, "ultra_vires.obligation") and only_named(text, f.start, f.end):
        # naming a kind of penalty is not imposing it (处罚的种类包括…; 发生吊销; 查封、扣押的期限)
        return None
    if f.category == "ultra_vires.fee" and fee_only_named(text, f.start, f.end):
        return None
    v = VOCABULARY()
    sentence_start = _sentence_start(text, f.start, clause.start)
    if f.category == "ultra_vires.coercion" and (
        reading.judicial_issuer or v.judicial_rx.search(text, sentence_start, f.start)
    ):
        # a court's freeze or seizure is judicial enforcement (行政强制法第三条第三款)
        return None
    if f.category.startswith("ultra_vires.") and _builds_a_system(text, f, clause, v):
        # 建立…收费制度, 落实…行政处罚等信用信息公示制度: a system to be built names its acts
        # (not for competition: building a 价格协调机制 among operators is itself the harm)
        return None
    if reading.high_issuer and f.category == "fair_competition.cost":
        # 条例第十条 reaches measures made without a law, a regulation or the State Council's
        # approval: the State Council's own document is that approval
        return None
    if f.category.startswith("ultra_vires.") and v.benefit_limit_rx.search(text, f.start, min(clause.end, f.end + 30)):
        # withholding a preference the document grants is the preference's own condition
        return None
    if f.category in _SANCTIONS and reading.internal and not names_private_strongly(text, clause.start, clause.end):
        # a document sent to organs only: a sanction naming no private party falls on them
        return None
    if f.category.startswith("fair_competition.") and VOCABULARY().equal_rx.search(text, clause.start, clause.end):
        # a guarantee of equal treatment names local and outside operators to put them on one footing
        return None
    if f.category == "fair_competition.flow" and _PRESENCE.search(f.text) and encouraged(text, clause.start, f.start):
        # encouraging operators to come (支持…在我省设立分支机构) requires nothing of them
        return None
    if (
        f.category.startswith("fair_competition.")
        and clause.addressee == "government"
        and not (clause.private_party or _names_operator(text, clause))
    ):
        # fair competition is about operators and markets; a clause naming none (指定的专门司局是
        # 本部门政务新媒体工作的主管单位) restricts no competition
        return None
    if reading.high_issuer and f.category in ("ultra_vires.license", "ultra_vires.fee"):
        # the State Council may set licences by decision and approve fees (行政许可法第十四条)
        return None
    if reading.high_issuer and (
        f.rule in _CREDIT_RULES
        or any(a.kind in _CREDIT_KINDS and a.start < f.end and f.start < a.end for a in clause.acts)
    ):
        # credit measures may rest on the State Council's own policy documents (国办发〔2020〕49号)
        return None
    if clause.programme or reading.programme:
        if (
            f.category.startswith("fair_competition.")
            and f.category != "fair_competition.cost"
            and f.severity == "error"
        ):
            # conditions and limits of the issuer's own programme (registration here, a cap on the
            # number recognised): to weigh; aid tied to taxes paid stays an error (条例第十条)
            return replace(
                f,
                severity="warning",
                message=f"{f.message}该条件针对本机关组织实施的申报、资助等事项，请结合资金来源和政策目标核实是否确有必要。",
            )
        if f.category == "ultra_vires.license":
            # a condition for a benefit or a step of the programme is no licence to act
            return None
        if f.category in (*_SANCTIONS, "ultra_vires.obligation") and withdraws_programme_grant(f.text):
            return None
        if f.category == "ultra_vires.obligation" and _CURRENT_ROUND.search(
            text, max(clause.start, f.start - 6), f.start
        ):
            # not again in this year's round (审查不合格的项目，当年不得再次申报): the outcome
            # of the application itself
            return None
        if f.category == "ultra_vires.obligation" and _bars_cheat_from_programme(text, clause, f):
            # barring one who cheated the issuer's own award or fund from applying again for a
            # term is that benefit's own integrity condition, as 行政许可法第七十八条、第七十九条
            # bar one who cheated a licence; a bar for no fault, or for ever, stays to weigh
            return None
        if _programme_management(text, clause, f):
            return None
        if f.category in (*_SANCTIONS, "ultra_vires.obligation") and f.severity == "error":
            return replace(
                f,
                severity="warning",
                message=f"{f.message}该措施针对本机关组织实施的申报、评审、资助等事项，请核实是否超出项目管理的必要范围。",
            )
    return f


def _programme_management(text: str, clause, f: Finding) -> bool:
    """What the issuer does within its own award, fund or project, where the measure stays
    inside it: a reprimand the rules already provide for (按规定采取通报批评、暂停项目拨款…等措施
    refers to them, it does not create it), or a credit record whose only stated use is the
    programme's own selection (记入不良信用记录，作为今后遴选项目承担单位的依据). A reprimand the
    document sets itself, a credit record sent on to the credit system, a bar or a measure on
    others (所在地市) stays to weigh."""
    if "所在" in f.text:
        return False
    v = VOCABULARY()
    acts = [a for a in clause.acts if a.start < f.end and f.start < a.end]
    start = _sentence_start(text, f.start, clause.start)
    if acts and all(a.kind == "penalty.warning" for a in acts):
        lead = text[start : acts[0].start]
        basis = next(reversed(list(v.referral_rx.finditer(lead))), None)
        return basis is not None and not re.search(r"[，,；;]", lead[basis.end() :])
    credit = f.rule in _CREDIT_RULES or (acts and all(a.kind in _CREDIT_KINDS for a in acts))
    if not credit or v.beyond_programme_rx.search(text, start, clause.end):
        return False
    return bool(v.programme_rx.search(text, f.end, clause.end) or v.withdrawal_rx.search(text, f.end, clause.end))


def _bars_cheat_from_programme(text: str, clause, f: Finding) -> bool:
    """A bar for a term (3年内不得再次申报) on the applicant who obtained or sought the benefit
    by fraud. One on the place or unit it belongs to (暂停其所在地市下一年度申报) reaches past
    the applicant; one without end (今后不得申报) is more than a term."""
    if "所在" in f.text or not _YEARS_TERM.search(f.text):
        return False
    if not any(a.kind == "obligation.bar" and a.start < f.end and f.start < a.end for a in clause.acts):
        return False
    return VOCABULARY().fraud_rx.search(text, _sentence_start(text, f.start, clause.start), f.start) is not None


_CURRENT_ROUND = re.compile(r"(?:当年|当年度|本年度|本批次?|本轮|本期)[^，,。；;]{0,2}$")
_YEARS_TERM = re.compile(r"[0-9０-９一二两三四五六七八九十]+年|下一年度|当年")


def _article_span(doc: Document, pos: int) -> tuple[int, int]:
    art = article_index(doc.provisions).at(pos)
    s, e = (art.start, art.end) if art is not None else line_bounds(doc.text, pos)
    if e - s > _LONG_ARTICLE:
        # no reviewer reads a hundred thousand characters as one article: the exception
        # is looked for in the block of whole sentences around pos (fixed blocks, so each
        # is read once)
        b = s + (pos - s) // _LONG_ARTICLE * _LONG_ARTICLE
        lo = doc.text.rfind("。", max(s, b - _LONG_ARTICLE), b) + 1 or b
        hi = doc.text.find("。", b + _LONG_ARTICLE, min(e, b + 2 * _LONG_ARTICLE))
        return lo, (hi + 1 if hi >= 0 else min(e, b + _LONG_ARTICLE))
    return s, e


_LONG_ARTICLE = 20000


def _apply_exceptions(doc: Document, findings: list[Finding]) -> list[Finding]:
    """An exception written into the same article (法律、法规另有规定的从其规定; 经国务院批准;
    a reasoned public-interest exception with a time limit under 公平竞争审查条例第十二条)
    turns a clear error into a point for the reviewer to weigh (DESIGN.md §6)."""
    from dataclasses import replace

    from ..nlp import analyze

    cache: dict[tuple[int, int], list[str]] = {}
    out = []
    for f in findings:
        if f.severity == "error" and f.category.startswith(_CONTENT_PACKS):
            span = _article_span(doc, f.start)
            if span not in cache:
                article = doc.text[span[0] : span[1]]
                # the pipeline reads only articles that can hold an exception at all
                parsed = analyze(article) if _EXCEPTION_HINT.search(article) else None
                cache[span] = [s.text for s in parsed.spans["exceptions"]] if parsed is not None else []
            if cache[span]:
                f = replace(
                    f,
                    severity="warning",
                    message=f"{f.message}本条载明“{cache[span][0]}”，请核实是否确有上位法依据或符合例外情形。",
                )
        out.append(f)
    return out


def _finding_from(f: Finding, doc: Document, start: int, end: int) -> Finding:
    from dataclasses import replace

    return replace(f, start=start, end=end, text=doc.text[start:end])


def _unit(doc: Document, sent: Span, scope: str) -> Span:
    if scope != "provision":
        return sent
    return Span(*line_bounds(doc.text, sent.start))


def _dedupe(findings: list[Finding], merged: dict | None = None) -> list[Finding]:
    """One finding per place: overlapping hits of one category keep the most severe
    (then the first rule); a finding whose words lie wholly inside a finding of another
    category on a longer span is the same problem seen narrowly, and is dropped.
    Linear up to a log factor: the kept findings of one category never overlap, so a
    new one can only clash with the last of its category; containment is a query on an
    interval index."""
    findings.sort(key=lambda f: (f.start, _RANK[f.severity], f.rule))
    kept: list[Finding] = []
    last: dict[str, list[int]] = {}  # category -> indexes in kept of its non-empty findings
    for f in findings:
        mine = last.setdefault(f.category, [])
        clash = kept[mine[-1]] if mine else None
        if clash is not None and not (f.start < clash.end and clash.start < f.end):
            clash = None
        if clash is None:
            if f.start < f.end:
                mine.append(len(kept))
            kept.append(f)
        elif _RANK[f.severity] < _RANK[clash.severity]:
            kept[mine[-1]] = f
            if f.start >= f.end:
                mine.pop()
    merged = merged or {}

    # a joined finding covers only the words its own hits read, not the gaps between them
    index = Containers(
        [
            (s, e, k)
            for k in kept
            if not k.category.startswith("procedure.")
            for s, e in merged.get(id(k), [(k.start, k.end)])
        ]
    )

    out = []
    for f in kept:
        inside = any(
            k is not f
            and k.category != f.category
            and _same_pack(k, f)
            and (e - s) > (f.end - f.start)
            and _RANK[k.severity] <= _RANK[f.severity]
            for s, e, k in index.containing(f.start, f.end)
        )
        if not inside:
            out.append(f)
    return sorted(out, key=lambda f: (f.start, f.rule))


def _same_pack(a: Finding, b: Finding) -> bool:
    # a fee levied inside a discriminatory clause is a second, separate defect; an approval
    # step imposed only on outsiders is the discrimination itself
    return a.category.split(".")[0] == b.category.split(".")[0] or b.category != "ultra_vires.fee"
