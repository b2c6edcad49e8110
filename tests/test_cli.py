"""The command-line contract (DESIGN.md §3): formats, exit codes, stdin, bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import main
from reviewer.model import CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
SAMPLES = ROOT / "corpus" / "samples"
BAD_PROVISION = "第十二条 未办理登记的，由区城市管理局责令改正，并处500元以上2000元以下罚款。"
GOOD_PROVISION = "第十三条 违反本办法规定的，由有关部门依照《中华人民共和国食品安全法》第一百二十二条的规定予以处罚。"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_stdin_provision_with_a_fine_exits_1_and_points_at_the_words():
    result = run("check", "--format", "json", "-", input=BAD_PROVISION.encode("utf-8"))
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    (f,) = [f for f in data["findings"] if f["category"] == "ultra_vires.penalty"]
    assert f["text"] == BAD_PROVISION[f["start"] : f["end"]]
    assert "罚款" in f["text"] and f["provision"] == "第十二条"
    assert "行政处罚法" in f["basis"]


def test_restatement_exits_0():
    result = run("check", "--format", "json", "-", input=GOOD_PROVISION.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["findings"] == []


def test_gbk_text_on_stdin_is_decoded():
    result = run("check", "--format", "json", "-", input=BAD_PROVISION.encode("gb18030"))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["findings"]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_documents_are_not_normative_and_carry_no_content_errors(seed):
    result = run("check", "--format", "json", str(seed))
    data = json.loads(result.stdout)
    assert data["document"]["is_normative"] is False
    assert not [
        f
        for f in data["findings"]
        if f["severity"] == "error" and f["category"].startswith(("ultra_vires", "fair_competition"))
    ]


def test_json_contract_shape_on_a_sample():
    result = run("check", "--format", "json", str(SAMPLES / "01_qingchuan_prepaid_consumption.docx"))
    data = json.loads(result.stdout)
    assert set(data) >= {"file", "document", "findings", "cleanup"}
    doc = data["document"]
    for key in ("title", "issuer", "doc_number", "date", "effective_date", "valid_until", "is_normative", "citations"):
        assert key in doc
    assert doc["title"].endswith("的通知") and doc["measure_title"]
    for c in doc["citations"]:
        assert set(c) >= {"text", "title", "article", "resolved", "status"}
    assert data["findings"]
    for f in data["findings"]:
        assert f["category"] in CATEGORIES and f["severity"] in ("error", "warning", "info")
        assert set(f) >= {"rule", "text", "start", "end", "provision", "basis", "explanation", "suggestion"}
    assert data["cleanup"]["category"] in ("remain", "modify", "abolish", "void") and data["cleanup"]["reasons"]


def test_several_files_give_an_array():
    files = [
        str(SAMPLES / "03_qingchuan_illegal_building_dust.docx"),
        str(SAMPLES / "05_linjiang_employment_subsidy.pdf"),
    ]
    data = json.loads(run("check", "--format", "json", *files).stdout)
    assert isinstance(data, list) and len(data) == 2


def test_unreadable_file_exits_2_with_a_reason_naming_it(tmp_path):
    bad = tmp_path / "draft.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("check", str(bad))
    assert result.exit_code == 2
    assert "draft.docx" in result.stderr and "Traceback" not in result.stderr


def test_missing_file_exits_2(tmp_path):
    result = run("check", str(tmp_path / "nope.pdf"))
    assert result.exit_code == 2 and "nope.pdf" in result.stderr


def test_text_and_markdown_formats_are_chinese_and_grouped_by_provision():
    text = run("check", "-", input=BAD_PROVISION.encode()).stdout
    assert "【第十二条】" in text and "依据：" in text and "\x1b[" not in text
    md = run("check", "--format", "md", "-", input=BAD_PROVISION.encode()).stdout
    assert "| 条款 |" in md and "第十二条" in md


def test_bad_as_of_date_is_a_usage_error():
    assert run("check", "--as-of", "2024-13-40", "-", input=b"x").exit_code == 2


def test_console_entry_point_runs():
    out = subprocess.run([sys.executable, "-m", "reviewer.cli", "rules", "list"], capture_output=True, text=True)
    assert out.returncode == 0 and "UV001" in out.stdout


def test_eval_prints_precision_and_recall_per_category():
    result = run("eval", str(ROOT / "corpus" / "gold"))
    assert result.exit_code == 0
    assert "ultra_vires.penalty" in result.stdout and "精确率" in result.stdout


def test_a_published_case_quoting_the_provision_is_still_flagged():
    """Regression: the case's own citation of the law it breaks (违反《行政处罚法》) is not a
    restatement of the quoted provision."""
    case = (
        "某县人民政府办公室印发的《某县农贸市场管理办法》第十条规定：“经营户未按规定办理登记的，"
        "由县市场监管局处以500元罚款。”该规定违反《中华人民共和国行政处罚法》第十六条的规定。"
    )
    data = json.loads(run("check", "--format", "json", "-", input=case.encode()).stdout)
    (f,) = data["findings"]
    assert f["category"] == "ultra_vires.penalty" and f["provision"] == "第十条"


def test_unplaced_text_is_still_reviewed():
    """Regression: a text the classifier cannot place (no title, no 第×条) must not be
    silenced as non-normative."""
    text = "各经营户须向区市场监管局缴纳经营保证金5000元，未缴纳的不予办理营业执照。" * 30
    data = json.loads(run("check", "--format", "json", "-", input=text.encode()).stdout)
    assert {f["category"] for f in data["findings"]} >= {"ultra_vires.fee"}
