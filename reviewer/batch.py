"""A cleanup run over a whole jurisdiction: find the files, hash them, review what the
database does not already hold, record each result as it completes, write the lists.

The review itself is `reviewer.review.review_file`; this module only schedules it:
  discover  files under the PATHs whose content can be sniffed (.docx .pdf .txt .html
            .htm .doc, and files without a suffix); hidden and Office lock files skipped
  hash      sha256 of each file's content (cached by size and mtime in the store)
  skip      contents already reviewed with the same rule packs, date and profile
  review    a local process pool (workers load the rules and the spaCy pipeline once)
            or a Dask distributed cluster; results are committed one by one
  outputs   reviewer.reports.cleanup_lists, streamed from the store

A file that cannot be read, or whose review fails, or that crashes a worker, is
recorded with a Chinese reason and the run goes on.
"""

from __future__ import annotations

import collections
import errno
import hashlib
import json
import multiprocessing
import os
import signal
import stat
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from . import __version__, limits
from .errors import IngestError, ReviewerError
from .store import Result, Store, display_path

SUFFIXES = frozenset({".docx", ".pdf", ".txt", ".html", ".htm", ".doc"})
WARM_UP_MIN_PER_WORKER = 32
CRASHED_REASON = "处理该文件时审查进程异常退出（文件可能已损坏或格式异常），请检查或另存后重新提交"


# ---------------------------------------------------------------------------
# Options and discovery
# ---------------------------------------------------------------------------
@dataclass
class CleanupOptions:
    paths: list[str]
    as_of: str
    profile: str | None = None
    out: str = "reviewer-out"
    db: str | None = None
    workers: int | None = None
    engine: str = "local"  # local | dask
    scheduler: str | None = None
    changed_law: str | None = None
    force: bool = False  # review everything again, ignore stored results
    progress: bool | None = None  # None: on when stderr is a terminal
    stderr: object = field(default=None, repr=False)

    @property
    def db_path(self) -> Path:
        return Path(self.db) if self.db else Path(self.out) / "reviewer.sqlite3"


def discover(paths: Iterable[str]) -> tuple[list[Path], int]:
    """Files to review under `paths`, sorted, each once; and how many files were ignored.
    (discover_all also says which entries were skipped, and why.)"""
    files, ignored, _ = discover_all(paths)
    return files, ignored


_LOOP = "符号链接形成循环，找不到实际文件，已跳过"
_OUTSIDE = "符号链接指向清理目录以外的位置，已跳过（只审查所列目录内的文件）"
_FOLDER_LOOP = "符号链接指向它所在的文件夹或其上级文件夹（形成循环），已跳过"
_DANGLING = "符号链接指向的文件不存在，已跳过"


def discover_all(paths: Iterable[str]) -> tuple[list[Path], int, list[tuple[Path, str, str]]]:
    """Files to review under `paths`, sorted, each once; how many files were ignored; and
    the entries skipped, each as (path, code, Chinese reason): symlink loops, links that
    lead out of the tree or nowhere, FIFOs, devices and sockets (reading a FIFO would wait
    for ever, a device such as /dev/zero never ends).

    A file named on the command line is always taken (the reader decides from its
    content); inside folders only the suffixes the readers can sniff, and files without
    a suffix. A missing PATH raises ReviewerError. Symlinked folders are not followed."""
    from .ingest import special_file_reason

    found: dict[str, Path] = {}
    skipped: list[tuple[Path, str, str]] = []
    ignored = 0

    def take(f: Path, roots: list[str]) -> None:
        try:
            st = f.lstat()
            if stat.S_ISLNK(st.st_mode):
                real = os.path.realpath(f)
                if not os.path.exists(real):
                    try:
                        os.stat(f)
                    except OSError as exc:
                        if exc.errno == errno.ELOOP:
                            skipped.append((f, "symlink_loop", _LOOP))
                            return
                    skipped.append((f, "not_found", _DANGLING))
                    return
                if roots and not any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots):
                    skipped.append((f, "outside_tree", _OUTSIDE))
                    return
                st = os.stat(f)
            else:
                real = str(f.absolute())
            reason = special_file_reason(st.st_mode)
            if reason:
                skipped.append((f, "special_file", reason.replace("已拒绝读取", "已跳过")))
                return
        except OSError as exc:
            code = "symlink_loop" if exc.errno == errno.ELOOP else "unreadable"
            skipped.append((f, code, _LOOP if code == "symlink_loop" else f"无法读取文件：{type(exc).__name__}"))
            return
        found.setdefault(real, f)

    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            raise ReviewerError(f"找不到路径：{raw}")
        if not p.is_dir():
            take(p, [])
            continue
        roots = [os.path.realpath(p)]
        for dirpath, dirnames, filenames in os.walk(p):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__pycache__")))
            for name in filenames:
                if name.startswith((".", "~$")):
                    continue
                f = Path(dirpath) / name
                suffix = f.suffix.lower()
                if suffix in SUFFIXES or suffix == "":
                    take(f, roots)
                else:
                    ignored += 1
            for d in dirnames:
                link = Path(dirpath) / d
                if link.is_symlink():
                    # os.walk does not follow a linked folder; say so rather than skip it unseen
                    real = os.path.realpath(link)
                    if not any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots):
                        skipped.append((link, "outside_tree", _OUTSIDE))
                    elif os.path.realpath(dirpath) == real or os.path.realpath(dirpath).startswith(real + os.sep):
                        skipped.append((link, "symlink_loop", _FOLDER_LOOP))
    return sorted(found.values(), key=lambda f: str(f)), ignored, sorted(skipped, key=lambda s: str(s[0]))


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _unreadable_key(path: Path) -> str:
    # A file we cannot even open has no content hash; key it by its path, marked so it
    # can never collide with a real sha256.
    return "unreadable:" + hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:40]


def hash_files(files: list[Path], store: Store) -> tuple[list[tuple[str, str, int]], list[Result]]:
    """(path, sha256, size) for each file; files that cannot be opened come back as results."""
    entries, failed, fresh = [], [], []
    for f in files:
        name = str(f)
        try:
            st = f.stat()
            sha = store.cached_stat(name, st.st_size, st.st_mtime_ns)
            if sha is None:
                sha = sha256_file(f)
                fresh.append((name, st.st_size, st.st_mtime_ns, sha))
        except OSError as exc:
            key = _unreadable_key(f)
            reason = (
                "没有读取该文件的权限，请检查文件权限"
                if isinstance(exc, PermissionError)
                else f"无法读取文件：{type(exc).__name__}"
            )
            entries.append((name, key, 0))
            failed.append(Result(key, name, None, None, "unreadable", reason, None))
            continue
        entries.append((name, sha, st.st_size))
    store.remember_stats(fresh)
    return entries, failed


def rules_hash() -> str:
    """One hash over every rule pack file and the superior-law registry data: a rerun
    reuses a stored result only if none of them changed. Profiles are keyed separately."""
    from .rules.loader import default_rules_dir

    roots = [("rules", default_rules_dir())]
    try:  # the law registry decides citation status, hence modify verdicts
        from .laws import default_dirs

        roots += [(f"laws{i}", Path(d)) for i, d in enumerate(default_dirs())]
    except ImportError:
        pass
    h = hashlib.sha256(f"reviewer {__version__}\n".encode())
    for label, root in roots:
        if not root.is_dir():
            continue
        for p in sorted(root.rglob("*")):
            rel = p.relative_to(root)
            if not p.is_file() or rel.parts[0] in ("profiles", "__pycache__") or p.name.startswith("."):
                continue
            h.update(f"{label}/{rel.as_posix()}\0".encode())
            h.update(p.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def profile_hash(profile: dict) -> str:
    return hashlib.sha256(json.dumps(profile, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()[
        :16
    ]


# ---------------------------------------------------------------------------
# The review of one file, in a worker
# ---------------------------------------------------------------------------
_STATE: dict = {}
_STATE_LOCK = threading.Lock()


def _state(as_of: str, profile: dict, warm: bool = False) -> dict:
    """Rules, profile and a warmed pipeline, built once per worker process (and per date
    and profile, which never change within a run). `warm`: also build what is otherwise
    built when a document first needs it (see _warm_up)."""
    key = (as_of, profile_hash(profile))
    with _STATE_LOCK:
        if warm and _STATE.get("key") == key and not _STATE.get("warm"):
            _warm_up(_STATE["rules"])
            _STATE["warm"] = True
        if _STATE.get("key") != key:
            from .review import review_text
            from .rules import load_rules

            rules = load_rules()
            # The first review imports the review modules and builds the matchers; pay it
            # here, not inside the first document's time.
            review_text(_WARM_UP_TEXT, as_of=as_of, profile=profile, rules=rules)
            if warm:
                _warm_up(rules)
            _STATE.clear()
            _STATE.update(key=key, rules=rules, profile=profile, as_of=as_of, warm=warm)
        return _STATE


# Invented, not a real document: a cover notice with number, addressee, signature and
# date, then a measure with a basis, a licence, a fine and a validity clause, so that
# the warm-up review runs the paths (and compiles the lazy regexes) of the metadata,
# document type, citation and validity stages that every real document takes.
_WARM_UP_TEXT = (
    "某市人民政府办公室关于印发《某市示例事项管理办法》的通知\n某政办规〔2024〕1号\n"
    "各县（市、区）人民政府，市政府各部门：\n现将《某市示例事项管理办法》印发给你们，请认真贯彻执行。\n"
    "某市人民政府办公室\n2024年1月8日\n某市示例事项管理办法\n"
    "第一条 为规范示例事项管理，根据《中华人民共和国行政许可法》等法律法规，结合本市实际，制定本办法。\n"
    "第二条 从事示例经营活动的企业，应当向市市场监督管理局申请备案，经审核同意后方可营业。\n"
    "第三条 违反本办法第二条规定的，由市市场监督管理局责令改正，处一万元罚款；法律、法规另有规定的，从其规定。\n"
    "第四条 本办法自2024年2月1日起施行，有效期至2028年12月31日。\n"
)


def _warm_up(rules) -> None:
    """What a single `reviewer check` defers until a text needs it: the spaCy pipeline
    (~0.8 s to import and build; on the real corpus 1 document in 27 needs it) and the
    regexes of every pattern rule. A worker with a real share of a batch needs them
    almost surely, and pays them once, at start, rather than inside whichever document
    first needs them (where they also counted against that document's time limit)."""
    from .nlp import get_pipeline
    from .rules.engine import compile_rules

    get_pipeline()
    for check in compile_rules(rules).pattern_checks:
        getattr(check, "compiled", None)


def init_worker(as_of: str, profile: dict, warm: bool = True) -> None:
    # Ctrl-C is the main process's to handle (it keeps what is committed and stops the
    # pool); a worker dying of it would only print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _cap_memory(limits.from_profile(profile).max_worker_memory_mb)
    _watch_parent()
    _state(as_of, profile, warm)


_cap_memory = limits.cap_process_memory


def _watch_parent() -> None:
    """Exit when the main process is gone. After a kill -9 of the main process nothing
    else tells a worker: forked workers hold the write end of their own task pipe, so
    they would wait for tasks forever."""
    parent = os.getppid()

    def watch():
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="reviewer-parent-watch", daemon=True).start()


def _outcome(sha: str, name: str, review=None, error: Exception | None = None, seconds: float = 0.0) -> Result:
    if review is not None:
        from .outputs import review_to_json

        data = review_to_json(review)
        data.pop("file", None)
        data = {"sha256": sha, **data}
        return Result(
            sha,
            name,
            review.verdict.category,
            bool(review.document.is_normative),
            None,
            None,
            json.dumps(data, ensure_ascii=False),
            seconds,
        )
    if isinstance(error, IngestError):
        return Result(sha, name, None, None, error.code, error.reason, None, seconds)
    if isinstance(error, MemoryError):
        return Result(
            sha,
            name,
            None,
            None,
            "too_large",
            f"审查该文件所需内存超过单个审查进程的上限"
            f"（{limits.current().max_worker_memory_mb:,} MB，limits.max_worker_memory_mb），"
            "可能是异常文件，已跳过，请人工审查",
            None,
            seconds,
        )
    if isinstance(error, DocumentTimeout):
        return Result(
            sha,
            name,
            None,
            None,
            "timeout",
            f"审查超过{error.args[0] if error.args else doc_timeout():g}秒仍未完成，已跳过"
            "（文件可能过大或结构异常），请人工审查",
            None,
            seconds,
        )
    detail = str(error)[:200]
    return Result(
        sha,
        name,
        None,
        None,
        "review_failed",
        f"审查该文件时程序出错（{type(error).__name__}{'：' + detail if detail else ''}），请将该文件提交给维护人员",
        None,
        seconds,
    )


DocumentTimeout = limits.DocumentTimeout
_time_limit = limits.time_limit


def doc_timeout(profile: dict | None = None) -> float:
    """Seconds one document may take: REVIEWER_DOC_TIMEOUT (set by `cleanup --timeout`),
    else the profile's limits.seconds_per_document (300); 0 = no limit."""
    default = limits.from_profile(profile).seconds_per_document if profile else limits.DEFAULT.seconds_per_document
    try:
        return max(0.0, float(os.environ.get("REVIEWER_DOC_TIMEOUT", default)))
    except ValueError:
        return default


def review_one(path: str, sha: str, as_of: str, profile: dict) -> Result:
    """Review one file in this process. Never raises for a bad file."""
    from .review import review_file

    st = _state(as_of, profile)
    t0 = time.perf_counter()
    try:
        with _time_limit(doc_timeout(st["profile"])):
            review = review_file(path, as_of=as_of, profile=st["profile"], rules=st["rules"])
    except (Exception, DocumentTimeout) as exc:  # one bad file never stops a run
        return _outcome(sha, path, error=exc, seconds=time.perf_counter() - t0)
    return _outcome(sha, path, review=review, seconds=time.perf_counter() - t0)


def review_many(tasks: list[tuple[str, str]], as_of: str, profile: dict) -> list[Result]:
    """A few files per task: one round trip to the pool for several documents, which
    keeps the main process's share of the CPU small (it competes with the workers)."""
    return [review_one(path, sha, as_of, profile) for path, sha in tasks]


def review_one_bytes(name: str, data: bytes, sha: str, as_of: str, profile: dict) -> Result:
    """The same for a Dask worker, which receives the file's bytes: the workers of a
    cluster need not see the client's file system."""
    from .review import review_bytes

    st = _state(as_of, profile)
    t0 = time.perf_counter()
    try:
        with _time_limit(doc_timeout(st["profile"])):
            review = review_bytes(data, name, as_of=as_of, profile=st["profile"], rules=st["rules"])
    except (Exception, DocumentTimeout) as exc:
        return _outcome(sha, name, error=exc, seconds=time.perf_counter() - t0)
    return _outcome(sha, name, review=review, seconds=time.perf_counter() - t0)


# ---------------------------------------------------------------------------
# Engines: each turns (path, sha) tasks into Results, in completion order,
# with a bounded number in flight so memory does not grow with the corpus.
# ---------------------------------------------------------------------------
class LocalEngine:
    name = "local"

    def __init__(self, workers: int, as_of: str, profile: dict):
        self.workers = max(1, workers)
        self.as_of, self.profile = as_of, profile
        # fork: workers inherit the imported package; spawn where fork does not exist.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.context = multiprocessing.get_context(method)

    def _pool(self, warm: bool = True) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers, mp_context=self.context, initializer=init_worker, initargs=(self.as_of, self.profile, warm)
        )

    def run(self, tasks: list[tuple[str, str]]) -> Iterator[Result]:
        # Chunks of a few files per round trip; small enough that the workers stay
        # balanced to the end and that a kill loses little work in flight.
        size = max(1, min(8, len(tasks) // (self.workers * 16)))
        pending = collections.deque(tasks[i : i + size] for i in range(0, len(tasks), size))
        # After a worker dies we do not know which of the files in flight killed it: those
        # are retried one at a time, and one that kills a worker on its own is recorded.
        suspects: collections.deque = collections.deque()
        window = self.workers * 3
        while pending or suspects:
            # A worker's warm-up (~1 s) pays for itself once it has a few dozen documents
            # (1 in 27 real documents needs the spaCy pipeline); with fewer, let the
            # documents that need it build it.
            pool = self._pool(warm=len(pending) * size + len(suspects) >= WARM_UP_MIN_PER_WORKER * self.workers)
            inflight: dict = {}
            try:
                while pending or suspects or inflight:
                    if suspects:
                        if not inflight:
                            chunk = [suspects.popleft()]
                            inflight[pool.submit(review_many, chunk, self.as_of, self.profile)] = (chunk, True)
                    else:
                        while pending and len(inflight) < window:
                            chunk = pending.popleft()
                            inflight[pool.submit(review_many, chunk, self.as_of, self.profile)] = (chunk, False)
                    done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                    for fut in done:
                        results = fut.result()  # BrokenProcessPool leaves fut in flight, to retry
                        del inflight[fut]
                        yield from results
            except BrokenProcessPool:
                for _fut, (chunk, alone) in inflight.items():
                    if alone:
                        path, sha = chunk[0]
                        yield Result(sha, path, None, None, "worker_crashed", CRASHED_REASON, None)
                    else:
                        suspects.extend(chunk)
                pool.shutdown(wait=False, cancel_futures=True)
                continue
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            pool.shutdown(wait=True)


class DaskEngine:
    name = "dask"

    def __init__(self, scheduler: str, as_of: str, profile: dict, client=None):
        try:
            from distributed import Client
        except ImportError:
            raise ReviewerError(
                "使用 --engine dask 需要安装 dask[distributed]：python -m pip install 'reviewer[dask]'"
            ) from None
        self.as_of, self.profile = as_of, profile
        self._own = client is None
        try:
            self.client = client or Client(scheduler, timeout="20s")
        except Exception as exc:  # OSError, TimeoutError, ValueError for a bad address
            raise ReviewerError(f"无法连接 Dask 调度器 {scheduler}：{exc}") from None
        threads = sum(self.client.nthreads().values()) or 1
        self.workers = threads
        self.window = max(8, threads * 4)

    def run(self, tasks: list[tuple[str, str]]) -> Iterator[Result]:
        from distributed import as_completed

        pending = collections.deque(tasks)

        def submit(task):
            path, sha = task
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                return None, Result(sha, path, None, None, "unreadable", f"无法读取文件：{type(exc).__name__}", None)
            fut = self.client.submit(
                review_one_bytes,
                path,
                data,
                sha,
                self.as_of,
                self.profile,
                pure=False,
                key=f"review-{sha[:16]}-{time.monotonic_ns()}",
            )
            return fut, None

        owner: dict = {}
        queue = as_completed()
        try:

            def fill():
                while pending and len(owner) < self.window:
                    task = pending.popleft()
                    fut, failed = submit(task)
                    if failed is not None:
                        yield failed
                    else:
                        owner[fut.key] = task
                        queue.add(fut)

            yield from fill()
            while owner:
                fut = next(queue)
                task = owner.pop(fut.key)
                try:
                    yield fut.result()
                except Exception:  # KilledWorker and friends: the file took a worker down
                    yield Result(task[1], task[0], None, None, "worker_crashed", CRASHED_REASON, None)
                finally:
                    fut.release()
                yield from fill()
        finally:
            if self._own:
                self.client.close()


# ---------------------------------------------------------------------------
# Progress on a terminal; sparse plain lines when piped
# ---------------------------------------------------------------------------
class Progress:
    def __init__(self, total: int, stream=None, enabled: bool | None = None):
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr
        tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.tty = tty if enabled is None else (enabled and tty)
        self.plain = not tty and enabled is not False
        self.t0 = self.last = time.monotonic()
        self.next_plain = 0.1

    def update(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.tty and (now - self.last >= 0.2 or self.done == self.total):
            self.last = now
            self.stream.write("\r" + self._line(now) + "\x1b[K")
            self.stream.flush()
        elif self.plain and self.total >= 20 and self.done >= self.next_plain * self.total:
            self.next_plain += 0.1
            self.stream.write(self._line(now) + "\n")
            self.stream.flush()

    def _line(self, now: float) -> str:
        elapsed = max(now - self.t0, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0
        pct = self.done / self.total * 100 if self.total else 100
        return f"审查进度 {self.done}/{self.total}（{pct:.0f}%）  {rate:.1f} 件/秒  预计剩余 {_duration(left)}"

    def close(self) -> None:
        if self.tty and self.total:
            self.stream.write("\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds >= 3600:
        return f"{seconds // 3600}小时{seconds % 3600 // 60}分"
    if seconds >= 60:
        return f"{seconds // 60}分{seconds % 60}秒"
    return f"{seconds}秒"


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------
@dataclass
class RunOutcome:
    run_id: int
    summary: dict
    out_dir: Path
    changes: list[dict] = field(default_factory=list)


def run_cleanup(opts: CleanupOptions, *, dask_client=None) -> RunOutcome:
    """Run a cleanup end to end; raises ReviewerError for anything the user must fix."""
    from .review import load_profile
    from .rules import load_rules
    from .reports.cleanup_lists import write_outputs
    from .lawmatch import cites_law, law_keys

    if opts.engine == "dask" and not opts.scheduler and dask_client is None:
        raise ReviewerError("使用 --engine dask 时须用 --scheduler 指定调度器地址（例如 tcp://10.0.0.5:8786）")
    timings: dict[str, float] = {}
    t_start = time.perf_counter()
    profile_name = opts.profile or "national"
    profile = load_profile(opts.profile)
    load_rules()  # a broken rule pack stops here with its file and line, not in a worker
    t = time.perf_counter()
    files, ignored, skipped = discover_all(opts.paths)
    timings["discover"] = time.perf_counter() - t
    if not files and not skipped:
        raise ReviewerError("在指定路径下没有找到可审查的文件（.docx、.pdf、.txt、.html、.htm 或无扩展名的文件）")

    out_dir = Path(opts.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    store = Store(opts.db_path)
    try:
        t = time.perf_counter()
        entries, unopenable = hash_files(files, store)
        for f, code, reason in skipped:  # listed with their reason, never opened
            key_ = _unreadable_key(f)
            entries.append((str(f), key_, 0))
            unopenable.append(Result(key_, str(f), None, None, code, reason, None))
        r_hash, p_hash = rules_hash(), profile_hash(profile)
        timings["hash"] = time.perf_counter() - t
        key = (r_hash, opts.as_of, p_hash)
        kind = "changed_law" if opts.changed_law else "full"
        fingerprint = hashlib.sha256(
            json.dumps(
                [
                    kind,
                    sorted(str(Path(p).resolve()) for p in opts.paths),
                    opts.as_of,
                    p_hash,
                    r_hash,
                    opts.changed_law,
                    opts.force,
                ]
            ).encode()
        ).hexdigest()
        run = store.open_run(
            fingerprint=fingerprint,
            kind=kind,
            paths=[str(Path(p).resolve()) for p in opts.paths],
            as_of=opts.as_of,
            profile=profile_name,
            profile_hash=p_hash,
            rules_hash=r_hash,
            changed_law=opts.changed_law,
        )
        store.set_run_files(run.id, entries)
        for failed in unopenable:
            store.add_result(run.id, key, failed)

        # One task per distinct content, for its first path.
        first_path: dict[str, str] = {}
        for path, sha, _ in entries:
            first_path.setdefault(sha, path)
        done = store.done_shas(run.id)
        todo = [s for s in first_path if s not in done]

        citing: list[str] = []
        fresh: list[str] = []
        if opts.changed_law:
            keys = law_keys(opts.changed_law)
            previous = store.latest_results(todo, run.id, opts.as_of, p_hash)
            todo_review = []
            for sha in todo:
                row = previous.get(sha)
                if row is None:
                    fresh.append(sha)
                    todo_review.append(sha)
                elif cites_law(json.loads(row["review_json"]), keys):
                    todo_review.append(sha)
                else:
                    store.copy_previous(run.id, key, sha, row["rowid"])
            todo = todo_review
            # Also for a resumed run: which contents cite the law (from the previous results).
            prev_all = store.latest_results(list(first_path), run.id, opts.as_of, p_hash)
            citing = [s for s, row in prev_all.items() if cites_law(json.loads(row["review_json"]), keys)]
        elif not opts.force and todo:
            store.copy_cached(run.id, key, todo)
            done = store.done_shas(run.id)
            todo = [s for s in todo if s not in done]

        tasks = [(first_path[s], s) for s in todo]
        engine = _engine(opts, profile, len(tasks), dask_client) if tasks else None
        progress = Progress(len(tasks), opts.stderr, opts.progress)
        t = time.perf_counter()
        cpu0 = time.process_time()
        reviewed_seconds = 0.0
        try:
            if tasks:
                for result in engine.run(tasks):
                    store.add_result(run.id, key, result)  # committed now: survives kill -9
                    if not reviewed_seconds:
                        # workers started and warmed up (rules, spaCy pipeline), first file done
                        timings["review_first_result"] = time.perf_counter() - t
                    reviewed_seconds += result.seconds or 1e-9
                    progress.update()
        finally:
            progress.close()
        timings["review"] = time.perf_counter() - t
        timings["review_cpu_in_workers"] = reviewed_seconds
        timings["review_cpu_main"] = time.process_time() - cpu0  # what the main process spends per result
        memory = {"main_peak_after_review": _peak_mib()}

        t = time.perf_counter()
        changes = _changes(store, run.id, citing, first_path, opts, p_hash) if opts.changed_law else []
        meta = {
            "run_id": run.id,
            "resumed": run.resumed,
            "kind": kind,
            "as_of": opts.as_of,
            "profile": profile_name,
            "profile_hash": p_hash,
            "rules_hash": r_hash,
            "engine": opts.engine,
            "workers": getattr(engine, "workers", 0),
            "ignored_files": ignored,
            "reviewed_this_run": len(tasks),
            "reviewed_in_run": store.count_results(run.id, "reviewed"),
            "reused": store.count_results(run.id, "reused"),
        }
        if opts.changed_law:
            meta["changed_law"] = {
                "title": opts.changed_law,
                "in_registry": bool(keys.ids),
                "citing": len(citing),
                "new_documents": len(fresh),
                "changed": changes,
            }
        summary = write_outputs(store, run.id, out_dir, meta)
        timings["outputs"] = time.perf_counter() - t
        timings["total"] = time.perf_counter() - t_start
        summary["timings"] = {k: round(v, 3) for k, v in timings.items()}
        memory.update(main_peak=_peak_mib(), worker_peak=_peak_mib(children=True))
        summary["memory_mib"] = memory
        if tasks and timings["review"] > 0:
            summary["timings"]["documents_per_second"] = round(len(tasks) / timings["review"], 2)
        (out_dir / "summary.json").write_text(
            json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        store.finish_run(run.id, summary)
        return RunOutcome(run.id, summary, out_dir, changes)
    finally:
        store.close()


def _peak_mib(children: bool = False) -> float | None:
    """Peak RSS so far of this process (or of its largest finished child), in MiB."""
    try:
        import resource
    except ImportError:  # not on Windows
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return round(usage.ru_maxrss * scale / 2**20, 1)


def _engine(opts: CleanupOptions, profile: dict, n_tasks: int, dask_client=None):
    if opts.engine == "dask":
        if not opts.scheduler and dask_client is None:
            raise ReviewerError("使用 --engine dask 时须用 --scheduler 指定调度器地址（例如 tcp://10.0.0.5:8786）")
        return DaskEngine(opts.scheduler, opts.as_of, profile, client=dask_client)
    workers = opts.workers or os.cpu_count() or 1
    # More processes than files only costs start-up time.
    return LocalEngine(max(1, min(workers, n_tasks or 1)), opts.as_of, profile)


def _changes(store: Store, run_id: int, citing: list[str], first_path: dict, opts, p_hash: str) -> list[dict]:
    """For each document citing the changed law: its category before and after."""
    previous = store.latest_results(citing, run_id, opts.as_of, p_hash)
    now = {r.sha256: r for _, _, r in store.iter_run(run_id) if r is not None}
    out = []
    for sha in citing:
        before, after = previous.get(sha), now.get(sha)
        if before is None or after is None:
            continue
        doc = json.loads(after.review_json)["document"] if after.review_json else {}
        out.append(
            {
                "file": display_path(first_path.get(sha, after.path)),
                "sha256": sha,
                "title": doc.get("measure_title") or doc.get("title"),
                "before": before["category"],
                "after": after.category,
                "changed": before["category"] != after.category,
                "reasons": json.loads(after.review_json)["cleanup"]["reasons"] if after.review_json else [],
            }
        )
    out.sort(key=lambda c: c["file"])
    return out
