"""The superior-law registry (corpus/laws) against the reference index of laws, where
that file exists (../shared/reference/laws-index.csv): names, levels and dates."""

import csv
from pathlib import Path

from conftest import require

from reviewer.laws import LEVELS, load_registry, normalize_title

INDEX = Path(__file__).resolve().parents[2] / "shared" / "reference" / "laws-index.csv"
REG = load_registry()


def test_registry_size_and_shape():
    assert len(REG) >= 300
    for e in REG.entries.values():
        assert e.level in LEVELS, e.id
        if e.successor:
            assert e.successor in REG.entries, (e.id, e.successor)
        dates = [v.effective or v.adopted for v in e.versions if v.effective or v.adopted]
        assert dates == sorted(dates), e.id
        if e.repealed and dates:
            assert e.repealed >= dates[0], e.id


def test_the_civil_law_family_is_repealed_by_the_civil_code():
    for name in ("合同法", "物权法", "担保法", "侵权责任法", "民法通则", "婚姻法", "继承法", "收养法", "民法总则"):
        e = REG.lookup(name)
        assert e is not None and e.repealed == "2021-01-01" and e.successor == "民法典", name
    for name in ("中外合资经营企业法", "外资企业法", "中外合作经营企业法"):
        e = REG.lookup(name)
        assert e.repealed == "2020-01-01" and REG.entries[e.successor].title.endswith("外商投资法"), name
    assert REG.lookup("食品卫生法").successor == REG.lookup("食品安全法").id
    assert REG.lookup("城市房屋拆迁管理条例").repealed == "2011-01-21"


def test_names_levels_and_dates_agree_with_the_reference_index():
    require("shared", INDEX)
    rows = list(csv.DictReader(INDEX.open(encoding="utf-8")))
    by_title: dict[str, list[dict]] = {}
    for r in rows:
        if not r["province"]:
            by_title.setdefault(normalize_title(r["title"] or r["name"]), []).append(r)
    matched, level_mismatch, date_mismatch = 0, [], []
    level_of = {"宪法": "宪法", "法律": "法律", "行政法规": "行政法规", "部门规章": "部门规章", "司法解释": "司法解释"}
    for e in REG.entries.values():
        hits = by_title.get(normalize_title(e.title))
        if not hits:
            continue
        matched += 1
        if level_of.get(hits[0]["level"]) and level_of[hits[0]["level"]] != e.level:
            level_mismatch.append((e.id, e.level, hits[0]["level"]))
        ours = {d for v in e.versions for d in (v.adopted, v.effective) if d}
        theirs = {r["publish"] for r in hits if r["publish"]}
        if ours and theirs and not ours & theirs:
            date_mismatch.append((e.id, sorted(ours), sorted(theirs)))
    assert matched >= 300, matched
    # Documented, deliberate differences live in corpus/laws/README.md; anything beyond a
    # handful means the registry drifted from the index.
    assert len(level_mismatch) <= 3, level_mismatch
    assert len(date_mismatch) <= 10, date_mismatch


def test_article_counts_of_key_laws_match_the_reference_texts():
    require("shared", INDEX)
    import re

    laws_dir = INDEX.parent / "laws"
    checked = 0
    for path in sorted(laws_dir.glob("*.md")):
        e = REG.lookup(path.stem)
        if e is None or not e.versions or not e.versions[-1].articles:
            continue
        text = path.read_text(encoding="utf-8")
        count = len(set(re.findall(r"^第([一二三四五六七八九十百千零]+)条", text, re.M)))
        assert e.versions[-1].articles == count, (e.id, e.versions[-1].articles, count)
        checked += 1
    assert checked >= 30
