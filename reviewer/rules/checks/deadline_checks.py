"""Deadlines a document sets against the periods superior law fixes: a shorter time for a
citizen to apply for reconsideration, to sue, to ask for a hearing or to pay a fine, or a
longer time for the government to answer an information request, takes away what the
law grants (DOMAIN.md §5: "a shorter deadline than the law grants")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...numerals import parse_int
from .python import register

_N = r"([0-9]{1,3}|[一二三四五六七八九十百两]{1,4})"


@dataclass(frozen=True)
class Period:
    name: str  # what the period is for, as a reviewer says it
    pattern: re.Pattern  # group 1: the number; group "unit": 日/天/个月/个工作日
    days: int  # the statutory period in days (months as 30 days)
    law: str
    article: str
    citizen: (
        bool  # True: a right of the citizen (shorter is unlawful); False: a duty of the government (longer is unlawful)
    )
    unless: re.Pattern | None = None
    since: str | None = None  # the revision that set this period, and the period before it
    before: int | None = None


_UNIT = r"(?P<unit>个工作日|工作日|日|天|个月|月)"
# the finding starts where the period does: 自收到决定书之日起十五日内…
_FROM = r"(?:(?:自|在|于)[^。；;，,]{0,16}?)?(?:之日起|后)"


@lru_cache(maxsize=1)
def periods() -> tuple[Period, ...]:
    """The statutory periods, from rules/vocab/periods.yaml (legal facts live in data)."""
    from ...vocabulary import VOCAB_DIR
    from ...yamlio import load_path

    out = []
    for p in load_path(VOCAB_DIR / "periods.yaml")["periods"]:
        rx = p["pattern"].replace("{FROM}", _FROM).replace("{N}", _N).replace("{UNIT}", _UNIT)
        out.append(
            Period(
                p["name"],
                re.compile(rx),
                int(p["days"]),
                p["law"],
                p["article"],
                bool(p["citizen"]),
                re.compile(p["unless"]) if p.get("unless") else None,
                p.get("since"),
                p.get("before"),
            )
        )
    return tuple(out)


_INFO_REQUEST = re.compile(r"政府信息|信息公开")


def _days(number: str, unit: str) -> int | None:
    n = int(number) if number.isdigit() else parse_int(number)
    if n is None:
        return None
    if "月" in unit:
        return n * 30
    if "工作日" in unit:
        return n * 7 // 5
    return n


@register("deadline_against_statute")
def deadline_against_statute(doc, ctx):
    from ...scope import sentences

    out = []
    text = doc.text
    for sent in sentences(text, doc.body_start if doc.kind not in ("fragment", "case") else 0):
        for p in periods():
            for m in p.pattern.finditer(text, sent.start, sent.end):
                if p.unless and p.unless.search(text, sent.start, sent.end):
                    continue
                if not p.citizen and not _INFO_REQUEST.search(text, max(0, sent.start - 200), sent.end):
                    continue
                days = _days(m.group(1), m.group("unit"))
                if days is None:
                    continue
                short = p.citizen and days < p.days
                long = not p.citizen and days > p.days
                if not (short or long):
                    continue
                said = f"{m.group(1)}{m.group('unit')}"
                how = "短于" if short else "长于"
                if p.since and doc.date and doc.date < p.since and p.before is not None and days >= p.before:
                    # lawful when issued: the law lengthened the period later
                    out.append(
                        {
                            "start": m.start(),
                            "end": m.end(),
                            "severity": "warning",
                            "message": f"文件规定的{p.name}为{said}，符合制定时的法律规定，但《{p.law}》"
                            f"修改后（{p.since[:4]}年施行）{p.article}规定的期限更长，清理时应当修改。",
                        }
                    )
                    continue
                out.append(
                    {
                        "start": m.start(),
                        "end": m.end(),
                        "severity": None,
                        "message": f"文件规定的{p.name}为{said}，{how}《{p.law}》{p.article}规定的法定期限，"
                        f"与上位法相抵触。",
                    }
                )
    return out
