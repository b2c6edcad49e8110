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
from datetime import date
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
    # a statistical bulletin, a standard's 规范 and an examination's 大纲 print as headlines too
    # (法 alone is not one: it ends 最高人民法院 and 司法厅 in signatures)
    "公报",
    "规范",
    "大纲",
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
    r"部|厅|局|委|署|院|办|行|府|中心|海关|联|所|队|(?<![公上])司(?!法|令))"
)
# Name endings that another ending may follow within one organ (国务院办公厅, 人民政府办公室, 国家税务总局).
_ORGAN_TAIL_RE = re.compile(
    r"^(?:办公厅|办公室|人民政府|政府|员会|会(?![\u4e00-\u9fa5])|总局|局|厅|委员会|委|办|部|门|总队|支队|大队|分局|直属|机关|"
    r"[\u4e00-\u9fa5]{0,6}(?:领导小组|办公室|工作组)|"
    # a ministry's department (国家能源局综合司) and a central organ's office in a province
    # (国家金融监督管理总局重庆监管局, 国家能源局福建监管办公室) belong to the organ before them
    r"[\u4e00-\u9fa5]{1,4}(?<!公)司(?![\u4e00-\u9fa5])|[\u4e00-\u9fa5]{2,4}(?:监管局|监管办公室|监管办|监管分局|调查总队|调查队)|"
    # 中国银行保险监督管理委员会, 中国人民银行石家庄中心支行
    r"保险监督管理委员会|[\u4e00-\u9fa5]{0,4}(?:中心支行|分行|支行|营业管理部))"
)
_ORGAN_RE = re.compile(rf"[\u4e00-\u9fa5（）()]{{2,40}}?{_ORGAN_END}")
_ORGANS_FULL_RE = re.compile(
    # a coordinating body may carry a quoted name: 安徽省推进“三地一区”建设领导小组…办公室
    rf"^(?:(?:中华人民共和国)?[\u4e00-\u9fa5（）()“”]{{1,40}}?{_ORGAN_END}[、\s　]*)+"
    rf"(?:等[\u4e00-\u9fa5\d]{{1,6}}(?:个)?(?:部门|单位|机关))?$"
)
_STATE_PREFIX = "中华人民共和国"

# Site metadata printed above the text: 【发布日期】…, [发布单位]…, 发文字号：…, 名称：…
_SITE_LABEL_WORDS = {
    "title": "名称 标题 文件名称 文件标题",
    "doc_number": "发文字号 文号 发文号 文件编号",
    "issuer": "发文机关 发文机构 发布机构 发布单位 颁布部门 发文单位 制发机关 发布部门",
    "date": "成文日期 发文日期 发布日期 颁布日期 印发日期 发布时间 时间",
    "other": "索引号 主题分类 主题词 主题 公文时效 生效日期 效力状态 时效性 有效性 信息来源 来源 分类 文章类型 体裁分类 "
    "组配分类 服务对象 公开方式 公开范围 浏览次数 实施日期 废止日期 失效日期 正文",
}
# Sites space a label's letters to fill a table cell (发 布 机 构 ：, 索 引 号 ：).
_SITE_LABELS = {
    key: "|".join(r"\s*".join(w) for w in sorted(words.split(), key=len, reverse=True))
    for key, words in _SITE_LABEL_WORDS.items()
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
    r"[大中小]\s+[大中小]\s+[大中小]|^(?:分享到|分享[:：]?$|打印本页|打印|关闭窗口|关闭|返回顶部|收藏|浏览次数|阅读次数)|"
    r"^\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}|"
    # a database's reference code or a link back to the source: 【法宝引证码】 CLI.11.1535062, 原文链接：https://…
    r"^[【\[][\u4e00-\u9fa5]{2,8}[】\]]\s*[A-Za-z0-9.\-_/]{3,}$|https?://|www\.|"
    # a switch or link on a line of its own: [大] [中] [小], [ 打印 ], a crumb's separator
    r"^[\[【(（]?\s*(?:[大中小]|打印|关闭|收藏|分享|返回)\s*[\]】)）]?$|^[>＞»|｜/\\·•]+$"
)
# Page tools on a line of their own (accessibility and reading aids, view switches). A site
# prints them above every page; joined to the next lines they make a false headline.
_PAGE_TOOL_RE = re.compile(
    r"^(?:页面放大|页面缩小|放大|缩小|语音播报|语音朗读|朗读|指读|大鼠标|大字幕|长者模式|退出长者模式|关怀模式|无障碍|"
    r"繁體|繁体|简体|返回首页|返回主站|网站支持ipv6|个人中心|智能问答|搜\s*索|下载文字版|下载图片版|"
    r"纯文本|文字版|图片版|扫一扫|手机版|视力保护色)$"
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
        elif (
            merged
            and re.search(r"(?:公安局|公安厅|公安分局)$", merged[-1])
            and re.search(r"(?:总队|支队|大队)$", name)
            and not re.match(r"^[\u4e00-\u9fa5]{1,6}(?:省|市|区|县|州)", name)
        ):
            # 某市公安局交通警察支队: a unit of the police, named after it
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


def site_block(text: str, limit: int = 8000, max_lines: int = 160) -> dict:
    """Values a site printed above the text ({"title", "doc_number", "issuer", "date"}),
    with "title_at": where the title's value starts. Empty when there is none.

    Only lines above the first sentence of the body count (a crawled page prints its menus
    first, so the block may stand far down); on a line that opens with a label, the labels
    that follow may run on without a break (发文日期：…名称：…). A label alone on its line
    ([发文字号]) takes its value from the lines below, up to the next label: crawlers print
    a table cell by cell and split a number over lines (京发改 /〔2026〕/ 341号)."""
    found = []
    pos = 0
    rows = text[:limit].split("\n")
    for k, line in enumerate(rows):
        if k >= max_lines:
            break
        first = _SITE_LABEL_RE.match(line.lstrip(" 　\t"))
        # a bracketed label is a label wherever a crawler ran it on ([主题分类]…综合利用[发文机构])
        # and, inside a block, wherever a field's label stands (…/2025-00063发布机构：)
        labels = list(_ANY_LABEL_RE.finditer(line))
        if first or any(m.group("b") for m in labels) or (found and labels):
            found += [
                (pos + m.start(), pos + m.end(), m.group("b") or m.group("c"), pos + len(line), k) for m in labels
            ]
        elif "。" in line:
            break
        pos += len(line) + 1
    if not found:
        return {}
    out: dict = {}
    for i, (_ls, le, label, line_end, k) in enumerate(found):
        vend = min(found[i + 1][0] if i + 1 < len(found) else line_end, line_end)
        value = _clean(text[le:vend])
        key = next(k for k, rx in _SITE_LABELS.items() if re.fullmatch(rx, re.sub(r"\s", "", label)))
        value_at = le
        if not value and (i + 1 == len(found) or found[i + 1][4] != k):
            below = _value_below(rows, k)
            if below:
                value_at = text.find(below[0], line_end)
                value = close_up("".join(below)) if key == "doc_number" else _clean(below[0])
        if key != "other" and value and key not in out:
            out[key] = value
            if key == "title":
                out["title_at"] = value_at + (len(text[value_at:vend]) - len(text[value_at:vend].lstrip(" 　\t")))
    if len(found) < 2 and not any(k in out for k in ("date", "doc_number", "issuer")):
        return {}
    return out


_LONE_LABEL_RE = re.compile(r"^[\[【〔][\u4e00-\u9fa5 　]{1,8}[\]】〕]\s*[:：]?$|^[\u4e00-\u9fa5 　]{1,8}[:：]$")


def _value_below(rows: list[str], k: int, most: int = 3) -> list[str]:
    out = []
    for line in rows[k + 1 : k + 1 + most]:
        c = _clean(line)
        if not c or _SITE_LABEL_RE.match(c) or _LONE_LABEL_RE.match(c) or _GENERIC_LABEL_RE.match(c):
            break
        if m := _ANY_LABEL_RE.search(c):
            out.append(_clean(c[: m.start()]))  # the next field runs on (…的通知索 引 号 ：)
            break
        out.append(c)
        if re.search(r"号\s*[)）]?$", c):
            break  # a number split over lines ends at its 号
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


def _chrome(line: str) -> bool:
    return bool(
        _SITE_LABEL_RE.match(line)
        or _GENERIC_LABEL_RE.match(line)
        or _CHROME_RE.search(line)
        or _PAGE_TOOL_RE.match(close_up(line))
    )


def _noise(line: str) -> bool:
    if (
        _SITE_LABEL_RE.match(line)
        or _GENERIC_LABEL_RE.match(line)
        or _CHROME_RE.search(line)
        or _PAGE_TOOL_RE.match(close_up(line))
    ):
        return True
    # the red masthead: 某某厅文件, 某某简报
    if re.fullmatch(r"(?P<o>[\u4e00-\u9fa5（）()、\s　]{2,60})(?:文件|简报|公报|通报)", line) and looks_like_organs(
        re.sub(r"(?:文件|简报|公报|通报)$", "", line)
    ):
        return True
    return bool(
        re.fullmatch(
            r"第\s*\d{1,5}\s*号|[A-Za-z0-9\-_/.:： ]{3,40}|[A-Za-z]|[\-–—]+|[（(]?此件[^）)]{0,8}[）)]?|[（(]?(?:公开|不予公开|依申请公开)[^）)]{0,8}[）)]?|"
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
        if law := _law_title(lines, i, line, offset):
            return law
        for st in starts:
            h = _headline_at(text, lines, i, st)
            if h:
                return h
        if _NOT_IN_TITLE_RE.search(line) or line.endswith(("：", ":")) or len(line) > 160:
            break
    return None


# ---------------------------------------------------------------- headline above its anchor

# Who an addressee line may name besides organs (各有关单位：, 国家电网有限公司：).
_ADDRESSEE_TAIL_RE = re.compile(r"(?:公司|单位|企业|集团|学校|医院|中心|机构|组织|协会|商会|人员|居民|群众)$")
# the pieces of a number split cell by cell (内能源公告〔 / 2026 / 〕 / 6 / 号)
_NUMBER_PIECE_RE = re.compile(
    r"^[\u4e00-\u9fa5]{0,12}[〔\[［(（]$|^[〔\[［(（]?\d{1,4}[〕\]］)）]?号?$|^[〕\]］)）号]$"
)


def _addressee_line(line: str) -> bool:
    if not re.search(r"[：:]$", line) or len(line) > 160:
        return False
    if not line.startswith("各") and (_LONE_LABEL_RE.match(line) or _noise(line)):
        return False
    names = [p for p in re.split(r"[，、,；;\s　]+", line[:-1]) if p]
    return line.startswith("各") or (
        bool(names) and all(looks_like_organs(n) or _ADDRESSEE_TAIL_RE.search(n) for n in names)
    )


def anchored_headline(text: str, lines, scan_lines: int = 200) -> Headline | None:
    """The headline printed just above what follows a headline: the addressee line
    (各有关单位：) or the number on its own line, with the organs on the lines above it.

    A crawled page prints its menus, tools and a metadata table first; the headline of the
    document itself is the block that stands over its addressee, wherever that falls.
    Only lines above the first sentence are searched."""
    for a, (_s, _e, raw) in enumerate(lines[:scan_lines]):
        line = _clean(raw)
        if not line:
            continue
        if _addressee_line(line) or (a > 0 and DOC_NUMBER_ONLY.fullmatch(_number_run(lines, a))):
            h = _headline_over(text, lines, a)
            if h:
                return h
        elif a > 0 and _BRACKETED_DATE_RE.fullmatch(line):
            # a bulletin's headline, its organs, then its date in brackets: （2023年4月12日）
            h = _headline_over(text, lines, a, skip_organs=True)
            if h:
                return h
        if "。" in line:
            return None
    return None


def _number_run(lines, a: int) -> str:
    """The line, or a number a crawler printed a cell a line (内能源公告〔 / 2026 / 〕 / 6 / 号)."""
    first = _clean(lines[a][2])
    if not _NUMBER_PIECE_RE.match(first):
        return first
    pieces = [first]
    for _s, _e, raw in lines[a + 1 : a + 6]:
        c = _clean(raw)
        if not _NUMBER_PIECE_RE.match(c):
            break
        pieces.append(c)
        if c.endswith("号"):
            break
    return "".join(pieces)


_BRACKETED_DATE_RE = re.compile(r"[（(]\s*" + DATE_RE.pattern + r"\s*[）)]")


def _headline_over(text: str, lines, a: int, skip_organs: bool = False) -> Headline | None:
    k, skipped = a - 1, 0
    while k >= 0 and skipped < 14:
        c = _clean(lines[k][2])
        if c and not (
            (skip_organs and looks_like_organs(c))
            or _noise(c)
            or _LONE_LABEL_RE.match(c)
            or DOC_NUMBER_ONLY.fullmatch(c)
            or _NUMBER_PIECE_RE.match(c)
            or DATE_RE.fullmatch(c)
        ):
            break
        k, skipped = k - 1, skipped + 1
    bottom = k
    block: list[int] = []
    while k >= 0 and len(block) < 12:
        c = _clean(lines[k][2])
        if (
            not c
            or _chrome(c)
            or _LONE_LABEL_RE.match(c)
            or DOC_NUMBER_ONLY.fullmatch(c)
            or len(c) > 200
            or re.search(r"[。；;]", c)
            # the value of a site field printed on the line below its label (来源：/ 体改司)
            or (k > 0 and _LONE_LABEL_RE.match(p := _clean(lines[k - 1][2])) and _SITE_LABEL_RE.match(p))
        ):
            break
        block.append(k)
        k -= 1
    if not block:
        return None
    block.reverse()
    # the organs' lines directly above the headline's own lines, and nothing above them
    texts = [_clean(lines[i][2]) for i in block]
    # where 关于/印发 opens the headline (after organs on the same line, if any); the lines
    # above it count only if each of them names organs (one organ a line, as printed)
    head = next(
        (
            n
            for n, c in enumerate(texts)
            if (m := _HEAD_WORD_RE.search(c)) and (m.start() == 0 or looks_like_organs(c[: m.start()]))
        ),
        None,
    )
    starts = block
    if head is not None:
        top = head
        while top > 0 and looks_like_organs(re.sub(r"等$", "", texts[top - 1])) and len(texts[top - 1]) <= 40:
            top -= 1
        starts = block[top : head + 1]
    bottom_end = lines[bottom][1]
    for idx in starts:
        s, _e, raw = lines[idx]
        h = _headline_at(text, lines, idx, s + (len(raw) - len(raw.lstrip(" 　\t"))))
        if not h:
            continue
        rest = text[h.end : bottom_end].strip(" \t　")
        if (
            rest
            and not re.fullmatch(r"[（(]?\s*(?:" + DOC_NUMBER_RE.pattern + r")\s*[）)]?", rest)
            # the site's fields run on after the headline (…的公告发布日期：2026-03-06来源：…)
            and not _SITE_LABEL_RE.match(rest)
            and not _chrome(rest)
        ):
            continue
        head = _HEAD_WORD_RE.search(text, s, h.end)
        if head and head.start() > s and looks_like_organs(text[s : head.start()]):
            # organs printed a line each keep their line breaks, so none is split or merged
            h = Headline(title=h.title, start=h.start, end=h.end, issuers=split_organs(text[s : head.start()]))
        return h
    return None


# A law's own title (中华人民共和国反食品浪费法) has no kind word of the documents' list; it
# is a headline when its adoption note, its table of contents or its first article follows.
_LAW_TITLE_RE = re.compile(r"(?:中华人民共和国)?[\u4e00-\u9fa5、（）()]{2,40}法(?:（[^（）]{2,10}）)?")
_AFTER_LAW_TITLE_RE = re.compile(
    r"^(?:[（(][^（）()]{0,200}(?:通过|修订|修正|公布|施行)[^（）()]{0,200}[）)]|目\s*录|第[一1]章)"
)


def _law_title(lines, i: int, line: str, offset: int) -> Headline | None:
    if not _LAW_TITLE_RE.fullmatch(line):
        return None
    follow = next((_clean(raw) for _s, _e, raw in lines[i + 1 : i + 4] if _clean(raw)), "")
    if not (_AFTER_LAW_TITLE_RE.match(follow) or (line.startswith(_STATE_PREFIX) and re.match(r"第[一1]条", follow))):
        return None
    return Headline(title=line, start=offset, end=offset + len(line))


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
    chars, pos_map, breaks, paragraphs = [], [], set(), []
    # a crawler may break a headline at every number and quote (关于下达天津市 / 202 / 3 / - / 2024 / 年度…)
    for k in range(i, min(len(lines), i + 10)):
        s, e, raw = lines[k]
        if k > i and _chrome(_clean(raw)):
            break  # a headline never wraps into the page's tools or labels
        seg_start = max(s, start)
        if k > i and not _clean(raw):
            paragraphs.append(len(chars))
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
    if has_head and who:
        # the site's name or a teaser a blank line above the organs (宣威之窗 / ⏎ / 宣威市人民政府关于…)
        cut_at = next(
            (
                b
                for b in reversed(paragraphs)
                if 0 < b < len(who) and looks_like_organs(who[b:]) and not looks_like_organs(who[:b])
            ),
            0,
        )
        if cut_at:
            j, pos_map, who = j[cut_at:], pos_map[cut_at:], who[cut_at:]
            breaks = {b - cut_at for b in breaks if b > cut_at}
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
    before = close_up("".join(ln for ln in text[: m.start()].splitlines(True) if not _noise(_clean(ln))))
    # only a headline may stand before an order's number: 某某办法某某省人民政府令〔2009〕第5号
    return (
        len(before) <= 80
        and (
            not before
            or (
                _KIND_RE.search(before[-4:])
                # a place in brackets belongs to the headline: 中国(上海)自由贸易试验区…办法
                and not re.search(r"[《》（）()。；，]", re.sub(r"[（(][\u4e00-\u9fa5]{1,6}[）)]", "", before))
            )
        )
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
        if not organs and not close_up(before):
            # the date opens its line and the next heading runs on after it
            # (河北省人民政府办公厅 / 2023年3月24日河北省…行动方案): the organs sign above
            organs = _organs_above(text, ls)
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
    # a date a crawler broke a piece a line (202 / 5 / 年 / 12 / 月 / 9 / 日), lines of its own
    for m in _PIECED_DATE_RE.finditer(text, start, end):
        if "\n" in m.group(0).strip():
            y, mo, d = (int(re.sub(r"\s", "", m.group(k))) for k in ("y", "m", "d"))
            try:
                iso = date(y, mo, d).isoformat()
            except ValueError:
                continue
            out.append((iso, m.start("y"), _organs_above(text, line_bounds(text, m.start("y"))[0])))
    out.sort(key=lambda d: d[1])
    return out


_PIECED_DATE_RE = re.compile(
    r"(?m)^[ \t　]*(?P<y>\d(?:\s{0,3}\d){3})\s{0,3}年\s{0,3}(?P<m>\d(?:\s{0,3}\d)?)\s{0,3}月\s{0,3}"
    r"(?P<d>\d(?:\s{0,3}\d)?)\s{0,3}日[ \t　]*$"
)


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
            if names and names[0].startswith(("和", "与", "及")) and (joined := signature_organs(line + names[0])):
                # a name broken after its first words (…汇总表市工业 / 和信息化局)
                names[0] = joined[-1]
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
