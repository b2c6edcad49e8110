"""Document numbers (发文字号) such as 济政〔2024〕12号, with their form defects.

GB/T 9704-2012 §7.2.4: the year is written in full and enclosed in 六角括号 〔〕.
"""

from __future__ import annotations

import re

from .model import DocNumber

_OPEN = re.escape("〔[［(（【〖﹝")
_CLOSE = re.escape("〕]］)）】〗﹞")
DOC_NUMBER_RE = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fa5A-Za-z]{{1,16}})"
    rf"\s*(?P<open>[{_OPEN}])\s*(?P<year>\d{{4}}|\d{{2}})\s*(?P<close>[{_CLOSE}])"
    rf"\s*(?P<serial>第?\s*\d{{1,5}})\s*号"
)
# Parts of a sentence that precede a number but are not part of its prefix.
_LEADING_NOISE = re.compile(r"^.*?(?:(?:根据|按照|依据|依照|参照|执行|落实|贯彻|印发|见|的|和|与|及|（|\()\s*)")
# A number run into the headline before it (…的通知国科发高〔2013〕110号): the kind word ends the headline.
_HEADLINE_END = re.compile(
    r"^.*?(?:通知|意见|决定|办法|规定|批复|复函|方案|细则|措施|报告|通报|答复|公告|通告|条例)(?=[\u4e00-\u9fa5A-Za-z])"
)
_PREFIX_HINT = re.compile(r"(?:发|办|字|函|通|令|规|政|委|府|党|电|[A-Za-z])$")


def parse_doc_number(match: re.Match, base: int = 0) -> DocNumber:
    prefix = match.group("prefix")
    # A match inside prose swallows preceding words; keep only a plausible issuer code.
    trimmed = _LEADING_NOISE.sub("", prefix)
    if len(trimmed) >= 1:
        prefix = trimmed
    trimmed = _HEADLINE_END.sub("", prefix)
    if len(trimmed) >= 2:
        prefix = trimmed
    if len(prefix) > 8:
        prefix = prefix[-8:]
    start = match.end("prefix") - len(prefix)
    year_text = match.group("year")
    year = int(year_text) if len(year_text) == 4 else None
    serial = match.group("serial").replace("第", "").strip()
    defects = []
    if match.group("open") != "〔" or match.group("close") != "〕":
        defects.append(f"年份应使用六角括号“〔〕”，文中写作“{match.group('open')}{year_text}{match.group('close')}”")
    if year is None:
        defects.append("年份应标全称（四位数字）")
    if serial.startswith("0") and len(serial) > 1:
        defects.append("发文顺序号不应编虚位（如“012”应为“12”）")
    if "第" in match.group("serial"):
        defects.append("发文顺序号前不加“第”字")
    normalized = f"{prefix}〔{year if year else year_text}〕{int(serial)}号"
    return DocNumber(
        text=match.string[start : match.end()],
        start=base + start,
        end=base + match.end(),
        prefix=prefix,
        year=year,
        serial=str(int(serial)),
        normalized=normalized,
        form_defect="；".join(defects) or None,
    )


def find_doc_numbers(text: str, start: int = 0, end: int | None = None) -> list[DocNumber]:
    end = len(text) if end is None else end
    return [parse_doc_number(m) for m in DOC_NUMBER_RE.finditer(text, start, end)]


# An order (令) is numbered by its issuer without a year, or with one in brackets:
# 中华人民共和国国务院令 第707号, 科学技术部、国家保密局令第16号, 河北省人民政府令〔2009〕第5号,
# and the serial in brackets on the line below the order's name (上海市人民政府令 /（第19号）).
ORDER_NUMBER_RE = re.compile(
    rf"(?P<org>[\u4e00-\u9fa5、]{{2,60}}?)令\s*(?:[{_OPEN}]\s*(?P<year>\d{{4}})\s*[{_CLOSE}])?\s*"
    rf"[（(]?\s*第\s*(?P<serial>\d{{1,5}}|[一二三四五六七八九十百零〇]{{1,6}})\s*号(?:\s*[）)])?"
)


# A standing committee or government promulgating by proclamation: 某某常务委员会公告（第一二六号）.
PROCLAMATION_RE = re.compile(
    r"(?P<org>[\u4e00-\u9fa5、]{2,60}?)公告\s*[（(]?\s*(?:[〔\[［(（【]\s*(?P<year>\d{4})\s*[〕\]］)）】]|(?P<year2>\d{4})\s*年)?\s*"
    r"第\s*(?P<serial>\d{1,5}|[一二三四五六七八九十百零〇]{1,8})\s*号\s*[）)]?"
)


def parse_order_number(match: re.Match) -> DocNumber:
    from .numerals import parse_int

    org = match.group("org")
    short = org[len("中华人民共和国") :] if org.startswith("中华人民共和国") and len(org) > 9 else org
    serial = str(parse_int(match.group("serial")) or match.group("serial"))
    year = int(match.group("year")) if match.group("year") else None
    # the brackets a masthead sets around the serial (令 /（第19号）) are layout, not the number
    text = re.sub(r"[（(](第[^（）()]+号)[）)]", r"\1", re.sub(r"\s+", "", match.group(0)))
    kind = "公告" if "公告" in match.group(0)[len(org) : len(org) + 3] else "令"
    normalized = f"{short}{kind}" + (f"〔{year}〕" if year else "") + f"第{serial}号"
    if "year2" in match.re.groupindex and match.group("year2"):
        # 财政部 税务总局公告2022年第32号: announcements are numbered by year, as printed
        year = int(match.group("year2"))
        normalized = f"{short}{kind}{year}年第{serial}号"
    return DocNumber(
        text=text,
        start=match.start(),
        end=match.end(),
        prefix=short + kind,
        year=year,
        serial=serial,
        normalized=normalized,
        form_defect=None,
    )
