"""Citations on the real corpus (../shared/real/corpus, read at run time, never copied):
a document's own title and number are not its citations, and SL003 names only titles
printed as national law. Fails under CI=true when the corpus is absent."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import require

ROOT = Path(__file__).resolve().parents[1]
REAL_CORPUS = ROOT.parent / "shared" / "real" / "corpus"


def _bench():
    spec = importlib.util.spec_from_file_location("citations_real", ROOT / "bench" / "citations_real.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def measured():
    require("shared", REAL_CORPUS / "meta.jsonl")
    return _bench().measure(REAL_CORPUS, "2025-06-30")


def test_real_corpus_own_title_not_reported_as_citation(measured):
    counts = measured["counts"]
    assert counts["documents"] > 1000
    # The site's own title or number of a document, reported back as one of its citations:
    # left only where the structure stage finds no title at all (2 documents when measured).
    files = {f for f, _ in measured["self"]}
    assert len(files) <= 0.005 * counts["documents"], sorted(measured["self"])
    assert counts["dropped_own_or_unnamed"] > 500


def test_real_corpus_sl003_names_only_national_titles(measured):
    from reviewer.rules.checks.superior_law_checks import national_form

    assert 0 < measured["counts"]["sl003"] <= 60
    for _, cited, message in measured["sl003"]:
        title = cited[1 : cited.index("》")]
        assert national_form(title) is not None, cited
        assert "查无此名" in message
    assert measured["counts"]["resolved"] > 800
