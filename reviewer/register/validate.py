"""Dates and names as a reviewer types them, checked before anything is written."""

from __future__ import annotations

import getpass
import os
import re
from datetime import date

from ..dates import DATE_RE, to_iso, to_prose
from .db import RegisterError

_ISO = re.compile(r"^\s*(\d{4})[-./](\d{1,2})[-./](\d{1,2})\s*$")


def parse_date(value, label: str) -> date:
    """2024-03-12, 2024/3/12, 2024.3.12 or 2024年3月12日; a date object passes through."""
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        raise RegisterError(f"{label}不能为空")
    m = _ISO.match(text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise RegisterError(f"{label}“{text}”不是有效日期") from None
    m = DATE_RE.fullmatch(text)
    if m and to_iso(m):
        return date.fromisoformat(to_iso(m))
    raise RegisterError(f"{label}“{text}”不是有效日期，请写作 2025-03-12 或 2025年3月12日")


def not_in_future(day: date, label: str, today: date) -> None:
    if day > today:
        raise RegisterError(f"{label}{to_prose(day.isoformat())}晚于今天（{to_prose(today.isoformat())}），不可能发生")


def not_before(later: date, later_label: str, earlier: date, earlier_label: str) -> None:
    if later < earlier:
        raise RegisterError(
            f"{later_label}{to_prose(later.isoformat())}早于{earlier_label}{to_prose(earlier.isoformat())}，请核对日期"
        )


def current_user() -> str:
    """Who is recording: $REVIEWER_USER, else the login name."""
    try:
        return os.environ.get("REVIEWER_USER") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def clean_name(value: str | None, label: str) -> str:
    name = (value or "").strip()
    if not name:
        raise RegisterError(f"{label}不能为空")
    return name
