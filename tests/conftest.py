"""Shared test set-up.

`require(resource)` is the one place that decides what happens when something a test
needs is not on this machine: locally the test is skipped with the reason; under CI
(CI=true, which .ci/run sets) it fails, because CI provides every resource (.ci/setup.d
installs the font, the browser and PostgreSQL; ../shared sits beside the checkout).

Every test session also gets its own user data directory ($REVIEWER_DATA_DIR), so no
test writes into ~/.local/share/reviewer.
"""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RESOURCES = ("shared", "cjk-font", "browser", "postgresql", "module")


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _missing(reason: str):
    if under_ci():
        pytest.fail(f"{reason} — CI=true requires it (see .ci/setup.d)", pytrace=False)
    pytest.skip(reason)


def _executable(name: str, *candidates: str) -> str | None:
    for c in candidates:
        if os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    return shutil.which(name)


def require(resource: str, detail: str | Path | None = None):
    """Return what the test needs, or skip (locally) / fail (under CI) saying what is missing.

    - "shared", detail = a path under ../shared (or absolute) that must exist → that Path
    - "cjk-font" → the path of a font with Chinese glyphs
    - "browser" → (chromium, chromedriver) executables, with selenium importable
    - "postgresql" → $REVIEWER_TEST_PG_URL
    - "module", detail = a module name → the imported module
    """
    if resource == "shared":
        path = Path(detail) if detail is not None and Path(detail).is_absolute() else SHARED / (detail or "")
        if not path.exists():
            _missing(f"{path} is not present on this machine (../shared beside the checkout)")
        return path
    if resource == "cjk-font":
        from reviewer.reports import cjkfont

        try:
            return cjkfont.cjk_font_path()
        except cjkfont.FontMissingError as exc:
            _missing(f"no Chinese font installed: {exc}")
    if resource == "browser":
        chromium = _executable("chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
        driver = _executable("chromedriver", "/usr/bin/chromedriver")
        missing = [n for n, p in (("chromium", chromium), ("chromedriver", driver)) if not p]
        try:
            import selenium  # noqa: F401
        except ImportError:
            missing.append("selenium (pip install -e '.[test]')")
        if missing:
            _missing("browser tests need " + ", ".join(missing) + " (apt-get install chromium chromium-driver)")
        return chromium, driver
    if resource == "postgresql":
        url = os.environ.get("REVIEWER_TEST_PG_URL")
        if not url:
            _missing("REVIEWER_TEST_PG_URL is not set (.ci/setup.d/50-postgres.sh starts a PostgreSQL server)")
        return url
    if resource == "module":
        try:
            return importlib.import_module(str(detail))
        except ImportError as exc:
            _missing(f"module {detail} is not installed ({exc})")
    raise ValueError(f"unknown test resource {resource!r}; known: {', '.join(RESOURCES)}")


@pytest.fixture()
def cjk_font():
    """Charts need a Chinese font from the system (.ci/setup.d/45-cjk-font.sh installs one)."""
    return require("cjk-font")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """The filing register's database on both backends (PostgreSQL: require("postgresql"))."""
    from register_support import backend_url

    return backend_url(request.param, tmp_path)


@pytest.fixture
def register(db_url):
    from reviewer.register import open_register

    reg = open_register(db_url)
    yield reg
    reg.close()


@pytest.fixture(scope="session", autouse=True)
def _user_data_dir(tmp_path_factory):
    """Imported laws, the desk's data and the register's default file go to a throwaway
    user data directory, never to the real one of whoever runs the tests."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REVIEWER_DATA_DIR", str(tmp_path_factory.mktemp("user-data")))
        yield
