"""Deadlines a document sets against the periods superior law fixes: a shorter time for a
citizen to apply for reconsideration, to sue, to ask for a hearing or to pay a fine, or a
longer time for the government to answer an information request, takes away what the
law grants (DOMAIN.md §5: "a shorter deadline than the law grants")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...numerals import parse_int
from .python import register

_N = r"([0-9]{1,3}|[一二三四五六七八九十百两]{1,4})"


@dataclass(frozen=True)
class Period:
    name: str            # what the period is for, as a reviewer says it
    pattern: re.Pattern  # group 1: the number; group "unit": 日/天/个月/个工作日
    days: int            # the statutory period in days (months as 30 days)
    law: str
    article: str
    citizen: bool        # True: a right of the citizen (shorter is unlawful); False: a duty of the government (longer is unlawful)
    unless: re.Pattern | None = None
    since: str | None = None   # the revision that set this period, and the period before it
    before: int | None = None


_UNIT = r"(?P<unit>个工作日|工作日|日|天|个月|月)"
# the finding starts where the period does: 自收到决定书之日起十五日内…
_FROM = r"(?:(?:自|在|于)[^。；;，,]{0,16}?)?(?:之日起|后)"
PERIODS = (
    Period("申请行政复议的期限",
           re.compile(_FROM + _N + _UNIT + r"内[^。；;]{0,12}?(?:申请行政复议|提出行政复议申请|提出复议申请|申请复议)"),
           60, "中华人民共和国行政复议法", "第二十条", True),
    Period("提起行政诉讼的期限",
           re.compile(_FROM + _N + _UNIT + r"内[^。；;]{0,12}?(?:向人民法院)?提起(?:行政)?诉讼"),
           180, "中华人民共和国行政诉讼法", "第四十六条", True,
           unless=re.compile(r"复议决定|复议机关|法律另有规定"), since="2015-05-01", before=90),
    Period("要求听证的期限",
           re.compile(r"(?:要求|申请)听证的?[，,]?[^。；;]{0,16}?" + _N + _UNIT + r"内(?:提出|申请)?"),
           5, "中华人民共和国行政处罚法", "第六十四条第（一）项", True, since="2021-07-15", before=3),
    Period("缴纳罚款的期限",
           re.compile(r"(?:收到|送达)[^。；;，,]{0,8}处罚决定书之日起" + _N + _UNIT + r"内[^。；;]{0,16}?缴纳罚款"),
           15, "中华人民共和国行政处罚法", "第六十七条第三款", True),
    Period("答复政府信息公开申请的期限",
           re.compile(r"(?:收到|受理)[^。；;，,]{0,6}申请之日起" + _N + _UNIT + r"内[^。；;]{0,8}?(?:予以)?答复"),
           30, "政府信息公开条例", "第三十三条第二款", False,
           unless=re.compile(r"延长")),
)
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
        for p in PERIODS:
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
                    out.append({"start": m.start(), "end": m.end(), "severity": "warning",
                                "message": f"文件规定的{p.name}为{said}，符合制定时的法律规定，但《{p.law}》"
                                           f"修改后（{p.since[:4]}年施行）{p.article}规定的期限更长，清理时应当修改。"})
                    continue
                out.append({"start": m.start(), "end": m.end(), "severity": None,
                            "message": f"文件规定的{p.name}为{said}，{how}《{p.law}》{p.article}规定的法定期限，"
                                       f"与上位法相抵触。"})
    return out
