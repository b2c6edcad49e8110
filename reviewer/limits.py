"""Hard limits on what one document may cost: characters, paragraphs, the size and
expansion of each XML part of a .docx, the elements it holds, and the seconds its review
takes. Beyond a limit the file is refused with a reason naming the file and the limit
(IngestError code `too_large` or `timeout`), never cut short in silence and never left
to exhaust memory or time.

The defaults hold a document of a thousand pages with room to spare and keep one review
under about 500 MB of memory. A profile may change them under `limits:`
(rules/profiles/README.md); the review applies its profile's limits while it reads the
file (a context variable, so threads of the desk each see their own).
"""

from __future__ import annotations

import contextlib
import contextvars
import signal
import threading
from dataclasses import dataclass, fields, replace

from .errors import IngestError, ReviewerError


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 200 * 1024 * 1024  # bytes of the file as given
    max_chars: int = 2_000_000  # characters of extracted text per document
    max_paragraphs: int = 100_000  # paragraphs (lines of extracted text, w:p of a .docx)
    max_xml_part_bytes: int = 64 * 1024 * 1024  # unpacked bytes of one XML part of a .docx
    max_xml_expansion: int = 100  # unpacked / packed size of a .docx part over 1 MiB
    max_xml_nodes: int = 1_500_000  # elements + attributes of one XML part (.docx part, HTML page)
    seconds_per_document: float = 300.0  # one `check` of one document; 0 = no limit
    max_worker_memory_mb: int = 2048  # heap of one cleanup worker process (RLIMIT_DATA)


DEFAULT = Limits()
_NAMES = {f.name: f.type for f in fields(Limits)}
_CURRENT: contextvars.ContextVar[Limits] = contextvars.ContextVar("reviewer_limits", default=DEFAULT)


def from_profile(profile: dict | None) -> Limits:
    """The limits a profile sets under `limits:`, the defaults for the others. An unknown
    key or a value that is not a positive number is a ReviewerError naming it."""
    raw = (profile or {}).get("limits")
    if raw is None:
        return DEFAULT
    if not isinstance(raw, dict):
        raise ReviewerError("地区配置中的 limits 应为“名称: 数值”的映射")
    values = {}
    for key, value in raw.items():
        if key not in _NAMES:
            raise ReviewerError(f"地区配置中的 limits.{key} 不是可设置的上限（可设置：{'、'.join(_NAMES)}）")
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or value < 0
            or (value == 0 and key != "seconds_per_document")
        ):
            raise ReviewerError(f"地区配置中的 limits.{key} 应为正数，现为：{value!r}")
        values[key] = float(value) if key == "seconds_per_document" else int(value)
    return replace(DEFAULT, **values)


def current() -> Limits:
    return _CURRENT.get()


@contextlib.contextmanager
def applied(limits: Limits | dict | None):
    """Apply `limits` (or a profile's) while the block runs."""
    if not isinstance(limits, Limits):
        limits = from_profile(limits)
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


def refuse(name: str, what: str, value: int, key: str) -> IngestError:
    """The refusal for a file beyond a limit: what was found, the limit and its key."""
    limit = getattr(current(), key)
    return IngestError(
        name,
        f"{what}（{value:,}）超过上限 {limit:,}（limits.{key}），"
        "可能是异常文件，已拒绝审查；如确为正常文件，请拆分后再审查，或在地区配置中调整该上限",
        "too_large",
    )


def check_text(name: str, text: str) -> None:
    """Characters and paragraphs of an extracted text against the current limits."""
    lim = current()
    if len(text) > lim.max_chars:
        raise refuse(name, "文档正文的字符数", len(text), "max_chars")
    lines = text.count("\n") + 1
    if lines > lim.max_paragraphs:
        raise refuse(name, "文档的段落数", lines, "max_paragraphs")


class DocumentTimeout(BaseException):
    """One document took longer than the per-document limit. A BaseException, like
    KeyboardInterrupt: an `except Exception` that tolerates a bad registry file or a
    broken cache along the way must not swallow it."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise DocumentTimeout in the block after `seconds` (0: no limit). SIGALRM only
    reaches the main thread, so other threads run without the limit."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timeout_error(name: str, seconds: float) -> IngestError:
    return IngestError(
        name,
        f"审查超过每件 {seconds:g} 秒的时间上限（limits.seconds_per_document），已停止；"
        "文件可能异常，请检查或拆分后再审查",
        "timeout",
    )


def cap_process_memory(mb: int) -> None:
    """Bound this process's heap (a cleanup or desk worker): a pathological file then fails
    with MemoryError inside the worker, is listed or answered with its reason, and the machine
    and the other workers go on."""
    try:
        import resource
    except ImportError:  # not POSIX: no cap
        return
    cap = mb * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft == resource.RLIM_INFINITY or soft > cap:
        resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
