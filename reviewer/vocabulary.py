"""The vocabularies of the reading stage, loaded once from rules/vocab/: kinds of act with
the article each comes from, addressee words, force, negators, bases, local and specific
markers. A legal expert adds a phrasing by adding an entry with its example."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .datapaths import vocab_dir
from .errors import RuleError
from .yamlio import load_path

VOCAB_DIR = vocab_dir()
_GAP = r"[^。；;！？!?\n]{0,12}?"
_LONG_GAP = r"[^。；;！？!?\n]{0,40}?"
_TO_CLAUSE_END = r"[^，,。；;！？!?\n”」』]{1,40}"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class LazyPattern:
    """A regex compiled when first used: the vocabulary holds several hundred term patterns
    and a short text runs a handful of them, so compiling all at start-up cost half a second."""

    __slots__ = ("pattern", "_rx")

    def __init__(self, pattern: str):
        self.pattern = pattern
        self._rx = None

    def _compiled(self) -> re.Pattern:
        if self._rx is None:
            self._rx = re.compile(self.pattern)
        return self._rx

    def finditer(self, *args):
        return self._compiled().finditer(*args)

    def search(self, *args):
        return self._compiled().search(*args)

    def match(self, *args):
        return self._compiled().match(*args)


@dataclass(frozen=True)
class ActEntry:
    kind: str
    category: str
    source: str
    by: str
    terms: tuple[str, ...]
    example: str
    regex: "LazyPattern"
    uses_local: bool
    bare_basis_cures: bool = True
    not_after: tuple[str, ...] = ()  # characters that, just before a term, make it part of another word
    with_words: re.Pattern | None = None  # words the same sentence must also hold (不予补偿 after a taking)
    unless_words: re.Pattern | None = None  # words that, in the same sentence, make it the statute's own aim
    needs_self_defined: bool = False  # only a sanction for conduct the document itself defines
    anchors: tuple[str, ...] | None = None  # literal words one of which any match contains (None: always run)
    term_regexes: tuple = ()  # (anchor or None, regex) per term: run only the terms a text can match


@dataclass(frozen=True)
class Vocabulary:
    acts: tuple[ActEntry, ...]
    private_rx: re.Pattern
    government_rx: re.Pattern
    force_rx: re.Pattern
    mood_rx: dict
    negator_rx: re.Pattern
    basis_rx: dict
    self_defined_rx: re.Pattern
    exception_rx: re.Pattern
    not_provision: dict
    generic_local_rx: re.Pattern
    place_rx: re.Pattern
    not_places: tuple[str, ...]
    staff: tuple[str, ...] = ()
    imposing_rx: re.Pattern | None = None
    mention_before_rx: re.Pattern | None = None
    mention_after_rx: re.Pattern | None = None
    programme_rx: re.Pattern | None = None
    officials_rx: re.Pattern | None = None
    operator_rx: re.Pattern | None = None
    programme_title_rx: re.Pattern | None = None
    high_issuers: tuple[str, ...] = ()
    encouragement_rx: re.Pattern | None = None
    weak_private: tuple[str, ...] = ()
    equal_rx: re.Pattern | None = None
    own_transaction_rx: re.Pattern | None = None
    judicial_rx: re.Pattern | None = None
    policy_before_rx: re.Pattern | None = None
    policy_object_rx: re.Pattern | None = None
    benefit_limit_rx: re.Pattern | None = None
    firm_rx: re.Pattern | None = None
    not_firms: tuple[str, ...] = ()
    withdrawal_rx: re.Pattern | None = None
    fraud_rx: re.Pattern | None = None
    referral_rx: re.Pattern | None = None
    beyond_programme_rx: re.Pattern | None = None
    fee_mention_rx: re.Pattern | None = None
    fee_mention_before_rx: re.Pattern | None = None


def _alt(items) -> str:
    return "|".join(f"(?:{i})" for i in sorted(items, key=len, reverse=True))


def _literal_alt(items) -> str:
    return "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))


def compile_term(term: str, sets: dict[str, list[str]], where: str) -> str:
    """A vocabulary term as a regex: literal words, `…` a short gap in one sentence
    (up to 12 characters), `……` a long one (up to 40), a final `…，` the rest of the
    comma-clause, `{name}` a word set."""
    out = []
    for i, piece in enumerate(_PLACEHOLDER.split(term)):
        if i % 2:
            if piece not in sets:
                raise RuleError(f"{where}: unknown word set {{{piece}}} in term {term!r}")
            out.append(f"(?:{expand_set(piece, sets)})")
        else:
            tail = piece.endswith("…，")
            if tail:
                piece = piece[:-2]
            out.append(_LONG_GAP.join(_GAP.join(re.escape(p) for p in part.split("…")) for part in piece.split("……")))
            if tail:
                out.append(_TO_CLAUSE_END)
    return "".join(out)


def expand_set(name: str, sets: dict[str, list[str]]) -> str:
    items = []
    for item in sets[name]:
        m = _PLACEHOLDER.fullmatch(item)
        items.append(expand_set(m.group(1), sets) if m else item)
    return _alt(items)


def _anchor(term: str) -> str | None:
    pieces = [p for chunk in _PLACEHOLDER.split(term)[::2] for p in chunk.replace("…，", "").split("…") if p]
    return max(pieces, key=len) if pieces else None


def _anchors(terms) -> tuple[str, ...] | None:
    """The longest literal piece of each term: a text holding none of them cannot match,
    so the entry's regex is never run over it (most documents name few kinds of act)."""
    out = []
    for term in terms:
        pieces = [p for chunk in _PLACEHOLDER.split(term)[::2] for p in chunk.replace("…，", "").split("…") if p]
        if not pieces:
            return None
        out.append(max(pieces, key=len))
    return tuple(dict.fromkeys(out))


def _entries(path: Path, sets) -> list[ActEntry]:
    data = load_path(path) or []
    out = []
    for i, e in enumerate(data):
        where = f"{path.name} entry {i + 1} ({e.get('kind')})"
        for key in ("kind", "category", "source", "by", "terms", "example"):
            if not e.get(key):
                raise RuleError(f"{where}: missing '{key}'")
        terms = tuple(e["terms"])
        compiled = [compile_term(t, sets, where) for t in terms]  # checks every term now, compiles later
        rx = LazyPattern(_alt(compiled))
        out.append(
            ActEntry(
                kind=e["kind"],
                category=e["category"],
                source=e["source"],
                by=e["by"],
                terms=terms,
                example=e["example"],
                regex=rx,
                uses_local=any("{local}" in t for t in terms),
                # a bare 依法 before a competition term says how, not that a law asks it
                # (依法注册 does not make registering here a legal requirement)
                bare_basis_cures=bool(e.get("bare_basis_cures", not e["category"].startswith("fair_competition."))),
                not_after=tuple(e.get("not_after") or ()),
                with_words=re.compile(_literal_alt(e["with"])) if e.get("with") else None,
                unless_words=re.compile(_literal_alt(e["unless"])) if e.get("unless") else None,
                needs_self_defined=bool(e.get("needs_self_defined", False)),
                anchors=_anchors(terms),
                term_regexes=tuple((_anchor(t), LazyPattern(c)) for t, c in zip(terms, compiled)),
            )
        )
    return out


@lru_cache(maxsize=1)
def VOCABULARY(root: str | None = None) -> Vocabulary:  # noqa: N802 — a loaded constant
    base = Path(root) if root else VOCAB_DIR
    m = load_path(base / "markers.yaml")
    sets = m["sets"]
    acts = _entries(base / "acts.yaml", sets) + _entries(base / "competition.yaml", sets)
    private = [p for p in m["private_parties"]]
    force = m["force"]
    generic_local = [x for x in sets["local"] if not x.startswith("{")]
    return Vocabulary(
        acts=tuple(acts),
        private_rx=re.compile(_literal_alt(private)),
        government_rx=re.compile(_literal_alt(m["government_parties"])),
        force_rx=re.compile(_literal_alt([w for mood in ("prohibition", "command", "condition") for w in force[mood]])),
        mood_rx={
            mood: re.compile(_literal_alt(force[mood]))
            for mood in ("prohibition", "condition", "command", "permission")
        },
        negator_rx=re.compile(_literal_alt(m["negators"])),
        basis_rx={level: re.compile(_alt(m["basis"][level])) for level in ("specific", "referral", "bare")},
        self_defined_rx=re.compile(_alt(m["self_defined"])),
        exception_rx=re.compile(_alt(m["exceptions"])),
        not_provision={k: re.compile(_alt(v), re.M) for k, v in m["not_provision"].items()},
        generic_local_rx=re.compile(_literal_alt(generic_local)),
        place_rx=re.compile(expand_set("place", sets)),
        not_places=tuple(m["not_places"]),
        staff=tuple(m["staff"]),
        imposing_rx=re.compile(_alt(m["imposition"]["imposing"])),
        mention_before_rx=re.compile("(?:" + _literal_alt(m["imposition"]["mention_before"]) + r")[^，,。；;]{0,4}$"),
        mention_after_rx=re.compile(_literal_alt(m["imposition"]["mention_after"])),
        programme_rx=re.compile(_literal_alt(m["programme"])),
        officials_rx=re.compile(_alt(m["officials_accountable"])),
        programme_title_rx=re.compile(_literal_alt(m["programme_titles"])),
        high_issuers=tuple(m["high_issuers"]),
        encouragement_rx=re.compile(_literal_alt(force["encouragement"])),
        weak_private=tuple(m["weak_private"]),
        equal_rx=re.compile(_alt(m["equal_treatment"])),
        own_transaction_rx=re.compile(_alt(m["own_transaction"])),
        judicial_rx=re.compile(_alt(m["judicial_actors"])),
        policy_before_rx=re.compile(_alt(m["policy_building"]["before"])),
        policy_object_rx=re.compile(_alt(m["policy_building"]["object"])),
        benefit_limit_rx=re.compile(m["benefit_limit"]),
        firm_rx=re.compile(expand_set("firm", sets)),
        not_firms=tuple(m["not_firms"]),
        operator_rx=re.compile(
            expand_set("operator", sets)
            + "|市场|商品|服务|经营|采购|招标|投标|价格|收费|补贴|奖励|业务|牌|材|设备|中心"
        ),
        withdrawal_rx=re.compile(_alt(m["withdrawal"])),
        fraud_rx=re.compile(_literal_alt(m["fraud"])),
        referral_rx=re.compile(_alt(m["programme_referral"])),
        beyond_programme_rx=re.compile(_literal_alt(m["beyond_programme"])),
        fee_mention_rx=re.compile(_alt(m["fee_mention"])),
        fee_mention_before_rx=re.compile("(?:" + _literal_alt(m["fee_mention_before"]) + r")[^，,。；;]{0,6}$"),
    )
