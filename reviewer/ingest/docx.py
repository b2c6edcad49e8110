"""Word .docx: zipfile + lxml straight over word/document.xml.

python-docx is an order of magnitude slower for reading and drops automatic
numbering, so it is only used by the tests to write fixtures.

Output: one line per body paragraph, in document order. A table row becomes one
line with its cells joined by "\\t" (paragraphs inside a cell joined by a
space), except rows with a single non-empty cell: layout tables that wrap the
whole text in one cell would otherwise collapse into one line, so such a cell's
paragraphs stay separate lines. Text boxes follow the paragraph that anchors
them. Headers, footers, footnotes and comments live in other parts and are not
read; deleted text, moved-away text, field codes and hidden text are left out.
Anchor.paragraph counts every w:p in document order (table cells and text boxes
included); a table row's line carries the index of its first paragraph.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from typing import Optional

from lxml import etree

from ..model import ExtractedText
from .. import limits
from ._common import CORRUPT_DOCX, DOCX_BOMB, DOCX_DTD, MAX_DOCX_XML_BYTES, OFD, assemble, fail
from .numbering import Numbering, StyleSheet

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL_TAG = f"{{{_PKG_REL}}}Relationship"
_MC_ALT, _MC_CHOICE, _MC_FALLBACK = (f"{{{_MC}}}{n}" for n in ("AlternateContent", "Choice", "Fallback"))

# libxml2's own guards stay on (no huge_tree: depth, text node and name sizes are
# bounded); entities are never resolved, and a part declaring any is refused before it
# is parsed (_read), as are parts beyond the size, expansion and element limits.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_PARA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
_RATIO_FLOOR = 1024 * 1024  # small parts may pack tightly; the ratio is read above this
_OFF = frozenset(("0", "false", "off"))
_SYMBOL_FONT_BASE = 0xF000


class _Tags:
    """Clark-notation tag names for one WordprocessingML namespace."""

    def __init__(self, ns: str):
        self.ns = ns
        for name in (
            "body",
            "p",
            "r",
            "t",
            "tab",
            "ptab",
            "br",
            "cr",
            "noBreakHyphen",
            "sym",
            "del",
            "moveFrom",
            "ins",
            "moveTo",
            "txbxContent",
            "vanish",
            "pPr",
            "rPr",
            "numPr",
            "numId",
            "ilvl",
            "pStyle",
            "tbl",
            "tr",
            "tc",
            "trPr",
            "sdt",
            "sdtContent",
            "customXml",
            "smartTag",
            "val",
            "char",
        ):
            setattr(self, "del_" if name == "del" else name, f"{{{ns}}}{name}")
        self.inline = (
            self.t,
            self.tab,
            self.ptab,
            self.br,
            self.cr,
            self.noBreakHyphen,
            self.sym,
            self.del_,
            self.moveFrom,
            self.txbxContent,
            self.vanish,
            self.ins,
            _MC_FALLBACK,
        )
        # Whatever sits inside these is not part of the paragraph's own text.
        self.scopes = frozenset((self.del_, self.moveFrom, self.txbxContent, _MC_FALLBACK))
        self.box_scopes = frozenset((self.txbxContent, _MC_FALLBACK))
        # Paragraphs holding any of these need more than their w:t texts.
        self.special = tuple(t for t in self.inline if t != self.t)
        self.wrappers = frozenset((self.customXml, self.ins, self.moveTo, self.smartTag))


_TAGS = {_W: _Tags(_W), _W_STRICT: _Tags(_W_STRICT)}


def _rels(zf: zipfile.ZipFile, part: str, name: str) -> dict[str, str]:
    """Relationship type suffix (e.g. "officeDocument") → absolute part name."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    try:
        root = _parse(zf, rels_name, name)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    out = {}
    for rel in root.iter(_REL_TAG):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], name)
    return out


def _main_part(zf: zipfile.ZipFile, name: str) -> Optional[str]:
    names = set(zf.namelist())
    main = _rels(zf, "", name).get("officeDocument")
    if main in names and main.startswith("word/"):
        return main
    return "word/document.xml" if "word/document.xml" in names else None


def _read(zf: zipfile.ZipFile, part: str, name: str) -> bytes:
    """The bytes of one XML part, refused before anything is built from them when the
    part is beyond the limits (reviewer.limits): unpacked size, expansion ratio,
    elements; a DTD or entity declaration, which Word never writes."""
    lim = limits.current()
    info = zf.getinfo(part)
    default = lim.max_xml_part_bytes == limits.DEFAULT.max_xml_part_bytes
    if info.file_size > (MAX_DOCX_XML_BYTES if default else lim.max_xml_part_bytes):
        if default:
            raise fail(name, DOCX_BOMB, "too_large")
        raise limits.refuse(name, f"Word 文档部件 {part} 解压后的字节数", info.file_size, "max_xml_part_bytes")
    if info.file_size > _RATIO_FLOOR and info.file_size > lim.max_xml_expansion * max(info.compress_size, 1):
        raise limits.refuse(
            name, f"Word 文档部件 {part} 的解压倍数", info.file_size // max(info.compress_size, 1), "max_xml_expansion"
        )
    data = _read_capped(zf, part, info.file_size)
    # every counted element or attribute takes at least 3 bytes (<a>, a=""): a part under
    # three times the limit cannot exceed it, and counting a 350 KB styles.xml costs 2 ms
    nodes = xml_nodes(data) if len(data) > 3 * lim.max_xml_nodes else 0
    if nodes > lim.max_xml_nodes:
        raise limits.refuse(name, f"Word 文档部件 {part} 的 XML 元素和属性数", nodes, "max_xml_nodes")
    if _DTD.search(data, 0, 4096) or (b"<!" in data and _DTD.search(data)):
        raise fail(name, DOCX_DTD, "corrupt_docx")
    return data


def xml_nodes(data) -> int:
    """Elements and attributes in XML bytes (or a str), counted without parsing: each
    costs lxml about 250 bytes, and 500,000 runs of 12 attributes in a 17 MB .docx took 1.6 GB.
    Quotes and '<' inside text are escaped or rare; an overcount only errs on the safe side."""
    lt, close = ("<", "</") if isinstance(data, str) else (b"<", b"</")
    eq = ('="', "='") if isinstance(data, str) else (b'="', b"='")
    return data.count(lt) - data.count(close) + data.count(eq[0]) + data.count(eq[1])


def _read_capped(zf: zipfile.ZipFile, part: str, size: int) -> bytes:
    # the size in the zip directory is what the member claims; never unpack more
    with zf.open(part) as fh:
        data = fh.read(size + 1)
    if len(data) > size:
        raise zipfile.BadZipFile(f"{part}: longer than its stated size")
    return data


def _parse(zf: zipfile.ZipFile, part: str, name: str):
    return etree.fromstring(_read(zf, part, name), _PARSER)


_GUARD = ("XML_PARSE_HUGE", "Resource limit exceeded", "Excessive depth", "Maximum entity", "amplification")


def _syntax_error(name: str, exc) -> Exception:
    """A part libxml2's own guards stopped (a text node over 10 MB, nesting deeper than
    256) is refused as such; any other syntax error is a broken document."""
    msg = str(exc)
    if any(g in msg for g in _GUARD):
        return fail(
            name,
            f"Word 文档的 XML 超出解析器的安全上限（{msg.split(',')[0]}），可能是异常文件，已拒绝读取",
            "too_large",
        )
    return fail(name, CORRUPT_DOCX, "corrupt_docx")


def _check_paragraphs(data: bytes, part: str, name: str) -> None:
    count = len(_PARA.findall(data))
    if count > limits.current().max_paragraphs:
        raise limits.refuse(name, f"Word 文档部件 {part} 的段落数", count, "max_paragraphs")


class _Reader:
    """Walks the body once, appending (line, paragraph index) pairs to `out`."""

    def __init__(self, tags: _Tags, numbering: Optional[Numbering], body):
        self.T = tags
        self.numbering = numbering
        self.paragraphs = 0
        self.revisions = False
        self.out: list[tuple[str, int]] = []
        # Most paragraphs are plain runs of w:t; one C-level pass finds the
        # few that need the careful walk, so the rest take lxml's itertext.
        self.special = set()
        for el in body.iter(*tags.special):
            node = el.getparent()
            while node is not None and node.tag != tags.p:
                node = node.getparent()
            if node is not None:
                self.special.add(node)

    def blocks(self, container) -> None:
        T = self.T
        for el in container:
            tag = el.tag
            if tag == T.p:
                self.paragraph(el)
            elif tag == T.tbl:
                self.table(el)
            elif tag == T.sdt:
                content = el.find(T.sdtContent)
                if content is not None:
                    self.blocks(content)
            elif tag in T.wrappers:
                self.blocks(el)
            elif tag == _MC_ALT:
                choice = el.find(_MC_CHOICE)
                if choice is not None:
                    self.blocks(choice)
            elif tag in (T.del_, T.moveFrom):
                self.revisions = True

    def paragraph(self, p) -> None:
        T = self.T
        index = self.paragraphs
        self.paragraphs += 1
        boxes: list = []
        if p in self.special:
            text = self._careful_text(p, boxes)
        else:
            text = "".join(p.itertext(T.t, with_tail=False))
        ppr = p[0] if len(p) and p[0].tag == T.pPr else None  # schema puts w:pPr first
        if ppr is not None and not text.strip():
            mark = ppr.find(T.rPr)
            if mark is not None and mark.find(T.del_) is not None:
                return  # a deleted paragraph: neither a line nor a number
        if self.numbering is not None:
            label = self._label(ppr)
            if label:
                text = label + text.lstrip(" \t\u3000")
        self.out.append((text, index))
        for box in boxes:
            self.blocks(box)

    def _careful_text(self, p, boxes: list) -> str:
        T = self.T
        parts: list[str] = []
        scoped = False
        hidden = None
        for el in p.iter(*T.inline):
            tag = el.tag
            if tag in T.scopes:
                scoped = True
                if tag == T.txbxContent:
                    if not _inside(el, p, T.box_scopes):
                        boxes.append(el)
                elif tag != _MC_FALLBACK:
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
            if scoped and _inside(el, p, T.scopes):
                continue
            if hidden and el.getparent() in hidden:
                continue
            if tag == T.t:
                parts.append(el.text or "")
            elif tag == T.tab or tag == T.ptab:
                if el.getparent().tag == T.r:  # not a tab stop in w:pPr/w:tabs
                    parts.append("\t")
            elif tag == T.br or tag == T.cr:
                parts.append("\n")
            elif tag == T.noBreakHyphen:
                parts.append("-")
            elif tag == T.sym:
                parts.append(_symbol(el.get(T.char)))
        return "".join(parts)

    def _label(self, ppr) -> str:
        T = self.T
        num_id = ilvl = style = None
        if ppr is not None:
            # A Python loop over a handful of children beats ElementPath find().
            for child in ppr:
                tag = child.tag
                if tag == T.pStyle:
                    style = child.get(T.val)
                elif tag == T.numPr:
                    for item in child:
                        if item.tag == T.numId:
                            num_id = item.get(T.val)
                        elif item.tag == T.ilvl:
                            ilvl = _to_int(item.get(T.val))
        return self.numbering.label(num_id, ilvl, style)

    def table(self, tbl) -> None:
        T = self.T
        for tr in _children(tbl, T.tr, T):
            trpr = tr.find(T.trPr)
            if trpr is not None and trpr.find(T.del_) is not None:
                self.revisions = True
                continue
            cells = []
            for tc in _children(tr, T.tc, T):
                mark = len(self.out)
                self.blocks(tc)
                cells.append(self.out[mark:])
                del self.out[mark:]
            filled = [c for c in cells if any(line.strip() for line, _ in c)]
            if len(filled) <= 1:
                self.out.extend(filled[0] if filled else ())
                continue
            first = next(i for c in filled for _, i in c)
            self.out.append(
                (
                    "\t".join(
                        " ".join(line.replace("\n", " ").strip() for line, _ in c if line.strip()) for c in cells
                    ),
                    first,
                )
            )


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
        main = _main_part(zf, name)
        if main is None:
            if "OFD.xml" in zf.namelist():  # the Chinese fixed-layout format is a zip too
                raise fail(name, OFD, "unsupported_format")
            raise fail(name, CORRUPT_DOCX, "corrupt_docx")
        data = _read(zf, main, name)
        _check_paragraphs(data, main, name)
        root = etree.fromstring(data, _PARSER)
        del data
        ns = etree.QName(root).namespace
        tags = _TAGS.get(ns)
        body = None if tags is None else root.find(tags.body)
        if body is None:
            raise fail(name, CORRUPT_DOCX, "corrupt_docx")
        warnings: list[str] = []
        numbering = _numbering(zf, main, ns, name, warnings)
        reader = _Reader(tags, numbering, body)
        reader.blocks(body)
        text, anchors = assemble(reader.out, keep_blank=True)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(name, exc) from None
    except (zipfile.BadZipFile, zlib.error, KeyError, EOFError, NotImplementedError, RuntimeError, ValueError):
        # RuntimeError: zip-level password; NotImplementedError: exotic compression.
        raise fail(name, CORRUPT_DOCX, "corrupt_docx") from None
    if reader.revisions:
        warnings.append("文档含有修订标记，已按接受全部修订后的文字审查")
    return ExtractedText(text=text, source_format="docx", anchors=anchors, warnings=tuple(warnings))


def _numbering(zf, main: str, ns: str, name: str, warnings: list[str]) -> Optional[Numbering]:
    rels = _rels(zf, main, name)
    names = set(zf.namelist())
    folder = posixpath.dirname(main)
    num_part = rels.get("numbering") or posixpath.join(folder, "numbering.xml")
    if num_part not in names:
        return None
    style_part = rels.get("styles") or posixpath.join(folder, "styles.xml")
    try:
        num_root = _parse(zf, num_part, name)
        styles = StyleSheet(_read(zf, style_part, name) if style_part in names else None, ns, _PARSER)
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError):
        warnings.append("自动编号定义已损坏，提取的文字中没有自动编号")
        return None
    return Numbering(num_root, styles, ns)


# --------------------------------------------------------------------------- offset map
# The annotated copy (reviewer.outputs.annotated_docx) puts a Word comment on the
# exact words of each finding, but findings carry offsets into the extracted text,
# which is not the concatenation of the w:t texts: numbering labels are added,
# indents and invisible characters dropped, table cells joined. This walk repeats
# the reader's choices line for line while remembering where every character came
# from; tests check that its text equals extract()'s on every fixture.


def text_map(data: bytes, name: str, body=None) -> tuple[str, list]:
    """The extracted text of a .docx and, for each of its characters, its source.

    A source is (w:t element, index in its text), (inline element, 0) for a
    character made from w:tab, w:br, w:sym or w:noBreakHyphen, or None for a
    character the reader supplied (numbering label, cell separator, line break
    between paragraphs). `body` may be an already-parsed w:body of the same file
    (e.g. python-docx's `document.element.body`) so that the sources are elements
    of that tree and can be edited in place. The text is identical to
    `extract(data, name).text`; errors are those of `extract`.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        main = _main_part(zf, name)
        if main is None:
            raise fail(name, CORRUPT_DOCX, "corrupt_docx")
        if body is None:
            root = _parse(zf, main, name)
            tags = _TAGS.get(etree.QName(root).namespace)
            body = None if tags is None else root.find(tags.body)
        else:
            tags = _TAGS.get(etree.QName(body).namespace)
        if body is None or tags is None:
            raise fail(name, CORRUPT_DOCX, "corrupt_docx")
        numbering = _numbering(zf, main, tags.ns, name, [])
        reader = _MappingReader(tags, numbering, body)
        reader.blocks(body)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(name, exc) from None
    except (zipfile.BadZipFile, zlib.error, KeyError, EOFError, NotImplementedError, RuntimeError, ValueError):
        raise fail(name, CORRUPT_DOCX, "corrupt_docx") from None
    return _assemble_traced(reader.out)


class _MappingReader(_Reader):
    """_Reader whose lines are (text, paragraph index, sources)."""

    def paragraph(self, p) -> None:
        T = self.T
        index = self.paragraphs
        self.paragraphs += 1
        boxes: list = []
        if p in self.special:
            text, srcs = self._careful_traced(p, boxes)
        else:
            pieces, srcs = [], []
            for t in p.iter(T.t):
                s = t.text or ""
                pieces.append(s)
                srcs.extend((t, i) for i in range(len(s)))
            text = "".join(pieces)
        ppr = p[0] if len(p) and p[0].tag == T.pPr else None
        if ppr is not None and not text.strip():
            mark = ppr.find(T.rPr)
            if mark is not None and mark.find(T.del_) is not None:
                return
        if self.numbering is not None:
            label = self._label(ppr)
            if label:
                rest = text.lstrip(" \t\u3000")
                srcs = [None] * len(label) + srcs[len(text) - len(rest) :]
                text = label + rest
        self.out.append((text, index, srcs))
        for box in boxes:
            self.blocks(box)

    def _careful_traced(self, p, boxes: list) -> tuple[str, list]:
        # Same walk as _Reader._careful_text, keeping a source per character.
        T = self.T
        parts: list[str] = []
        srcs: list = []
        scoped = False
        hidden = None
        for el in p.iter(*T.inline):
            tag = el.tag
            if tag in T.scopes:
                scoped = True
                if tag == T.txbxContent:
                    if not _inside(el, p, T.box_scopes):
                        boxes.append(el)
                elif tag != _MC_FALLBACK:
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
            if scoped and _inside(el, p, T.scopes):
                continue
            if hidden and el.getparent() in hidden:
                continue
            if tag == T.t:
                s = el.text or ""
                parts.append(s)
                srcs.extend((el, i) for i in range(len(s)))
                continue
            if tag == T.tab or tag == T.ptab:
                s = "\t" if el.getparent().tag == T.r else ""
            elif tag == T.br or tag == T.cr:
                s = "\n"
            elif tag == T.noBreakHyphen:
                s = "-"
            elif tag == T.sym:
                s = _symbol(el.get(T.char))
            else:
                s = ""
            if s:
                parts.append(s)
                srcs.append((el, 0))
        return "".join(parts), srcs

    def table(self, tbl) -> None:
        T = self.T
        for tr in _children(tbl, T.tr, T):
            trpr = tr.find(T.trPr)
            if trpr is not None and trpr.find(T.del_) is not None:
                self.revisions = True
                continue
            cells = []
            for tc in _children(tr, T.tc, T):
                mark = len(self.out)
                self.blocks(tc)
                cells.append(self.out[mark:])
                del self.out[mark:]
            filled = [c for c in cells if any(line.strip() for line, _, _ in c)]
            if len(filled) <= 1:
                self.out.extend(filled[0] if filled else ())
                continue
            first = next(i for c in filled for _, i, _ in c)
            row, row_srcs = [], []
            for n, c in enumerate(cells):
                if n:
                    row.append("\t")
                    row_srcs.append(None)
                lines = [(line.replace("\n", " "), srcs) for line, _, srcs in c if line.strip()]
                for k, (line, srcs) in enumerate(lines):
                    if k:
                        row.append(" ")
                        row_srcs.append(None)
                    lead = len(line) - len(line.lstrip())
                    kept = line.strip()
                    row.append(kept)
                    row_srcs.extend(srcs[lead : lead + len(kept)])
            self.out.append(("".join(row), first, row_srcs))


def _assemble_traced(lines) -> tuple[str, list]:
    """_common.assemble for (text, paragraph, sources) lines, blank lines kept as one."""
    from ._common import _INDENT, _INVISIBLE

    out: list[str] = []
    sources: list = []
    pending_blank = False
    for raw, _para, srcs in lines:
        at = 0
        for piece in raw.split("\n"):
            psrc = srcs[at : at + len(piece)]
            at += len(piece) + 1
            keep = [i for i, ch in enumerate(piece) if not _INVISIBLE.match(ch)]
            chars = "".join(piece[i] for i in keep)
            csrc = [psrc[i] for i in keep]
            lead = len(chars) - len(chars.lstrip(_INDENT))
            line = chars.lstrip(_INDENT).rstrip()
            if not line:
                pending_blank = bool(out)
                continue
            if out:
                sep = "\n\n" if pending_blank else "\n"
                out.append(sep)
                sources.extend([None] * len(sep))
            pending_blank = False
            out.append(line)
            sources.extend(csrc[lead : lead + len(line)])
    return "".join(out), sources
