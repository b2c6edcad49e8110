"""Option callbacks shared by the commands."""

from __future__ import annotations

from datetime import date

import click


def iso_date(ctx, param, value):
    """Click callback: a YYYY-MM-DD date, or None."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"“{value}”不是有效日期，应写作“2026-11-23”这样的年-月-日") from None
