"""Passwords, sessions and CSRF for the desk.

Passwords are hashed with Argon2id (argon2-cffi). Sessions are Starlette's signed
cookie (HttpOnly, SameSite=Lax) keyed by a secret kept in DATA/secret.key; the
session carries the user name and a CSRF token that every form posts back."""

from __future__ import annotations

import hmac
import os
import re
import secrets
import time
from functools import lru_cache
from pathlib import Path
from typing import Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_HASHER = PasswordHasher()
MIN_PASSWORD = 10
# A hash to verify against when the user does not exist, so both cases take as long.
_DUMMY_HASH = _HASHER.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def check_password(stored: Optional[str], password: str) -> bool:
    try:
        return _HASHER.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_problem(password: str, name: Optional[str] = None) -> Optional[str]:
    """Why PASSWORD will not do for user NAME, in Chinese; None when it will.

    At least 10 characters (a phrase of a few words is easy to remember and hard to
    guess); not one of the commonest passwords (data/common-passwords.txt, also with a
    year or digits added: password2024!); not the user name (also with digits added);
    and more than three different characters."""
    hint = "可以把几个好记的词连成一句短语作密码。"
    lowered = password.lower()
    core = re.sub(r"[\d\W_]+$", "", lowered)
    if lowered in _common() or (core and core in _common()) or _digits_only_walk(lowered):
        return f"这个密码过于常见，很容易被猜中，请换一个。{hint}"
    if len(password) < MIN_PASSWORD:
        return f"密码至少需要 {MIN_PASSWORD} 个字符。{hint}"
    if name:
        n = name.strip().lower()
        if (
            n and n in lowered and len(re.sub(r"[\d\W_]", "", lowered.replace(n, ""))) < 3
        ):  # the name with digits or marks added
            return f"密码不能是用户名（或用户名加几个字符），请换一个。{hint}"
    if len(set(lowered)) <= 3:
        return f"密码中不同的字符太少（如 aaaaaaaaaa、1212121212），请换一个。{hint}"
    return None


def _digits_only_walk(password: str) -> bool:
    """1234567890123, 9876543210…: a run of consecutive digits up or down."""
    if not password.isdigit():
        return False
    steps = {(int(b) - int(a)) % 10 for a, b in zip(password, password[1:])}
    return steps in ({1}, {9})


@lru_cache(maxsize=1)
def _common() -> frozenset:
    text = (Path(__file__).resolve().parent / "data" / "common-passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


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
    """Failed logins slow the next attempt down; they never lock a name out for good.

    Failures are counted, over `window` seconds, per client address (a spray over many
    names from one address) and per name (a guess at one account from many addresses).
    Past a free allowance each further failure doubles the wait before the next attempt
    under that key, up to a cap: a name waits at most `name_cap` seconds (30), an address
    up to `addr_cap` (5 minutes). A browser that has logged in as a name before carries a
    signed device cookie for it (`device_token`); its attempts at that name skip the name
    and address counts and are counted on the device alone, so someone else guessing at
    the name, or spraying from the same office address, does not keep its owner out."""

    NAME_FREE, ADDR_FREE, DEVICE_FREE = 5, 10, 5
    BASE = 2.0
    MAX_KEYS = 10_000

    def __init__(self, window: float = 900.0, name_cap: float = 30.0, addr_cap: float = 300.0, clock=time.monotonic):
        self.window, self.name_cap, self.addr_cap, self.clock = window, name_cap, addr_cap, clock
        self.failures: dict[tuple, list[float]] = {}

    def _keys(self, name: str, addr: str, device: Optional[str]) -> list[tuple]:
        if device:
            return [("device", device, self.DEVICE_FREE, self.name_cap)]
        return [("name", name, self.NAME_FREE, self.name_cap), ("addr", addr, self.ADDR_FREE, self.addr_cap)]

    def _recent(self, key: tuple, now: float) -> list[float]:
        times = [t for t in self.failures.get(key, ()) if now - t < self.window]
        if times:
            self.failures[key] = times
        else:
            self.failures.pop(key, None)
        return times

    def retry_after(self, name: str, addr: str, device: Optional[str] = None) -> float:
        """Seconds to wait before this attempt is considered (0: go ahead)."""
        now = self.clock()
        wait = 0.0
        for kind, value, free, cap in self._keys(name, addr, device):
            times = self._recent((kind, value), now)
            over = len(times) - free
            if over > 0:
                delay = min(self.BASE * 2 ** (over - 1), cap)
                wait = max(wait, times[-1] + delay - now)
        return max(0.0, wait)

    def failed(self, name: str, addr: str, device: Optional[str] = None) -> None:
        now = self.clock()
        if len(self.failures) > self.MAX_KEYS:  # a spray over many names stays bounded in memory
            for key in list(self.failures):
                self._recent(key, now)
            while len(self.failures) > self.MAX_KEYS // 2:
                self.failures.pop(next(iter(self.failures)))
        for kind, value, _, _ in self._keys(name, addr, device):
            self.failures.setdefault((kind, value), []).append(now)

    def succeeded(self, name: str, addr: str, device: Optional[str] = None) -> None:
        # The address keeps its count: logging in to one's own account must not reset a spray.
        self.failures.pop(("name", name), None)
        if device:
            self.failures.pop(("device", device), None)


DEVICE_COOKIE = "reviewer_device"
DEVICE_MAX_AGE = 180 * 24 * 3600


def device_cookie(secret: str, name: str) -> str:
    """A device cookie for NAME: random, signed with the desk's key, naming nothing."""
    nonce = secrets.token_urlsafe(16)
    return f"{nonce}.{_device_mac(secret, name, nonce)}"


def device_token(secret: str, name: str, cookie: Optional[str]) -> Optional[str]:
    """The device's id when COOKIE was issued to this browser for NAME, else None."""
    if not cookie or "." not in cookie:
        return None
    nonce, mac = cookie.split(".", 1)
    return nonce if hmac.compare_digest(mac, _device_mac(secret, name, nonce)) else None


def _device_mac(secret: str, name: str, nonce: str) -> str:
    return hmac.new(secret.encode(), f"device\0{name}\0{nonce}".encode(), "sha256").hexdigest()
