"""Plain-text drafts: decode the bytes, then one output line per source line."""

from __future__ import annotations

import codecs
import re

from ..model import ExtractedText
from ._common import ENCODING, assemble, fail
from .pdf import _CLOSERS, _NEW_BLOCK, _SENTENCE_END, _width

_BOMS = (  # UTF-32 first: its LE BOM begins with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_GB_FAMILY = {"gb18030", "gbk", "gb2312", "cp936", "hz"}
_SAMPLE = 64 * 1024


def _utf16_without_bom(data: bytes) -> str | None:
    """Notepad-style UTF-16 has a BOM, but exports from some systems do not;
    mostly-ASCII UTF-16 shows up as a zero in every other byte (and would
    otherwise pass as valid UTF-8 full of NULs)."""
    head = data[:_SAMPLE]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.3 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


def _mostly_gb2312(text: str) -> bool:
    """Big5 bytes also decode as GB18030, into rare characters; real GBK drafts
    stay almost entirely inside GB2312, so the share of non-GB2312 characters
    tells the two apart."""
    sample = text[:20000]
    wide = sum(1 for c in sample if ord(c) > 0x7F)
    if wide < 20:
        return True
    misses = sample.encode("gb2312", errors="replace").count(b"?") - sample.count("?")
    return misses <= 0.25 * wide


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")  # below a space, except \t \n \v \f \r


def _looks_binary(text: str) -> bool:
    sample = text[:_SAMPLE]
    controls = len(_CONTROLS.findall(sample))
    return controls > max(8, 0.05 * len(sample))


def decode(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """Return (text, encoding name, warnings) or raise IngestError("encoding")."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc + ("-sig" if enc == "utf-8" else ""), ()
            except UnicodeDecodeError:
                raise fail(name, ENCODING, "encoding") from None
    candidates = []
    utf16 = _utf16_without_bom(data)
    if utf16:
        candidates.append(utf16)
    candidates += ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "gb18030" and not _mostly_gb2312(text):
            guessed = _guess(data)
            if guessed and guessed[1] not in _GB_FAMILY:
                return guessed[0], guessed[1], (_guess_warning(guessed[1]),)
        if _looks_binary(text):
            raise fail(name, ENCODING, "encoding")
        return text, enc, ()
    guessed = _guess(data)
    if guessed is None or _looks_binary(guessed[0]):
        raise fail(name, ENCODING, "encoding")
    return guessed[0], guessed[1], (_guess_warning(guessed[1]),)


def _guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # slow import; only needed for odd files

    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best), best.encoding


def _guess_warning(enc: str) -> str:
    return f"文件编码是推测的（{enc}），请核对提取的文字是否正确"


def extract(data: bytes, name: str) -> ExtractedText:
    return from_decoded(*decode(data, name))


def _p90(values: list[float]) -> float:
    values = sorted(values)
    return values[int(0.9 * (len(values) - 1))]


def _full_line_test(lines: list[str]):
    """A line as wide as the widest tenth of the file, by display width (digits are half
    a character) or by character count (a wrapper that counts characters)."""
    body = [l.rstrip() for l in lines if l.strip()]
    full_w, full_n = _p90([_width(l) for l in body]), _p90([len(l) for l in body])
    return lambda line: _width(line) >= full_w - 1.5 or len(line) >= full_n - 1


def _open_ended(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] not in _SENTENCE_END


def _hard_wrapped(lines: list[str]) -> bool:
    """Text exported from a PDF viewer or an e-mail breaks every line at a fixed width,
    so a provision arrives in pieces. Such a file shows many lines of the same full width
    that end in mid-sentence; a file with one paragraph per line almost never does."""
    body = [l.rstrip() for l in lines if l.strip()]
    if len(body) < 8:
        return False
    is_full = _full_line_test(lines)
    long = [l for l in body if is_full(l)]
    open_ended = [l for l in long if _open_ended(l)]
    return len(open_ended) >= 5 and len(open_ended) * 2 >= len(long)


def _unwrap(lines: list[str]) -> list[tuple[str, int]]:
    is_full = _full_line_test(lines)
    out: list[tuple[str, int]] = []
    joining = False
    for i, raw in enumerate(lines):
        line = raw.rstrip()
        if joining and line.strip() and not _NEW_BLOCK.match(line.strip()):
            out[-1] = (out[-1][0] + line.strip(), out[-1][1])
        else:
            out.append((raw, i))
        joining = bool(line.strip()) and is_full(line) and _open_ended(line)
    return out


def from_decoded(text: str, encoding: str, warnings: tuple[str, ...] = ()) -> ExtractedText:
    # splitlines() also breaks on \r, \v, \f, U+2028/2029: page breaks in text
    # exports become ordinary line breaks.
    lines = text.splitlines()
    pairs = _unwrap(lines) if _hard_wrapped(lines) else [(line, i) for i, line in enumerate(lines)]
    text, anchors = assemble(pairs, keep_blank=True)
    return ExtractedText(text=text, source_format="text", anchors=anchors, encoding=encoding, warnings=warnings)
