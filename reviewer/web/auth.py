"""Passwords, sessions and CSRF for the desk.

Passwords are hashed with Argon2id (argon2-cffi). Sessions are Starlette's signed
cookie (HttpOnly, SameSite=Lax) keyed by a secret kept in DATA/secret.key; the
session carries the user name and a CSRF token that every form posts back."""
from __future__ import annotations

import hmac
import os
import secrets
import time
from pathlib import Path
from typing import Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_HASHER = PasswordHasher()
MIN_PASSWORD = 8
# A hash to verify against when the user does not exist, so both cases take as long.
_DUMMY_HASH = _HASHER.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def check_password(stored: Optional[str], password: str) -> bool:
    try:
        return _HASHER.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> Optional[str]:
    if len(password) < MIN_PASSWORD:
        return f"密码至少需要 {MIN_PASSWORD} 个字符"
    return None


def load_secret(data_dir: Path) -> str:
    """The session-signing key, created once with owner-only permissions."""
    path = Path(data_dir) / "secret.key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def csrf_token(session: dict) -> str:
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def csrf_ok(session: dict, submitted: Optional[str]) -> bool:
    expected = session.get("csrf")
    return bool(expected and submitted and hmac.compare_digest(expected, submitted))


class LoginThrottle:
    """After `limit` failed logins for a name, refuse it for `window` seconds."""

    def __init__(self, limit: int = 5, window: float = 60.0):
        self.limit, self.window = limit, window
        self.failures: dict[str, list[float]] = {}

    def blocked(self, name: str) -> bool:
        now = time.monotonic()
        recent = [t for t in self.failures.get(name, []) if now - t < self.window]
        self.failures[name] = recent
        return len(recent) >= self.limit

    def failed(self, name: str) -> None:
        self.failures.setdefault(name, []).append(time.monotonic())

    def succeeded(self, name: str) -> None:
        self.failures.pop(name, None)
