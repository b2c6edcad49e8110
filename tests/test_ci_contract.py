"""What .ci/run promises: it runs where only python3 exists, setup scripts stop what they
start, and whether a missing resource skips or fails is decided in one place
(tests/conftest.py require)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CI_SCRIPTS = [ROOT / ".ci" / "run", ROOT / ".ci" / "wheel-smoke", *sorted((ROOT / ".ci" / "setup.d").glob("*.sh"))]


def _code(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]


def test_ci_scripts_never_call_a_bare_python():
    bare = re.compile(r"(?:^|[\s;&|(`])python(?:\s|$)")
    offenders = [f"{p.name}: {line}" for p in CI_SCRIPTS for line in _code(p) if bare.search(line)]
    assert offenders == []


def test_setup_scripts_stop_what_they_start():
    for script in (ROOT / ".ci" / "setup.d").glob("*.sh"):
        text = "\n".join(_code(script))
        if re.search(r"\bstart\b", text):
            assert "ci_at_exit" in text, f"{script.name} starts something and never registers its stop"


def test_skips_are_decided_only_in_conftest():
    skip = re.compile(r"pytest\.skip\(|importorskip\(|mark\.skip|os\.environ\.get\(\"CI\"\)|environ\[\"CI\"\]")
    offenders = [
        f"{p.name}:{i}"
        for p in sorted((ROOT / "tests").glob("*.py"))
        if p.name not in ("conftest.py", Path(__file__).name)
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if skip.search(line)
    ]
    assert offenders == [], "use require() from tests/conftest.py: " + ", ".join(offenders)
