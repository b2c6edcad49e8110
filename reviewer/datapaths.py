"""Where the package's own data and the user's data live; the one place that knows.

Shipped data (rules/, the jurisdiction profiles, corpus/laws — registry and catalogue —
and the statutory fine and licence indexes) keeps the repository's layout under one root:

- installed from a wheel, the root is the package data `reviewer/_data/` (setup.py copies
  rules/ and the corpus files into it when the wheel is built), found through
  importlib.resources;
- running from a checkout (or an editable install), there is no `reviewer/_data/` and the
  root is the source tree itself.

User data — laws added with `reviewer laws import`, the desk's data folder, the filing
register's SQLite file — never goes into either: it lives in the user's data directory,
$REVIEWER_DATA_DIR, else $XDG_DATA_HOME/reviewer, else ~/.local/share/reviewer.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

PACKAGE_DATA = "_data"


@lru_cache(maxsize=1)
def data_root() -> Path:
    """The folder holding rules/ and corpus/: the installed package data, else the checkout."""
    from importlib.resources import files

    shipped = files("reviewer") / PACKAGE_DATA
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parent.parent


def rules_dir() -> Path:
    return data_root() / "rules"


def profiles_dir() -> Path:
    return rules_dir() / "profiles"


def vocab_dir() -> Path:
    return rules_dir() / "vocab"


def laws_dir() -> Path:
    """The project's law registry (corpus/laws/*.yaml) and its catalogue/."""
    return data_root() / "corpus" / "laws"


def corpus_file(name: str) -> Path:
    """A shipped index such as corpus/statutory_fines.yaml."""
    return data_root() / "corpus" / name


def user_data_dir() -> Path:
    """$REVIEWER_DATA_DIR, else $XDG_DATA_HOME/reviewer, else ~/.local/share/reviewer
    (%LOCALAPPDATA%/reviewer on Windows). Not created here."""
    env = os.environ.get("REVIEWER_DATA_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    return (Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share") / "reviewer"


def user_laws_dir() -> Path:
    """Where `reviewer laws import` writes by default; loaded beside the project's registry."""
    return user_data_dir() / "laws"


def desk_data_dir() -> Path:
    """The desk's default data folder (users, uploads, decisions: desk.sqlite)."""
    return user_data_dir() / "desk"


def register_db_path() -> Path:
    """The filing register's default SQLite file."""
    return user_data_dir() / "register.sqlite3"
