"""The head of a document as real texts carry it: site metadata, masthead, number, headline,
issuing organs, and the signature with its date.

Real inputs are rarely laid out as GB/T 9704 prints them. Crawled pages run the number,
headline, addressee and body together on one line (冀人社发〔2024〕23号各市…), put the
number above the headline, wrap a headline over three or four lines, letter-space it, or
carry the site's own metadata (【发布日期】…) above the text. The readers here work on
the text as characters with line breaks as one more hint, not as a sequence of tidy lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DATE_RE, LOOSE_DATE_RE, to_iso
from .intervals import line_bounds
from .docnumber import DOC_NUMBER_RE, ORDER_NUMBER_RE, PROCLAMATION_RE, parse_doc_number, parse_order_number
from .model import DocNumber

# Words a headline ends with (GB/T 9704 §7.3.3: 发文机关 + 关于 + 事由 + 文种).
TITLE_KINDS = (
    "实施意见",
    "指导意见",
    "若干意见",
    "通知",
    "办法",
    "规定",
    "细则",
    "意见",
    "措施",
    "决定",
    "方案",
    "要点",
    "报告",
    "规则",
    "制度",
    "规程",
    "标准",
    "目录",
    "清单",
    "公告",
    "通告",
    "批复",
    "复函",
    "答复",
    "纲要",
    "规划",
    "计划",
    "指引",
    "指南",
    "总结",
    "条例",
    "通报",
    "决议",
    "准则",
    "章程",
    "修正案",
    "函",
    "说明",
    "解读",
    "公示",
)
_KIND_RE = re.compile("|".join(sorted(TITLE_KINDS, key=len, reverse=True)))
_KIND_QUALIFIER_RE = re.compile(r"^[（(](?:试行|暂行|修订|修正|征求意见稿|草案|送审稿|\d{4}年修订|\d{4}年修正)[）)]")
_PAREN_RE = re.compile(r"^[（(][^（）()]{1,24}[）)]")
# A headline never holds a sentence stop, a colon or a document's own number.
_NOT_IN_TITLE_RE = re.compile(r"[。；：:？！?!]")
# What the body opens with: a headline does not start like this.
_BODY_START_RE = re.compile(
    r"^(?:为了?|根据|按照|依据|依照|现将|现就|现对|现予|近日|近年来|经|各|日前|目前|我[省市区县厅局部委]|你[省市区县厅局部委单]|"
    r"《|“|\d{1,2}[月日、.．]|[一二三四五六七八九十]+、|第[一二三四五六七八九十百\d]+[章条])"
)
# The head (关于/印发/转发…) after which a headline's subject follows.
_HEAD_WORD_RE = re.compile(r"(?:关于|印发|转发|批转|颁布|公布|发布)(?!的|了|实施)")
_CN = "一二三四五六七八九十百零〇"
# After a kind word, these continue the headline (…办法的通知, …计划（2016-2020年）的通知, 《A》和《B》).
_CONTINUATION_RE = re.compile(
    r"^(?:[的之》〉」』”和及与、暨]|(?:实施|管理|暂行|试行|工作|补充|若干|政策)?(?:"
    + "|".join(TITLE_KINDS)
    + r")|[（(][^（）()]{0,30}[）)]\s*(?:的|》|〉|”))"
)

# Organ names: the endings an issuing organ's name has. 会 only in the forms organs take
# (社会保障部 must not split at 社会).
_ORGAN_END = (
    r"(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|联合会|总工会|工会|协会|监会|商会|学会|"
    r"总局|管委会|领导小组|工作组|指挥部|"
    r"部|厅|局|委|署|院|办|行|府|中心|海关|联|所|队)"
)
# Name endings that another ending may follow within one organ (国务院办公厅, 人民政府办公室, 国家税务总局).
_ORGAN_TAIL_RE = re.compile(
    r"^(?:办公厅|办公室|人民政府|政府|员会|总局|局|厅|委员会|委|办|部|门|总队|支队|大队|分局|直属|机关|"
    r"[\u4e00-\u9fa5]{0,6}(?:领导小组|办公室|工作组))"
)
_ORGAN_RE = re.compile(rf"[\u4e00-\u9fa5（）()]{{2,40}}?{_ORGAN_END}")
_ORGANS_FULL_RE = re.compile(
    rf"^(?:(?:中华人民共和国)?[\u4e00-\u9fa5（）()]{{1,40}}?{_ORGAN_END}[、\s　]*)+"
    rf"(?:等[\u4e00-\u9fa5\d]{{1,6}}(?:个)?(?:部门|单位|机关))?$"
)
_STATE_PREFIX = "中华人民共和国"

# Site metadata printed above the text: 【发布日期】…, [发布单位]…, 发文字号：…, 名称：…
_SITE_LABELS = {
    "title": r"名\s*称|标\s*题|文件名称|文件标题",
    "doc_number": r"发文字号|文\s*号|发文号|文件编号",
    "issuer": r"发文机关|发布机构|发布单位|颁布部门|发文单位|制发机关|发布部门",
    "date": r"成文日期|发文日期|发布日期|颁布日期|印发日期|发布时间",
    "other": r"索\s*引\s*号|主题分类|主\s*题\s*词|公文时效|生效日期|效力状态|时效性|有效性|信息来源|来\s*源|分\s*类|文章类型|体裁分类|组配分类|"
    r"服务对象|公开方式|公开范围|浏览次数|正\s*文",
}
_SITE_LABEL_RE = re.compile(
    r"(?:[\[【〔]\s*(?P<b>" + "|".join(_SITE_LABELS.values()) + r")\s*[\]】〕]\s*[:：]?"
    r"|(?<![\u4e00-\u9fa5])(?P<c>" + "|".join(_SITE_LABELS.values()) + r")\s*[:：])"
)


# Any short label with a value, as sites print their fields (有 效 性：有效, 信息分类：…).
_GENERIC_LABEL_RE = re.compile(r"^[\u4e00-\u9fa5 　]{1,8}[:：][ 　]*\S")


# A page's own furniture above the text: breadcrumbs, font-size switches, print/close links.
_CHROME_RE = re.compile(
    r"^(?:首页|当前位置|您的位置|位置)\s*[>＞»:：]|[>＞»]\s*(?:正文|详情|政策文件|文件)\s*$|[【\[]\s*(?:字体|字号)|"
    r"[大中小]\s+[大中小]\s+[大中小]|^(?:分享到|打印本页|打印|关闭窗口|关闭|返回顶部|收藏|浏览次数|阅读次数)|"
    r"^\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}"
)


@dataclass(frozen=True)
class Headline:
    title: str
    start: int
    end: int
    issuers: tuple[str, ...] = ()


def _clean(line: str) -> str:
    return line.strip().strip("　").strip()


def close_up(s: str) -> str:
    """A headline without the spaces letter-spacing, wrapping and two-organ lines leave."""
    return re.sub(r"[\s　\u00a0]+", "", s)


# ---------------------------------------------------------------- organs


def split_organs(s: str) -> tuple[str, ...]:
    """The organs in a run of names: 财政部税务总局科技部 -> (财政部, 税务总局, 科技部).

    Splits at separators, then after every organ ending that no further ending of the
    same organ follows (国务院办公厅 stays whole)."""
    out = []
    for part in re.split(r"[、，,\s　]+", s):
        part = part.strip()
        if not part:
            continue
        pos, start = 0, 0
        while pos < len(part):
            m = re.compile(_ORGAN_END).search(part, pos)
            if not m:
                break
            end = m.end()
            rest = part[end:]
            if rest and not _ORGAN_TAIL_RE.match(rest) and end - start >= 2 and not rest.startswith(("等", "（", "(")):
                out.append(part[start:end])
                start = end
            pos = end
        if start < len(part):
            out.append(part[start:])
    # 国务院扶贫办, 国务院国资委: an organ of the State Council, not the State Council and another;
    # 中共某区委社会工作部, 中央军委装备发展部: a department of the committee
    merged = []
    for name in out:
        if (
            merged
            and merged[-1] == "国务院"
            and not name.startswith(("国家", "中央", "中共", "全国"))
            and len(name) <= 6
        ):
            merged[-1] += name
        elif (
            merged
            and re.search(r"(?:省|市|区|县|州|盟|党|中央|军)委$", merged[-1])
            and len(name) <= 8
            and not re.match(r"^(?:国家|中央|中共|全国|中国|[\u4e00-\u9fa5]{1,4}(?:省|市|区|县))", name)
        ):
            merged[-1] += name
        else:
            merged.append(name)
    return tuple(
        n[len(_STATE_PREFIX) :] if n.startswith(_STATE_PREFIX) and len(n) > len(_STATE_PREFIX) + 1 else n
        for n in merged
    )


def looks_like_organs(s: str, limit: int = 90) -> bool:
    s = close_up(s)
    return bool(s) and len(s) <= limit and bool(_ORGANS_FULL_RE.match(s))


# ---------------------------------------------------------------- site metadata

_ANY_LABEL_RE = re.compile(
    r"(?:[\[【〔]\s*(?P<b>" + "|".join(_SITE_LABELS.values()) + r")\s*[\]】〕]\s*[:：]?"
    r"|(?P<c>" + "|".join(_SITE_LABELS.values()) + r")\s*[:：])"
)


def site_block(text: str, limit: int = 1500) -> dict:
    """Values a site printed above the text ({"title", "doc_number", "issuer", "date"}),
    with "title_at": where the title's value starts. Empty when there is none.

    Only lines near the top count, up to the first sentence of the body; on a line that
    opens with a label, the labels that follow may run on without a break (发文日期：…名称：…)."""
    found = []
    pos = 0
    for k, line in enumerate(text[:limit].split("\n")):
        if k >= 15:
            break
        first = _SITE_LABEL_RE.match(line.lstrip(" 　\t"))
        if first:
            found += [
                (pos + m.start(), pos + m.end(), m.group("b") or m.group("c"), pos + len(line))
                for m in _ANY_LABEL_RE.finditer(line)
            ]
        elif "。" in line:
            break
        pos += len(line) + 1
    if not found:
        return {}
    out: dict = {}
    for i, (_ls, le, label, line_end) in enumerate(found):
        vend = min(found[i + 1][0] if i + 1 < len(found) else line_end, line_end)
        value = _clean(text[le:vend])
        key = next(k for k, rx in _SITE_LABELS.items() if re.fullmatch(rx, re.sub(r"\s", "", label)))
        if key != "other" and value and key not in out:
            out[key] = value
            if key == "title":
                out["title_at"] = le + (len(text[le:vend]) - len(text[le:vend].lstrip(" 　\t")))
    if len(found) < 2 and not any(k in out for k in ("date", "doc_number", "issuer")):
        return {}
    return out


# ---------------------------------------------------------------- headline


def _depth_ok(s: str) -> bool:
    # parentheses are left out: sources drop a closing one (…规划（2016—2020年》的通知)
    return s.count("《") == s.count("》") and s.count("〈") == s.count("〉")


def _first_stop(j: str) -> int:
    """The first place no headline reaches past: a sentence stop or colon anywhere, a
    comma outside 《》 and brackets."""
    depth = 0
    for k, ch in enumerate(j):
        if ch in "《〈（(":
            depth += 1
        elif ch in "》〉）)":
            depth = max(0, depth - 1)
        elif _NOT_IN_TITLE_RE.match(ch) or (ch in "，," and depth == 0):
            return k
    return len(j)


def _headline_end(j: str, breaks: set[int], has_head: bool) -> int | None:
    """Where a headline that starts at j[0] ends: after a kind word at bracket depth zero
    that nothing continues. A headline without 关于/印发 (a measure's own title) must be
    followed by a line break or by what follows headlines (number, date, body)."""
    limit = min(_first_stop(j), 170)
    if has_head:
        # 关于＋事由＋的＋文种: prefer an end where 的 stands just before the kind word, so that
        # a subject naming other kinds (…公示制度执法全过程记录制度…的指导意见) is not cut short
        end = _kind_end(j, breaks, has_head, limit, after_de=True)
        if end is not None:
            return end
    return _kind_end(j, breaks, has_head, limit, after_de=False)


def _kind_end(j: str, breaks: set[int], has_head: bool, limit: int, after_de: bool) -> int | None:
    for m in _KIND_RE.finditer(j, 0, limit):
        if after_de and not re.search(r"的[^的]{0,6}$", j[: m.start()]):
            continue
        end = m.end()
        if not _depth_ok(j[:end]):
            continue
        while q := _KIND_QUALIFIER_RE.match(j[end:]):
            end += q.end()
        follow = j[end:]
        if _CONTINUATION_RE.match(follow) and not (end in breaks and not follow.startswith(("的", "》", "之"))):
            continue
        # a parenthesis that closes the headline: …实施方案（2017-2020年）, unless it is a dated note
        if (
            (p := _PAREN_RE.match(follow))
            and not re.search(r"\d{4}年\d{1,2}月|通过|发布|公布|施行|号", p.group(0))
            and not re.fullmatch(r"[（(][一二三四五六七八九十\d]{1,3}[）)]", p.group(0))
        ):
            end += p.end()
            follow = j[end:]
        if end < 4 or end > limit + 12:
            continue
        if (
            re.match(r"^[：:，,。；]", follow)
            or re.search(rf"第[{_CN}\d]+条|本(?:{_KIND_RE.pattern})", j[:end])
            or (end not in breaks and re.match(rf"^第(?!一条)[{_CN}\d]+[条款项]", follow))
        ):
            # a sentence that names a document (…印发的《…》第六条规定：) is no headline
            return None
        if (
            has_head
            or end in breaks
            or not follow
            or (_BODY_START_RE.match(follow) and follow[0] != "“")
            or DOC_NUMBER_RE.match(follow)
            or follow.startswith(j[:end])
            or ORDER_NUMBER_RE.match(follow)
            or re.match(r"^[（(]|^目\s*录|^\d|^[〇○零Ｏ一二]{4}年", follow)
        ):
            return end
    return None


def _noise(line: str) -> bool:
    if _SITE_LABEL_RE.match(line) or _GENERIC_LABEL_RE.match(line) or _CHROME_RE.search(line):
        return True
    # the red masthead: 某某厅文件, 某某简报
    if re.fullmatch(r"(?P<o>[\u4e00-\u9fa5（）()、\s　]{2,60})(?:文件|简报|公报|通报)", line) and looks_like_organs(
        re.sub(r"(?:文件|简报|公报|通报)$", "", line)
    ):
        return True
    return bool(
        re.fullmatch(
            r"第\s*\d{1,5}\s*号|[A-Za-z0-9\-_/.:： ]{3,40}|[（(]?此件[^）)]{0,8}[）)]?|[（(]?(?:公开|不予公开|依申请公开)[^）)]{0,8}[）)]?|"
            r"\d{6,8}|(?:签发人|密级|紧急程度|特急|加急|绝密|机密|秘密)\S*",
            line,
        )
    )


def find_headline(text: str, lines, skip_until: int = 0, scan_lines: int = 14) -> Headline | None:
    """The document's headline near the top, as printed (joined over wrapped lines,
    letter-spacing closed up), with the organs named in front of 关于/印发."""
    tried = 0
    for i, (s, e, raw) in enumerate(lines):
        if e < skip_until:
            continue
        line = _clean(raw)
        if not line:
            continue
        tried += 1
        if tried > scan_lines:
            break
        offset = s + (len(raw) - len(raw.lstrip(" 　\t")))
        if _noise(line) or DATE_RE.fullmatch(line) or re.fullmatch(r"[（(]?\s*" + DATE_RE.pattern + r"\s*[）)]?", line):
            continue
        starts = [offset]
        # a number (or a date stamp) run into the headline: 冀人社函〔2017〕33号关于做好…的通知
        if (
            (m := re.match(r"[（(]?\s*(?:" + DOC_NUMBER_RE.pattern + r")\s*[）)]?|\d{8}(?=[\u4e00-\u9fa5])", line))
            or ((m := ORDER_NUMBER_RE.match(line)) and looks_like_organs(m.group("org")))
            or ((m := PROCLAMATION_RE.match(line)) and looks_like_organs(m.group("org")))
        ):
            starts = [offset + m.end()]
        elif DOC_NUMBER_ONLY.fullmatch(line):
            continue
        for st in starts:
            h = _headline_at(text, lines, i, st)
            if h:
                return h
        if _NOT_IN_TITLE_RE.search(line) or line.endswith(("：", ":")) or len(line) > 160:
            break
    return None


def masthead_organs(lines, scan: int = 6) -> tuple[str, ...]:
    """The organs of a red masthead (某某市人民政府文件, 甲局 乙局文件) near the top."""
    for _, _, raw in lines[:scan]:
        line = _clean(raw)
        m = re.fullmatch(r"(?P<o>[\u4e00-\u9fa5（）()、\s　]{2,60})文件", line)
        if m and looks_like_organs(m.group("o")):
            return split_organs(m.group("o"))
    return ()


def headline_at(text: str, lines, pos: int) -> Headline | None:
    """A headline that starts at `pos` (a site block's 名称: value)."""
    i = next((k for k, (s, e, _) in enumerate(lines) if s <= pos <= e), None)
    return None if i is None else _headline_at(text, lines, i, pos)


DOC_NUMBER_ONLY = re.compile(r"[（(]?\s*(?:" + DOC_NUMBER_RE.pattern + r")\s*[）)]?")


_HEADLINE_WINDOW = 600


def _headline_at(text: str, lines, i: int, start: int) -> Headline | None:
    # The text from `start` over the next few lines, whitespace closed up, with a map
    # back to positions in `text` and the places where a line ended.
    chars, pos_map, breaks = [], [], set()
    for k in range(i, min(len(lines), i + 7)):
        s, e, raw = lines[k]
        seg_start = max(s, start)
        # a headline is never longer than a few hundred characters: a million-character
        # line is read no further than that
        cut = e > seg_start + _HEADLINE_WINDOW
        seg = text[seg_start : seg_start + _HEADLINE_WINDOW] if cut else text[seg_start:e]
        lead = len(seg) - len(seg.lstrip(" \t　\u00a0"))
        body = seg.strip(" \t　\u00a0")
        base = seg_start + lead
        for tok in re.finditer(r"\S+|[ \t　\u00a0]+", body):
            if tok.group(0)[0] in " \t　\u00a0":
                # letter-spacing (土 地 使 用) closes up; a gap between words (two organs) stays
                left = body[: tok.start()].split()[-1:] or [""]
                right = body[tok.end() :].split()[:1] or [""]
                if len(left[0]) <= 1 or len(right[0]) <= 1 or _KIND_RE.fullmatch(left[0][-1:] + right[0][:1]):
                    continue
            for off, ch in enumerate(tok.group(0)):
                chars.append(ch)
                pos_map.append(base + tok.start() + off)
        if not cut:
            breaks.add(len(chars))
        if len(chars) > 260 or cut:
            break
    j = "".join(chars)
    if j.startswith("《") and (m := re.match(r"《[^《》]{4,100}》(?:政策)?解读", j)):
        # an interpretation page: 《某某办法》解读
        return Headline(title=j[: m.end()], start=pos_map[0], end=pos_map[m.end() - 1] + 1)
    if not j or _BODY_START_RE.match(j) or DOC_NUMBER_RE.match(j):
        return None
    if (
        (m := re.match(r"(?P<who>[^《》，。：]{0,80}?)(?:关于)?(?:印发|转发|发布)《[^《》]{4,100}》", j))
        and (not m.group("who") or looks_like_organs(m.group("who")))
        and (m.end() in breaks or re.match(r"^(?:现将|现把|现)", j[m.end() :]))
        and not re.match(r"^(?:的|等|和|及)", j[m.end() :])
    ):
        # a news-style headline: 某某办公厅印发《…》, the number on the next line; or a
        # headline cut short at the 》 and run into the body (关于转发《…》现将…)
        return Headline(
            title=j[: m.end()], start=pos_map[0], end=pos_map[m.end() - 1] + 1, issuers=split_organs(m.group("who"))
        )
    head = _HEAD_WORD_RE.search(j, 0, 100)
    who = j[: head.start()] if head else ""
    if head and who and not looks_like_organs(who):
        # 国务院办公厅对…的答复, 某某局2024年工作要点: no 关于, and the words before are not organs
        if head.start() > 0 and not re.fullmatch(r"[\u4e00-\u9fa5（）()、]{2,80}", who):
            head = None
    has_head = bool(head) and (not who or looks_like_organs(who))
    end = _headline_end(j, breaks, has_head)
    if end is None:
        return None
    title = j[:end]
    if DOC_NUMBER_RE.search(title) or DATE_RE.search(title) or len(title) < 4:
        return None
    if not has_head and end not in breaks and len(title) > 60:
        return None
    issuers = split_organs(who) if has_head and who else ()
    return Headline(title=title, start=pos_map[0], end=pos_map[end - 1] + 1, issuers=issuers)


# ---------------------------------------------------------------- orders (令) and promulgations

# 《…》已经…通过，现予公布: the measure an order promulgates.
_PROMULGATED_RE = re.compile(
    r"《(?P<t>[^《》]{2,80})》(?:已经|已由|已于|经)[^。]{0,80}?(?:通过|审议|讨论|同意)[^。]{0,60}?。?[^。]{0,6}?(?:现予|现将|予以)[^。]{0,40}?(?:公布|发布|印发)"
    r"|现(?:予)?(?:公布|发布)(?:修订后的|修改后的)?《(?P<t2>[^《》]{2,80})》"
)


def find_order(text: str, head_limit: int = 600):
    """An order (令): (number, organs, promulgated title, where the order's text ends).
    GB/T 9704 §10.2: an order has a masthead (发文机关全称加“令”字) and a number, no headline;
    what it publishes is the measure it names."""
    m = ORDER_NUMBER_RE.search(text, 0, head_limit) or PROCLAMATION_RE.search(text, 0, 200)
    prom = _PROMULGATED_RE.search(text, 0, head_limit + 400)
    if not m and not prom:
        return None
    number = organs = None
    if m and not re.search(r"[《〈]", text[max(0, m.start() - 2) : m.start()]) and _order_at_top(text, m):
        number = parse_order_number(m)
        organs = split_organs(m.group("org")) if m.group("org") else ()
    title = (prom.group("t") or prom.group("t2")) if prom else None
    if number is None and title is None:
        return None
    if number is None and prom and prom.start() > 120:
        return None
    return number, organs or (), title, prom.end() if prom else (m.end() if m else 0)


def _order_at_top(text: str, m: re.Match) -> bool:
    before = close_up(text[: m.start()])
    # only a headline may stand before an order's number: 某某办法某某省人民政府令〔2009〕第5号
    return (
        len(before) <= 80
        and (not before or (_KIND_RE.search(before[-4:]) and not re.search(r"[《》（）()。；，]", before)))
        and looks_like_organs(m.group("org"))
        and not m.group("org").startswith(("以", "已", "于", "日", "经"))
    )


# ---------------------------------------------------------------- issuing number


def find_issuing_number(text: str, headline: Headline | None, limit: int) -> DocNumber | None:
    """The document's own number: at the start of a line (冀人社发〔2024〕23号各市…, （国发〔2019〕5号）),
    right after the headline, or on a short line of its own; never a number cited in a sentence."""
    if headline:
        after = re.compile(r"[\s　]*[（(]?[\s　]*").match(text, headline.end).end()
        if m := DOC_NUMBER_RE.match(text, after):
            return parse_doc_number(m)
    for m in DOC_NUMBER_RE.finditer(text, 0, limit):
        dn = parse_doc_number(m)
        line_start = text.rfind("\n", 0, dn.start) + 1
        before = close_up(text[line_start : dn.start])
        line_end = text.find("\n", dn.end)
        line = _clean(text[line_start : line_end if line_end >= 0 else len(text)])
        if re.search(r"[《》〈〉]", text[max(0, dn.start - 2) : dn.start]):
            continue
        if re.match(r"[\s　]*(?:文)?(?:已?收悉|悉|文件|文)", text[dn.end : dn.end + 6]) or dn.prefix.startswith(
            ("你", "贵")
        ):
            continue  # a reply opens with the number of the request it answers: 你市某政〔2005〕91号文收悉
        if (
            before in ("", "（", "(", "[", "【")
            or (headline and 0 <= dn.start - headline.end <= 2)
            or (len(line) <= len(dn.text) + 14 and not re.search(r"[《》。；]", line))
        ):
            return dn
        if headline and dn.start < headline.start and looks_like_organs(before):
            return dn  # 河北省科学技术厅冀科…号: masthead and number on one line
    return None


# ---------------------------------------------------------------- signature and date

_SIGNATURE_DATE_RE = re.compile(
    rf"(?:(?<=[。！；\n”）)])|^)(?P<who>[\u4e00-\u9fa5（）()、\s　]{{2,120}}?)?[\s　]*(?P<date>{LOOSE_DATE_RE.pattern})"
)


def signature_dates(text: str, start: int = 0, end: int | None = None):
    """(date iso, where it is, organs signing) for every date that stands where a
    signature's date stands: on a line of its own, or after a sentence and the organs'
    names in a run-on line (…贯彻执行。河北省人民政府办公厅2020年5月10日…)."""
    end = len(text) if end is None else end
    out = []
    for m in LOOSE_DATE_RE.finditer(text, start, end):
        iso = to_iso(m)
        if not iso:
            continue
        ls, le = line_bounds(text, m.start())[0], line_bounds(text, m.end())[1]
        before = text[
            max(ls, m.start() - 400) : m.start()
        ]  # a signature is never longer; bounds the work on one-line texts
        after = text[m.end() : min(le, m.end() + 400)]
        alone = not close_up(before).strip("（(") and not close_up(after).strip("）)")
        if not alone and text[m.end() - 1] not in "日号月":
            continue  # 日 left off: only on a line of its own
        follows = close_up(after)
        if alone:
            out.append((iso, m.start(), _organs_above(text, ls)))
            continue
        # the run of words just before the date: a signature, or the end of a sentence
        run = re.search(r"[\u4e00-\u9fa5、（）()\s　]*$", before).group(0)
        run = close_up(run)
        organs = signature_organs(run)
        official = bool(_OFFICIAL_RE.search(run))
        if run and not organs and not official and not re.fullmatch(r"[（）()]+", run):
            continue
        if not run and before.strip() and before.rstrip()[-1] not in "。！；）)”":
            continue  # …通过，2015年4月24日…修正: a date inside a sentence
        if (
            re.match(
                r"^[，,、的在起至前后以内到止（(]|^(?:印发|发布|施行|实施|召开|举行|举办|通过|以来|期间|开始|正式)",
                follows,
            )
            and not re.match(r"^[（(](?:此件|本文|联系|公开|印发)", follows)
            and not re.fullmatch(r"[（(][^（）()]{2,60}日[）)]", follows)
        ):
            # (but a line closed by （某某局 二〇〇四年七月二十二日）, the signature of the document
            # forwarded, keeps the forwarding notice's own date before it)
            continue
        if (
            not organs
            and not official
            and not (
                not follows
                or re.match(r"^[（(](?:此件|本文|联系|公开)|^附件|^抄送", follows)
                or re.fullmatch(r"[（(][^（）()]{2,60}日[）)]", follows)
                or _headline_end(follows, set(), False)
            )
        ):
            # a date just after a sentence, with no organ signing it, only closes a
            # document when a headline, an annex or nothing follows
            continue
        out.append((iso, m.start(), organs))
    # a date typed the way forms and sites write it, on a line of its own: 2024-03-12, 2024.3.12
    for m in re.finditer(r"(?m)^[ \t　]*(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})[ \t　]*$", text[start:end]):
        iso = to_iso(m)
        if iso:
            out.append((iso, start + m.start("y"), _organs_above(text, start + m.start())))
    out.sort(key=lambda d: d[1])
    return out


# What may stand between a sentence and a signature in a run-on line: contact details,
# an annex's name, a publication note. The signature starts after the last of them.
_BEFORE_SIGNATURE_RE = re.compile(
    r"^.*(?:[处股号表略件话箱址）)（(：:]|联系人|负责|分工|同志|附件|名单|安排|房间|" + "|".join(TITLE_KINDS) + ")"
)


# An order or a proclamation is signed by the head of the organ: 部长某某, 省长某某.
_OFFICIAL_RE = re.compile(
    r"(?:总理|主席|委员长|部长|署长|局长|主任|省长|市长|州长|县长|区长|厅长|代省长|代市长|书记)[\u4e00-\u9fa5]{2,4}$"
)


def signature_organs(run: str) -> tuple[str, ...]:
    """The organs signing at the end of a run of words (…邮箱：x@y.cn河北省人力资源和社会保障厅)."""
    run = _BEFORE_SIGNATURE_RE.sub("", run)
    if not run or not looks_like_organs(run, limit=300):
        return ()
    names = split_organs(run)
    if any(len(n) > 30 or len(n) < 2 for n in names):
        return ()
    return names


def _organs_above(text: str, line_start: int) -> tuple[str, ...]:
    """The signature over a date line: one or more lines of organ names."""
    names: list[str] = []
    end = line_start - 1
    for _ in range(4):
        if end <= 0:
            break
        s = text.rfind("\n", 0, end) + 1
        line = _clean(text[s:end])
        end = s - 1
        if not line:
            continue
        if not looks_like_organs(line) or _noise(line):
            break
        names = list(split_organs(line)) + names
    return tuple(names)


# The note under a law's or a rule's title: （2011年3月30日…通过　2020年6月2日…修订）
_ADOPTION_NOTE_RE = re.compile(
    r"[（(](?P<note>[^（）()]{0,200}?(?:通过|发布|公布|修订|修正|施行)[^（）()]{0,200}?)[）)]"
)


def adoption_date(text: str, after: int) -> str | None:
    """The last date of the note printed right after a headline, for texts with no signature."""
    m = _ADOPTION_NOTE_RE.match(text, re.compile(r"[\s　]*").match(text, after).end())
    if not m:
        return None
    found = [to_iso(d) for d in DATE_RE.finditer(m.group("note"))]
    found = [d for d in found if d]
    return found[-1] if found else None
