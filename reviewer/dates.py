"""Dates as printed in documents: 2024年3月12日, 二〇二四年三月十二日, 2024-03-12."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .numerals import parse_int

_Y = r"(?:\d{4}|[〇○零ＯO一二三四五六七八九]{4})"
_MD = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE_RE = re.compile(rf"(?P<y>{_Y})\s*年\s*(?P<m>{_MD})\s*月\s*(?P<d>{_MD})\s*日")
# A signature's date as people type it: 2024年3月12月 or 2024年3月12号 where 日 is meant, or 日
# left off at the end of the line. Read so
# only where a date stands alone or closes a signature, never in running text.
LOOSE_DATE_RE = re.compile(
    rf"(?P<y>{_Y})\s*年\s*(?P<m>{_MD})\s*月\s*(?P<d>{_MD})\s*(?:日|号|月(?![\d一二三四五六七八九十])|(?=[ \t　]*(?:\n|\Z)))"
)
ISO_RE = re.compile(r"(?<!\d)(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})(?!\d)")


def to_iso(match: re.Match) -> str | None:
    y, m, d = (parse_int(match.group(k)) for k in ("y", "m", "d"))
    try:
        return date(y, m, d).isoformat()
    except (TypeError, ValueError):
        return None


def find_dates(text: str, start: int = 0, end: int | None = None):
    """Yield (iso, start, end) for every well-formed date in text[start:end]."""
    for rx in (DATE_RE, ISO_RE):
        for m in rx.finditer(text, start, len(text) if end is None else end):
            iso = to_iso(m)
            if iso:
                yield iso, m.start(), m.end()


def add_years(iso: str, years: float) -> str:
    """The last day of a validity period of `years` starting on `iso`."""
    d = date.fromisoformat(iso)
    whole = int(years)
    months = round((years - whole) * 12)
    y, m = d.year + whole, d.month + months
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    if y > date.max.year:
        # 有效期8000年: beyond the calendar; the period itself (years) still reads as too long
        return date.max.isoformat()
    try:
        end = d.replace(year=y, month=m)
    except ValueError:  # 29 February
        end = d.replace(year=y, month=m, day=28)
    return (end - timedelta(days=1)).isoformat()


def to_prose(iso: str | None) -> str:
    """2024-03-12 -> 2024年3月12日, the form reviewers write."""
    if not iso:
        return "（未载明）"
    d = date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"
