"""Reviews off the desk's event loop.

A review is CPU-bound Python, so threads would still hold the GIL and stall every
other request: the desk sends each review (and each Word file it builds) to a small
pool of worker processes. At most `workers` jobs run at once; a job waits for a free
worker at most `seconds`, and runs at most `seconds` (a SIGALRM timer in the worker,
and a harder deadline in the desk that kills the pool's processes should the timer
not fire). Past either limit the caller gets `Busy` or `TimedOut` — the desk answers
503 with a Chinese message — while the event loop goes on serving everyone else.

Argon2 hashing runs in a small thread pool (argon2-cffi releases the GIL)."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Optional

from .. import limits

DEFAULT_WORKERS = 2
DEFAULT_SECONDS = 60.0
GRACE = 5.0  # the desk's own deadline, past the worker's timer
MAX_WAITING = 16  # jobs waiting for a worker beyond this get Busy at once

_PRELOAD = ["reviewer.web.app"]  # the review flow and the Word builders, imported once


class Busy(Exception):
    """No worker became free in time (or too many jobs are waiting)."""


class TimedOut(Exception):
    """The job ran past its time limit and was stopped."""

    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds


class JobRefused(Exception):
    """The job raised a ReviewerError (an unreadable or too large file) in the worker."""

    def __init__(self, code: str, reason: str, is_ingest: bool):
        super().__init__(reason)
        self.code, self.reason, self.is_ingest = code, reason, is_ingest


# ------------------------------------------------------------ in the worker
_profiles: dict = {}


def _run(fn: Callable, args: tuple, seconds: float):
    """Run fn(*args) under the time limit; errors come back as plain tuples, since
    the project's exceptions do not all survive pickling."""
    from ..errors import IngestError, ReviewerError
    from ..limits import DocumentTimeout, time_limit

    try:
        with time_limit(seconds):
            return ("ok", fn(*args))
    except DocumentTimeout:
        return ("timeout", seconds)
    except IngestError as exc:
        return ("refused", exc.code, exc.reason, True)
    except ReviewerError as exc:
        return ("refused", "unreadable", str(exc), False)
    except MemoryError:
        return ("refused", "too_large", "文件过大，审查所需内存超过上限", True)


def review_job(data: bytes, name: str, as_of: str, profile_name: Optional[str]):
    """The worker's review of one upload; the profile is loaded once per worker."""
    from ..review import load_profile, review_bytes

    profile = _profiles.get(profile_name)
    if profile is None:
        profile = _profiles[profile_name] = load_profile(profile_name)
    return review_bytes(data, name, as_of=as_of, profile=profile)


def warm_job(profile_name: Optional[str]) -> bool:
    """Start a worker: import and load the rules with a one-line review."""
    import time

    review_job("第一条 为了加强管理，制定本办法。".encode("utf-8"), "-", "2026-01-01", profile_name)
    time.sleep(0.2)  # so that the pool's next warm job starts another worker
    return True


# ------------------------------------------------------------ in the desk
_executors: dict[int, ProcessPoolExecutor] = {}
_executors_lock = threading.Lock()


def _executor(workers: int) -> ProcessPoolExecutor:
    """One process pool per size, shared by the desks of this process (tests start many)."""
    with _executors_lock:
        ex = _executors.get(workers)
        if ex is None:
            ctx = multiprocessing.get_context("forkserver")  # never fork the desk's threads
            ctx.set_forkserver_preload(_PRELOAD)
            # each worker caps its own heap, as a cleanup worker does (limits.max_worker_memory_mb)
            ex = _executors[workers] = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=ctx,
                initializer=limits.cap_process_memory,
                initargs=(limits.DEFAULT.max_worker_memory_mb,),
            )
        return ex


def _discard(workers: int, ex: ProcessPoolExecutor, kill: bool) -> None:
    with _executors_lock:
        if _executors.get(workers) is ex:
            del _executors[workers]
    if kill:
        for proc in list(getattr(ex, "_processes", {}).values()):
            try:
                proc.kill()
            except OSError:
                pass
    ex.shutdown(wait=False, cancel_futures=True)


class WorkerPool:
    def __init__(self, workers: int = DEFAULT_WORKERS, seconds: float = DEFAULT_SECONDS):
        self.workers = max(1, int(workers))
        self.seconds = float(seconds)
        self._slots: Optional[asyncio.Semaphore] = None
        self._loop = None
        self.waiting = 0
        self.warmed = threading.Event()

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._slots is None or self._loop is not loop:
            self._slots, self._loop = asyncio.Semaphore(self.workers), loop
        return self._slots

    async def warm(self, profile_name: Optional[str]) -> None:
        """Start every worker ahead of the first upload (the desk calls this at startup)."""
        try:
            await asyncio.gather(*(self.run(warm_job, profile_name) for _ in range(self.workers)))
        except Exception:  # a failed warm-up shows again on the first real review
            pass
        finally:
            self.warmed.set()

    async def run(self, fn: Callable, *args: Any, seconds: Optional[float] = None):
        """fn(*args) in a worker process. Raises Busy, TimedOut or JobRefused."""
        limit = self.seconds if seconds is None else seconds
        slots = self._semaphore()
        if self.waiting >= MAX_WAITING:
            raise Busy()
        self.waiting += 1
        try:
            try:
                await asyncio.wait_for(slots.acquire(), timeout=limit or None)
            except asyncio.TimeoutError:
                raise Busy() from None
        finally:
            self.waiting -= 1
        loop = asyncio.get_running_loop()
        ex = _executor(self.workers)
        try:
            future = ex.submit(_run, fn, args, limit)
        except BaseException:
            slots.release()
            raise

        # The slot is the worker's: freed when the job ends, even if the request is
        # abandoned first — so a submitted job always starts at once and the deadline
        # below measures its run, not a wait in the pool's queue.
        def free(_):
            try:
                loop.call_soon_threadsafe(slots.release)
            except RuntimeError:  # the desk's loop has closed meanwhile
                pass

        future.add_done_callback(free)
        try:
            result = await asyncio.wait_for(
                asyncio.shield(asyncio.wrap_future(future)), timeout=(limit + GRACE) if limit else None
            )
        except asyncio.TimeoutError:
            _discard(self.workers, ex, kill=True)  # the worker's timer did not fire: stop it
            raise TimedOut(limit) from None
        except BrokenProcessPool:
            _discard(self.workers, ex, kill=True)
            raise JobRefused("worker_died", "审查进程意外中止（文件可能过大或异常），请检查文件后重试", True) from None
        if result[0] == "ok":
            return result[1]
        if result[0] == "timeout":
            raise TimedOut(result[1])
        raise JobRefused(result[1], result[2], result[3])


# Argon2id takes ~50 ms of CPU and 64 MiB per hash: a couple of threads, so that a
# burst of logins queues here instead of on the event loop or in memory.
_hash_threads = ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1), thread_name_prefix="argon2")


async def in_hash_thread(fn: Callable, *args: Any):
    return await asyncio.get_running_loop().run_in_executor(_hash_threads, fn, *args)
