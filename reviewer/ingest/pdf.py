"""PDF: pypdfium2 text layer, running heads/page numbers dropped, wrapped lines rejoined.

pdfium gives the text page by page with a line break at every visual line, so
a paragraph of a printed draft arrives as several lines. The line geometry
(first/last character boxes) decides two things: which lines sit at the same
place at the top/bottom of most pages (running heads and footers), and which
lines stop short of the right margin or start indented (paragraph boundaries).
When pdfium's text does not line up with its character list, the page falls
back to character counts.
"""

from __future__ import annotations

import math
import re
import statistics
import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from ..model import Anchor, ExtractedText
from ._common import CORRUPT_PDF, EMPTY, ENCRYPTED_PDF, SCANNED_PDF, clean_line, fail

# pdfium is not thread-safe; batch runs may call us from worker threads.
_PDFIUM_LOCK = threading.Lock()
_EDGE_LINES = 3  # how deep into the top/bottom of a page a running head may sit
_SAME_PLACE = 6.0  # points; a running head stays put from page to page
_BREAK_KEEP = re.compile(r"(\r\n|\r|\n)")
_DIGIT = re.compile(r"[0-9０-９]")
_SPACE = re.compile(r"\s+")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～·•_\s]*\d{1,3}[-—–－~～·•_\s]*"
    r"|第\s*\d{1,3}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,3}\s*页)?"
    r"|共\s*\d{1,3}\s*页\s*[,，]?\s*第\s*\d{1,3}\s*页"
    r"|\d{1,3}\s*[/／]\s*\d{1,3}"
    r"|(?:page|p\.)\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?)$",
    re.IGNORECASE,
)
_NUM = "一二三四五六七八九十百千零〇○"
_NEW_BLOCK = re.compile(
    rf"^(?:第[{_NUM}\d]+[编章节条款]|[（(][{_NUM}\d]+[）)]|[{_NUM}]+[、．.]|\d+[、．.](?!\d)"
    rf"|[①-⑳]|附件|附表|附[：:]|抄送|主送|[（(]此件"
    rf"|[{_NUM}\d]{{2,4}}年[{_NUM}\d]{{1,2}}月[{_NUM}\d]{{1,3}}日$"
    # a line that is one organ's name: a signature or masthead line, never a wrapped remainder
    r"|[\u4e00-\u9fa5（）()]{3,30}(?:人民政府|办公厅|办公室|委员会|监管局|局|厅|部|委|署|中心)$)"
)
_CLOSERS = "”’」』）)》】\"'"
_SENTENCE_END = frozenset("。；：！？;:!?")


@dataclass
class _Line:
    text: str
    page: int
    indented_text: bool  # the raw line began with spaces
    left: Optional[float] = None
    right: Optional[float] = None
    y: Optional[float] = None
    size: Optional[float] = None


def _u16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def _page_lines(textpage, page_no: int) -> list[_Line]:
    raw = textpage.get_text_range()
    # Geometry is trusted only when pdfium's text maps 1:1 onto its char list
    # (the generated line breaks are chars of that list too).
    geometry = _u16(raw) == textpage.count_chars()
    lines: list[_Line] = []
    pos = 0
    for piece in _BREAK_KEEP.split(raw) if raw else ():
        start16, pos = pos, pos + _u16(piece)
        text = clean_line(piece)
        if not text:
            continue
        line = _Line(text, page_no, piece[:2].isspace() or piece[:1] == "\u3000")
        if geometry:
            body = piece.rstrip()
            lead = len(body) - len(body.lstrip())
            first = textpage.get_charbox(start16 + _u16(body[:lead]))
            last = textpage.get_charbox(start16 + _u16(body[:-1]))
            line.left, line.y, line.right = first[0], first[1], last[2]
            line.size = max(first[2] - first[0], first[3] - first[1]) or None
        lines.append(line)
    return lines


def is_page_number(line: str) -> bool:
    return _PAGE_NUMBER.match(line.strip().translate(_FULLWIDTH_DIGITS)) is not None


def _key(text: str) -> str:
    return _SPACE.sub("", _DIGIT.sub("#", text))


def _edges(lines: list[_Line]) -> tuple[list[int], list[int]]:
    """Indexes of the lines nearest the top and the bottom of a page, outermost first."""
    order = list(range(len(lines)))
    if all(line.y is not None for line in lines):
        order.sort(key=lambda i: -lines[i].y)
    # Short pages get a shallower edge so that a page is never all "edge".
    k = min(_EDGE_LINES, max(1, len(order) // 3))
    return order[:k], order[::-1][:k]


def _drop_running_heads(pages: list[list[_Line]]) -> None:
    """Remove page numbers and lines repeated at the same place on most pages."""
    # key → one list of y positions per page where the key sits at an edge
    places: dict[str, list[list[Optional[float]]]] = defaultdict(list)
    for lines in pages:
        top, bottom = _edges(lines)
        on_page: dict[str, list[Optional[float]]] = defaultdict(list)
        for i in set(top + bottom):
            on_page[_key(lines[i].text)].append(lines[i].y)
        for key, ys in on_page.items():
            places[key].append(ys)
    threshold = max(2, math.ceil(0.5 * len(pages)))

    def running(line: _Line) -> bool:
        if is_page_number(line.text):
            return True
        occurrences = places.get(_key(line.text), ())
        if len(occurrences) < threshold:
            return False
        if line.y is None:
            return True
        # The title on page 1 often repeats the running head, but elsewhere.
        return sum(any(y is None or abs(y - line.y) <= _SAME_PLACE for y in ys) for ys in occurrences) >= threshold

    for p, lines in enumerate(pages):
        gone = set()
        for edge in _edges(lines):
            for i in edge:  # stop at the first body line so the body is never cut into
                if i in gone or not running(lines[i]):
                    break
                gone.add(i)
        if gone:
            pages[p] = [line for i, line in enumerate(lines) if i not in gone]


_NARROW = re.compile("[\x00-\u2e7f]+")


def _width(text: str) -> float:
    """Width in full-width characters: CJK counts 1, Latin, digits and ASCII
    punctuation 0.5. (Counted by one regex substitution: a generator over every
    character was 80% of reading a real plain-text file.)"""
    return len(text) - 0.5 * (len(text) - len(_NARROW.sub("", text)))


@dataclass
class _Layout:
    """What a full, unindented line looks like on one page."""

    geometry: bool
    full: float  # right edge (points) or width (characters) of a full line
    left: float  # the left margin, geometry only
    size: float  # one character, in the same unit as `full`
    indents: bool  # paragraphs start with a first-line indent (geometry only)


def _p90(values) -> float:
    values = sorted(values)
    return values[int(0.9 * (len(values) - 1))] if values else 0.0


def _layouts(pages: list[list[_Line]]) -> list[_Layout]:
    modes = [bool(lines) and all(l.right is not None and l.size for l in lines) for lines in pages]
    doc = {
        g: _p90([l.right if g else _width(l.text) for lines, m in zip(pages, modes) if m == g for l in lines])
        for g in (True, False)
    }
    out = []
    for lines, geo in zip(pages, modes):
        measures = [l.right if geo else _width(l.text) for l in lines]
        # A page of a few lines (a signature page) says little about the margin.
        full = _p90(measures) if len(lines) >= 8 else max(_p90(measures), doc[geo])
        if geo:
            size = statistics.median(l.size for l in lines)
            lefts = sorted(l.left for l in lines)
            out.append(_Layout(True, full, lefts[len(lefts) // 10], size, False))
        else:
            out.append(_Layout(False, full, 0.0, 1.0, False))
    # Whether the draft marks paragraphs by a first-line indent of about two
    # characters: then an unindented line after a full one always continues.
    indented = total = 0
    for lines, layout in zip(pages, out):
        if layout.geometry:
            total += len(lines)
            indented += sum(1 for l in lines if 0.8 * layout.size < l.left - layout.left < 3 * layout.size)
    if total and indented >= max(2, 0.1 * total):
        for layout in out:
            layout.indents = layout.geometry
    return out


def _continues(line: _Line, nxt: _Line, layout: _Layout) -> bool:
    """Whether `nxt` is the wrapped continuation of the paragraph ending in `line`."""
    if _NEW_BLOCK.match(nxt.text):
        return False
    ends = line.text.rstrip(_CLOSERS)[-1:] in _SENTENCE_END
    measure = line.right if layout.geometry else _width(line.text)
    # Justified Chinese lines end within a character or so of the margin;
    # punctuation compression accounts for the slack.
    if measure < layout.full - 1.5 * layout.size:
        return False
    if not layout.geometry or nxt.left is None or line.left is None:
        return not ends and not nxt.indented_text
    size = layout.size
    if nxt.left > layout.left + 0.8 * size:
        # Indented: a new paragraph, unless both lines share a centre and a
        # font size, as the lines of a wrapped title do.
        same_axis = abs((nxt.left + nxt.right) - (line.left + line.right)) / 2 < size
        return not ends and same_axis and abs((nxt.size or 0) - (line.size or 0)) < 1
    # A full line ending a sentence still continues when paragraphs are
    # marked by indentation and the next line has none.
    return not ends or layout.indents


def _join(a: str, b: str) -> str:
    # Chinese wraps without spaces; only wrapped Latin words need one back.
    if a[-1:].isascii() and a[-1:].isalnum() and b[:1].isascii() and b[:1].isalnum():
        return a + " "
    return a


def _assemble(pages: list[list[_Line]]) -> tuple[str, tuple[Anchor, ...]]:
    layouts = _layouts(pages)
    parts: list[str] = []
    spans: dict[int, list[int]] = {}
    pos = 0
    prev: Optional[_Line] = None
    for lines in pages:
        for line in lines:
            if prev is not None:
                if _continues(prev, line, layouts[prev.page - 1]):
                    glue = _join(prev.text, line.text)[len(prev.text) :]
                else:
                    glue = "\n"
                parts.append(glue)
                pos += len(glue)
            span = spans.setdefault(line.page, [pos, pos])
            parts.append(line.text)
            pos += len(line.text)
            span[1] = pos
            prev = line
    anchors = tuple(Anchor(s, e, page=p) for p, (s, e) in sorted(spans.items()))
    return "".join(parts), anchors


def _read_pages(data: bytes, name: str) -> list[list[_Line]]:
    # imported here: the text reader uses this module's line rules, not pdfium
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise fail(name, ENCRYPTED_PDF, "encrypted") from None
        raise fail(name, CORRUPT_PDF, "corrupt_pdf") from None
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            try:
                pages.append(_page_lines(textpage, i + 1))
            finally:
                textpage.close()
                page.close()
        return pages
    except pdfium.PdfiumError:
        raise fail(name, CORRUPT_PDF, "corrupt_pdf") from None
    finally:
        doc.close()


def extract(data: bytes, name: str) -> ExtractedText:
    with _PDFIUM_LOCK:
        pages = _read_pages(data, name)
    if not pages:
        raise fail(name, EMPTY, "empty")
    counts = [sum(len(_SPACE.sub("", l.text)) for l in lines) for lines in pages]
    total = sum(counts)
    if total < 20 or total < 10 * len(pages):
        raise fail(name, SCANNED_PDF, "scanned")
    warnings = []
    bare = [str(i + 1) for i, n in enumerate(counts) if n < 10]
    if bare:
        more = " 等" if len(bare) > 10 else ""
        warnings.append(f"第 {'、'.join(bare[:10])}{more} 页没有文字层（可能是扫描页），这些页的内容未能审查")
    _drop_running_heads(pages)
    text, anchors = _assemble(pages)
    return ExtractedText(text=text, source_format="pdf", anchors=anchors, warnings=tuple(warnings))
