"""Every YAML the tool reads goes through here: libyaml's C parser when PyYAML was
built with it (7x faster than the pure-Python one, which dominated the start-up of a
`reviewer check`), and a content-addressed cache of the parsed data for the files read
on every run (rule packs, law registry, fine index), so a single check does not
re-parse ~0.5 MB of YAML.

The cache stores only what yaml.safe_load returned (plain dicts, lists, strings,
numbers, dates), never objects built from it, so a change in the code that interprets
the data needs no invalidation; the key is a hash of the file's bytes, so an edited
file is never served stale. Any cache failure (no home, read-only disk, a truncated or
foreign entry) falls back silently to parsing. REVIEWER_CACHE_DIR moves the cache;
REVIEWER_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

import yaml

from . import __version__

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # PyYAML without libyaml: same results, only slower
    from yaml import SafeLoader as _Loader

YAMLError = yaml.YAMLError

# Part of every key: a new PyYAML could construct other values from the same text, and
# pickles are only read back by the Python that wrote them.
_KEY_SALT = f"reviewer-yaml-cache/1 {__version__} yaml {yaml.__version__} py {sys.version_info[:2]}".encode()
_MAX_ENTRIES = 2000  # content-addressed entries of edited files accumulate; prune past this


def safe_load(text: str | bytes):
    """yaml.safe_load with the C parser when available."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        if _Loader is yaml.SafeLoader:
            raise
    # libyaml's messages lack the quoted source line the pure parser shows; a broken
    # file is rare, so parse it again for the message users (and rule authors) know
    return yaml.load(text, Loader=yaml.SafeLoader)


def load_text(text: str):
    """safe_load of a file's text, through the cache. Raises YAMLError as safe_load does
    (a file that fails to parse is never cached)."""
    h = hashlib.blake2b(_KEY_SALT, digest_size=20)
    h.update(text.encode("utf-8"))
    digest = h.hexdigest()
    cache = _cache_dir()
    entry = cache / f"{digest}.pickle" if cache is not None else None
    if entry is not None:
        try:
            with open(entry, "rb") as fh:
                return pickle.load(fh)
        except Exception:  # missing, truncated, unreadable: parse instead
            pass
    data = safe_load(text)
    if entry is not None:
        _store(cache, entry, data)
    return data


def load_path(path: str | os.PathLike):
    """The parsed content of a UTF-8 YAML file, through the cache."""
    return load_text(Path(path).read_text(encoding="utf-8"))


_cache_path: Path | None | bool = False  # False: not looked up yet


def _cache_dir() -> Path | None:
    global _cache_path
    if _cache_path is False:
        _cache_path = _find_cache_dir()
    return _cache_path


def _find_cache_dir() -> Path | None:
    if os.environ.get("REVIEWER_NO_CACHE", "") not in ("", "0"):
        return None
    try:
        base = os.environ.get("REVIEWER_CACHE_DIR")
        if base:
            root = Path(base)
        else:
            xdg = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
            root = (Path(xdg) if xdg else Path.home() / ".cache") / "reviewer"
        root = root / "yaml"
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        # pickles are code: read them only from a folder no other user can write to
        st = root.stat()
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            return None
        return root
    except Exception:
        return None


def _store(cache: Path, entry: Path, data) -> None:
    import tempfile  # only on a miss: 4 ms of imports a warm run does not need

    try:
        fd, tmp = tempfile.mkstemp(dir=cache, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)  # atomic: a concurrent reader sees all or nothing
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(cache)
    except Exception:
        pass


def _prune(cache: Path) -> None:
    """Drop the older half once the folder is over _MAX_ENTRIES (only ever reached by
    editing the YAML many times); a reader racing a deletion just parses."""
    entries = list(os.scandir(cache))
    if len(entries) <= _MAX_ENTRIES:
        return
    entries.sort(key=lambda e: e.stat().st_mtime)
    for e in entries[: len(entries) // 2]:
        try:
            os.unlink(e.path)
        except OSError:
            pass
