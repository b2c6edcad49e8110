"""Metadata (title, issuer, number, dates, validity) and the 章/节/条/款/项 tree.

Public verb: `parse_document(text) -> Document`.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace

from .dates import DATE_RE, find_dates, to_iso
from .docnumber import DOC_NUMBER_RE, parse_doc_number
from .heading import (
    adoption_date,
    close_up,
    find_headline,
    find_issuing_number,
    anchored_headline,
    find_order,
    headline_at,
    looks_like_organs,
    masthead_organs,
    signature_dates,
    site_block,
    split_organs,
)
from .model import Document, ExtractedText, Provision
from .organ_names import full_names
from .numerals import CN_NUM, parse_int
from .normative import addressed_to_organs, classify_normative
from .validity import read_validity

_N = rf"[{CN_NUM}\d０-９]+"
CHAPTER_RE = re.compile(rf"^\s*第({_N})章\s*")
SECTION_RE = re.compile(rf"^\s*第({_N})节\s*")
ARTICLE_RE = re.compile(rf"^\s*第({_N})条(?:[\s　]+|(?=[\u4e00-\u9fa5“《（(]))")
ITEM_RE = re.compile(rf"^\s*[（(]({_N})[）)]\s*")
PART_RE = re.compile(r"^\s*([一二三四五六七八九十]+)、\s*")
NUM_ITEM_RE = re.compile(r"^\s*(\d{1,2})[.．、]\s*(?!\d)")

_TITLE_KINDS = (
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
    "纲要",
    "规划",
    "计划",
    "指引",
    "指南",
    "总结",
    "函",
    "令",
)
TITLE_END_RE = re.compile(rf"(?:{'|'.join(_TITLE_KINDS)})(?:[（(](?:试行|暂行|修订|征求意见稿|草案|送审稿)[）)])?$")
# 某某厅印发《…》的通知 drops 关于; a news-style headline (某某办公厅印发《…》) ends at the 》.
_MEASURE_IN_TITLE_RE = re.compile(
    r"(?:关于(?:印发|转发|发布|公布|修订|修改)|(?<![\u4e00-\u9fa5]{2}的)(?:印发|转发|发布|公布))(?:.{0,20}?)《(?P<m>[^》]{2,80})》(?:等文件)?(?:的(?:通知|决定|公告|函)|$)"
)
# A cover notice copied without its headline still names the measure it sends out.
_MEASURE_IN_NOTICE_RE = re.compile(
    r"现(?:将|把)《(?P<m>[^》]{4,80})》(?:\S{0,12}?)(?:印发|转发|发布)给?你们"
    r"|(?:制定了?|研究制订了?|修订了?)?《(?P<m2>[^》]{4,80})》[^。《》]{0,30}?现(?:予)?(?:印发|转发)给?你们"
)
# Many published headlines drop the 《》: 关于印发青川市停车场管理办法的通知
_BARE_MEASURE_IN_TITLE_RE = re.compile(r"(?:关于)?(?:印发|转发|发布|公布)(?P<m>[^《》]{4,80}?)的(?:通知|决定|公告|函)$")
# 自2024年1月1日起施行 / 自印发之日起实行 / 自发布起执行 / 本办法印发之日起施行 (自 dropped after the
# document's own name) / 自发布之日起予以实施
# 于 stands for 自 after the document's own name (本通知于2020年3月1日起施行), and an explicit
# date may drop its 起 (自2019年2月1日实施).
EFFECTIVE_RE = re.compile(
    rf"(?:自\s*(?:本[\u4e00-\u9fa5]{{1,6}}?(?=印发|发布|公布|颁布|签发|公告|\d))?"
    rf"|(?<=[法定则见施知告案度])\s*于?(?=\s*(?:印发|发布|公布|颁布|\d)))"
    rf"\s*(?:(?P<date>{DATE_RE.pattern})\s*起?|(?P<rel>印发|发布|公布|颁布|签发|公告)(?:之日)?\s*起)\s*(?:予以|开始|正式)?"
    rf"(?:施行|实施|执行|生效|试行|实行|有效)"
)
# The 版记 at the foot prints the day the document was sent out: …办公室　2019年1月28日印发
_PRINTED_RE = re.compile(rf"(?P<date>{DATE_RE.pattern})\s*印发\s*$", re.M)
PROVISIONAL_RE = re.compile(r"暂行|试行")


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def _clean(line: str) -> str:
    return line.strip().strip("　").strip()


def _find_measure_start(text: str, measure_title: str, after: int) -> int:
    """Where the attached measure begins: its title printed again as a heading."""
    for s, _e, raw in _lines(text):
        if s <= after:
            continue
        line = _clean(raw)
        if line and (line == measure_title or (measure_title in line and len(line) <= len(measure_title) + 12)):
            return s
    return after


# 某某局2024年法治政府建设工作要点: a plan's headline opens with the organ that issues it
_ORGAN_BEFORE_YEAR_RE = re.compile(
    r"^(?P<who>[\u4e00-\u9fa5]{2,30}?(?:人民政府办公厅|人民政府办公室|人民政府|委员会|局|厅|办公室))(?=(?:19|20)\d{2}年)"
)


def _issuers(title: str | None) -> tuple[str, ...]:
    """The organs a headline names before 关于 (or 印发/转发)."""
    if title:
        m = re.match(r"^(?P<who>.+?)(?:关于|印发|转发|批转)", title)
        if m and looks_like_organs(m.group("who")):
            return split_organs(m.group("who"))
        m = _ORGAN_BEFORE_YEAR_RE.match(title)
        if m:
            return (m.group("who"),)
    return ()


def build_provisions(text: str, start: int = 0, end: int | None = None) -> tuple[Provision, ...]:
    """The 章/节/条/款/项 tree of text[start:end]. Documents without 第×条 (意见, 措施
    numbered 一、（一）1.) get their parts and items as the top-level provisions."""
    end = len(text) if end is None else end
    lines = [(s, e, raw) for s, e, raw in _lines(text) if s >= start and s < end]
    has_articles = any(ARTICLE_RE.match(raw) for _, _, raw in lines)
    root: list[dict] = []
    chapter = section = article = para = None

    def close(node, pos):
        if node is not None and node["end"] is None:
            node["end"] = pos

    def new(kind, label, s, number, parent_list):
        node = {"kind": kind, "label": label, "start": s, "end": None, "number": number, "children": []}
        parent_list.append(node)
        return node

    for s, e, raw in lines:
        line = raw.strip()
        if not line:
            continue
        if (m := CHAPTER_RE.match(line)) and len(line) < 40:
            for n in (para, article, section, chapter):
                close(n, s - 1 if s else 0)
            chapter = new("chapter", f"第{m.group(1)}章", s, parse_int(m.group(1)), root)
            section = article = para = None
            continue
        if (m := SECTION_RE.match(line)) and len(line) < 40:
            for n in (para, article, section):
                close(n, s - 1 if s else 0)
            section = new(
                "section", f"第{m.group(1)}节", s, parse_int(m.group(1)), (chapter or {"children": root})["children"]
            )
            article = para = None
            continue
        top_match = ARTICLE_RE.match(line) if has_articles else (PART_RE.match(line) or None)
        if top_match:
            for n in (para, article):
                close(n, s - 1 if s else 0)
            label = f"第{top_match.group(1)}条" if has_articles else f"{top_match.group(1)}、"
            parent = section or chapter
            article = new(
                "article" if has_articles else "part",
                label,
                s,
                parse_int(top_match.group(1)),
                parent["children"] if parent else root,
            )
            para = new("paragraph", "第一款", s, 1, article["children"])
            continue
        if article is None:
            continue
        if has_articles and (m := ITEM_RE.match(line) or NUM_ITEM_RE.match(line)) and para is not None:
            _add_item(para, m, s, e)
            continue
        if not has_articles and (m := ITEM_RE.match(line)):
            close(para, s - 1)
            para = new("item", f"（{m.group(1)}）", s, parse_int(m.group(1)), article["children"])
            para["end"] = e
            continue
        close(para, s - 1)
        # counted, not recounted: an article of 10,000 paragraphs must not cost 10,000²
        n = article["paragraphs"] = article.get("paragraphs", 1) + 1
        para = new("paragraph", f"第{_cn(n)}款", s, n, article["children"])
    last = lines[-1][1] if lines else end
    for n in (para, article, section, chapter):
        close(n, last)
    _fix_ends(root, last)
    return tuple(_freeze(n) for n in root)


def _cn(n: int) -> str:
    from .numerals import to_chinese

    return to_chinese(n)


def _add_item(para, m, s, e):
    para["children"].append(
        {
            "kind": "item",
            "label": f"（{m.group(1)}）" if "（" in m.group(0) or "(" in m.group(0) else f"{m.group(1)}.",
            "start": s,
            "end": e,
            "number": parse_int(m.group(1)),
            "children": [],
        }
    )
    para["end"] = e


def _fix_ends(nodes, last):
    for i, n in enumerate(nodes):
        _fix_ends(n["children"], n["end"] or last)
        if n["end"] is None:
            n["end"] = nodes[i + 1]["start"] - 1 if i + 1 < len(nodes) else last
        if n["children"]:
            n["end"] = max(n["end"], max(c["end"] for c in n["children"]))


def _freeze(n) -> Provision:
    return Provision(
        kind=n["kind"],
        label=n["label"],
        start=n["start"],
        end=n["end"],
        number=n["number"],
        children=tuple(_freeze(c) for c in n["children"]),
    )


def iter_provisions(provisions, kinds=("article", "part")):
    for p in provisions:
        if p.kind in kinds:
            yield p
        else:
            yield from iter_provisions(p.children, kinds)


def parse_document(source: str | ExtractedText) -> Document:
    """Read metadata and the provision tree from extracted text."""
    extracted = source if isinstance(source, ExtractedText) else ExtractedText(text=source, source_format="text")
    text = extracted.text
    lines = list(_lines(text))
    block = site_block(text)
    order = find_order(text)
    headline = find_headline(text, lines)
    anchored = anchored_headline(text, lines)
    if (
        anchored
        and (
            headline is None
            or (
                headline.start != anchored.start
                # the same headline read with the organs in front (省科技厅省财政厅等 / 关于…) stays
                and not (
                    (lead := close_up(headline.title)).endswith(close_up(anchored.title))
                    and looks_like_organs(re.sub(r"等$", "", lead[: len(lead) - len(close_up(anchored.title))]))
                )
            )
        )
    ):
        # the block over the addressee line or the number is the headline; what the top
        # of a crawled page offers first is its menus and the page's own title
        headline = anchored
    if headline is None and block.get("title_at") is not None:
        # the title a site block names, read as a headline where it runs on into the text
        headline = headline_at(text, lines, block["title_at"])
    title, t_start, t_end = (headline.title, headline.start, headline.end) if headline else (None, -1, -1)
    if (
        order
        and order[2]
        and (
            headline is None
            or headline.start > text.find(order[2])
            or (re.search(r"(?:令|公告)$", headline.title) and "关于" not in headline.title)
        )
    ):
        # An order has no headline of its own: it publishes the measure it names.
        title = order[2]
        t_end = order[3]
    elif title is None and block.get("title") and len(block["title"]) <= 120:
        title = close_up(block["title"])
    measure_title = None
    body_start = t_end + 1 if t_end >= 0 else 0
    if title and ((m := _MEASURE_IN_TITLE_RE.search(title)) or (m := _BARE_MEASURE_IN_TITLE_RE.search(title))):
        measure_title = m.group("m")
        body_start = _find_measure_start(text, measure_title, t_end)
    elif title and TITLE_END_RE.search(title) and not title.endswith("通知"):
        measure_title = title
    elif title is None and (m := _MEASURE_IN_NOTICE_RE.search(text, 0, 1500)):
        title = m.group("m") or m.group("m2")
        measure_title = title
        body_start = _find_measure_start(text, title, m.end())

    limit = min(len(text), max(max(body_start, 600) if measure_title else 600, t_end + 80))
    doc_number = order[0] if order and order[0] else find_issuing_number(text, headline, limit)
    if doc_number is None and block.get("doc_number") and (m := DOC_NUMBER_RE.search(block["doc_number"])):
        doc_number = parse_doc_number(m, base=text.find(block["doc_number"]))

    signed = signature_dates(text)
    if t_start > 0 and any(d[1] >= t_start for d in signed):
        # no signature stands above the headline: dates there are the site's fields
        signed = [d for d in signed if d[1] >= t_start]
    cover_dates = [d for d in signed if d[1] < body_start]
    measure_dates = [d for d in signed if d[1] >= body_start]
    chosen = cover_dates[-1] if cover_dates else (measure_dates[0] if measure_dates else None)
    doc_date = chosen[0] if chosen else None
    if doc_date is None and t_end >= 0:
        doc_date = adoption_date(text, t_end)
    if doc_date is None and block.get("date"):
        doc_date = next((iso for iso, _, _ in find_dates(block["date"])), None)
    if doc_date is None:
        pub = re.search(
            rf"(?:成文日期|发布日期|印发日期)[:：\s]*(?P<pd>{DATE_RE.pattern}|\d{{4}}-\d{{2}}-\d{{2}})", text[:800]
        )
        if pub:
            doc_date = next((iso for iso, _, _ in find_dates(pub.group("pd"))), None)
    if headline and headline.issuers and title == headline.title:
        issuers = headline.issuers
    elif order and order[1]:
        issuers = order[1]
    else:
        issuers = _issuers(title)
        if not issuers and chosen and chosen[2]:
            issuers = chosen[2]
        if not issuers:
            issuers = masthead_organs(lines)
        if not issuers and block.get("issuer"):
            issuers = split_organs(block["issuer"])
    issuers = full_names(issuers, text)

    effective_date = None
    eff = None
    for m in EFFECTIVE_RE.finditer(text, body_start if measure_title else 0):
        eff = m
    if eff:
        effective_date = to_iso(eff) if eff.group("date") else doc_date
        if eff.group("rel") == "印发":
            printed = [m for m in _PRINTED_RE.finditer(text, eff.end()) if to_iso(m)]
            if printed:
                effective_date = to_iso(printed[-1])
    validity = read_validity(text, effective_date or doc_date)
    valid_until, validity_years, validity_text = validity.valid_until, validity.years, validity.text

    provisions = build_provisions(text, body_start if measure_title else 0)
    is_provisional = bool(PROVISIONAL_RE.search(measure_title or title or ""))
    has_articles = any(p.kind == "article" for p in iter_provisions(provisions, ("article",)))
    doc = Document(
        text=text,
        title=title,
        measure_title=measure_title if measure_title != title else None,
        issuers=issuers,
        doc_number=doc_number,
        date=doc_date,
        effective_date=effective_date,
        valid_until=valid_until,
        validity_years=validity_years,
        validity_text=validity_text,
        is_provisional=is_provisional,
        provisions=provisions,
        body_start=body_start,
        source_format=extracted.source_format,
        anchors=extracted.anchors,
    )
    # A published case (a quoted provision and the reviewer's verdict) is a case even when it
    # carries no headline of its own.
    if not has_articles and _is_review_case(text) and not addressed_to_organs(text):
        return replace(
            doc, kind="case", is_normative=True, body_start=0, normative_reason="审查案例：按案例所引规范性文件条款审查"
        )
    if title is None and len(text.strip()) < 600 and not doc_date:
        doc = replace(
            doc,
            kind="fragment",
            is_normative=True,
            normative_reason="单独提交的条款，按规范性文件条款审查",
            body_start=0,
        )
        if not doc.provisions:
            doc = replace(doc, provisions=(Provision("block", "", 0, len(text)),))
        return doc
    normative, reason, evidence = classify_normative(doc, has_articles)
    return replace(doc, is_normative=normative, normative_reason=reason, not_normative_evidence=evidence)


# A published review case quotes the provision (《…》第十二条规定：“…”) and then judges it.
_CASE_QUOTE_RE = re.compile(
    r"《[^》]{2,80}》(?:[（(][^）)]{2,30}[）)])?[^。“]{0,20}?(?:规定|明确|要求|提出)[：:，,]?\s*“"
)
_CASE_VERDICT_RE = re.compile(
    r"审查认为|经审查|审查发现|研究认为|经研究|违反了|不符合|相抵触|缺乏法律依据|没有法律依据|超越(?:法定)?权限|"
    r"制定机关(?:已|及时|表示|对)|予以纠正|督促[^。]{0,10}(?:纠正|修改|废止)|提出(?:纠正|审查)意见|典型案例|审查意见"
)


def _is_review_case(text: str) -> bool:
    head = text[:20000]
    quote = _CASE_QUOTE_RE.search(head)
    if not quote:
        return False
    close = head.find("”", quote.end())
    return bool(_CASE_VERDICT_RE.search(head, close if close > 0 else quote.end()))


def provision_label_at(doc: Document, pos: int) -> str | None:
    """The label of the article (第五条) or part (二、) holding character `pos`; for
    documents numbered 一、（一） the item is added (二、（三）)."""
    art = article_index(doc.provisions).at(pos)
    if art is not None:
        if art.kind == "part":
            child = article_index(art.children, ("item",)).at(pos)
            if child is not None:
                return f"{art.label}{child.label}"
        return art.label
    return _nearest_article_mention(doc.text, pos)


_INDEXES: dict[tuple, tuple] = {}
_INDEX_LOCK = threading.Lock()


def article_index(provisions, kinds=("article", "part")):
    """The articles and parts of a provision tree indexed by position (bisection), built
    once per tree: looking up every finding's article must not cost a walk over all
    provisions each time."""
    key = (id(provisions), kinds)
    hit = _INDEXES.get(key)
    if hit is not None and hit[0] is provisions:
        return hit[1]
    from .intervals import PositionIndex

    if kinds == ("item",):  # the items directly under one part
        index = PositionIndex([c for c in provisions if c.kind == "item"])
    else:
        index = PositionIndex(list(iter_provisions(provisions, kinds)))
    with _INDEX_LOCK:  # the desk reviews in threads
        while len(_INDEXES) >= 64:
            _INDEXES.pop(next(iter(_INDEXES)))
        _INDEXES[key] = (provisions, index)
    return index


_MENTION_RE = re.compile(
    rf"(?<![》\d])第({_N})条(?:第({_N})款)?(?=规定|[：:\s　]|[\u4e00-\u9fa5“])"
    rf"|(?<=》)第({_N})条(?:第({_N})款)?(?=规定[：:，,]?\s*[“「])"
)


def _nearest_article_mention(text: str, pos: int) -> str | None:
    """A provision quoted in running text (…办法》第十条规定：“…”) names its own article."""
    from .intervals import line_bounds

    line_start = line_bounds(text, pos)[0]
    best = None
    for m in _MENTION_RE.finditer(text, max(line_start, pos - 300), pos):
        best = f"第{m.group(1) or m.group(3)}条"
    return best
