"""Fine ranges: read them from text (处二万元以上二十万元以下的罚款, 处货值金额一倍以上三倍以下的罚款,
处建设工程造价百分之五以上百分之十以下的罚款) and compare them with the statutory fines
indexed in corpus/statutory_fines.yaml.

The index holds facts derived from the statutes (law, article, the range, and a few
rare character pairs of the conduct the article punishes) so that a document that
restates a statutory fine without citing it is recognised as a restatement, and a
document that cites an article but sets a higher fine is a conflict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import yamlio
from .datapaths import corpus_file
from .numerals import parse_int

_AMOUNT = r"(?:[\d.]+|[一二三四五六七八九十百千两〇零]+)(?:万|千|百)?"
FINE_RE = re.compile(
    rf"(?:处|并处|处以|可处|罚)(?P<base>[^。；;，,]{{0,12}}?)"
    rf"(?:(?P<lo>{_AMOUNT})(?P<lo_unit>元|倍|%)?以上|(?P<pct_lo>百分之[一二三四五六七八九十]+)以上)?"
    rf"(?:(?P<hi>{_AMOUNT})(?P<hi_unit>元|倍|%)|(?P<pct_hi>百分之[一二三四五六七八九十]+))(?:以下)?的?罚款"
)


@dataclass(frozen=True)
class FineRange:
    kind: str  # yuan | times | percent
    lo: float | None
    hi: float | None
    base: str = ""  # 违法所得, 货值金额, 建设工程造价 … for times and percent

    def exceeds(self, other: "FineRange") -> bool:
        """Is this range beyond `other` (a higher maximum, or a minimum above its maximum)?"""
        if self.kind != other.kind or other.hi is None:
            return False
        if self.hi is not None and self.hi > other.hi + 1e-9:
            return True
        return self.lo is not None and self.lo > other.hi + 1e-9


def parse_amount(text: str) -> float | None:
    """'二十万' -> 200000, '1.5万' -> 15000, '五千' -> 5000, '2000' -> 2000."""
    if not text:
        return None
    mult = 1
    if text.endswith("万"):
        mult, text = 10000, text[:-1]
    elif text.endswith("千") and re.fullmatch(r"[\d.]+千", text):
        mult, text = 1000, text[:-1]
    try:
        return float(text) * mult
    except ValueError:
        n = parse_int(text)
        return None if n is None else float(n * mult)


def _pct(text: str | None) -> float | None:
    return float(parse_int(text[3:])) if text else None


def parse_fine(match: re.Match) -> FineRange | None:
    if match.group("pct_hi"):
        return FineRange(
            "percent", _pct(match.group("pct_lo")), _pct(match.group("pct_hi")), _base(match.group("base"))
        )
    unit = match.group("hi_unit")
    lo, hi = parse_amount(match.group("lo")), parse_amount(match.group("hi"))
    if unit == "倍":
        return FineRange("times", lo, hi, _base(match.group("base")))
    if unit == "%":
        return FineRange("percent", lo, hi, _base(match.group("base")))
    return FineRange("yuan", lo, hi)


def _base(text: str) -> str:
    return re.sub(r"^(?:以|其|对其|对个人|对单位)", "", (text or "").strip())


def find_fines(text: str, start: int = 0, end: int | None = None):
    """Yield (FineRange, start, end) for every fine phrase in text[start:end]."""
    for m in FINE_RE.finditer(text, start, len(text) if end is None else end):
        fine = parse_fine(m)
        if fine is not None and fine.hi is not None:
            yield fine, m.start(), m.end()


def bigrams(text: str) -> set[str]:
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    return {a + b for a, b in zip(chars, chars[1:])}


@dataclass(frozen=True)
class StatutoryFine:
    law: str
    article: int
    fine: FineRange
    cues: frozenset[str]


def index_path() -> Path:
    return corpus_file("statutory_fines.yaml")


@lru_cache(maxsize=1)
def load_fine_index() -> tuple[StatutoryFine, ...]:
    path = index_path()
    if not path.is_file():
        return ()
    out = []
    for row in yamlio.load_path(path) or []:
        out.append(
            StatutoryFine(
                law=row["law"],
                article=int(row["article"]),
                fine=FineRange(row["kind"], row.get("lo"), row.get("hi"), row.get("base") or ""),
                cues=frozenset(row.get("cues") or ()),
            )
        )
    return tuple(out)


def statutory_match(sentence: str, fine: FineRange, min_cues: int = 4) -> StatutoryFine | None:
    """The statutory fine this sentence restates: the same range, and enough of the
    statute's rare character pairs describing the same conduct."""
    candidates = _fines_by_range().get((fine.kind, fine.lo, fine.hi))
    if not candidates:
        return None
    grams = bigrams(sentence)
    best, best_score = None, 0
    for s in candidates:
        score = len(s.cues & grams)
        if score >= min_cues and score > best_score:
            best, best_score = s, score
    return best


@lru_cache(maxsize=1)
def _fines_by_range() -> dict[tuple, tuple[StatutoryFine, ...]]:
    # each fine found is compared only with the statutory fines of the same range
    out: dict[tuple, list[StatutoryFine]] = {}
    for s in load_fine_index():
        out.setdefault((s.fine.kind, s.fine.lo, s.fine.hi), []).append(s)
    return {k: tuple(v) for k, v in out.items()}


def fines_of_article(law: str, article: int) -> list[StatutoryFine]:
    return [s for s in load_fine_index() if s.law == law and s.article == article]
