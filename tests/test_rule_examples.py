"""Every rule's own examples are its tests: a bad example must fire on exactly the
marked words, a good example must stay silent (STYLE.md §2)."""

import pytest

from reviewer.review import review_text
from reviewer.rules import load_rules

RULES = load_rules()


def _cases(kind):
    for rule in RULES:
        for i, ex in enumerate(getattr(rule, kind)):
            yield pytest.param(rule, ex, id=f"{rule.id}-{kind}{i}")


def _findings(rule, text):
    # a rule that runs only where a jurisdiction switches it on names that setting for its examples
    profile = dict(rule.params.get("example_profile") or {})
    review = review_text(text, as_of="2026-11-23", profile=profile, rules=(rule,))
    return [f for f in review.findings if f.rule == rule.id]


@pytest.mark.parametrize("rule,example", list(_cases("bad")))
def test_bad_example_fires_on_marked_words(rule, example):
    found = _findings(rule, example.text)
    assert found, f"{rule.id} did not fire on: {example.text}"
    if example.spans:
        # the finding points at exactly the marked words (LanguageTool's discipline): a rule
        # whose reach changes shows it here instead of passing on containment
        assert sorted(f.text for f in found) == sorted(example.spans), (
            f"{rule.id} marked {list(example.spans)} but found {[f.text for f in found]}"
        )


@pytest.mark.parametrize("rule,example", list(_cases("good")))
def test_good_example_stays_silent(rule, example):
    found = _findings(rule, example.text)
    assert not found, f"{rule.id} fired on a good example: {[f.text for f in found]}"


@pytest.mark.parametrize("rule,example", list(_cases("todo")))
def test_known_gap_still_open(rule, example):
    """A `todo` example records a known false negative; when it starts to pass, move it to `bad`."""
    if _findings(rule, example.text):
        pytest.fail(f"{rule.id}: todo example now fires, promote it to bad: {example.text}")


def test_every_pack_has_rules():
    packs = {r.pack for r in RULES}
    assert {"ultra_vires", "fair_competition", "procedure", "superior_law"} <= packs


@pytest.mark.parametrize("rule", [r for r in RULES if r.check == "pattern"], ids=lambda r: r.id)
def test_every_pattern_is_shown_by_a_bad_example(rule):
    """A pattern no bad example exercises is untested and may never fire (eyecite's
    cross-check of patterns against examples)."""
    import re

    patterns = rule.params["match"] if isinstance(rule.params["match"], list) else [rule.params["match"]]
    keywords = rule.params["keywords"]
    for p in patterns:
        rx = re.compile(p)
        shown = [m.group(0) for e in rule.bad for m in rx.finditer(e.text)]
        assert shown, f"{rule.id}: no bad example shows pattern {p[:60]}…"
        # a keyword inside the match is what lets the one-pass filter reach this pattern
        assert any(k in m for m in shown for k in keywords), f"{rule.id}: no keyword inside a match of {p[:60]}…"


@pytest.mark.parametrize("rule", [r for r in RULES if r.check == "pattern"], ids=lambda r: r.id)
def test_keywords_reach_every_bad_example(rule):
    """The one-pass keyword filter must let every bad example through to the patterns."""
    for e in rule.bad:
        assert any(k in e.text for k in rule.params["keywords"]), f"{rule.id}: no keyword in {e.text}"
