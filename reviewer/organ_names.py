"""Issuers by their full names, as a register lists them.

A document may print an organ by a short name (福建能源监管办) or, inside its own
jurisdiction, without the place (市工业和信息化局 in a Tianjin notice). A reviewer files it
under the full name; the short forms and what they stand for are data
(rules/vocab/issuers.yaml, short_names)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

# A department named by its level alone (市工业和信息化局, 省财政厅, 区住房和城乡建设局).
_LEVEL_ONLY_RE = re.compile(r"^(?:省|市|区|县|自治区|州|盟|旗)(?!委员会$)[\u4e00-\u9fa5]{2,30}$")


@lru_cache(maxsize=1)
def _short_names() -> tuple[tuple[re.Pattern, str], ...]:
    from .vocabulary import VOCAB_DIR
    from .yamlio import load_path

    data = load_path(VOCAB_DIR / "issuers.yaml")
    return tuple((re.compile(e["short"]), e["full"]) for e in data.get("short_names", ()))


def full_name(organ: str, text: str = "") -> str:
    for rx, full in _short_names():
        if m := rx.fullmatch(organ):
            return full.format(**m.groupdict())
    if text and _LEVEL_ONLY_RE.match(organ) and not organ.startswith(("市委", "省委", "区委", "县委")):
        place = _place_printed(organ, text)
        if place:
            return place + organ
    return organ


def _place_printed(organ: str, text: str) -> str | None:
    """The place the text itself prints in front of the same name where the name stands on
    its own (天津市工业和信息化局 at a line's start, after a label or a comma), the one it
    names most often."""
    level = "自治区" if organ.startswith("自治区") else organ[0]
    votes: Counter = Counter()
    for m in re.finditer(re.escape(organ), text):
        before = re.search(r"(?:^|[^\u4e00-\u9fa5])([\u4e00-\u9fa5]{2,4})\Z", text[max(0, m.start() - 5) : m.start()])
        # a place's name holds no article number nor a sentence's words (第十四条省财政厅)
        if before and not re.search(r"[省市区县州盟旗第条款项章节的了在由对向从为将把被和与及]", before.group(1)):
            votes[before.group(1)] += 1
    if not votes:
        return None
    return max(votes, key=lambda p: (text.count(p + level), votes[p], len(p)))


def full_names(organs, text: str = "") -> tuple[str, ...]:
    names = [full_name(o, text) for o in organs]
    # organs signing together at one level are of one place (天津市工业和信息化局、市财政局)
    for i, (short, name) in enumerate(zip(organs, names)):
        if name == short and _LEVEL_ONLY_RE.match(short):
            level = short[0]
            sibling = next(
                (n[: len(n) - len(o) + 1] for o, n in zip(organs, names) if n != o and o[0] == level and o != short),
                None,
            )
            if sibling:
                names[i] = sibling[:-1] + short
    return tuple(names)
