"""Web pages, mostly documents as published on government sites.

Such pages wrap the document in navigation, share bars and footers; the
document itself usually sits in a container whose class/id the publishing
system gives away (TRS_Editor, zoom, pages_content, ...). The page <title>
usually carries the site name, so it is only used when the page shows no
title of its own.
"""

from __future__ import annotations

import re
from typing import Optional

import lxml.html
from lxml import etree

from ..model import ExtractedText
from ._common import assemble

_JUNK_TAGS = frozenset(
    (
        "script",
        "style",
        "noscript",
        "nav",
        "template",
        "iframe",
        "select",
        "button",
        "input",
        "textarea",
        "svg",
        "object",
        "embed",
        "aside",
        "head",
        "map",
        "canvas",
        "audio",
        "video",
    )
)
_PAGE_FRAME_TAGS = frozenset(("header", "footer"))
_JUNK_NAME = re.compile(
    r"nav|menu|header|footer|breadcrumb|crumb|share|sidebar|toolbar|"
    r"topbar|copyright|skip",
    re.IGNORECASE,
)
_MAIN_STRONG = re.compile(r"TRS_Editor|Custom_UnionStyle|pages_content|UCAP-CONTENT|zoom", re.IGNORECASE)
_MAIN_WEAK = re.compile(r"article|content|main", re.IGNORECASE)
_TITLE_NAME = re.compile(r"title", re.IGNORECASE)
_BLOCK = frozenset(
    (
        "p",
        "div",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "hr",
        "center",
        "form",
        "fieldset",
        "address",
        "figure",
        "figcaption",
        "caption",
        "header",
        "footer",
        "tbody",
        "thead",
        "tfoot",
        "body",
    )
)
_CELLS = frozenset(("td", "th"))
_WS = re.compile(r"[ \t\r\n\f]+")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_SEGMENT = "\x01"  # a collapsed run that contained a newline
_SEGMENT_RUN = re.compile(r" ?\x01[ \x01]*")
_SITE_SEPARATOR = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s)\s*")
_MIN_MAIN_CHARS = 50


def _names(el) -> str:
    return f"{el.get('id', '')} {el.get('class', '')}"


def _chars(el) -> int:
    return len(_WS.sub("", el.text_content()))


def _drop(el) -> None:
    el.drop_tree()  # keeps the tail text, which belongs to the parent


def _clean(root) -> None:
    junk = [el for el in root.iter() if not isinstance(el.tag, str) or el.tag in _JUNK_TAGS]
    for el in junk:
        if el.getparent() is not None:
            _drop(el)


def _is_frame(el, keep) -> bool:
    """Site navigation and page frame, except a header inside the document itself."""
    if el.tag in _PAGE_FRAME_TAGS or _JUNK_NAME.search(_names(el)):
        return not (keep is not None and _within(el, keep) and el.find(".//h1") is not None)
    return False


def _within(el, ancestor) -> bool:
    node = el
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _main(body):
    """The container holding the document text, or None."""
    for pattern in (_MAIN_STRONG, _MAIN_WEAK):
        found = [
            el
            for el in body.iter()
            if isinstance(el.tag, str)
            and (pattern.search(_names(el)) or (pattern is _MAIN_WEAK and el.tag in ("article", "main")))
            and not _JUNK_NAME.search(_names(el))
        ]
        sized = [(el, _chars(el)) for el in found]
        sized = [(el, n) for el, n in sized if n >= _MIN_MAIN_CHARS]
        if sized:
            biggest = max(n for _, n in sized)
            # The deepest container still holding most of the text: outer
            # "content" wrappers also hold print/close links and related items.
            best = [el for el, n in sized if n >= 0.7 * biggest]
            return max(best, key=lambda el: sum(1 for _ in el.iterancestors()))
    return None


def _page_title(doc) -> Optional[str]:
    title = doc.find(".//title")
    if title is None:
        return None
    text = _WS.sub(" ", title.text_content()).strip()
    head = _SITE_SEPARATOR.split(text)[0].strip() if text else ""
    return head if len(head) >= 4 else text or None


def _outside_title(body, main) -> Optional[str]:
    """A heading shown on the page but outside the chosen container: the first
    h1, else the "title"-classed element nearest before the container."""
    order = {el: i for i, el in enumerate(body.iter())}
    start = order.get(main, len(order))

    def usable(el) -> Optional[str]:
        if _within(el, main) or _within(main, el):
            return None
        if any(_is_frame(a, None) for a in [el, *el.iterancestors()]):
            return None
        text = _WS.sub(" ", el.text_content()).strip()
        return text if 4 <= len(text) <= 100 else None

    for el in body.iter("h1"):
        if (text := usable(el)) is not None:
            return text
    named = [
        el for el in body.iter() if isinstance(el.tag, str) and _TITLE_NAME.search(_names(el)) and order[el] < start
    ]
    for el in reversed(named):
        if (text := usable(el)) is not None:
            return text
    return None


def _render(root) -> str:
    out: list[str] = []
    pre = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag == "pre":
                pre += 1
            if tag in _BLOCK:
                out.append("\n")
            elif tag in _CELLS:
                out.append("\t")
            elif tag == "br":
                out.append("\n")
            if el.text and tag:
                out.append(el.text if pre else _WS.sub(_collapse, el.text))
        else:
            if tag in _BLOCK:
                out.append("\n")
            if tag == "pre":
                pre -= 1
            if el.tail and el is not root:
                out.append(el.tail if pre else _WS.sub(_collapse, el.tail))
    text = "".join(out).replace("\xa0", " ")
    return _SEGMENT_RUN.sub(_resolve_segment, text)


def _collapse(m: re.Match) -> str:
    return _SEGMENT if "\n" in m.group() or "\r" in m.group() else " "


def _resolve_segment(m: re.Match) -> str:
    """A source line break between two CJK characters is not a space (CSS
    Text 3 segment-break rule); elsewhere it is one."""
    s, e = m.start(), m.end()
    text = m.string
    if 0 < s and e < len(text) and _CJK.match(text[s - 1]) and _CJK.match(text[e]):
        return ""
    return " "


def extract(text: str, encoding: Optional[str], warnings: tuple[str, ...] = ()) -> ExtractedText:
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str input that declares an encoding
    try:
        doc = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return ExtractedText(text="", source_format="html", encoding=encoding)
    page_title = _page_title(doc)
    _clean(doc)
    body = doc.find("body")
    if body is None:
        body = doc
    main = _main(body)
    root = main if main is not None else body
    for el in [el for el in root.iter() if isinstance(el.tag, str) and el is not root]:
        if el.getparent() is not None and _within(el, root) and _is_frame(el, main):
            _drop(el)
    title = None
    if root.find(".//h1") is None and root.find(".//h2") is None:
        title = _outside_title(body, root) if main is not None else None
        title = title or page_title
    lines = _render(root).split("\n")
    if title and title not in "\n".join(lines[:20]):
        lines.insert(0, title)
    out, anchors = assemble(((line, i) for i, line in enumerate(lines)), keep_blank=False)
    return ExtractedText(text=out, source_format="html", anchors=anchors, encoding=encoding, warnings=warnings)
