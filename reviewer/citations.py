"""Citations of superior law and other documents, and their resolution.

Public verbs:
- `extract_citations(text, names=()) -> tuple[Citation, ...]`: 《中华人民共和国行政许可法》第十七条,
  titles printed without 《》 (行政处罚法第十六条), article lists and ranges (第十二条、第十五条;
  第三条至第五条), short forms that point back (该法第九条, 上述《办法》, titles defined by
  （以下简称《×××》）), and documents cited by number (国办发〔2018〕37号).
- `resolve_citations(citations, registry, doc_date, as_of)`: each citation to a registry
  entry and the version in force on the document's date; status relative to both dates.
  A citation the registry cannot check is `unverified`, never reported as wrong.
"""

from __future__ import annotations

import re
from dataclasses import replace

import ahocorasick

from .intervals import Disjoint
from .docnumber import DOC_NUMBER_RE, parse_doc_number
from .model import Citation
from .numerals import CN_NUM, parse_int

_N = rf"[{CN_NUM}\d]+"
_ONE_ARTICLE = rf"第{_N}条(?:之[{CN_NUM}]+)?(?:第{_N}款)?(?:第[（(]{_N}[）)]项|第{_N}项)?"
_JOINER = r"(?:、|，|和|及|以及|至|到|或者|或|与)"
ARTICLE_LIST_RE = re.compile(rf"{_ONE_ARTICLE}(?:{_JOINER}{_ONE_ARTICLE})*")
_ARTICLE_NUM_RE = re.compile(rf"第({_N})条")
# A title may be broken by a PDF or crawler artefact: a space or one line break inside it.
TITLE_RE = re.compile(r"《(?P<title>[^《》\n]{1,80}(?:\n[^《》\n]{1,40})?)》")
# Whitespace inside a Chinese title is an artefact (《…实施 细则》); between two Latin letters
# or digits it is part of the name (《GB 50016》).
_TITLE_SPACE = re.compile(r"(?<![A-Za-z0-9])[\s\u3000\xa0]+|[\s\u3000\xa0]+(?![A-Za-z0-9])")
_LAW_LIKE = re.compile(
    r"(?:法|法典|条例|规定|办法|细则|决定|意见|通知|规则|措施|纲要|规划|方案|解释|标准|目录|清单|公约|章程|规程|批复)"
    r"(?:[（(][^）)]{1,16}[）)])?$"
)
_SELF = re.compile(r"^本(?:办法|规定|细则|意见|条例|措施|方案|通知|决定|规则|实施细则)$")
_ALIAS_DEF = re.compile(r"[（(]以下简称(?:为)?[“\"]?《?(?P<short>[^》”\"）)]{2,30})》?[”\"]?[）)]")
# Any definition of a short name, wherever it stands: （以下简称《条例》）, （简称“37号文”）,
# （国办发〔2018〕37号，以下简称《通知》）, 以下简称为“办法”.
_SHORT_DEF = re.compile(
    r"(?:以下|下文)?简称(?:为)?[:：]?\s*(?:[“\"]《?|《)(?P<short>[^》”\"）)，,。；;]{1,30})(?:》”?|[”\"])"
)
# An annex names a part of this document, not another document: 附件1：《…》, 附件：2.《…》.
_ANNEX_BEFORE = re.compile(
    r"附\s*件\s*[\d一二三四五六七八九十]*\s*[:：.．、]?\s*(?:[\d一二三四五六七八九十]+\s*[.．、]\s*)?$"
)
_ANNEX_AFTER = re.compile(r"\s*[（(]\s*(?:见)?附\s*件\s*[\d一二三四五六七八九十]*\s*[）)]")
_ANNEX_NAME = re.compile(
    r"附\s*件\s*[\d一二三四五六七八九十]*\s*[:：.．、]\s*(?:[\d一二三四五六七八九十]+\s*[.．、]\s*)?"
    r"《?(?P<name>[^《》\n：:。；;]{4,60}?)》?(?=\s|$|附\s*件|[。；;])",
    re.M,
)
# A short name that names no document of its own (《办法》, 《通知》, 《实施细则》).
_GENERIC_SHORT = re.compile(
    r"^(?:实施|指导|若干|工作|行动|管理|暂行|具体|相关|政策|有关)?"
    r"(?:办法|规定|细则|意见|条例|措施|方案|通知|决定|规则|纲要|规划|目录|清单|标准|解释|章程|规程)$"
)
_ANAPHORA = re.compile(
    r"(?P<word>该法|该条例|该规定|该办法|该决定|上述法律|上述法规|上述条例|该法律|该法规)"
    rf"(?P<art>{_ONE_ARTICLE}(?:{_JOINER}{_ONE_ARTICLE})*)?"
)
_ABOVE_TITLE = re.compile(r"上述《(?P<title>[^《》]{2,40})》")
# Words that continue a bare title into something else: 价格法律, 行政处罚法定, 民法典 vs 民法.
_CONTINUES = re.compile(r"[律规人院定官学典制治庭理]")


def articles_of(article_text: str | None) -> tuple[int, ...]:
    """'第三条至第五条、第九条' -> (3, 4, 5, 9)."""
    if not article_text:
        return ()
    nums: list[int] = []
    parts = re.split(r"(至|到)", article_text)
    prev_last = None
    for i, part in enumerate(parts):
        if part in ("至", "到"):
            continue
        found = [parse_int(m.group(1)) for m in _ARTICLE_NUM_RE.finditer(part)]
        found = [n for n in found if n]
        if i >= 2 and parts[i - 1] in ("至", "到") and prev_last and found:
            nums.extend(range(prev_last + 1, found[0]))
        nums.extend(found)
        if found:
            prev_last = found[-1]
    seen, out = set(), []
    for n in nums:
        if n not in seen:
            seen.add(n)
            out.append(n)
    return tuple(out)


_AUTOMATA: dict[int, object] = {}


def _name_automaton(names: tuple[str, ...]):
    """One automaton per name set, keyed by identity: hashing ~1,500 names per call
    would cost more than the matching itself."""
    key = id(names)
    hit = _AUTOMATA.get(key)
    if hit is not None and hit[0] is names:
        return hit[1]
    built = _build_automaton(tuple(n for n in names if len(n) >= 3 and _LAW_LIKE.search(n)))
    _AUTOMATA[key] = (names, built)
    return built


def _build_automaton(names: tuple[str, ...]):
    if not names:
        return None
    a = ahocorasick.Automaton()
    for name in names:
        a.add_word(name, name)
    a.make_automaton()
    return a


def _article_after(text: str, pos: int, end: int):
    """An article list right after a title (optionally after 的规定/规定的/第)."""
    m = re.compile(r"[\s　]*(?:的规定|规定的|有关规定|相关规定)?[\s　]*").match(text, pos)
    am = ARTICLE_LIST_RE.match(text, m.end() if m and m.end() < end else pos)
    return am


_ITS_RULES = re.compile(r"(?:及其|和其|及)(?P<what>实施条例|实施细则|实施办法)")
_NUMBER_AFTER = re.compile(r"[（(]\s*(?P<dn>" + DOC_NUMBER_RE.pattern + r")\s*(?:[，,；;][^（()）]{0,30})?[）)]")


def extract_citations(
    text: str, start: int = 0, end: int | None = None, names: tuple[str, ...] = ()
) -> tuple[Citation, ...]:
    end = len(text) if end is None else end
    out: list[Citation] = []
    taken = Disjoint()  # the spans already read: a lookup is a bisection
    aliases: dict[str, str] = {}

    for m in TITLE_RE.finditer(text, start, end):
        title = clean_title(m.group("title"))
        if len(title) < 2:
            continue
        if _SELF.match(title) or not _LAW_LIKE.search(title):
            continue
        if taken.overlaps(m.start(), m.start() + 1):
            continue  # the short title inside （以下简称《…》）
        cite_end, article = m.end(), None
        dm = _ALIAS_DEF.match(text, m.end())
        if dm:
            aliases[dm.group("short").strip("《》")] = title
            taken.add(*dm.span())
        am = _article_after(text, dm.end() if dm else m.end(), end)
        if am:
            article, cite_end = am.group(0), am.end()
        elif dm:
            cite_end = m.end()
        number = None
        if not article and (nm := _NUMBER_AFTER.match(text, cite_end)):
            # 《…的通知》（国办发〔2018〕37号）names one document, not two
            number, cite_end = parse_doc_number(DOC_NUMBER_RE.match(text, nm.start("dn"))), nm.end()
        out.append(
            Citation(
                text=text[m.start() : cite_end],
                start=m.start(),
                end=cite_end,
                title=title,
                article=article,
                doc_number=number.normalized if number else None,
            )
        )
        taken.add(m.start(), m.end())
        if (im := _ITS_RULES.match(text, cite_end)) and re.search(r"法(?:典)?$", title):
            # 《土地管理法》及其实施条例: the regulation that implements the law just named
            base = title.removeprefix("中华人民共和国")
            out.append(
                Citation(
                    text=im.group("what"), start=im.start("what"), end=im.end("what"), title=base + im.group("what")
                )
            )
        if not dm and (dm := _ALIAS_DEF.match(text, cite_end)):
            aliases[dm.group("short").strip("《》")] = title
            taken.add(*dm.span())

    # Titles printed without 《》, known to the registry (行政处罚法第十六条).
    auto = _name_automaton(names) if names else None
    if auto is not None:
        bare = []
        for last, name in auto.iter(text, start, end):
            s, e = last - len(name) + 1, last + 1
            if taken.overlaps(s, e):
                continue
            if e < len(text) and _CONTINUES.match(text, e) and not name.endswith(("条例", "规定", "办法", "细则")):
                continue
            bare.append((s, e, name))
        # keep the longest of overlapping names (中华人民共和国行政处罚法 over 行政处罚法)
        bare.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        kept_end = -1
        for s, e, name in bare:
            if s < kept_end:
                continue
            kept_end = e
            cite_end, article = e, None
            am = _article_after(text, e, end)
            if am:
                article, cite_end = am.group(0), am.end()
            out.append(Citation(text=text[s:cite_end], start=s, end=cite_end, title=name, article=article))
            taken.add(s, e)

    for m in DOC_NUMBER_RE.finditer(text, start, end):
        dn = parse_doc_number(m)
        if any(c.start <= dn.start < c.end for c in out):
            continue
        out.append(Citation(text=dn.text, start=dn.start, end=dn.end, doc_number=dn.normalized))
    out.sort(key=lambda c: c.start)

    # Short names the text defines wherever it stands (…（国办发〔2018〕37号，以下简称《通知》）):
    # the 《…》 inside the definition is no citation; later uses name what it abbreviates.
    defined: dict[str, Citation | None] = {}
    for m in _SHORT_DEF.finditer(text, start, end):
        short = clean_title(m.group("short"))
        inside = [c for c in out if m.start() <= c.start < m.end()]
        out = [c for c in out if c not in inside]
        if short in aliases:
            continue
        before = [
            c for c in out if c.start < m.start() and m.start() - c.end <= 60 and "。" not in text[c.end : m.start()]
        ]
        titled = [c for c in before if c.title]
        defined.setdefault(short, titled[-1] if titled else (before[-1] if before else None))

    # Short forms that point back: 该法第九条, 上述《办法》, and defined short titles.
    for m in _ANAPHORA.finditer(text, start, end):
        antecedent = _antecedent(out, m.start(), want_law=m.group("word") in ("该法", "上述法律", "该法律"))
        if antecedent:
            out.append(
                Citation(text=m.group(0), start=m.start(), end=m.end(), title=antecedent.title, article=m.group("art"))
            )
    out.sort(key=lambda c: c.start)
    for m in _ABOVE_TITLE.finditer(text, start, end):
        short = clean_title(m.group("title"))
        target = aliases.get(short) or next(
            (c.title for c in reversed(out) if c.start < m.start() and c.title and short in c.title), None
        )
        if target:
            # the 《…》 after 上述 was read as a title of its own: point it at what it names
            for i, c in enumerate(out):
                if c.start == m.start() + 2:
                    out[i] = replace(c, title=target)
    kept = []
    for c in out:
        if c.title in aliases:
            c = replace(c, title=aliases[c.title])
        elif c.title in defined:
            target = defined[c.title]
            if target is None:
                continue  # abbreviates something that is not a cited document: no citation
            c = replace(c, title=target.title, doc_number=c.doc_number or target.doc_number)
        kept.append(c)
    out = _drop_annexes(text, kept)
    out.sort(key=lambda c: c.start)
    return tuple(out)


def clean_title(title: str) -> str:
    """The title as printed, without the artefacts of PDF and crawler text."""
    return _TITLE_SPACE.sub("", title.strip())


_LIST_ITEM = re.compile(r"[ \t　]*[\d一二三四五六七八九十]+[ \t　]*[.．、][ \t　]*$")
_ANNEX_LINE = re.compile(r"^[ \t　]*附[ \t　]*件")


def _annex_list_item(text: str, pos: int) -> bool:
    """《…》 opening an item of the annex list that continues over the lines after 附件：
    (附件：1.《…》 / 2.《…》)."""
    line_start = text.rfind("\n", 0, pos) + 1
    if not _LIST_ITEM.fullmatch(text, line_start, pos):
        return False
    while line_start > 0:
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        line = text[prev_start : line_start - 1]
        if _ANNEX_LINE.match(line):
            return True
        if not re.match(r"[ \t　]*[\d一二三四五六七八九十]+[ \t　]*[.．、]", line):
            return False
        line_start = prev_start
    return False


def _drop_annexes(text: str, citations: list[Citation]) -> list[Citation]:
    """附件1：《…申请表》 and later mentions of the same annex are parts of this document."""
    annex_titles = set()
    for c in citations:
        if c.title and (
            _ANNEX_BEFORE.search(text, max(0, c.start - 16), c.start)
            or _ANNEX_AFTER.match(text, c.end)
            or _annex_list_item(text, c.start)
        ):
            annex_titles.add(c.title)
    return [c for c in citations if not (c.title and c.title in annex_titles)]


def _antecedent(citations: list[Citation], pos: int, want_law: bool) -> Citation | None:
    for c in reversed(citations):
        if c.start >= pos or not c.title:
            continue
        if want_law and not re.search(r"法(?:典)?$", c.title):
            continue
        return c
    return None


def resolve_citations(citations, registry, doc_date: str | None, as_of: str) -> tuple[Citation, ...]:
    from .laws import status_of

    out = []
    for c in citations:
        entry = registry.lookup(title=c.title, doc_number=c.doc_number) if registry is not None else None
        if entry is None:
            out.append(c)
            continue
        out.append(replace(c, resolved=entry.id, status=status_of(entry, doc_date, as_of)))
    return tuple(out)


# ---------------------------------------------------------------- the document's own citations

# The measure a cover notice publishes: 关于印发《…》的通知, 印发实施《…法》若干规定的通知.
_MEASURE_IN = re.compile(r"(?:印发|转发|发布|公布|颁布|修订|修改)《(?P<m>[^《》]{2,80})》(?:的)?(?:通知|公告|决定|令)$")
_BARE_MEASURE = re.compile(r"(?:印发|发布|公布|转发|修订|修改)(?P<m>[^《].{3,80}?)的(?:通知|公告|决定)$")
# A site's link to the interpretation of this very document, left at the end of crawled text:
# 《…》政策解读, 政策解读：《…》, 解读《…》.
_READING_LINK = re.compile(r"解读")


def _key(title: str) -> str:
    from .laws import normalize_title

    return normalize_title(clean_title(title))


def _core(key: str) -> str:
    """The title without its issuer and 的: 河北省人民政府关于X的实施意见 -> X实施意见."""
    return re.sub(r"^.{0,40}?关于", "", key).replace("的", "")


def _has_issuer(key: str) -> bool:
    return "关于" in key and not key.startswith("关于")


def own_names(doc, extra_titles=()) -> tuple[set[str], set[str]]:
    """The document's own titles (headline, the measure it publishes, the site's title) as
    normalised keys (full and without the issuer), and its own document numbers."""
    from .heading import site_block

    block = site_block(doc.text) if doc.text else {}
    titles = [t for t in (doc.title, doc.measure_title, block.get("title"), *extra_titles) if t]
    for t in list(titles):
        if (m := _MEASURE_IN.search(t)) or (m := _BARE_MEASURE.search(t)):
            titles.append(m.group("m"))
    keys = {_key(t) for t in titles}
    keys |= {"core:" + _core(k) for k in keys}
    keys.discard("")
    keys.discard("core:")
    numbers = set()
    if doc.doc_number:
        numbers.add(doc.doc_number.normalized)
    if block.get("doc_number") and (m := DOC_NUMBER_RE.search(block["doc_number"])):
        numbers.add(parse_doc_number(m).normalized)
    return keys, numbers


def is_self_citation(c: Citation, titles: set[str], numbers: set[str]) -> bool:
    """The document naming itself: its own number, or its own title (a citation that names
    an issuer must name this document's; one with another document's number is another document)."""
    if c.doc_number:
        return c.doc_number in numbers
    if not c.title:
        return False
    key = _key(c.title)
    return key in titles or (not _has_issuer(key) and "core:" + _core(key) in titles)


def _reading_link(text: str, c: Citation) -> bool:
    line_start = text.rfind("\n", 0, c.start) + 1
    line_end = text.find("\n", c.end)
    line_end = len(text) if line_end < 0 else line_end
    tail = text[line_end:].strip()
    near = text[max(line_start, c.start - 8) : min(line_end, c.end + 8)]
    return not tail and line_end - c.end <= 8 and bool(_READING_LINK.search(near))


def own_citations(doc, registry, as_of: str, extra_titles=()):
    """The citations of one document, resolved: its own title and number, and short names
    that name no document (an undefined 《办法》), are left out. Returns (kept, dropped)."""
    titles, numbers = own_names(doc, extra_titles)
    kept, dropped = [], []
    for c in extract_citations(doc.text, names=registry.names() if registry is not None else ()):
        if is_self_citation(c, titles, numbers) or _reading_link(doc.text, c):
            dropped.append(c)
        elif c.title and not c.doc_number and _GENERIC_SHORT.match(c.title):
            dropped.append(c)
        else:
            kept.append(c)
    return resolve_citations(kept, registry, doc.date, as_of), tuple(dropped)
