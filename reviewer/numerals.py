"""Chinese numerals as printed in article labels and dates (十七, 一百零一, 二〇二四)."""

from __future__ import annotations

import re

DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
    "o": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_NUM = "〇○零一二两三四五六七八九十百千"
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def parse_int(s: str) -> int | None:
    """'十七' -> 17, '一百零一' -> 101, '17' -> 17, '二〇二四' -> 2024 (digit by digit)."""
    s = s.strip().translate(_FULLWIDTH)
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if all(ch in DIGITS for ch in s):
        # digit-by-digit form used for years: 二〇二四
        return int("".join(str(DIGITS[ch]) for ch in s))
    total, current = 0, 0
    for ch in s:
        if ch in DIGITS:
            current = DIGITS[ch]
        elif ch in UNITS:
            unit = UNITS[ch]
            total += (current or 1) * unit
            current = 0
        elif ch == "万":
            total = (total + current) * 10000
            current = 0
        else:
            return None
    return total + current


def to_chinese(n: int) -> str:
    """17 -> '十七', 101 -> '一百零一', 10001 -> '一万零一' (article-number style; groups of
    four digits under 万 and 亿, so no count of articles or paragraphs is too large)."""
    if n < 0:
        raise ValueError(n)
    if n >= 10000:
        for unit_value, unit in ((10**8, "亿"), (10**4, "万")):
            if n >= unit_value:
                high, low = divmod(n, unit_value)
                head = to_chinese(high) + unit
                if not low:
                    return head
                # a gap of a whole digit group or more is read with 零 (一万零一, 一亿零五百万)
                return head + ("零" if low < unit_value // 10 else "") + _below(low, unit_value)
    return _small(n)


def _below(n: int, unit_value: int) -> str:
    # the part under a 万/亿 unit is written in full: 一万一千 (not 一万千), 十万零十 -> 十万零一十
    text = to_chinese(n)
    return "一" + text if text.startswith("十") else text


def _small(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    parts = []
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        q, n = divmod(n, unit_value)
        if q:
            parts.append(digits[q] + unit)
        elif parts and n:
            if parts[-1] != "零":
                parts.append("零")
    if n:
        parts.append(digits[n])
    return "".join(parts).rstrip("零")


NUM_RE = re.compile(rf"[{CN_NUM}\d０-９]+")
