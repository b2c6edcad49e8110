"""Word automatic numbering (word/numbering.xml) rendered as text.

Articles in drafts are very often numbered by Word itself ("第%1条" with
chineseCounting), so the label exists only in numbering.xml; without it the
provision parser would see bare paragraphs.

Counters follow Word rather than the letter of ECMA-376: every w:num that
points at the same w:abstractNum shares one running count, and a num's
w:startOverride restarts that shared count the first time the num is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape
from functools import lru_cache
from typing import Optional, Union

from lxml import etree

_DIGITS = "零一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_UNITS = ("仟", "佰", "拾", "")
_UNITS = ("千", "百", "十", "")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _below_10000(n: int, digits: str, units: tuple[str, ...]) -> str:
    out, gap = [], False
    for d, unit in zip(f"{n:04d}", units):
        if d == "0":
            gap = bool(out)
            continue
        if gap:
            out.append(digits[0])
            gap = False
        out.append(digits[int(d)] + unit)
    return "".join(out)


def chinese_number(n: int, legal: bool = False) -> str:
    """1→一, 10→十, 11→十一, 20→二十, 101→一百零一, 10010→一万零一十."""
    digits, units = (_LEGAL_DIGITS, _LEGAL_UNITS) if legal else (_DIGITS, _UNITS)
    if n <= 0:
        return "〇" if n == 0 else str(n)
    if n < 10000:
        text = _below_10000(n, digits, units)
    else:
        high, low = divmod(n, 10000)
        text = chinese_number(high, legal) + ("萬" if legal else "万")
        if low:
            text += (digits[0] if low < 1000 else "") + _below_10000(low, digits, units)
    # Spoken Chinese drops the leading 一 of 一十 only at the very start.
    if not legal and text.startswith("一十"):
        text = text[1:]
    return text


def _roman(n: int) -> str:
    out = []
    for value, sym in _ROMAN:
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


_CHINESE_COUNTING = frozenset(
    (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "koreanCounting",
    )
)


@lru_cache(maxsize=4096)
def format_number(n: int, fmt: str) -> str:
    if fmt in ("decimal", "decimalHalfWidth", "cardinalText", "ordinalText", ""):
        return str(n)
    if fmt in _CHINESE_COUNTING:
        return chinese_number(n)
    if n <= 0:  # the remaining systems have no zero
        return str(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return chinese_number(n, legal=True)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12]
    if fmt == "ideographZodiacTraditional":
        return _STEMS[(n - 1) % 10] + _BRANCHES[(n - 1) % 12]
    if fmt == "ideographEnclosedCircle" and n <= 10:
        return chr(0x3220 + n - 1)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        if n <= 20:
            return chr(0x2460 + n - 1)
        if n <= 35:
            return chr(0x3251 + n - 21)
        if n <= 50:
            return chr(0x32B1 + n - 36)
        return str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if n <= 20 else f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULLWIDTH)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return str(n)


@dataclass(frozen=True)
class Level:
    start: int = 0  # ECMA-376: an omitted w:start means 0
    fmt: str = "decimal"
    text: str = ""
    restart: Optional[int] = None
    legal: bool = False  # w:isLgl: show every level in decimal
    suffix: str = " "
    style: Optional[str] = None
    # lvlText split into literal text and 0-based level indexes for %1..%9
    parts: tuple[Union[str, int], ...] = field(default=(), compare=False)


_PLACEHOLDER = re.compile(r"%([1-9])")
_STYLE_ID = re.compile(rb'w:styleId="([^"]*)"')


def _split_level_text(text: str) -> tuple[Union[str, int], ...]:
    pieces = _PLACEHOLDER.split(text)
    return tuple(int(p) - 1 if i % 2 else p for i, p in enumerate(pieces) if p)


class StyleSheet:
    """Numbering of paragraph styles, looked up lazily in the raw styles.xml.

    Word's styles.xml runs to 300+ KB (every built-in style and its latent
    settings), often twenty times the document.xml of a draft; parsing it all
    would cost more than reading the draft itself, while a draft uses a
    handful of styles. Each style asked for is cut out of the bytes and parsed
    on its own, inside a copy of the root tag so every namespace prefix is
    declared. Files whose root is not "w:styles" are parsed whole.
    """

    def __init__(self, data: Optional[bytes], w: str, parser):
        self._w = w
        self._data = data or b""
        self._parser = parser
        self._found: dict[str, Optional[tuple[Optional[str], Optional[int], Optional[str]]]] = {}
        self.default: Optional[str] = None
        start = self._data.find(b"<w:styles")
        close = self._data.find(b">", start)
        if start < 0 or close < 0:
            self._whole()
            return
        self._open = self._data[start:close].rstrip(b"/") + b">"
        at = self._data.find(b'w:default="1"')
        while at >= 0 and self.default is None:
            tag_start = self._data.rfind(b"<", 0, at)
            head = self._data[tag_start : self._data.find(b">", at)]
            if head.startswith(b"<w:style ") and b'w:type="paragraph"' in head:
                m = _STYLE_ID.search(head)
                self.default = m.group(1).decode("utf-8") if m else None
            at = self._data.find(b'w:default="1"', at + 1)

    def _whole(self) -> None:
        if not self._data:
            return
        root = etree.fromstring(self._data, self._parser)
        for st in root.iter(f"{{{self._w}}}style"):
            if st.get(f"{{{self._w}}}type") != "paragraph":
                continue
            sid = st.get(f"{{{self._w}}}styleId")
            if st.get(f"{{{self._w}}}default") in ("1", "true", "on"):
                self.default = sid
            self._found[sid] = self._read(st)
        self._data = b""

    def _read(self, st) -> tuple[Optional[str], Optional[int], Optional[str]]:
        w = self._w
        num_id = ilvl = based_on = None
        for child in st:
            if child.tag == f"{{{w}}}basedOn":
                based_on = child.get(f"{{{w}}}val")
            elif child.tag == f"{{{w}}}pPr":
                numpr = child.find(f"{{{w}}}numPr")
                if numpr is not None:
                    for item in numpr:
                        if item.tag == f"{{{w}}}numId":
                            num_id = item.get(f"{{{w}}}val")
                        elif item.tag == f"{{{w}}}ilvl":
                            ilvl = _int(item.get(f"{{{w}}}val"), 0)
        return num_id, ilvl, based_on

    def get(self, sid: str) -> Optional[tuple[Optional[str], Optional[int], Optional[str]]]:
        """(numId, ilvl, basedOn) of a paragraph style, or None if unknown."""
        if sid in self._found or not self._data:
            return self._found.get(sid)
        found = None
        key = f'w:styleId="{escape(sid, {chr(34): "&quot;"})}"'.encode("utf-8")
        at = self._data.find(key)
        if at >= 0:
            start = self._data.rfind(b"<w:style ", 0, at)
            end = self._data.find(b"</w:style>", at)
            tag_end = self._data.find(b">", at)
            if start >= 0 and tag_end >= 0:
                if self._data[tag_end - 1 : tag_end] == b"/":
                    block = self._data[start : tag_end + 1]
                elif end >= 0:
                    block = self._data[start : end + len(b"</w:style>")]
                else:
                    block = b""
                try:
                    root = etree.fromstring(self._open + block + b"</w:styles>", self._parser)
                    found = self._read(root[0])
                except (etree.XMLSyntaxError, IndexError):
                    found = None  # a damaged style only costs its numbering
        self._found[sid] = found
        return found


class Numbering:
    """Definitions from numbering.xml and the styles, plus the running counters."""

    def __init__(self, numbering_root, styles: StyleSheet, w: str):
        self._w = w
        self._abstract = {}  # abstractNumId → element, read on use
        self._abstract_levels: dict[str, dict[int, Level]] = {}
        self._style_link: dict[str, str] = {}  # abstractNumId → numStyleLink style
        self._nums: dict[str, tuple[str, dict[int, tuple[Optional[int], Optional[Level]]]]] = {}
        self._styles = styles
        self._counters: dict[str, list[Optional[int]]] = {}
        self._pending: dict[tuple[str, int], int] = {}
        self._seen: set[str] = set()
        self._resolved: dict[str, tuple[str, dict[int, Level]]] = {}
        self._style_cache: dict[Optional[str], tuple[Optional[str], Optional[int]]] = {}
        if numbering_root is not None:
            self._read_numbering(numbering_root)

    def _val(self, el, name: str) -> Optional[str]:
        child = el.find(f"{{{self._w}}}{name}")
        return None if child is None else child.get(f"{{{self._w}}}val")

    def _level(self, lvl) -> Level:
        w = self._w
        start, restart = self._val(lvl, "start"), self._val(lvl, "lvlRestart")
        legal = lvl.find(f"{{{w}}}isLgl")
        suffix = {"nothing": "", "space": " "}.get(self._val(lvl, "suff") or "tab", " ")
        text = self._val(lvl, "lvlText") or ""
        if len(text) > _MAX_LEVEL_TEXT:
            # Word's own lvlText is a few characters (第%1条, %1.%2); a long one would be
            # copied before every numbered paragraph (an 850 KB numbering.xml took 2.6 GB)
            text = ""
        # Word accepts start values up to 32767; a 4,000-digit one would be printed per paragraph
        return Level(
            start=min(max(_int(start, 0), 0), _MAX_START),
            fmt=self._val(lvl, "numFmt") or "decimal",
            text=text,
            parts=_split_level_text(text),
            restart=None if restart is None else _int(restart, None),
            legal=legal is not None and legal.get(f"{{{w}}}val") not in ("0", "false", "off"),
            suffix=suffix,
            style=self._val(lvl, "pStyle"),
        )

    def _read_numbering(self, root) -> None:
        w = self._w
        for ab in root.iter(f"{{{w}}}abstractNum"):
            ab_id = ab.get(f"{{{w}}}abstractNumId")
            self._abstract[ab_id] = ab
            link = self._val(ab, "numStyleLink")
            if link:
                self._style_link[ab_id] = link
        for num in root.iter(f"{{{w}}}num"):
            overrides = {}
            for ov in num.iter(f"{{{w}}}lvlOverride"):
                start = self._val(ov, "startOverride")
                lvl = ov.find(f"{{{w}}}lvl")
                overrides[_int(ov.get(f"{{{w}}}ilvl"), 0)] = (
                    None if start is None else min(max(_int(start, 0), 0), _MAX_START),
                    None if lvl is None else self._level(lvl),
                )
            self._nums[num.get(f"{{{w}}}numId")] = (self._val(num, "abstractNumId"), overrides)

    def _style_numpr(self, style: Optional[str]) -> tuple[Optional[str], Optional[int]]:
        cached = self._style_cache.get(style)
        if cached is None:
            cached = self._style_cache[style] = self._walk_styles(style)
        return cached

    def _walk_styles(self, style: Optional[str]) -> tuple[Optional[str], Optional[int]]:
        num_id = ilvl = None
        for _ in range(20):  # basedOn chains are short; the bound stops cycles
            found = None if style is None else self._styles.get(style)
            if found is None:
                break
            s_num, s_ilvl, style = found
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_ilvl
        return num_id, ilvl

    def _abstract_of(self, num_id: str) -> Optional[str]:
        ab_id = self._nums[num_id][0]
        link = self._style_link.get(ab_id)
        if link and not self._levels_of(ab_id):
            linked = self._style_numpr(link)[0]
            if linked in self._nums and linked != num_id:
                ab_id = self._nums[linked][0]
        return ab_id

    def label(self, num_id: Optional[str], ilvl: Optional[int], style: Optional[str]) -> str:
        """Advance the counters for one numbered paragraph and return its label
        (including the separator after it), or "" when it is not numbered."""
        style = style or self._styles.default
        if num_id is None or ilvl is None:
            s_num, s_ilvl = self._style_numpr(style)
            if num_id is None:
                num_id = s_num
            if ilvl is None:
                ilvl = s_ilvl
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return ""
        ab_id, levels = self._levels(num_id)
        overrides = self._nums[num_id][1]
        if ilvl is None:  # a style-linked level names its style in w:pStyle
            ilvl = next((i for i, lv in levels.items() if style and lv.style == style), 0)
        level = levels.get(ilvl)
        if level is None:
            return ""
        state = self._counters.setdefault(ab_id, [None] * 10)
        if num_id not in self._seen:
            self._seen.add(num_id)
            for i, (start, _) in overrides.items():
                if start is not None and 0 <= i < 10:
                    state[i] = None
                    self._pending[(ab_id, i)] = start
        if not 0 <= ilvl < 10:
            return ""
        if state[ilvl] is None:
            state[ilvl] = self._pending.pop((ab_id, ilvl), level.start)
        else:
            state[ilvl] += 1
        for deeper in range(ilvl + 1, 10):
            lv = levels.get(deeper)
            restart = None if lv is None else lv.restart
            if restart is None or (restart != 0 and ilvl < restart):
                state[deeper] = None
        return self._render(level, levels, state)

    def _levels_of(self, ab_id: Optional[str]) -> dict[int, Level]:
        # Templates carry dozens of list definitions; only used ones are read.
        levels = self._abstract_levels.get(ab_id)
        if levels is None:
            ab = self._abstract.get(ab_id)
            w = self._w
            levels = (
                {} if ab is None else {_int(l.get(f"{{{w}}}ilvl"), 0): self._level(l) for l in ab.iter(f"{{{w}}}lvl")}
            )
            self._abstract_levels[ab_id] = levels
        return levels

    def _levels(self, num_id: str) -> tuple[str, dict[int, Level]]:
        resolved = self._resolved.get(num_id)
        if resolved is None:
            ab_id = self._abstract_of(num_id)
            levels = dict(self._levels_of(ab_id))
            levels.update({i: lv for i, (_, lv) in self._nums[num_id][1].items() if lv is not None})
            resolved = self._resolved[num_id] = (ab_id, levels)
        return resolved

    @staticmethod
    def _render(level: Level, levels: dict[int, Level], state: list[Optional[int]]) -> str:
        if level.fmt == "none":
            text = _strip_placeholders(level.text)
        elif level.fmt == "bullet":
            # Bullets are mostly Symbol/Wingdings private-use glyphs.
            text = "".join("•" if "\ue000" <= c <= "\uf8ff" else c for c in level.text)
        else:
            out = []
            for part in level.parts:
                if isinstance(part, str):
                    out.append(part)
                    continue
                lv = levels.get(part) or _DEFAULT_LEVEL
                value = state[part] if state[part] is not None else lv.start
                fmt = "decimal" if level.legal and lv.fmt != "none" else lv.fmt
                out.append("" if fmt == "none" else format_number(value, fmt))
            text = "".join(out)
        return text + level.suffix if text.strip() else ""


_MAX_LEVEL_TEXT = 200
_MAX_START = 32767


def _strip_placeholders(text: str) -> str:
    return _PLACEHOLDER.sub("", text)


_DEFAULT_LEVEL = Level()


def _int(value: Optional[str], default):
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
