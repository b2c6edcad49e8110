"""What keeps `reviewer check` quick to start (bench/startup.py measures it; nothing
here times anything): the YAML cache is never stale and never in the way, and a
plain-text check leaves the heavy modules unimported."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reviewer import yamlio
from reviewer.rules import load_rules
from reviewer.rules.checks import pattern

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REVIEWER_NO_CACHE", raising=False)
    monkeypatch.setattr(yamlio, "_cache_path", False)  # look the folder up again
    return tmp_path / "cache" / "yaml"


def test_cache_hit_gives_the_parsed_data(cache, tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("- id: x\n  promulgated: 2021-01-22\n  aliases: [甲, 乙]\n", encoding="utf-8")
    first = yamlio.load_path(f)
    assert len(list(cache.glob("*.pickle"))) == 1
    assert yamlio.load_path(f) == first == yaml.safe_load(f.read_text(encoding="utf-8"))


def test_edited_file_is_never_served_stale(cache, tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("n: 1\n", encoding="utf-8")
    assert yamlio.load_path(f) == {"n": 1}
    stat = f.stat()
    f.write_text("n: 2\n", encoding="utf-8")  # same size
    os.utime(f, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same mtime
    assert yamlio.load_path(f) == {"n": 2}


def test_broken_cache_entry_is_parsed_again(cache, tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("n: 1\n", encoding="utf-8")
    yamlio.load_path(f)
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert yamlio.load_path(f) == {"n": 1}


def test_unwritable_cache_falls_back_silently(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(blocker / "below-a-file"))
    monkeypatch.setattr(yamlio, "_cache_path", False)
    assert yamlio.load_text("n: 1\n") == {"n": 1}


def test_cache_can_be_turned_off(cache, monkeypatch):
    monkeypatch.setenv("REVIEWER_NO_CACHE", "1")
    assert yamlio.load_text("n: 1\n") == {"n": 1}
    assert not cache.exists()


def test_invalid_yaml_is_not_cached_and_keeps_the_pure_parsers_message(cache):
    with pytest.raises(yaml.YAMLError) as exc:
        yamlio.load_text("a: [1, 2\nb: c\n")
    with pytest.raises(yaml.YAMLError) as pure:
        yaml.load("a: [1, 2\nb: c\n", Loader=yaml.SafeLoader)
    assert str(exc.value) == str(pure.value)
    assert not list(cache.glob("*.pickle"))


def test_pure_loader_fallback(monkeypatch):
    monkeypatch.setattr(yamlio, "_Loader", yaml.SafeLoader)  # as without libyaml
    assert yamlio.safe_load("d: 2024-01-02\nl: [a, 1]\n") == yaml.safe_load("d: 2024-01-02\nl: [a, 1]\n")
    with pytest.raises(yaml.YAMLError):
        yamlio.safe_load("a: [1\n")


def test_pattern_rules_compile_on_first_use():
    rule = next(r for r in load_rules() if r.check == "pattern")
    lazy = pattern.compile_rule(rule)
    assert lazy._compiled is None and lazy.keywords and lazy.scope
    eager = pattern._compile(rule, lazy.keywords)
    assert lazy.match == eager.match and lazy.window == eager.window  # compiles
    assert lazy._compiled is not None


def test_plain_text_check_leaves_heavy_modules_unimported():
    code = (
        "import sys\n"
        "from reviewer.review import review_text\n"
        "review_text('违者处500元罚款')\n"
        "heavy = ('spacy', 'pypdfium2', 'docx', 'lxml', 'networkx', 'openpyxl', 'fastapi',\n"
        "         'reviewer.ingest.docx', 'reviewer.ingest.html')\n"
        "print(' '.join(m for m in heavy if m in sys.modules))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
