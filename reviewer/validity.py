"""How long a document itself stays in force, read from its text.

Public verb: `read_validity(text, start, doc_date) -> Validity`.

Families read, strongest first (a later family only counts when no earlier one is found):
1. an extension or shortening of the document's validity (有效期延长至2029年6月30日) - it
   replaces whatever the original clause said;
2. the document's own validity clause (本办法…有效期5年 / 有效期至… / 有效期限为两年 /
   试行期为一年), counted from the effective date: last day = start + N years - 1 day;
3. an execution window stated for the whole document (上述政策执行期限为…至… /
   以上政策执行期限截至… / 实施期截止到…);
4. the window of a time-boxed notice (禁飞时间：…至… / 禁渔期为…至… / 公示期为…至…);
5. the year or school year a notice says it deals with (现就做好2024年…工作通知如下 /
   现就2015—2016学年…有关问题通知如下): its task is done when the period ends (a school year
   ends on 31 August). A plan's years in its headline (2024年工作要点) are not read here:
   the cleanup reads them from the title, and the metadata labels keep valid_until null.
Validity of things the document deals with (certificates, qualifications, designations,
contracts, single subsidies) is not the document's: those clauses have their own subject.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .dates import _MD, _Y, DATE_RE, add_years, to_iso
from .numerals import CN_NUM, parse_int

_N = rf"[{CN_NUM}\d０-９]+"
# what a document calls itself in its final clause: 本办法, 本通告, 本实施细则, 本政策措施…
_SELF_KINDS = (
    r"(?:实施|管理|暂行|试行)?(?:办法|规定|细则|意见|措施|通知|通告|公告|决定|方案|规则|制度|规程|标准|目录|"
    r"清单|规划|计划|纲要|指引|指南|政策|文件|批复|答复|复函|函|条例)"
)
_SELF = rf"本(?:[\u4e00-\u9fa5]{{0,4}}?){_SELF_KINDS}"
# a subject naming everything the document grants: 以上政策, 上述措施, 本通知所列政策
_ALL = rf"(?:以上|上述|前述|{_SELF})(?:[\u4e00-\u9fa5、]{{0,8}}?)?(?:政策|措施|规定|事项|条款|内容)?"
# the final clause of a document carries its effective date; a sentence that says nothing
# of its own subject (有效期五年。) is the document speaking of itself.
_FINAL_VERB = re.compile(r"(?:施行|实施|执行|生效|实行|试行)")
_OTHER_SUBJECT = re.compile(
    r"证明|证书|许可|执照|资格|资质|备案|登记|卡|合同|协议|认定|称号|名单|目录内|等级|评价结果|"
    r"保函|期权|激励|机构|企业|中心|基地|平台|项目|补贴|票据|批准文件|回执|入库"
)

_END = rf"(?:(?P<ey>{_Y})\s*年\s*)?(?:(?P<em>{_MD})\s*月\s*(?:(?P<ed>{_MD})\s*日|(?P<emonth>(?=[底末止，。；,;）)\s]|$)))|(?P<eyend>底|末))"
_START = rf"(?P<start>{DATE_RE.pattern})"
_TO = r"(?:至|到|—|－|-|~|～)"

EXTENSION_RE = re.compile(
    rf"有效期(?:限)?(?:延长|延期|顺延|延续|调整|缩短|变更)(?:至|到|为)\s*(?P<date>{DATE_RE.pattern})"
)
UNTIL_RE = re.compile(rf"有效期(?:限)?(?:至|截至|截止到?|到|为[^。；]{{0,30}}?至)\s*(?P<date>{DATE_RE.pattern})")
# 有效期5年 / 有效期限为两年 / 试行期为一年 / 本办法试行两年 (but not 试行1年后开展评估)
YEARS_RE = re.compile(
    rf"(?:有效期(?:限)?|试行期(?:限)?|暂行期(?:限)?|试行)(?:为|是|均为)?\s*(?P<n>{_N}|半)\s*(?:个)?(?P<unit>年|月)"
    rf"(?!后|以后|之后|内|来|以来|以上)"
)
# 执行期限为2019年1月1日至2023年12月31日 / 执行期限至2025年12月31日 / 实施期截止到… / 有效期暂定至2022年底
WINDOW_RE = re.compile(
    rf"(?:执行|实施|施行|适用|政策)(?:期限|期间|期|时间)(?:暂定|暂定为|为|是|：|:)?\s*"
    rf"(?:(?:自|从)?\s*{_START}\s*(?:起)?\s*{_TO}|至|到|截至|截止到?|暂定至)\s*{_END}"
)
# a notice that is a window itself: 禁飞时间：2025年3月1日至3月15日 / 公示期为…至…
NOTICE_WINDOW_RE = re.compile(
    rf"(?:禁飞|禁渔|休渔|禁牧|禁猎|禁航|禁运|禁采|限行|管制|管控|封闭|封控|限飞|禁燃|禁放|公示|征集|收费)"
    rf"(?:时间|时段|期|期间|期限|年限|日期)(?:暂定)?(?:[一二两三四五六七八九十\d]+年)?[，,]?(?:为|是|：|:)?\s*(?:自|从)?\s*{_START}"
    rf"[^。；\n至到—－~～]{{0,20}}?\s*(?:起)?\s*{_TO}\s*{_END}"
)


@dataclass(frozen=True)
class Validity:
    valid_until: str | None = None
    years: float | None = None
    text: str | None = None
    start: int = -1
    family: str | None = None


def _end_iso(m: re.Match, after: int) -> str | None:
    """The last day of a window's end as printed: a full date, 12月31日 in the start's year,
    2022年12月 (the month's last day), 2020年底 (the year's last day)."""
    y = parse_int(m.group("ey")) if m.group("ey") else None
    if y is None:
        start = m.groupdict().get("start")
        y = parse_int(re.match(_Y, start).group(0)) if start else None
    if y is None:
        return None
    try:
        if m.group("eyend"):
            return date(y, 12, 31).isoformat()
        mo = parse_int(m.group("em"))
        if m.group("ed"):
            return date(y, mo, parse_int(m.group("ed"))).isoformat()
        return date(y, mo, calendar.monthrange(y, mo)[1]).isoformat()
    except (TypeError, ValueError):
        return None


def _sentence(text: str, pos: int) -> tuple[int, int]:
    s = max(text.rfind("。", 0, pos), text.rfind("\n", 0, pos), text.rfind("；", 0, pos)) + 1
    e = min((i for i in (text.find("。", pos), text.find("\n", pos)) if i >= 0), default=len(text))
    return s, e


_LEAD = re.compile(rf"^[\s　]*(?:第{_N}条[\s　]*|[一二三四五六七八九十]+、|[（(]{_N}[）)])?")


def _own(text: str, m: re.Match, whole: bool = False) -> bool:
    """Whether a validity clause speaks of the document itself. `whole`: an execution window,
    which counts only under a subject covering the whole document (上述政策…) or as a
    sentence of its own."""
    s, e = _sentence(text, m.start())
    before = text[s : m.start()]
    if "》" in before:
        # …印发了《…通告》（…号），试行有效期限为两年: the clause speaks of the document named
        before = before[before.rfind("》") + 1 :]
        if not re.search(_ALL if whole else _SELF, before):
            return False
    lead = _LEAD.match(before).end()
    bare = not before[lead:].strip("，,、 　")
    if re.search(_ALL if whole else _SELF, before):
        # 本办法所称企业有效期三年 still speaks of the enterprises
        tail = before[re.search(_ALL if whole else _SELF, before).end() :]
        return not _OTHER_SUBJECT.search(tail)
    if bare:
        return True
    if whole:
        return False
    # …自印发之日起施行，有效期2年: the clause shares its sentence with the effective date
    return bool(_FINAL_VERB.search(text, s, m.start())) and not _OTHER_SUBJECT.search(before)


def _years(m: re.Match) -> float | None:
    n = 0.5 if m.group("n") == "半" else parse_int(m.group("n"))
    if not n:
        return None
    return n if m.group("unit") == "年" else n / 12


_YEAR = r"(?:19|20)\d{2}"
_RANGE = rf"(?P<y1>{_YEAR})\s*(?:年)?\s*(?:—|－|-|~|～|至|到)+\s*(?P<y2>{_YEAR})"
_SCOPE_NOTICE_RE = re.compile(
    rf"现就(?:做好|开展|统筹开展|组织|组织开展|推进)?(?:[^。，；]{{0,12}}?)(?:{_RANGE}|(?P<y>{_YEAR}))\s*(?P<unit>年度|学年|年)"
    rf"(?!起|以来|以后|后|前|版|底|末)[^。]{{0,60}}?(?:通知|通告|公告)如下"
)


def _scope_end(m: re.Match) -> str:
    y = int(m.group("y2") or m.group("y"))
    if m.group("unit") == "学年":
        return date(y if m.group("y2") else y + 1, 8, 31).isoformat()
    return date(y, 12, 31).isoformat()


def read_validity(text: str, start_date: str | None, from_pos: int = 0) -> Validity:
    """The document's own validity; `start_date` is its effective date (or its date when it
    takes effect on issue), from which a period of N years is counted."""
    ext = [
        m
        for m in EXTENSION_RE.finditer(text, from_pos)
        if not _OTHER_SUBJECT.search(text[_sentence(text, m.start())[0] : m.start()])
    ]
    if ext:
        m = ext[-1]
        return Validity(to_iso(_date(m)), None, m.group(0), m.start(), "extension")
    own = [(m, "until") for m in UNTIL_RE.finditer(text, from_pos) if _own(text, m)]
    own += [(m, "years") for m in YEARS_RE.finditer(text, from_pos) if _own(text, m)]
    if own:
        # the last clause wins: a cover notice's clause after the measure's, a later change
        m, kind = max(own, key=lambda x: x[0].start())
        if kind == "until":
            return Validity(to_iso(_date(m)), None, m.group(0), m.start(), "until")
        years = _years(m)
        if years:
            return Validity(add_years(start_date, years) if start_date else None, years, m.group(0), m.start(), "years")
    for rx, whole, family in ((WINDOW_RE, True, "window"), (NOTICE_WINDOW_RE, False, "notice_window")):
        found = [
            (m, _end_iso(m, m.start()))
            for m in rx.finditer(text, from_pos)
            if family == "notice_window" or _own(text, m, whole=whole)
        ]
        found = [(m, iso) for m, iso in found if iso]
        if found:
            # the document lapses when the last of its windows closes
            m, iso = max(found, key=lambda x: x[1])
            return Validity(iso, None, m.group(0), m.start(), family)
    # A one-off document's period is not a validity clause: it sets valid_until, not
    # validity_text, so the validity-period check still asks for a clause.
    if m := _SCOPE_NOTICE_RE.search(text, from_pos, from_pos + 1500):
        return Validity(_scope_end(m), None, None, m.start(), "scope")
    return Validity()


def _date(m: re.Match):
    """A match object whose y/m/d groups are those of the date inside m."""
    return DATE_RE.search(m.group(0))
