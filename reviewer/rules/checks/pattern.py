"""`pattern` checks: trigger words found in one pass, then the rule's regexes read in
the scope of one sentence, with the exclusions that tell creation from restatement."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...intervals import Disjoint
from ...reading import list_lead_span
from ...scope import (
    Span,
    _negator_before,
    carried_negation,
    clause_start,
    full_sentence,
    has_reference,
    quotation_around,
)


_TRIM = set("“”‘’\"'，,、。；;：:（）() 　")


def _rx(items) -> re.Pattern | None:
    if not items:
        return None
    if isinstance(items, str):
        items = [items]
    return re.compile("|".join(f"(?:{i})" for i in items))


@dataclass
class CompiledPattern:
    rule: object
    keywords: tuple[str, ...]
    match: tuple[re.Pattern, ...]
    require: re.Pattern | None
    exclude: re.Pattern | None
    exclude_clause: re.Pattern | None
    exclude_before: re.Pattern | None
    exclude_after: re.Pattern | None
    exclude_hit: re.Pattern | None
    reference_lifts: bool
    negation_lifts: bool
    window: int
    scope: str
    statutory_fines_lift: bool = False
    include_subject: bool = False

    def find(self, text: str, sent: Span, unit: Span) -> list[tuple[int, int]]:
        """Offending spans inside `sent`; `unit` is the scope read for require/exclude."""
        hits = []
        taken = Disjoint()  # the same hits, indexed: each new hit is tested in O(log n)
        for rx in self.match:
            for m in rx.finditer(text, sent.start, sent.end):
                s, e = m.span("hit") if "hit" in rx.groupindex and m.group("hit") else m.span()
                # a finding points at words, not at the punctuation around them
                while e > s and text[e - 1] in _TRIM:
                    e -= 1
                while s < e and text[s] in _TRIM:
                    s += 1
                # a quoted provision ends at its closing quote (“…设立分公司”的规定)
                close = min((i for i in (text.find(q, s, e) for q in "”」』") if i > s), default=-1)
                if close > s and not any(q in text[s:close] for q in "“「『"):
                    e = close
                if s < e and not taken.overlaps(s, e):
                    hits.append((s, e))
                    taken.add(s, e)
        if not hits:
            return []
        if self.require and not self.require.search(text, unit.start, unit.end):
            return []
        if self.exclude and self.exclude.search(text, unit.start, unit.end):
            return []
        if self.reference_lifts:
            quoted = quotation_around(text, hits[0][0])
            whole = quoted or full_sentence(text, sent)
            if has_reference(text, whole, sent):
                return []
            lead = list_lead_span(text, sent.start)
            if lead is not None and has_reference(text, Span(*lead)):
                # the list's lead-in (按照《条例》…给予以下处理：) governs each item
                return []
            if self.statutory_fines_lift and _restates_statutory_fine(text, whole):
                return []
        out = []
        for s, e in hits:
            c = clause_start(text, s, sent.start)
            if self.negation_lifts and (
                _negator_before(text, max(c, s - self.window), s) or carried_negation(text, c, sent.start)
            ):
                continue
            if self.exclude_hit and self.exclude_hit.search(text, s, e):
                continue
            if self.exclude_before and self.exclude_before.search(text, max(sent.start, s - self.window), s):
                continue
            if self.exclude_after and self.exclude_after.search(text, e, min(sent.end, e + self.window)):
                continue
            if self.exclude_clause:
                ce = e
                while ce < sent.end and text[ce] not in "，,；;。：:":
                    ce += 1
                if self.exclude_clause.search(text, c, ce):
                    continue
            if self.include_subject:
                s = _subject_start(text, sent, s)
            out.append((s, e))
        return out


_LEAD = re.compile(r"(?<![^，,：:\s。；;！？“])(对[^。；;，,：:]{2,40}?)[，,]")


def _subject_start(text: str, sent: Span, s: int) -> int:
    """Where a preference names its beneficiary first (对市属国有企业承接的项目，免收…), the
    finding starts at the beneficiary: who gets it is what makes it selective."""
    lead = None
    for m in _LEAD.finditer(text, sent.start, s):
        if m.end() <= s:
            lead = m
    return lead.start(1) if lead else s


def _restates_statutory_fine(text: str, span: Span) -> bool:
    """A fine with exactly a statute's range for the conduct that statute describes is a
    restatement even when the article is not cited (由…确定的监督管理部门责令改正，处五百元以上二千元以下的罚款)."""
    from ...fines import find_fines, statutory_match

    fines = list(find_fines(text, span.start, span.end))
    sentence = text[span.start : span.end]
    return bool(fines) and all(statutory_match(sentence, f) for f, _, _ in fines)


class LazyPattern:
    """A pattern rule whose regexes are compiled when its trigger words first occur.

    Compiling the ~300 regexes of the packs took ~0.2 s, most of a short `reviewer
    check`, although a short text triggers a handful of rules; a long document
    triggers most of them and pays the same as before. The trigger words and scope,
    which the engine reads before any text is matched, are known at once."""

    def __init__(self, rule, keywords: tuple[str, ...]):
        self.rule = rule
        self.keywords = keywords
        self.scope = rule.params.get("scope", "sentence")
        self._compiled: CompiledPattern | None = None

    @property
    def compiled(self) -> CompiledPattern:
        if self._compiled is None:
            self._compiled = _compile(self.rule, self.keywords)
        return self._compiled

    def find(self, text: str, sent: Span, unit: Span) -> list[tuple[int, int]]:
        return self.compiled.find(text, sent, unit)

    def __getattr__(self, name):  # match, require, window …: those of the compiled rule
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.compiled, name)


def compile_rule(rule) -> LazyPattern:
    keywords = tuple(rule.params.get("keywords") or ())
    if not keywords:
        from ..loader import RuleError

        raise RuleError(f"{rule.path}: a pattern rule needs 'pattern.keywords' (literal trigger words)")
    return LazyPattern(rule, keywords)


def _compile(rule, keywords: tuple[str, ...]) -> CompiledPattern:
    p = rule.params
    return CompiledPattern(
        rule=rule,
        keywords=keywords,
        match=tuple(re.compile(m) for m in ([p["match"]] if isinstance(p["match"], str) else p["match"])),
        require=_rx(p.get("require")),
        exclude=_rx(p.get("exclude")),
        exclude_clause=_rx(p.get("exclude_clause")),
        exclude_before=_rx(p.get("exclude_before")),
        exclude_after=_rx(p.get("exclude_after")),
        exclude_hit=_rx(p.get("exclude_hit")),
        reference_lifts=p.get("reference_lifts", True),
        negation_lifts=p.get("negation_lifts", True),
        window=int(p.get("window", 40)),
        scope=p.get("scope", "sentence"),
        statutory_fines_lift=bool(p.get("statutory_fines_lift", False)),
        include_subject=bool(p.get("include_subject", False)),
    )
