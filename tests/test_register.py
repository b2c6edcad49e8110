"""The filing register on SQLite and PostgreSQL: filing, listing, decisions,
corrections, and errors that leave the database as it was."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from register_support import SAMPLES, file_samples, row_counts
from reviewer.cli import main
from reviewer.register import RegisterError
from reviewer.register.filings import add_filing, correct, decide, list_filings, show_filing


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_filing_reviews_on_entry_and_computes_timeliness(register):
    ids = file_samples(register)
    one = show_filing(register, ids["01_qingchuan_prepaid_consumption.docx"])
    assert one["doc_number"] == "青市监发〔2025〕9号"
    assert one["deadline"] == "2025-04-13" and one["on_time"] is False  # 30 days from 2025-03-14
    assert one["findings"] and all(f["decision"] is None for f in one["findings"])
    assert [f["no"] for f in one["findings"]] == list(range(1, len(one["findings"]) + 1))
    assert one["missing_materials"] == ["explanation"]
    two = show_filing(register, ids["02_donghu_investment_measures.docx"])
    assert two["on_time"] is True
    pdf = show_filing(register, ids["02_donghu_investment_measures.pdf"])
    assert pdf["duplicate_of"] == two["filing_id"] and pdf["document_id"] == two["document_id"]
    assert show_filing(register, ids["06_donghu_justice_bureau_2024_workplan.docx"])["is_normative"] is False
    four = show_filing(register, ids["04_linjiang_construction_waste_interim.docx"])
    assert four["doc_number_defect"]  # [2024] instead of 〔2024〕
    rows = list_filings(register, year=2025)
    assert len(rows) == 6 and all(r["received"].startswith("2025") for r in rows)
    assert [r["filing_id"] for r in list_filings(register, issuer="临江县人民政府")] == [four["filing_id"]]


def test_the_same_file_filed_again_is_a_duplicate_not_a_new_document(register):
    path = SAMPLES / "05_linjiang_employment_subsidy.docx"
    first = add_filing(
        register, path, issuer="临江县人力资源和社会保障局", published="2025-05-18", received="2025-05-20"
    )
    again = add_filing(
        register, path, issuer="临江县人力资源和社会保障局", published="2025-05-18", received="2025-06-02"
    )
    assert again.duplicate_of == first.filing_id and again.document_id == first.document_id
    assert "重复报备" in again.warnings[0]


def test_decide_and_correct_flow(register):
    ids = file_samples(register)
    fid = ids["01_qingchuan_prepaid_consumption.docx"]
    decide(register, fid, 1, "confirm", note="无法律依据", by="张三")
    decide(register, fid, 2, "dismiss", note="属复述")
    decide(register, fid, 2, "confirm", note="复核后确认")  # a later decision supersedes
    shown = show_filing(register, fid)["findings"]
    assert (shown[0]["decision"], shown[0]["note"], shown[0]["decided_by"]) == ("confirmed", "无法律依据", "张三")
    assert (shown[1]["decision"], shown[1]["note"]) == ("confirmed", "复核后确认")
    correct(
        register, fid, outcome="corrected", outcome_date="2025-06-01", notice_date="2025-05-01", note="已修改第九条"
    )
    data = show_filing(register, fid)
    assert data["corrections"] == [
        {"outcome": "corrected", "outcome_date": "2025-06-01", "notice_date": "2025-05-01", "note": "已修改第九条"}
    ]
    row = next(r for r in list_filings(register) if r["filing_id"] == fid)
    assert (row["confirmed"], row["correction"]) == (2, "corrected")


def test_a_duplicate_filing_id_reaches_the_same_findings(register):
    ids = file_samples(register)
    decide(register, ids["02_donghu_investment_measures.pdf"], 1, "confirm")
    assert show_filing(register, ids["02_donghu_investment_measures.docx"])["findings"][0]["decision"] == "confirmed"


@pytest.mark.parametrize(
    "action, message",
    [
        (lambda r, ids: decide(r, 999, 1, "confirm"), "备案登记号 999 不存在"),
        (lambda r, ids: decide(r, ids["01_qingchuan_prepaid_consumption.docx"], 99, "confirm"), "没有第 99 项问题"),
        (
            lambda r, ids: add_filing(
                r,
                SAMPLES / "05_linjiang_employment_subsidy.docx",
                issuer="临江县财政局",
                published="2025-05-18",
                received="2025-05-01",
            ),
            "早于公布日期",
        ),
        (
            lambda r, ids: add_filing(
                r,
                SAMPLES / "05_linjiang_employment_subsidy.docx",
                issuer="临江县财政局",
                published="2025-05-18",
                received="2999-01-01",
            ),
            "晚于今天",
        ),
        (
            lambda r, ids: add_filing(
                r,
                SAMPLES / "05_linjiang_employment_subsidy.docx",
                issuer="临江县财政局",
                published="2025-02-30",
                received="2025-03-05",
            ),
            "不是有效日期",
        ),
        (
            lambda r, ids: add_filing(
                r, SAMPLES / "nope.docx", issuer="临江县财政局", published="2025-02-03", received="2025-03-05"
            ),
            "找不到文件",
        ),
        (
            lambda r, ids: correct(
                r, ids["03_qingchuan_illegal_building_dust.docx"], outcome="corrected", outcome_date="2025-06-01"
            ),
            "尚无已确认的问题",
        ),
        (
            lambda r, ids: correct(
                r, ids["02_donghu_investment_measures.docx"], outcome="corrected", outcome_date="2025-01-01"
            ),
            "早于报送日期",
        ),
        (
            lambda r, ids: correct(
                r,
                ids["02_donghu_investment_measures.docx"],
                outcome="corrected",
                outcome_date="2025-05-01",
                notice_date="2025-06-01",
            ),
            "早于纠正通知日期",
        ),
        (lambda r, ids: correct(r, 12345, outcome="revoked", outcome_date="2025-05-01"), "不存在"),
    ],
)
def test_errors_are_chinese_and_leave_the_register_unchanged(register, db_url, action, message):
    ids = file_samples(register)
    decide(register, ids["02_donghu_investment_measures.docx"], 1, "confirm")
    before = row_counts(db_url)
    with pytest.raises(RegisterError, match=message):
        action(register, ids)
    assert row_counts(db_url) == before


def test_a_failure_halfway_through_a_filing_writes_nothing(register, db_url, monkeypatch):
    import reviewer.register.filings as filings

    file_samples(register)
    before = row_counts(db_url)

    calls = {"n": 0}
    real = filings.FindingRecord

    def exploding(**kw):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        return real(**kw)

    monkeypatch.setattr(filings, "FindingRecord", exploding)
    with pytest.raises(RuntimeError):
        add_filing(
            register,
            SAMPLES / "04_linjiang_construction_waste_interim.pdf",
            issuer="临江县城市管理局",
            published="2024-06-21",
            received="2024-07-01",
        )
    assert calls["n"] == 3
    assert row_counts(db_url) == before


def test_cli_commands_and_exit_codes(db_url, tmp_path):
    f01 = SAMPLES / "01_qingchuan_prepaid_consumption.docx"
    r = run(
        "filing",
        "add",
        f01,
        "--issuer",
        "青川市市场监督管理局",
        "--published",
        "2025-03-14",
        "--received",
        "2025-03-20",
        "--db",
        db_url,
    )
    assert r.exit_code == 0, r.output
    assert "已登记：备案登记号 1" in r.output and "按期报备" in r.output
    r = run("filing", "list", "--year", "2025", "--format", "json", "--db", db_url)
    assert r.exit_code == 0 and json.loads(r.output)[0]["filing_id"] == 1
    r = run("filing", "show", "1", "--db", db_url)
    assert "1. [待处理]" in r.output and "依据：" in r.output
    r = run("filing", "decide", "1", "1", "confirm", "--note", "确认", "--db", db_url)
    assert r.exit_code == 0 and "确认" in r.output
    r = run("filing", "correct", "1", "--outcome", "corrected", "--date", "2025-05-01", "--db", db_url)
    assert r.exit_code == 0 and "自行纠正" in r.output
    before = row_counts(db_url)
    for args, message in [
        (("filing", "decide", "7", "1", "confirm"), "备案登记号 7 不存在"),
        (
            ("filing", "add", f01, "--issuer", "某局", "--published", "2025-03-14", "--received", "2025-03-01"),
            "早于公布日期",
        ),
        (
            ("filing", "add", f01, "--issuer", "某局", "--published", "2999-03-14", "--received", "2999-03-20"),
            "晚于今天",
        ),
        (
            (
                "filing",
                "add",
                tmp_path / "empty.docx",
                "--issuer",
                "某局",
                "--published",
                "2025-03-14",
                "--received",
                "2025-03-20",
            ),
            "无法读取",
        ),
        (("filing", "show", "42"), "不存在"),
    ]:
        (tmp_path / "empty.docx").write_bytes(b"")
        r = run(*args, "--db", db_url)
        assert r.exit_code == 2, (args, r.output)
        assert message in r.stderr and "Traceback" not in r.output
    assert row_counts(db_url) == before


def test_default_location_and_env(tmp_path, monkeypatch):
    from reviewer.register.db import database_url

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REVIEWER_DB", raising=False)
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path / "home"))
    assert database_url() == f"sqlite:///{tmp_path / 'home' / 'register.sqlite3'}"
    assert (tmp_path / "home").is_dir() and not (tmp_path / "reviewer-data").exists()
    monkeypatch.setenv("REVIEWER_DB", str(tmp_path / "x" / "r.db"))
    assert database_url() == f"sqlite:///{tmp_path / 'x' / 'r.db'}"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_unreachable_database_is_a_chinese_error():
    from reviewer.register import open_register

    with pytest.raises(RegisterError, match="无法连接"):
        open_register("postgresql+psycopg://nobody:x@127.0.0.1:1/none")
