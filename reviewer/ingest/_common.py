"""Pieces every reader shares: the error reasons and the final line assembler.

All readers hand the assembler their raw lines so that the output convention
(one paragraph per line, no indentation, no trailing blanks) and the anchor
offsets are produced in exactly one place.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from ..errors import IngestError
from ..model import Anchor

# Defaults only: the limits in force are reviewer.limits.current() (a profile may change them).
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024

# Reasons shown to the reviewer, keyed by error code.
EMPTY = "文件为空，没有可审查的文字"
LEGACY_DOC = "这是旧版 Word（.doc）或 WPS 格式文件，暂不支持，请另存为 .docx 后再审查"
ENCRYPTED_DOCX = "文件已加密（设有打开密码），请解除密码后再审查"
CORRUPT_DOCX = "不是有效的 Word 文档（.docx）"
ENCRYPTED_PDF = "PDF 已加密，无法提取文字，请提供未加密的文件"
SCANNED_PDF = "PDF 没有文字层（可能是扫描件），请先进行文字识别（OCR）或提供可编辑的版本"
CORRUPT_PDF = "PDF 文件已损坏或格式不正确，无法读取"
ENCODING = "无法识别文件编码（不是 UTF-8 或 GB18030/GBK），请另存为 UTF-8 文本"
TOO_LARGE = "文件超过 200 MB 的大小上限，请拆分后再审查"
OFD = "这是 OFD 版式文件，暂不支持，请提供 PDF 或 .docx 版本"
DOCX_BOMB = "Word 文档解压后的正文超过 64 MB 的上限，可能是异常文件，已拒绝读取"
DOCX_DTD = "Word 文档的 XML 中含有文档类型定义或实体引用（Word 不会生成这种内容），可能是异常文件，已拒绝读取"

# C0/C1 controls and invisible format characters break the downstream regexes
# while carrying no meaning for a reviewer; \t and \n are handled separately.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\ufffe\uffff]")
_INDENT = " \t\u3000\xa0"


def fail(name: str, reason: str, code: str) -> IngestError:
    return IngestError(name, reason, code)


def too_large_file(name: str, size: int, limit: int | None = None) -> IngestError:
    from ..limits import current

    limit = current().max_file_bytes if limit is None else limit
    if limit == MAX_FILE_BYTES:
        return fail(name, TOO_LARGE, "too_large")
    return fail(
        name,
        f"文件（{size:,} 字节）超过 {limit:,} 字节的大小上限（limits.max_file_bytes），请拆分后再审查",
        "too_large",
    )


_HAN = "\u4e00-\u9fff，。；：、（）“”《》〔〕"
_SPACED_PAIR = re.compile(f"(?<=[{_HAN}])[ \u3000\xa0]{{1,2}}(?=[{_HAN}])")
_HAN_CHAR = re.compile(f"[{_HAN}]")


def clean_line(line: str) -> str:
    """Drop invisible characters, the drafting indent and trailing blanks, and close up a
    letter-spaced line (justified PDF text comes out as 行 政 许 可, which no reader of
    Chinese sees and no pattern matches). A line with only a few gaps keeps them: those
    separate names (two issuers on one signature line) or a title spaced on purpose."""
    line = _INVISIBLE.sub("", line).lstrip(_INDENT).rstrip()
    gaps = len(_SPACED_PAIR.findall(line))
    if gaps >= 4 and gaps * 2 >= len(_HAN_CHAR.findall(line)) - gaps:
        line = _SPACED_PAIR.sub("", line)
    return line


def assemble(lines: Iterable[tuple[str, Optional[int]]], *, keep_blank: bool = True) -> tuple[str, tuple[Anchor, ...]]:
    """Join (line, source paragraph index) pairs into the output text.

    A line may itself contain "\\n" (a manual line break); each piece becomes
    its own output line sharing the paragraph index. With keep_blank, runs of
    blank lines shrink to one; without, blank lines vanish. Returns the text
    and one Anchor per non-blank line.
    """
    out: list[str] = []
    anchors: list[Anchor] = []
    pos = 0
    pending_blank = False
    for raw, para in lines:
        for piece in raw.split("\n"):
            line = clean_line(piece)
            if not line:
                pending_blank = bool(out) and keep_blank
                continue
            if out:
                sep = "\n\n" if pending_blank else "\n"
                out.append(sep)
                pos += len(sep)
            pending_blank = False
            out.append(line)
            anchors.append(Anchor(pos, pos + len(line), paragraph=para))
            pos += len(line)
    return "".join(out), tuple(anchors)
