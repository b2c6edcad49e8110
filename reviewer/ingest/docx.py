"""Word .docx: zipfile + lxml straight over word/document.xml.

python-docx is ~17x slower for reading and drops automatic numbering, so it is
only used by the tests to write fixtures.

Output: one line per body paragraph, in document order. A table row becomes one
line with its cells joined by "\\t" (paragraphs inside a cell joined by a
space), except rows with a single non-empty cell: layout tables that wrap the
whole text in one cell would otherwise collapse into one line, so such a cell's
paragraphs stay separate lines. Text boxes follow the paragraph that anchors
them. Headers, footers, footnotes and comments live in other parts and are not
read; deleted text, moved-away text, field codes and hidden text are left out.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from typing import Iterator, Optional

from lxml import etree

from ..model import ExtractedText
from ._common import CORRUPT_DOCX, DOCX_BOMB, MAX_DOCX_XML_BYTES, assemble, fail
from .numbering import Numbering

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL_TAG = f"{{{_PKG_REL}}}Relationship"
_MC_ALT, _MC_CHOICE, _MC_FALLBACK = (f"{{{_MC}}}{n}" for n in ("AlternateContent", "Choice", "Fallback"))

# Big documents have text nodes over libxml2's 10 MB default; entities are
# never needed and resolving them would open the door to entity bombs.
_PARSER = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
_OFF = frozenset(("0", "false", "off"))
_SYMBOL_FONT_BASE = 0xF000


class _Tags:
    """Clark-notation tag names for one WordprocessingML namespace."""

    def __init__(self, ns: str):
        self.ns = ns
        for name in ("body", "p", "r", "t", "tab", "ptab", "br", "cr", "noBreakHyphen",
                     "softHyphen", "sym", "del", "moveFrom", "ins", "moveTo", "txbxContent",
                     "vanish", "pPr", "rPr", "numPr", "numId", "ilvl", "pStyle", "tbl",
                     "tr", "tc", "trPr", "sdt", "sdtContent", "customXml", "smartTag",
                     "hyperlink", "fldSimple", "val", "char"):
            setattr(self, "del_" if name == "del" else name, f"{{{ns}}}{name}")
        self.inline = (self.t, self.tab, self.ptab, self.br, self.cr, self.noBreakHyphen,
                       self.sym, self.del_, self.moveFrom, self.txbxContent, self.vanish,
                       self.ins, _MC_FALLBACK)
        # Whatever sits inside these is not part of the paragraph's own text.
        self.scopes = frozenset((self.del_, self.moveFrom, self.txbxContent, _MC_FALLBACK))
        self.wrappers = frozenset((self.customXml, self.ins, self.moveTo, self.smartTag))


_TAGS = {_W: _Tags(_W), _W_STRICT: _Tags(_W_STRICT)}


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship type suffix (e.g. "officeDocument") → absolute part name."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    try:
        root = etree.fromstring(zf.read(rels_name), _PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    out = {}
    for rel in root.iter(_REL_TAG):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], name)
    return out


def _main_part(zf: zipfile.ZipFile) -> Optional[str]:
    names = set(zf.namelist())
    main = _rels(zf, "").get("officeDocument")
    if main in names and main.startswith("word/"):
        return main
    return "word/document.xml" if "word/document.xml" in names else None


def _parse(zf: zipfile.ZipFile, part: str, name: str):
    info = zf.getinfo(part)
    if info.file_size > MAX_DOCX_XML_BYTES:
        raise fail(name, DOCX_BOMB, "too_large")
    return etree.fromstring(zf.read(part), _PARSER)


class _Reader:
    def __init__(self, tags: _Tags, numbering: Optional[Numbering]):
        self.T = tags
        self.numbering = numbering
        self.paragraphs = 0
        self.revisions = False

    def blocks(self, container) -> Iterator[tuple[str, int]]:
        T = self.T
        for el in container:
            tag = el.tag
            if tag == T.p:
                yield from self.paragraph(el)
            elif tag == T.tbl:
                yield from self.table(el)
            elif tag == T.sdt:
                content = el.find(T.sdtContent)
                if content is not None:
                    yield from self.blocks(content)
            elif tag in T.wrappers:
                yield from self.blocks(el)
            elif tag == _MC_ALT:
                choice = el.find(_MC_CHOICE)
                if choice is not None:
                    yield from self.blocks(choice)
            elif tag in (T.del_, T.moveFrom):
                self.revisions = True

    def paragraph(self, p) -> Iterator[tuple[str, int]]:
        T = self.T
        index = self.paragraphs
        self.paragraphs += 1
        parts: list[str] = []
        boxes = []
        special = False
        hidden = None
        for el in p.iter(*T.inline):
            tag = el.tag
            if tag in T.scopes:
                special = True
                if tag == T.txbxContent and not _inside(el, p, frozenset((_MC_FALLBACK, T.txbxContent))):
                    boxes.append(el)
                elif tag != T.txbxContent and tag != _MC_FALLBACK:
                    self.revisions = True
                continue
            if tag == T.ins:
                self.revisions = True
                continue
            if tag == T.vanish:
                if el.get(T.val) not in _OFF:
                    hidden = hidden or set()
                    hidden.add(el.getparent().getparent())
                continue
            parent = el.getparent()
            if special and _inside(el, p, T.scopes):
                continue
            if hidden and parent in hidden:
                continue
            if tag == T.t:
                parts.append(el.text or "")
            elif tag == T.tab or tag == T.ptab:
                if parent.tag == T.r:  # not a tab-stop definition in w:pPr/w:tabs
                    parts.append("\t")
            elif tag == T.br or tag == T.cr:
                parts.append("\n")
            elif tag == T.noBreakHyphen:
                parts.append("-")
            elif tag == T.sym:
                parts.append(_symbol(el.get(T.char)))
        text = "".join(parts)
        ppr = p.find(T.pPr)
        if ppr is not None and not text.strip():
            mark = ppr.find(T.rPr)
            if mark is not None and mark.find(T.del_) is not None:
                return  # a deleted paragraph: neither a line nor a number
        if self.numbering is not None:
            label = self._label(ppr)
            if label:
                text = label + text.lstrip(" \t\u3000")
        yield text, index
        for box in boxes:
            yield from self.blocks(box)

    def _label(self, ppr) -> str:
        T = self.T
        num_id = ilvl = style = None
        if ppr is not None:
            numpr = ppr.find(T.numPr)
            if numpr is not None:
                el = numpr.find(T.numId)
                num_id = None if el is None else el.get(T.val)
                el = numpr.find(T.ilvl)
                ilvl = None if el is None else _to_int(el.get(T.val))
            el = ppr.find(T.pStyle)
            style = None if el is None else el.get(T.val)
        return self.numbering.label(num_id, ilvl, style)

    def table(self, tbl) -> Iterator[tuple[str, int]]:
        T = self.T
        for tr in _children(tbl, T.tr, T):
            trpr = tr.find(T.trPr)
            if trpr is not None and trpr.find(T.del_) is not None:
                self.revisions = True
                continue
            cells = [list(self.blocks(tc)) for tc in _children(tr, T.tc, T)]
            filled = [c for c in cells if any(line.strip() for line, _ in c)]
            if len(filled) <= 1:
                yield from (filled[0] if filled else ())
                continue
            first = next((i for c in cells for _, i in c), self.paragraphs)
            yield "\t".join(" ".join(line.replace("\n", " ").strip() for line, _ in c
                                     if line.strip()) for c in cells), first


def _children(el, tag: str, T: _Tags):
    """Direct children with `tag`, looking through content-control wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == T.sdt:
            content = child.find(T.sdtContent)
            if content is not None:
                yield from _children(content, tag, T)
        elif child.tag in T.wrappers:
            yield from _children(child, tag, T)


def _inside(el, stop, scopes) -> bool:
    node = el.getparent()
    while node is not None and node is not stop:
        if node.tag in scopes:
            return True
        node = node.getparent()
    return False


def _symbol(code: Optional[str]) -> str:
    try:
        value = int(code or "", 16)
    except ValueError:
        return ""
    if value >= _SYMBOL_FONT_BASE:
        # Symbol-font glyphs are stored at F000+code; only their ASCII part
        # maps back to a meaningful character.
        value -= _SYMBOL_FONT_BASE
        return chr(value) if 0x20 <= value < 0x7F else ""
    return chr(value)


def _to_int(value: Optional[str]) -> Optional[int]:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def extract(data: bytes, name: str) -> ExtractedText:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        main = _main_part(zf)
        if main is None:
            raise fail(name, CORRUPT_DOCX, "corrupt_docx")
        root = _parse(zf, main, name)
        ns = etree.QName(root).namespace
        tags = _TAGS.get(ns)
        body = None if tags is None else root.find(tags.body)
        if body is None:
            raise fail(name, CORRUPT_DOCX, "corrupt_docx")
        warnings: list[str] = []
        numbering = _numbering(zf, main, ns, name, warnings)
        reader = _Reader(tags, numbering)
        text, anchors = assemble(reader.blocks(body), keep_blank=True)
    except (zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError, KeyError, EOFError,
            NotImplementedError, RuntimeError, ValueError):
        # RuntimeError: zip-level password; NotImplementedError: exotic compression.
        raise fail(name, CORRUPT_DOCX, "corrupt_docx") from None
    if reader.revisions:
        warnings.append("文档含有修订标记，已按接受全部修订后的文字审查")
    return ExtractedText(text=text, source_format="docx", anchors=anchors,
                         warnings=tuple(warnings))


def _numbering(zf, main: str, ns: str, name: str, warnings: list[str]) -> Optional[Numbering]:
    rels = _rels(zf, main)
    names = set(zf.namelist())
    folder = posixpath.dirname(main)
    num_part = rels.get("numbering") or posixpath.join(folder, "numbering.xml")
    if num_part not in names:
        return None
    style_part = rels.get("styles") or posixpath.join(folder, "styles.xml")
    try:
        num_root = _parse(zf, num_part, name)
        style_root = _parse(zf, style_part, name) if style_part in names else None
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError):
        warnings.append("自动编号定义已损坏，提取的文字中没有自动编号")
        return None
    return Numbering(num_root, style_root, ns)
