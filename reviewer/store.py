"""The embedded database of cleanup runs: SQLite (stdlib) in WAL mode.

Tables
  runs       one row per `reviewer cleanup` run: parameters, status, counts.
  run_files  the files a run discovered: (run, path) -> content sha256.
  results    one row per distinct content a run reviewed, keyed by
             (run, sha256, rules_hash, as_of, profile): the JSON contract, the
             cleanup category and, for a file that could not be read, its reason.
  file_stat  (path, size, mtime) -> sha256, so a rerun over an unchanged tree
             need not read every file again to hash it.

Durability: every result is committed on its own as it completes. WAL with
synchronous=NORMAL does not fsync on each commit, but a committed transaction is in
the OS's hands, so a process killed with SIGKILL loses nothing it committed (only a
power cut could lose the last few). The primary key makes a result written twice —
a resumed run racing its own leftovers — a no-op instead of a duplicate.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .names import display_path  # noqa: F401  (re-exported for batch and the reports)

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    fingerprint  TEXT NOT NULL,      -- paths + as_of + profile + rules: what makes a run resumable
    kind         TEXT NOT NULL,      -- full | changed_law
    paths        TEXT NOT NULL,      -- JSON list of the PATH arguments, absolute
    as_of        TEXT NOT NULL,
    profile      TEXT NOT NULL,      -- profile name as given
    profile_hash TEXT NOT NULL,
    rules_hash   TEXT NOT NULL,
    changed_law  TEXT,
    status       TEXT NOT NULL,      -- running | done
    pid          INTEGER,
    started_at   REAL NOT NULL,
    finished_at  REAL,
    resumed      INTEGER NOT NULL DEFAULT 0,
    summary      TEXT                -- JSON summary written at the end
);
CREATE TABLE IF NOT EXISTS run_files (
    run_id  INTEGER NOT NULL REFERENCES runs(id),
    path    TEXT NOT NULL,
    sha256  TEXT NOT NULL,
    size    INTEGER NOT NULL,
    PRIMARY KEY (run_id, path)
);
CREATE INDEX IF NOT EXISTS run_files_sha ON run_files(run_id, sha256);
CREATE TABLE IF NOT EXISTS results (
    run_id       INTEGER NOT NULL REFERENCES runs(id),
    sha256       TEXT NOT NULL,
    rules_hash   TEXT NOT NULL,
    as_of        TEXT NOT NULL,
    profile_hash TEXT NOT NULL,
    path         TEXT NOT NULL,      -- the file reviewed (first path with this content)
    origin       TEXT NOT NULL,      -- reviewed | reused | resumed-with-copy
    category     TEXT,               -- remain | modify | abolish | void; NULL when unreadable
    is_normative INTEGER,
    error_code   TEXT,
    error_reason TEXT,               -- Chinese, for the reviewer
    review_json  TEXT,               -- the JSON contract (without the per-path "file")
    seconds      REAL,
    completed_at REAL NOT NULL,
    PRIMARY KEY (run_id, sha256, rules_hash, as_of, profile_hash)
);
CREATE INDEX IF NOT EXISTS results_cache ON results(sha256, rules_hash, as_of, profile_hash);
CREATE INDEX IF NOT EXISTS results_sha ON results(sha256);
CREATE TABLE IF NOT EXISTS file_stat (
    path     TEXT PRIMARY KEY,
    size     INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256   TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Run:
    id: int
    resumed: bool
    fingerprint: str


@dataclass(frozen=True)
class Result:
    """One reviewed content, as a worker returns it and the store keeps it.
    `review_json` is the JSON contract without its per-path "file" key (files with the
    same content share one result)."""

    sha256: str
    path: str
    category: str | None
    is_normative: bool | None
    error_code: str | None
    error_reason: str | None
    review_json: str | None
    seconds: float = 0.0

    @classmethod
    def from_row(cls, row: sqlite3.Row, path: str | None = None) -> "Result":
        """`path`: the file this result is shown for (files with identical content share a row)."""
        return cls(
            row["sha256"],
            path or row["path"],
            row["category"],
            None if row["is_normative"] is None else bool(row["is_normative"]),
            row["error_code"],
            row["error_reason"],
            row["review_json"],
            row["seconds"] or 0.0,
        )

    def review(self) -> dict | None:
        """The JSON contract for this file, "file" first."""
        if self.review_json is None:
            return None
        return {"file": self.path, **json.loads(self.review_json)}


class StoreError(Exception):
    """The database cannot be used (locked by a live run, newer schema, not a database)."""


class Store:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, one result per transaction.
            self.db = sqlite3.connect(str(self.path), isolation_level=None, timeout=30)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            row = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}：不是可用的清理数据库（{exc}）") from None
        if row is None:
            self.db.execute("INSERT INTO meta(key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        elif int(row["value"]) > SCHEMA_VERSION:
            raise StoreError(f"{self.path}：数据库由更新版本的 reviewer 创建，请升级后再运行")

    def close(self) -> None:
        self.db.close()

    # -- runs -------------------------------------------------------------
    def open_run(
        self,
        *,
        fingerprint: str,
        kind: str,
        paths: list[str],
        as_of: str,
        profile: str,
        profile_hash: str,
        rules_hash: str,
        changed_law: str | None = None,
        resume: bool = True,
    ) -> Run:
        """Resume the unfinished run with the same fingerprint, or start a new one."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            row = self.db.execute(
                "SELECT id, pid FROM runs WHERE fingerprint=? AND status='running' ORDER BY id DESC LIMIT 1",
                (fingerprint,),
            ).fetchone()
            if row is not None and row["pid"] and row["pid"] != os.getpid() and _alive(row["pid"]):
                raise StoreError(f"另一个清理任务（进程 {row['pid']}）正在使用 {self.path}，请等待其结束后再运行")
            if row is not None and resume:
                self.db.execute("UPDATE runs SET pid=?, resumed=resumed+1 WHERE id=?", (os.getpid(), row["id"]))
                run = Run(row["id"], True, fingerprint)
            else:
                cur = self.db.execute(
                    "INSERT INTO runs(fingerprint, kind, paths, as_of, profile, profile_hash, rules_hash,"
                    " changed_law, status, pid, started_at) VALUES (?,?,?,?,?,?,?,?, 'running', ?, ?)",
                    (
                        fingerprint,
                        kind,
                        json.dumps([display_path(p) for p in paths], ensure_ascii=False),
                        as_of,
                        profile,
                        profile_hash,
                        rules_hash,
                        changed_law,
                        os.getpid(),
                        time.time(),
                    ),
                )
                run = Run(cur.lastrowid, False, fingerprint)
            self.db.execute("COMMIT")
            return run
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def finish_run(self, run_id: int, summary: dict) -> None:
        self.db.execute(
            "UPDATE runs SET status='done', finished_at=?, summary=? WHERE id=?",
            (time.time(), json.dumps(summary, ensure_ascii=False), run_id),
        )

    def run_row(self, run_id: int) -> sqlite3.Row:
        return self.db.execute("SELECT * FROM runs WHERE id=?", (run_id,)).fetchone()

    # -- files --------------------------------------------------------------
    def set_run_files(self, run_id: int, files: list[tuple[str, str, int]]) -> None:
        """Record (path, sha256, size) for every file the run covers, replacing what a killed
        attempt of the same run had recorded (the tree may have changed in between)."""
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("DELETE FROM run_files WHERE run_id=?", (run_id,))
        self.db.executemany(
            "INSERT INTO run_files(run_id, path, sha256, size) VALUES (?,?,?,?)",
            [(run_id, display_path(p), s, n) for p, s, n in files],
        )
        self.db.execute("COMMIT")

    def cached_stat(self, path: str, size: int, mtime_ns: int) -> str | None:
        row = self.db.execute(
            "SELECT sha256 FROM file_stat WHERE path=? AND size=? AND mtime_ns=?", (display_path(path), size, mtime_ns)
        ).fetchone()
        return row["sha256"] if row else None

    def remember_stats(self, rows: list[tuple[str, int, int, str]]) -> None:
        if rows:
            self.db.execute("BEGIN")
            self.db.executemany(
                "INSERT OR REPLACE INTO file_stat(path, size, mtime_ns, sha256) VALUES (?,?,?,?)",
                [(display_path(p), *rest) for p, *rest in rows],
            )
            self.db.execute("COMMIT")

    # -- results ------------------------------------------------------------
    def done_shas(self, run_id: int) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT sha256 FROM results WHERE run_id=?", (run_id,))}

    def add_result(self, run_id: int, key: tuple[str, str, str], result: Result, origin: str = "reviewed") -> None:
        """Commit one result now (its own transaction): what is committed survives kill -9."""
        rules_hash, as_of, profile_hash = key
        self.db.execute(
            "INSERT OR IGNORE INTO results(run_id, sha256, rules_hash, as_of, profile_hash, path, origin, category,"
            " is_normative, error_code, error_reason, review_json, seconds, completed_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                run_id,
                result.sha256,
                rules_hash,
                as_of,
                profile_hash,
                display_path(result.path),
                origin,
                result.category,
                None if result.is_normative is None else int(result.is_normative),
                result.error_code,
                result.error_reason,
                result.review_json,
                result.seconds,
                time.time(),
            ),
        )

    def copy_cached(self, run_id: int, key: tuple[str, str, str], shas: list[str]) -> int:
        """Copy into this run the results an earlier run stored for the same content, rule packs,
        date and profile. Returns how many were copied (one statement per batch, one commit)."""
        rules_hash, as_of, profile_hash = key
        copied = 0
        self.db.execute("BEGIN IMMEDIATE")
        for i in range(0, len(shas), 500):
            chunk = shas[i : i + 500]
            marks = ",".join("?" * len(chunk))
            cur = self.db.execute(
                "INSERT OR IGNORE INTO results(run_id, sha256, rules_hash, as_of, profile_hash, path, origin,"
                " category, is_normative, error_code, error_reason, review_json, seconds, completed_at)"
                " SELECT ?, r.sha256, r.rules_hash, r.as_of, r.profile_hash, r.path, 'reused', r.category,"
                " r.is_normative, r.error_code, r.error_reason, r.review_json, r.seconds, ?"
                " FROM results r WHERE r.rowid IN (SELECT MAX(rowid) FROM results"
                f"   WHERE sha256 IN ({marks}) AND rules_hash=? AND as_of=? AND profile_hash=? AND run_id<>?"
                # a stored "the worker died" or "took too long" is worth another try (a longer --timeout)
                "   AND COALESCE(error_code, '') NOT IN ('worker_crashed', 'review_failed', 'timeout')"
                "   GROUP BY sha256)",
                (run_id, time.time(), *chunk, rules_hash, as_of, profile_hash, run_id),
            )
            copied += cur.rowcount
        self.db.execute("COMMIT")
        return copied

    def copy_previous(self, run_id: int, key: tuple[str, str, str], sha: str, previous_rowid: int) -> None:
        """Carry a stored result of another run (other rules hash) into this run unchanged:
        the dynamic cleanup's documents that do not cite the changed law."""
        rules_hash, as_of, profile_hash = key
        self.db.execute(
            "INSERT OR IGNORE INTO results(run_id, sha256, rules_hash, as_of, profile_hash, path, origin, category,"
            " is_normative, error_code, error_reason, review_json, seconds, completed_at)"
            " SELECT ?, sha256, ?, ?, ?, path, 'reused', category, is_normative, error_code, error_reason,"
            " review_json, seconds, ? FROM results WHERE rowid=?",
            (run_id, rules_hash, as_of, profile_hash, time.time(), previous_rowid),
        )

    def latest_results(self, shas: list[str], before_run: int, as_of: str, profile_hash: str) -> dict[str, sqlite3.Row]:
        """The most recent stored result of each content from runs before `before_run`,
        preferring one made for the same date and profile."""
        out: dict[str, sqlite3.Row] = {}
        for i in range(0, len(shas), 500):
            chunk = shas[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                "SELECT rowid, * FROM results WHERE sha256 IN (" + marks + ") AND run_id<? AND review_json IS NOT NULL"
                " ORDER BY (as_of=?) , (profile_hash=?), run_id, rowid",
                (*chunk, before_run, as_of, profile_hash),
            ).fetchall()
            for row in rows:  # ordered worst match first: the last one wins
                out[row["sha256"]] = row
        return out

    def count_results(self, run_id: int, origin: str | None = None) -> int:
        if origin is None:
            return self.db.execute("SELECT COUNT(*) FROM results WHERE run_id=?", (run_id,)).fetchone()[0]
        return self.db.execute("SELECT COUNT(*) FROM results WHERE run_id=? AND origin=?", (run_id, origin)).fetchone()[
            0
        ]

    def iter_run(self, run_id: int) -> Iterator[tuple[str, int, Result | None]]:
        """(path, size, result) for every file of the run, in path order, streamed."""
        cur = self.db.execute(
            "SELECT f.path AS file_path, f.size AS file_size, r.* FROM run_files f"
            " LEFT JOIN results r ON r.run_id=f.run_id AND r.sha256=f.sha256"
            " WHERE f.run_id=? ORDER BY f.path",
            (run_id,),
        )
        for row in cur:
            result = Result.from_row(row, row["file_path"]) if row["sha256"] is not None else None
            yield row["file_path"], row["file_size"], result


def _alive(pid: int) -> bool:
    """Is the run's process still running? After a kill -9 its pid may have been reused by
    an unrelated process: where /proc tells, only a process running a cleanup counts."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True
    return b"cleanup" in cmdline or b"reviewer" in cmdline
