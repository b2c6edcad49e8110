"""Sentences and clauses of a provision, and what governs a phrase inside them:
a prohibition aimed at the government (不得指定), a reference to superior law
(依照《…》第×条), or an exception (法律、法规另有规定的从其规定).

These are the readings that separate creation from restatement (DESIGN.md §6).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE_END = re.compile(r"[。；;！!？?\n]")
CLAUSE_END = re.compile(r"[，,：:。；;！!？?\n]")

# A reference to superior law inside the same sentence makes the sentence a restatement.
REFERENCE_RE = re.compile(
    r"(?:依照|依据|根据|按照|遵照|适用|参照|按)[^。；;，,]{0,8}《(?!本)[^》]{2,60}》"
    r"|(?:依照|依据|根据|按照|遵照)(?:国家|有关|相关|现行|上位)?(?:有关|相关)?"
    r"(?:法律|行政法规|地方性法规|法规|规章|法律法规|法律、(?:行政)?法规)"
    r"|(?:依照|依据|根据|按照)(?!本)[\u4e00-\u9fa5]{2,20}?(?:法|条例)(?:第[一二三四五六七八九十百零\d]+条)"
    r"|(?:该法|该条例|上述法律|上述条例)第[一二三四五六七八九十百零\d]+条"
    r"|(?<![未不])依法(?:予以|给予|进行|作出|实施|追究|查处|处理|处罚|处以|责令|吊销|没收|查封|扣押|冻结|收取|征收|办理|处置|"
    r"采取|强制|拆除|移送|取缔|纳入|公示|列入|实行|对其)"
    r"|(?:依照|依据|根据|按照|遵照)(?:国家|上级|省|上位法)?(?:有关|相关)规定"
    r"|由[^。；;，,]{1,24}依法"
    r"|(?:法律|行政法规|法规)(?:、(?:行政法规|法规|规章))*(?:已有|另有)?(?:规定|明确)(?:的|应当|须|需)"
    r"|(?:法律|行政法规|法规)(?:、(?:行政法规|法规|规章))*另有规定"
    r"|(?:违反|依照|依据)(?:《[^》]{2,60}》)(?:第[^条]{1,8}条)?"
    r"|国务院(?:批准|决定|规定)"
)


# Words that, before a phrase in the same clause, turn it into a prohibition or removal
# aimed at the issuer itself: 不得收取, 严禁指定, 取消…保证金, 免收.
def _negators() -> re.Pattern:
    """The negators of the pattern rules, from rules/vocab/markers.yaml (legal facts live in data)."""
    from .vocabulary import VOCAB_DIR
    from .yamlio import load_path

    words = load_path(VOCAB_DIR / "markers.yaml")["pattern_negators"]
    return re.compile("|".join(words))


NEGATORS_RE = _negators()


def _carriers() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    from .vocabulary import VOCAB_DIR
    from .yamlio import load_path

    m = load_path(VOCAB_DIR / "markers.yaml")
    return (
        re.compile("|".join(f"(?:{p})" for p in m["negation_carriers"])),
        re.compile(m["excepted_by_reference"]),
        re.compile(m["prohibition_after_exception"]),
    )


_CARRIER_RE, _EXCEPTED_RE, _PROHIBITION_AFTER_RE = _carriers()


def carried_negation(text: str, clause_start: int, sentence_start: int) -> bool:
    """Does a prohibition in the previous comma-clause govern this one (不得借…的名义，指定…), or
    is the phrase what a prohibition excepts by reference to existing rules (除按规定收取…外，不得…)?"""
    k = clause_start
    if k > sentence_start and _CARRIER_RE.search(text, max(sentence_start, k - 50), k):
        return True
    m = None
    for m in _EXCEPTED_RE.finditer(text, max(sentence_start, clause_start - 30), clause_start + 60):  # noqa: B007 (the last match)
        pass
    return m is not None and m.start() <= clause_start + 60 and _PROHIBITION_AFTER_RE.match(text, m.end()) is not None


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of text[start:end], split at 。；！？ and line ends."""
    end = len(text) if end is None else end
    out, s = [], start
    for m in SENTENCE_END.finditer(text, start, end):
        if m.start() > s:
            out.append(Span(s, m.end() if text[m.start()] != "\n" else m.start()))
        s = m.end()
    if s < end:
        out.append(Span(s, end))
    return [sp for sp in out if text[sp.start : sp.end].strip()]


_FULL_STOP = re.compile(r"[。！!？?\n]")


def full_sentence(text: str, span: Span) -> Span:
    """Widen a ；-delimited sentence to the 。-delimited one: clauses joined by ； share the
    reference that opens them (依照《…》第×条的规定责令停止建设；…，处…罚款)."""
    s = span.start
    while s > 0 and not _FULL_STOP.match(text[s - 1]):
        s -= 1
    m = _FULL_STOP.search(text, max(span.start, span.end - 1))
    return Span(s, m.start() if m else len(text))


_OPEN_QUOTES, _CLOSE_QUOTES = '“「『"', '”」』"'


def quotation_around(text: str, pos: int, limit: int = 400) -> Span | None:
    """The quotation holding pos, if any: a review case quotes the provision
    (规定“对违规者处以500元罚款”) and then cites the law it breaks, which is no restatement."""
    lo = max(0, pos - limit)
    opened = max(text.rfind(q, lo, pos) for q in "“「『")
    if opened < 0 or max(text.rfind(q, opened, pos) for q in "”」』") > opened:
        return None
    hi = min(len(text), pos + limit)
    ends = [e for e in (text.find(q, pos, hi) for q in "”」』") if e >= 0]
    if not ends:
        return None
    close = min(ends)
    reopened = [o for o in (text.find(q, pos, close) for q in "“「『") if o >= 0]
    if reopened or close - opened <= 12:
        return None
    return Span(opened + 1, close)


def clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause (，-delimited) holding pos, not before floor."""
    i = pos
    while i > floor and not CLAUSE_END.match(text[i - 1]):
        i -= 1
    return i


def negated(text: str, start: int, sentence_start: int, window: int = 16, pattern: re.Pattern = NEGATORS_RE) -> bool:
    """Is the phrase at `start` governed by a negator earlier in its own clause?"""
    own = clause_start(text, start, sentence_start)
    c = max(own, start - window)
    return _negator_before(text, c, start, pattern) or carried_negation(text, own, sentence_start)


def _negator_before(text: str, c: int, start: int, pattern: re.Pattern = NEGATORS_RE) -> bool:
    """A negator that opens before the phrase, even where it runs into the phrase's own
    words (不收取 before the match 收取…费)."""
    for m in pattern.finditer(text, c, min(len(text), start + 4)):
        if m.start() < start:
            return True
    return False


_WEAK_REFERENCE = ("依法", "由")
# a reviewer's verdict (该规定违反《…》) names the law broken, it does not restate it
_VERDICT = re.compile(r"(?:规定|条款|做法|内容|文件|措施|要求|涉嫌|明显|均|已|，|,)\s*$")
# 除 opening 除…外, not the 除 of 拆除/消除/解除
_EXCEPT = re.compile(r"(?<![拆消清解排删免废扣剔革去根铲破])除")
_ALONGSIDE = re.compile(r"[^，,。；;]{0,8}?(?:的同时|同时|之外|外[，,])")


def has_reference(text: str, span: Span, local: Span | None = None) -> bool:
    """Is there a reference to superior law in span? One inside 除…外 or 在…的同时 (除依法
    办理相关手续外，还应当…; 在依法处罚的同时，可以暂扣…) marks what the document adds to the
    law, so it does not count. A bare 依法 vouches only for its own ；-clause (`local`):
    依法责令停止建设；拒不停止的，取消其补贴 — the second measure has no basis."""
    for m in REFERENCE_RE.finditer(text, span.start, span.end):
        if _EXCEPT.search(text, max(span.start, m.start() - 3), m.start()):
            continue
        if m.group().startswith("违反") and _VERDICT.search(text, max(span.start, m.start() - 8), m.start()):
            continue
        weak = m.group().startswith(_WEAK_REFERENCE)
        if weak and _ALONGSIDE.match(text, m.end()):
            continue
        if weak and local is not None and not (local.start <= m.start() < local.end):
            continue
        return True
    return False
