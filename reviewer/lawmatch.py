"""Does a stored review cite a given law? Used by the dynamic cleanup
(`reviewer cleanup --changed-law TITLE`) to pick the documents to review again.

A reviewer types the law as she knows it: 《中华人民共和国行政处罚法》, 行政处罚法,
中华人民共和国行政处罚法. Titles are compared after dropping 《》, spaces, the
中华人民共和国 prefix and a trailing version note such as （2021年修订）. When the
superior-law registry (reviewer.laws) knows the law, its registry id and every alias
it lists match too, so 《民法典》 finds citations printed as 《中华人民共和国民法典》
and the registry id a citation was resolved to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BRACKETS = re.compile(r"[《》〈〉\s\u3000]")
_PREFIX = re.compile(r"^中华人民共和国")
_VERSION_NOTE = re.compile(r"[（(](?:\d{4}年?(?:修订|修正)?|试行|暂行|修订|修正|草案)[）)]$")


def normalize(title: str | None) -> str:
    t = _BRACKETS.sub("", title or "")
    t = _VERSION_NOTE.sub("", t)
    return _PREFIX.sub("", t)


@dataclass(frozen=True)
class LawKeys:
    titles: frozenset[str]  # normalised titles and aliases
    ids: frozenset[str]  # registry ids
    label: str  # as the user typed it, for messages


def law_keys(title: str) -> LawKeys:
    titles, ids = {normalize(title)}, set()
    entry = _registry_entry(title)
    if entry is not None:
        ids.add(entry.id)
        titles.update(normalize(n) for n in (entry.title, *getattr(entry, "aliases", ())))
    titles.discard("")
    return LawKeys(frozenset(titles), frozenset(ids), title)


def _registry_entry(title: str):
    # The registry is optional: without it the normalised-title match still works.
    try:
        from .laws import load_registry

        return load_registry().lookup(title=title)
    except Exception:  # ImportError, or registry data this checkout cannot read
        return None


def cites_law(review: dict, keys: LawKeys) -> bool:
    """True when any citation of the stored review (the JSON contract) names the law."""
    for c in (review.get("document") or {}).get("citations") or ():
        if c.get("resolved") and c["resolved"] in keys.ids:
            return True
        if c.get("title") and normalize(c["title"]) in keys.titles:
            return True
    return False
