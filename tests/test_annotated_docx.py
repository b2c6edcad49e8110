"""The annotated copy: one Word comment per finding, on exactly the finding's words."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest

from reviewer.cleanup import CATEGORY_NAMES
from reviewer.ingest import read_bytes
from reviewer.outputs.annotated_docx import anchored_texts, comment_text, write_annotated_docx
from reviewer.review import review_bytes, review_file, review_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpus" / "samples"
AS_OF = "2026-11-23"


def _expected(review, finding):
    """The words a comment can cover: the finding text without characters the reader
    supplied (automatic numbering), lines joined as paragraphs."""
    return finding.text.strip("\n")


@pytest.mark.parametrize(
    "name", sorted(p.name for p in SAMPLES.glob("*.docx")) + sorted(p.name for p in SAMPLES.glob("*.pdf"))
)
def test_one_comment_per_finding_on_its_words(tmp_path, name):
    review = review_file(SAMPLES / name, as_of=AS_OF)
    out = tmp_path / "out.docx"
    assert write_annotated_docx(review, out) == len(review.findings)
    anchors = anchored_texts(out)
    assert len(anchors) == len(review.findings) == len(docx.Document(out).comments)
    for (words, comment), finding in zip(anchors, review.findings):
        assert words == _expected(review, finding)
        assert finding.message.rstrip("。") in comment and CATEGORY_NAMES[finding.category] in comment
        assert finding.rule not in comment
        assert "依据：" in comment and "修改建议：" in comment


def test_original_text_unchanged(tmp_path):
    src = SAMPLES / "01_qingchuan_prepaid_consumption.docx"
    review = review_file(src, as_of=AS_OF)
    out = tmp_path / "out.docx"
    write_annotated_docx(review, out)
    assert read_bytes(out.read_bytes(), "out.docx").text == read_bytes(src.read_bytes(), "src.docx").text
    # Formatting of split runs is kept: every run of the original body keeps its font size.
    sizes = lambda d: {r.font.size for p in d.paragraphs for r in p.runs if r.text}  # noqa: E731
    assert sizes(docx.Document(out)) == sizes(docx.Document(src))
    assert {c.author for c in docx.Document(out).comments} == {"合法性审核"}


def test_finding_across_numbering_and_paragraphs(tmp_path):
    """Comments on spans that start in a numbering label or cross a paragraph."""
    from test_ingest import _add_numbering, _docx_bytes, _level, _numbered

    d = docx.Document()
    _add_numbering(d, 90, (91,), [_level(0, "chineseCounting", "第%1条", suff="space")])
    d.add_paragraph("XX市管理办法")
    _numbered(d, "经营者应当", 91, 0)
    p = _numbered(d, "", 91, 0)
    p.add_run("违者").bold = True
    p.add_run("处五千元罚款。")
    data = _docx_bytes(d)
    review = review_bytes(data, "draft.docx", as_of=AS_OF)
    text = review.document.text
    from reviewer.model import Finding

    base = dict(
        category="ultra_vires.penalty",
        severity="error",
        provision="第二条",
        basis="《中华人民共和国行政处罚法》第十六条",
        explanation="说明",
        suggestion="建议",
        message="问题",
    )
    a = text.index("第二条")
    b = text.index("罚款") + 2
    c = text.index("应当")
    findings = [
        Finding(rule="T1", text=text[a:b], start=a, end=b, **base),  # label + two runs
        Finding(rule="T2", text=text[c:b], start=c, end=b, **base),  # two paragraphs
        Finding(rule="T3", text=text[a : a + 3], start=a, end=a + 3, **base),
    ]  # only the label
    out = tmp_path / "x.docx"
    assert write_annotated_docx(review, out, source=data, findings=findings) == 3
    anchors = [w for w, _ in anchored_texts(out)]
    assert anchors[0] == "违者处五千元罚款"
    assert anchors[1] == "应当\n违者处五千元罚款"
    assert anchors[2] == "违者处五千元罚款。"  # nothing of the label is in the file: its line
    # Bold stays on 违者 only.
    runs = [r for r in docx.Document(out).paragraphs[2].runs if r.text]
    assert [(r.text, bool(r.bold)) for r in runs] == [("违者", True), ("处五千元罚款", False), ("。", False)]


def test_text_input_gets_a_fresh_docx(tmp_path):
    review = review_text("第十二条 违反本办法的，处500元罚款。\n第十三条 本办法自印发之日起施行。", as_of=AS_OF)
    assert review.findings
    out = tmp_path / "t.docx"
    write_annotated_docx(review, out)
    assert [w for w, _ in anchored_texts(out)] == [f.text for f in review.findings]
    assert [p.text for p in docx.Document(out).paragraphs] == review.document.text.split("\n")


def test_comment_text_has_everything():
    review = review_text("第十二条 违反本办法的，处500元罚款。", as_of=AS_OF)
    f = review.findings[0]
    text = comment_text(f, note="请起草单位核实")
    for part in (CATEGORY_NAMES[f.category], f.basis, f.suggestion, "审核人意见：请起草单位核实"):
        assert part in text
    assert f.rule not in text  # the drafting organ reads the problem, not the tool's rule number


def _cli(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "reviewer.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        cwd=ROOT,
    )


def test_cli_check_format_docx(tmp_path):
    out = tmp_path / "a.docx"
    res = _cli(
        "check",
        str(SAMPLES / "04_linjiang_construction_waste_interim.pdf"),
        "--format",
        "docx",
        "--out",
        str(out),
        "--as-of",
        AS_OF,
    )
    assert res.returncode == 1, res.stderr
    assert len(anchored_texts(out)) >= 1
    res = _cli(
        "check",
        str(SAMPLES / "03_qingchuan_illegal_building_dust.docx"),
        str(SAMPLES / "02_donghu_investment_measures.docx"),
        "--format",
        "docx",
        "--out",
        str(tmp_path / "dir"),
    )
    assert res.returncode == 1 and len(list((tmp_path / "dir").glob("*.docx"))) == 2
    res = _cli("check", str(SAMPLES / "03_qingchuan_illegal_building_dust.docx"), "--format", "docx")
    assert res.returncode == 2 and "--out" in res.stderr
    res = _cli("check", str(tmp_path / "missing.docx"), "--format", "docx", "--out", str(tmp_path / "m.docx"))
    assert res.returncode == 2 and "Traceback" not in res.stderr
