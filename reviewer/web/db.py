"""The desk's own SQLite file (DATA/desk.sqlite): users, API tokens, reviews and
the reviewer's decision on each finding. Small enough for the stdlib driver; the
filing register (reviewer.register) is told about decisions separately."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
  name TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY,          -- sha256 of the token; the token itself is shown once
  user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (  -- desk logins; the cookie carries the id, signed
  id_hash TEXT PRIMARY KEY,             -- sha256 of the session id
  user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  created REAL NOT NULL,
  last_seen REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS reviews (
  id TEXT PRIMARY KEY,                  -- random, also the stored file's name
  owner TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  name TEXT NOT NULL,                   -- the name the user gave, for display only
  as_of TEXT NOT NULL,                  -- reviews are re-run with this date, so findings keep their numbers
  filing_id INTEGER,                    -- 备案登记号 in the filing register, when given
  title TEXT,
  findings INTEGER NOT NULL DEFAULT 0,
  created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS decisions (
  review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  finding INTEGER NOT NULL,             -- 0-based position in the review's findings
  rule TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('keep', 'dismiss')),
  note TEXT NOT NULL DEFAULT '',
  user TEXT NOT NULL,
  decided REAL NOT NULL,
  PRIMARY KEY (review_id, finding)
);
CREATE TABLE IF NOT EXISTS own_findings (   -- the reviewer's own findings (reviewer.own_findings)
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  provision TEXT,                       -- as placed: the label, or NULL for the whole document
  quote TEXT NOT NULL DEFAULT '',       -- the words as located in the text
  start INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  category TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  explanation TEXT NOT NULL DEFAULT '',
  basis TEXT NOT NULL DEFAULT '',
  suggestion TEXT NOT NULL DEFAULT '',
  user TEXT NOT NULL,
  created REAL NOT NULL,
  register_no INTEGER                   -- its number in the filing register, when recorded there
);
"""
SESSION_MAX_AGE = 8 * 3600
_UPGRADES = (
    # decisions.wording: the reviewer's wording of a kept finding (JSON), added after the first release
    ("decisions", "wording", "ALTER TABLE decisions ADD COLUMN wording TEXT"),
)


class DeskDB:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Owner-only: password hashes, sessions, reviewers' notes. sqlite gives its
        # journal the database's mode. An older 0644 file is tightened.
        if not self.path.exists():
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        if self.path.stat().st_mode & 0o077:
            os.chmod(self.path, 0o600)
        with self.connect() as c:
            c.executescript(_SCHEMA)
            for table, column, ddl in _UPGRADES:
                if column not in {r["name"] for r in c.execute(f"PRAGMA table_info({table})")}:
                    c.execute(ddl)

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=10)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        try:
            with conn:
                yield conn
        finally:
            conn.close()

    # users ------------------------------------------------------------------
    def user_count(self) -> int:
        with self.connect() as c:
            return c.execute("SELECT count(*) FROM users").fetchone()[0]

    def add_user(self, name: str, password_hash: str) -> None:
        with self.connect() as c:
            c.execute(
                "INSERT INTO users (name, password_hash, created) VALUES (?, ?, ?)", (name, password_hash, time.time())
            )

    def set_password(self, name: str, password_hash: str) -> bool:
        """A new password ends every session of the user (wherever they were logged in)."""
        with self.connect() as c:
            changed = (
                c.execute("UPDATE users SET password_hash = ? WHERE name = ?", (password_hash, name)).rowcount == 1
            )
            c.execute("DELETE FROM sessions WHERE user = ?", (name,))
            return changed

    def remove_user(self, name: str) -> bool:
        with self.connect() as c:
            return c.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount == 1

    def password_hash(self, name: str) -> Optional[str]:
        with self.connect() as c:
            row = c.execute("SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def users(self) -> list[str]:
        with self.connect() as c:
            return [r[0] for r in c.execute("SELECT name FROM users ORDER BY name")]

    # tokens -----------------------------------------------------------------
    def new_token(self, user: str) -> str:
        token = "rvw_" + secrets.token_urlsafe(32)
        with self.connect() as c:
            c.execute(
                "INSERT INTO tokens (token_hash, user, created) VALUES (?, ?, ?)", (_sha256(token), user, time.time())
            )
        return token

    def token_user(self, token: str) -> Optional[str]:
        with self.connect() as c:
            row = c.execute("SELECT user FROM tokens WHERE token_hash = ?", (_sha256(token),)).fetchone()
        return row[0] if row else None

    def revoke_tokens(self, user: str) -> int:
        with self.connect() as c:
            return c.execute("DELETE FROM tokens WHERE user = ?", (user,)).rowcount

    # sessions ---------------------------------------------------------------
    def new_session(self, user: str, max_age: float = SESSION_MAX_AGE) -> str:
        sid = secrets.token_urlsafe(32)
        now = time.time()
        with self.connect() as c:
            c.execute("DELETE FROM sessions WHERE created < ?", (now - max_age,))
            c.execute(
                "INSERT INTO sessions (id_hash, user, created, last_seen) VALUES (?, ?, ?, ?)",
                (_sha256(sid), user, now, now),
            )
        return sid

    def session_user(self, sid: Optional[str], max_age: float = SESSION_MAX_AGE) -> Optional[str]:
        """The user of a live session: none after logout, a password change, the user's
        removal or `max_age` seconds from login."""
        if not sid or not isinstance(sid, str):
            return None
        now = time.time()
        with self.connect() as c:
            row = c.execute(
                "SELECT user, created, last_seen FROM sessions WHERE id_hash = ?", (_sha256(sid),)
            ).fetchone()
            if row is None or now - row["created"] > max_age:
                return None
            if now - row["last_seen"] > 60:  # written at most once a minute
                c.execute("UPDATE sessions SET last_seen = ? WHERE id_hash = ?", (now, _sha256(sid)))
        return row["user"]

    def end_session(self, sid: Optional[str]) -> None:
        if sid and isinstance(sid, str):
            with self.connect() as c:
                c.execute("DELETE FROM sessions WHERE id_hash = ?", (_sha256(sid),))

    def end_sessions(self, user: str) -> int:
        with self.connect() as c:
            return c.execute("DELETE FROM sessions WHERE user = ?", (user,)).rowcount

    def sessions(self, user: str) -> list[sqlite3.Row]:
        with self.connect() as c:
            return c.execute(
                "SELECT user, created, last_seen FROM sessions WHERE user = ? ORDER BY created", (user,)
            ).fetchall()

    # reviews ----------------------------------------------------------------
    def add_review(
        self,
        rid: str,
        owner: str,
        name: str,
        as_of: str,
        title: Optional[str],
        findings: int,
        filing_id: Optional[int] = None,
    ) -> None:
        with self.connect() as c:
            c.execute(
                "INSERT INTO reviews (id, owner, name, as_of, filing_id, title, findings, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (rid, owner, name, as_of, filing_id, title, findings, time.time()),
            )

    def review(self, rid: str, owner: str) -> Optional[sqlite3.Row]:
        with self.connect() as c:
            return c.execute("SELECT * FROM reviews WHERE id = ? AND owner = ?", (rid, owner)).fetchone()

    def reviews(self, owner: str, limit: int = 100) -> list[sqlite3.Row]:
        with self.connect() as c:
            return c.execute(
                "SELECT r.*, (SELECT count(*) FROM decisions d WHERE d.review_id = r.id AND d.decision = 'dismiss')"
                " AS dismissed FROM reviews r WHERE owner = ? ORDER BY created DESC LIMIT ?",
                (owner, limit),
            ).fetchall()

    # decisions --------------------------------------------------------------
    def decide(
        self, rid: str, finding: int, rule: str, decision: str, note: str, user: str, wording: Optional[dict] = None
    ) -> None:
        """`wording`: the reviewer's wording of the finding (replaces the earlier one; None keeps it)."""
        with self.connect() as c:
            c.execute(
                "INSERT INTO decisions (review_id, finding, rule, decision, note, user, decided, wording)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (review_id, finding) DO UPDATE SET"
                " rule = excluded.rule, decision = excluded.decision, note = excluded.note,"
                " user = excluded.user, decided = excluded.decided,"
                " wording = coalesce(excluded.wording, decisions.wording)",
                (
                    rid,
                    finding,
                    rule,
                    decision,
                    note,
                    user,
                    time.time(),
                    json.dumps(wording, ensure_ascii=False) if wording is not None else None,
                ),
            )

    def wordings(self, rid: str) -> dict[int, dict]:
        with self.connect() as c:
            return {
                r["finding"]: json.loads(r["wording"])
                for r in c.execute(
                    "SELECT finding, wording FROM decisions WHERE review_id = ? AND wording IS NOT NULL", (rid,)
                )
            }

    # the reviewer's own findings ------------------------------------------
    def add_own(self, rid: str, finding, user: str) -> int:
        with self.connect() as c:
            return c.execute(
                "INSERT INTO own_findings (review_id, provision, quote, start, end_offset, category, severity, message,"
                " explanation, basis, suggestion, user, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rid,
                    finding.provision,
                    finding.text,
                    finding.start,
                    finding.end,
                    finding.category,
                    finding.severity,
                    finding.message,
                    finding.explanation,
                    finding.basis,
                    finding.suggestion,
                    user,
                    time.time(),
                ),
            ).lastrowid

    def set_own_register_no(self, own_id: int, no: Optional[int]) -> None:
        with self.connect() as c:
            c.execute("UPDATE own_findings SET register_no = ? WHERE id = ?", (no, own_id))

    def own(self, rid: str) -> list[sqlite3.Row]:
        with self.connect() as c:
            return c.execute("SELECT * FROM own_findings WHERE review_id = ? ORDER BY id", (rid,)).fetchall()

    def remove_own(self, rid: str, own_id: int) -> Optional[sqlite3.Row]:
        with self.connect() as c:
            row = c.execute("SELECT * FROM own_findings WHERE review_id = ? AND id = ?", (rid, own_id)).fetchone()
            if row is not None:
                c.execute("DELETE FROM own_findings WHERE id = ?", (own_id,))
            return row

    def decisions(self, rid: str) -> dict[int, sqlite3.Row]:
        with self.connect() as c:
            return {r["finding"]: r for r in c.execute("SELECT * FROM decisions WHERE review_id = ?", (rid,))}


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()
