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
TITLE_RE = re.compile(r"《(?P<title>[^《》\n]{2,80})》")
_LAW_LIKE = re.compile(r"(?:法|法典|条例|规定|办法|细则|决定|意见|通知|规则|措施|纲要|规划|方案|解释|标准|目录|清单|公约|章程|规程|批复)"
                       r"(?:[（(][^）)]{1,16}[）)])?$")
_SELF = re.compile(r"^本(?:办法|规定|细则|意见|条例|措施|方案|通知|决定|规则|实施细则)$")
_ALIAS_DEF = re.compile(r"[（(]以下简称(?:为)?[“\"]?《?(?P<short>[^》”\"）)]{2,30})》?[”\"]?[）)]")
_ANAPHORA = re.compile(r"(?P<word>该法|该条例|该规定|该办法|该决定|上述法律|上述法规|上述条例|该法律|该法规)"
                       rf"(?P<art>{_ONE_ARTICLE}(?:{_JOINER}{_ONE_ARTICLE})*)?")
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
_NUMBER_AFTER = re.compile(r"[（(]\s*(?P<dn>" + DOC_NUMBER_RE.pattern + r")\s*[）)]")


def extract_citations(text: str, start: int = 0, end: int | None = None,
                      names: tuple[str, ...] = ()) -> tuple[Citation, ...]:
    end = len(text) if end is None else end
    out: list[Citation] = []
    taken = Disjoint()  # the spans already read: a lookup is a bisection
    aliases: dict[str, str] = {}

    for m in TITLE_RE.finditer(text, start, end):
        title = m.group("title").strip()
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
        out.append(Citation(text=text[m.start():cite_end], start=m.start(), end=cite_end, title=title, article=article,
                            doc_number=number.normalized if number else None))
        taken.add(m.start(), m.end())
        if (im := _ITS_RULES.match(text, cite_end)) and re.search(r"法(?:典)?$", title):
            # 《土地管理法》及其实施条例: the regulation that implements the law just named
            base = title.removeprefix("中华人民共和国")
            out.append(Citation(text=im.group("what"), start=im.start("what"), end=im.end("what"),
                                title=base + im.group("what")))
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

    # Short forms that point back: 该法第九条, 上述《办法》, and defined short titles.
    out.sort(key=lambda c: c.start)
    for m in _ANAPHORA.finditer(text, start, end):
        antecedent = _antecedent(out, m.start(), want_law=m.group("word") in ("该法", "上述法律", "该法律"))
        if antecedent:
            out.append(Citation(text=m.group(0), start=m.start(), end=m.end(), title=antecedent.title,
                                article=m.group("art")))
    for m in _ABOVE_TITLE.finditer(text, start, end):
        short = m.group("title")
        target = aliases.get(short) or next((c.title for c in reversed(out)
                                             if c.start < m.start() and c.title and short in c.title), None)
        if target:
            # the 《…》 after 上述 was read as a title of its own: point it at what it names
            for i, c in enumerate(out):
                if c.start == m.start() + 2:
                    out[i] = replace(c, title=target)
    if aliases:
        for i, c in enumerate(out):
            if c.title in aliases:
                out[i] = replace(c, title=aliases[c.title])

    for m in DOC_NUMBER_RE.finditer(text, start, end):
        dn = parse_doc_number(m)
        if any(c.start <= dn.start < c.end for c in out):
            continue
        out.append(Citation(text=dn.text, start=dn.start, end=dn.end, doc_number=dn.normalized))
    out.sort(key=lambda c: c.start)
    return tuple(out)


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
