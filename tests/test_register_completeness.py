"""Filing completeness (发文目录 against 报备目录) and cleanup outcomes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from register_support import SAMPLES, file_samples, row_counts
from reviewer.cli import main
from reviewer.register import RegisterError
from reviewer.register.cleanup_outcomes import import_results, record_outcome
from reviewer.register.completeness import completeness, import_issued, render_completeness, stated_reason
from reviewer.register.filings import add_filing

HEADER = "文号,标题,公布日期,施行日期,是否规范性文件,立即施行理由\n"
LIST = HEADER + (
    "东政发〔2025〕3号,东湖区促进招商引资高质量发展若干措施,2025-02-19,2025-03-01,是,\n"
    "东政发[2025]7号,东湖区城市道路停车管理办法,2025-06-02,2025-06-02,是,\n"  # never filed, immediate
    "东政发〔2025〕9号,东湖区应急物资储备办法,2025-07-01,2025-07-01,是,因应对汛期需要立即施行\n"  # reason given
    "东政发〔2025〕11号,东湖区人民政府2025年工作要点,2025-03-01,,否,\n"  # not normative
    "东政发〔2024〕30号,东湖区某旧办法,2024-12-01,2025-01-01,是,\n"  # other year
)


def test_stated_reason_is_read_from_the_effective_clause():
    assert stated_reason("第二十条 本办法因应对突发公共卫生事件需要，自公布之日起施行。")
    assert stated_reason("为保障汛期防汛物资供应，确需立即实施，本办法自印发之日起施行。")
    assert stated_reason("第十六条 本规定自印发之日起施行。") is None
    assert stated_reason("本办法自2025年4月1日起施行，有效期5年。") is None


def test_completeness_diff(register, tmp_path):
    ids = file_samples(register)
    add_filing(
        register,
        SAMPLES / "02_donghu_investment_measures.docx",
        issuer="东湖区人民政府",
        published="2025-02-19",
        received="2025-04-30",
    )  # third report of the same file
    late = tmp_path / "late.txt"
    late.write_text(
        "东湖区人民政府关于印发《东湖区夜间经济促进办法》的通知\n东政发〔2025〕15号\n"
        "第一条 为促进夜间经济发展，制定本办法。\n第二条 本办法自2025年9月1日起施行，有效期5年。\n",
        encoding="utf-8",
    )
    add_filing(register, late, issuer="东湖区人民政府", published="2025-08-01", received="2025-09-20")
    csv_path = tmp_path / "发文目录.csv"
    csv_path.write_bytes(LIST.encode("gb18030"))  # as Excel saves it on Chinese Windows
    assert import_issued(register, csv_path, issuer="东湖区人民政府") == 5
    assert import_issued(register, csv_path, issuer="东湖区人民政府") == 5  # re-import replaces, not doubles
    r = completeness(register, issuer="东湖区人民政府", year=2025)
    assert r.listed == 3 and r.filed == 2
    assert [x["title"] for x in r.never_filed] == ["东湖区城市道路停车管理办法", "东湖区应急物资储备办法"]
    assert [x["title"] for x in r.filed_late] == ["东湖区夜间经济促进办法"]
    assert r.filed_late[0]["days_late"] == 20
    (twice,) = r.filed_twice
    assert twice["title"] == "东湖区促进招商引资高质量发展若干措施" and len(twice["received"]) == 3
    assert ids["02_donghu_investment_measures.pdf"] in twice["documents"][0]["filing_ids"]
    assert [x["title"] for x in r.not_listed] == ["东湖区夜间经济促进办法"]
    immediate = {x["title"]: x["days"] for x in r.immediate_without_reason}
    assert immediate == {"东湖区促进招商引资高质量发展若干措施": 10, "东湖区城市道路停车管理办法": 0}
    text = render_completeness(r)
    assert "一、未报备：2 件" in text and "逾期20日" in text and "三、重复报备：1 件" in text


def test_xlsx_list_and_bad_lists(register, db_url, tmp_path):
    from openpyxl import Workbook
    from datetime import date

    file_samples(register)
    wb = Workbook()
    ws = wb.active
    ws.append(["发文字号", "文件名称", "发布日期", "生效日期"])
    ws.append(["青市监发〔2025〕9号", "青川市预付式消费经营活动管理办法", date(2025, 3, 14), date(2025, 4, 1)])
    ws.append(["青市监发〔2025〕12号", "青川市某某规定", "2025年5月6日", None])
    path = tmp_path / "list.xlsx"
    wb.save(path)
    assert import_issued(register, path, issuer="青川市市场监督管理局") == 2
    r = completeness(register, issuer="青川市市场监督管理局", year=2025)
    assert [x["title"] for x in r.never_filed] == ["青川市某某规定"]
    assert [x["title"] for x in r.filed_late] == ["青川市预付式消费经营活动管理办法"]
    before = row_counts(db_url)
    bad = tmp_path / "bad.csv"
    bad.write_text("文号,名称,公布日期\n青政〔2025〕1号,某办法,2025-13-01\n", encoding="utf-8")
    with pytest.raises(RegisterError, match="第2行的公布日期"):
        import_issued(register, bad, issuer="青川市人民政府")
    bad.write_text("文号,日期\n青政〔2025〕1号,2025-01-01\n", encoding="utf-8")
    with pytest.raises(RegisterError, match="缺少必需的列"):
        import_issued(register, bad, issuer="青川市人民政府")
    with pytest.raises(RegisterError, match="没有制定机关"):
        completeness(register, issuer="不存在的局", year=2025)
    assert row_counts(db_url) == before


def test_cleanup_outcomes_import_and_record(register, db_url, tmp_path):
    ids = file_samples(register)
    from reviewer.register.filings import show_filing

    sha = show_filing(register, ids["03_qingchuan_illegal_building_dust.docx"])["sha256"]
    lines = [
        {
            "file": "a.docx",
            "sha256": sha,
            "document": {
                "title": "青川市城市规划区违法建设和施工扬尘治理办法",
                "doc_number": "青政规〔2025〕2号",
                "issuer": "青川市人民政府",
            },
            "findings": [],
            "cleanup": {"category": "remain", "reasons": ["未发现问题"]},
        },
        {
            "file": "b.docx",
            "sha256": "b" * 64,
            "document": {"title": "某工作要点"},
            "findings": [],
            "cleanup": {"category": "void", "reasons": ["年度任务已完成"]},
        },
        {"file": "c.pdf", "sha256": "c" * 64, "error": {"code": "encrypted", "reason": "加密"}},
        {
            "file": "a.pdf",
            "sha256": "d" * 64,
            "document": {
                "title": "青川市城市规划区违法建设和施工扬尘治理办法",
                "doc_number": "青政规[2025]2号",
            },  # the same document as PDF
            "findings": [],
            "cleanup": {"category": "remain", "reasons": []},
        },
    ]
    path = tmp_path / "results.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    counts = import_results(register, path, year=2025)
    assert (counts["imported"], counts["skipped"], counts["duplicates"], counts["remain"], counts["void"]) == (
        2,
        1,
        1,
        1,
        1,
    )
    assert import_results(register, path, year=2025)["imported"] == 2
    assert row_counts(db_url)["cleanup_outcomes"] == 2  # replaced, not doubled
    record_outcome(register, ids["01_qingchuan_prepaid_consumption.docx"], year=2025, category="modify", reasons=[])
    assert row_counts(db_url)["cleanup_outcomes"] == 3
    before = row_counts(db_url)
    path.write_text(path.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    with pytest.raises(RegisterError, match="第5行不是有效的 JSON"):
        import_results(register, path, year=2025)
    assert row_counts(db_url) == before


def test_cli_import_and_completeness(db_url, tmp_path):
    runner = CliRunner()
    csv_path = tmp_path / "list.csv"
    csv_path.write_text(LIST, encoding="utf-8-sig")
    r = runner.invoke(main, ["filing", "import-issued", str(csv_path), "--issuer", "东湖区人民政府", "--db", db_url])
    assert r.exit_code == 0 and "已导入" in r.output
    r = runner.invoke(main, ["filing", "completeness", "--issuer", "东湖区人民政府", "--year", "2025", "--db", db_url])
    assert r.exit_code == 0 and "一、未报备：3 件" in r.output
    r = runner.invoke(
        main,
        ["filing", "completeness", "--issuer", "东湖区人民政府", "--year", "2025", "--format", "json", "--db", db_url],
    )
    assert json.loads(r.output)["listed"] == 3
