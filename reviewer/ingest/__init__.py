"""Read a draft into plain text, one paragraph per line.

The format is chosen from the content, not the file name: drafts arrive as
".doc" files that are really .docx, PDFs saved as ".txt", web pages saved as
".doc". The suffix only decides what a file that matches no format was meant
to be, so that a damaged PDF is reported as a damaged PDF.

Every failure is an IngestError with a Chinese `reason` and a stable `code`:
not_found, unreadable, too_large, empty, legacy_doc, encrypted, corrupt_docx,
corrupt_pdf, scanned, encoding, unsupported_format, special_file (a FIFO, device or
socket), symlink_loop; `timeout` comes from the review (reviewer.limits).
"""

from __future__ import annotations

import errno
import importlib
import os
import re
import stat
from pathlib import Path

from ..errors import IngestError
from ..model import ExtractedText
from . import text
from ..limits import check_text, current, refuse
from ._common import CORRUPT_DOCX, CORRUPT_PDF, EMPTY, ENCRYPTED_DOCX, LEGACY_DOC, TOO_LARGE, fail, too_large_file

__all__ = ["read_file", "read_bytes", "sniff"]
_READERS = ("docx", "html", "pdf")


def __getattr__(name: str):
    # The docx, html and pdf readers (lxml, pypdfium2: ~80 ms) load with the first file
    # of their kind, so checking a plain text pays only for the text reader;
    # `ingest.docx` and the like still work as attributes.
    if name in _READERS:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_PDF_HEADER_WINDOW = 1024  # the PDF spec tolerates junk before %PDF
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL
)
_HTML_BODY = re.compile(r"<body\b", re.IGNORECASE)
_HTML_TAGS = re.compile(r"<(?:p|div|br|span|table)\b[^>]*>|</(?:p|div)>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)
_GB_ALIASES = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030"}
_OTHER_FORMATS = (  # magic bytes of files people attach by mistake
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"{\\rtf", "RTF 文档"),
)


def sniff(data: bytes) -> str:
    """The container a byte string holds: "docx" (any zip), "pdf", "ole2",
    "other:<description>" for known non-document formats, else "markup"
    (text or HTML, told apart only after decoding)."""
    if data.startswith(_ZIP):
        return "docx"
    if b"%PDF-" in data[:_PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(_OLE2):
        return "ole2"
    for magic, label in _OTHER_FORMATS:
        if data.startswith(magic):
            return "other:" + label
    return "markup"


def _looks_html(s: str) -> bool:
    head = s[:65536]
    return bool(_HTML_START.match(head) or _HTML_BODY.search(head) or len(_HTML_TAGS.findall(head, 0, 65536)) >= 3)


def _ole2(data: bytes, name: str) -> IngestError:
    # Password-protected .docx/.xlsx are OLE2 containers holding an
    # "EncryptedPackage" stream; everything else OLE2 is a legacy binary file.
    if "EncryptedPackage".encode("utf-16-le") in data:
        return fail(name, ENCRYPTED_DOCX, "encrypted")
    return fail(name, LEGACY_DOC, "legacy_doc")


def _decode_html_or_text(data: bytes, name: str) -> ExtractedText:
    decoded, encoding, warnings = text.decode(data, name)
    if not _looks_html(decoded):
        return text.from_decoded(decoded, encoding, warnings)
    if encoding not in ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"):
        # A page is more likely right about its charset than our guess is.
        declared = _META_CHARSET.search(data[:4096])
        enc = declared.group(1).decode("ascii").lower() if declared else ""
        enc = "gb18030" if enc in _GB_ALIASES else enc
        if enc and enc != encoding:
            try:
                decoded, encoding, warnings = data.decode(enc), enc, ()
            except (LookupError, UnicodeDecodeError):
                pass
    from .docx import xml_nodes

    # at least 3 characters per element or attribute: a shorter page cannot exceed the limit
    nodes = xml_nodes(decoded) if len(decoded) > 3 * current().max_xml_nodes else 0
    if nodes > current().max_xml_nodes:
        # lxml builds every element before we read a word: a page of millions of tags
        # would cost gigabytes
        raise refuse(name, "网页中的 HTML 元素和属性数", nodes, "max_xml_nodes")
    from . import html

    return html.extract(decoded, encoding, warnings)


def _dispatch(data: bytes, name: str) -> ExtractedText:
    kind = sniff(data)
    suffix = Path(name).suffix.lower()
    if kind == "docx":
        from . import docx

        return docx.extract(data, name)
    if kind == "pdf":
        from . import pdf

        return pdf.extract(data, name)
    if kind == "ole2":
        raise _ole2(data, name)
    if kind.startswith("other:"):
        raise fail(name, f"这是 {kind[6:]}，不是可审查的文档，请提供 .docx、PDF 或文本文件", "unsupported_format")
    if suffix == ".pdf":
        raise fail(name, CORRUPT_PDF, "corrupt_pdf")
    if suffix == ".docx":
        raise fail(name, CORRUPT_DOCX, "corrupt_docx")
    if len(data) // 16 > current().max_chars:
        # no encoding we read spends more than 4 bytes on a character, and not even a web
        # page spends three characters of markup on each of text: too many characters for
        # certain, refused before the file is decoded into memory (the exact count follows
        # extraction)
        raise refuse(name, "按文件大小推算的正文字符数下限", len(data) // 16, "max_chars")
    return _decode_html_or_text(data, name)


def read_bytes(data: bytes, name: str) -> ExtractedText:
    """Extract the text of a file already in memory; `name` is used for the
    error messages and as a hint when the content matches no format."""
    try:
        if len(data) > current().max_file_bytes:
            raise too_large_file(name, len(data))
        if not data or (len(data) < 65536 and not data.strip()):
            raise fail(name, EMPTY, "empty")
        result = _dispatch(bytes(data), name)
        if not result.text.strip():
            raise fail(name, EMPTY, "empty")
        check_text(name, result.text)
        return result
    except IngestError:
        raise
    except MemoryError:
        raise fail(name, TOO_LARGE, "too_large") from None
    except Exception as exc:  # the caller promises its users a reason, never a traceback
        raise fail(name, f"无法读取文件：{type(exc).__name__}", "unreadable") from exc


def special_file_reason(mode: int) -> str | None:
    """Why a file of this st_mode is no document to read (a FIFO would block the reader,
    a device such as /dev/zero never ends), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "这是一个文件夹，不是文件，请选择要审查的文件"
    if stat.S_ISFIFO(mode):
        return "这是命名管道（FIFO），不是普通文件，已拒绝读取"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "这是设备文件（如 /dev/zero），不是普通文件，已拒绝读取"
    if stat.S_ISSOCK(mode):
        return "这是套接字文件，不是普通文件，已拒绝读取"
    return "这不是普通文件，已拒绝读取"


def read_file(path) -> ExtractedText:
    """Extract the text of the file at `path`. Only a regular file is read (a link to one
    is followed), and never more than the size limit, whatever the file claims."""
    name = os.fspath(path)
    limit = current().max_file_bytes
    try:
        st = os.stat(name)
        reason = special_file_reason(st.st_mode)
        if reason:
            raise fail(name, reason, "unreadable" if stat.S_ISDIR(st.st_mode) else "special_file")
        if st.st_size > limit:
            raise too_large_file(name, st.st_size)
        # O_NONBLOCK: should the file have been swapped for a FIFO since the stat, opening
        # it does not wait for a writer
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            reason = special_file_reason(os.fstat(fh.fileno()).st_mode)
            if reason:
                raise fail(name, reason, "special_file")
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise too_large_file(name, len(data))
    except IngestError:
        raise
    except FileNotFoundError:
        raise fail(name, "找不到该文件，请检查路径是否正确", "not_found") from None
    except PermissionError:
        raise fail(name, "没有读取该文件的权限，请检查文件权限", "unreadable") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise fail(name, "符号链接形成循环，找不到实际文件，已拒绝读取", "symlink_loop") from None
        raise fail(name, f"无法读取文件：{type(exc).__name__}", "unreadable") from None
    except MemoryError:
        raise too_large_file(name, limit + 1) from None
    return read_bytes(data, name)
