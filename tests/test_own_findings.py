"""The reviewer's own findings (issue 13): added on the command line to a filed document, they
are placed on the provision or the quoted words, recorded as the reviewer's, and flow like a
kept finding of the tool into the verdict, the annotated Word copy, the opinion and the
annual report. Rewording a tool finding replaces its wording everywhere it is printed. The
annual report's cleanup annex follows the reviewer's decisions, and counts organs from the
filings."""

from __future__ import annotations

import hashlib
import json

import docx
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from register_support import FILINGS, SAMPLES, file_samples
from reviewer.cli import main
from reviewer.outputs.annotated_docx import anchored_texts
from reviewer.own_findings import OwnFindingError, locate, own_finding, parse_category, parse_severity
from reviewer.register.filings import add_filing, decide, show_filing
from reviewer.reports.annual import build_annual_report
from reviewer.reports.annual_render import to_markdown
from reviewer.review import review_file

DUST = SAMPLES / "03_qingchuan_illegal_building_dust.docx"
PREPAID = SAMPLES / "01_qingchuan_prepaid_consumption.docx"
QUOTE = "责成有关部门采取查封施工现场、强制拆除等措施"
PROBLEM = "区县人民政府责成有关部门查封施工现场，未写明实施查封的法定主体和程序"
EXPLANATION = "查封是行政强制法第九条规定的行政强制措施，应当由法律、法规规定的行政机关在法定职权范围内实施。"
SUGGESTION = "写明由城乡规划主管部门依照《中华人民共和国行政强制法》规定的程序实施。"


@pytest.fixture(scope="module")
def dust():
    return review_file(DUST, as_of="2025-05-06").document


def test_locate_by_provision_quote_and_both(dust):
    start, end, label = locate(dust, quote=QUOTE)
    assert dust.text[start:end] == QUOTE and label == "第十条"
    start, end, label = locate(dust, provision="第 七 条")
    assert label == "第七条" and dust.text[start:end].startswith("第七条") and "\n" not in dust.text[start:end]
    # a quote copied from the page with a line break in it is still found, inside the provision named
    start, end, label = locate(dust, provision="第十条", quote="查封施工现场、\n强制拆除")
    assert dust.text[start:end] == "查封施工现场、强制拆除" and label == "第十条"
    assert locate(dust) == (0, 0, None)


def test_locate_refuses_in_chinese(dust):
    with pytest.raises(OwnFindingError, match="找不到“第九十条”"):
        locate(dust, provision="第九十条")
    with pytest.raises(OwnFindingError, match="第五条中找不到所引原文"):
        locate(dust, provision="第五条", quote=QUOTE)
    with pytest.raises(OwnFindingError, match="问题类别"):
        parse_category("乱七八糟")
    assert parse_category("违法设定行政强制") == "ultra_vires.coercion"
    assert parse_severity("需研判") == "warning"


def test_own_finding_counts_in_the_verdict(dust):
    from reviewer.cleanup import judge

    f = own_finding(
        dust,
        category="ultra_vires.coercion",
        severity="error",
        quote=QUOTE,
        message=PROBLEM,
        explanation=EXPLANATION,
        suggestion=SUGGESTION,
    )
    assert f.by_reviewer and f.to_json()["source"] == "reviewer"
    assert judge(dust, [], "2025-05-06").conclusion == "合法"
    verdict = judge(dust, [f], "2025-05-06")
    assert verdict.category == "modify" and verdict.conclusion == "修改后合法"
    assert "第十条存在违法设定行政强制问题" in verdict.reasons[0]


def _run(args, db, ok=True):
    result = CliRunner().invoke(main, [*args, "--db", db])
    assert (result.exit_code == 0) == ok, result.output
    return result.output


def _docx_text(path) -> str:
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


def test_cli_add_flows_into_comment_opinion_and_report(db_url, tmp_path):
    _run(
        [
            "filing",
            "add",
            str(DUST),
            "--issuer",
            "青川市人民政府",
            "--published",
            "2025-04-10",
            "--received",
            "2025-05-06",
        ],
        db_url,
    )
    before = json.loads(_run(["filing", "show", "1", "--format", "json"], db_url))
    assert before["cleanup"]["conclusion"] == "合法"
    out = _run(
        [
            "filing",
            "add-finding",
            "1",
            "--provision",
            "第十条",
            "--quote",
            QUOTE,
            "--category",
            "违法设定行政强制",
            "--severity",
            "须修改",
            "--problem",
            PROBLEM,
            "--explanation",
            EXPLANATION,
            "--basis",
            "《中华人民共和国行政强制法》第九条、第十七条",
            "--suggestion",
            SUGGESTION,
            "--by",
            "李审核",
        ],
        db_url,
    )
    no = len(before["findings"]) + 1
    assert f"补充第 {no} 项" in out
    shown = json.loads(_run(["filing", "show", "1", "--format", "json"], db_url))
    own = shown["findings"][-1]
    assert (own["source"], own["added_by"], own["decision"], own["provision"], own["text"]) == (
        "reviewer",
        "李审核",
        "confirmed",
        "第十条",
        QUOTE,
    )
    assert shown["cleanup"]["category"] == "modify" and shown["cleanup"]["conclusion"] == "修改后合法"
    assert "审核人员补充" in _run(["filing", "show", "1"], db_url)
    # a finding the reviewer added is withdrawn, not dismissed
    assert "不需要决定是否采纳" in _run(["filing", "decide", "1", str(no), "dismiss"], db_url, ok=False)

    # The annotated copy: a comment on the quoted words, marked as the reviewer's.
    annotated = tmp_path / "批注.docx"
    _run(["filing", "annotate", "1", "--out", str(annotated), "--source", str(DUST)], db_url)
    comments = [(w, c) for w, c in anchored_texts(annotated) if "审核人员补充" in c]
    assert len(comments) == 1
    words, comment = comments[0]
    assert words == QUOTE and PROBLEM in comment and SUGGESTION in comment and "第十条" in comment

    # The opinion: the provision, the words, the reasoning and the suggestion; its conclusion the verdict's.
    opinion = tmp_path / "意见.docx"
    out = _run(
        ["filing", "opinion", "1", "--out", str(opinion), "--org", "青川市司法局", "--date", "2025-05-20"], db_url
    )
    assert "修改后合法" in out
    text = _docx_text(opinion)
    assert "关于第十条" in text and QUOTE in text and PROBLEM in text and EXPLANATION in text and SUGGESTION in text
    assert "审核结论为：修改后合法" in text and "《中华人民共和国行政强制法》第九条" in text

    # The year's report: counted as confirmed, said to be the reviewer's, and the typical case.
    register_url = db_url
    from reviewer.register import open_register

    reg = open_register(register_url)
    try:
        fig = build_annual_report(reg, 2025, charts=False).figures
        md = to_markdown(build_annual_report(reg, 2025, charts=False))
    finally:
        reg.close()
    assert (fig.findings_own, fig.findings_confirmed, fig.defective) == (1, 1, 1)
    assert (
        fig.findings_confirmed == fig.findings_total - fig.findings_dismissed - fig.findings_pending + fig.findings_own
    )
    assert [c.category for c in fig.categories] == ["ultra_vires.coercion"]
    assert "审核人员另行发现问题1项" in md
    assert fig.cases and fig.cases[0].by_reviewer and fig.cases[0].words == QUOTE
    assert "经审核人员审查发现" in md and EXPLANATION.rstrip("。") in md

    # Withdrawn, it is gone from the verdict again.
    _run(["filing", "remove-finding", "1", str(no)], db_url)
    assert json.loads(_run(["filing", "show", "1", "--format", "json"], db_url))["cleanup"]["conclusion"] == "合法"


def test_reworded_tool_finding_replaces_the_wording_everywhere(register, db_url, tmp_path):
    filing = add_filing(
        register, PREPAID, issuer="青川市市场监督管理局", published="2025-03-14", received="2025-04-20"
    ).filing_id
    fine = next(f for f in show_filing(register, filing)["findings"] if f["text"] == "处一万元以上三万元以下罚款")
    mine = "删除罚款的规定，违法行为依照《中华人民共和国消费者权益保护法》第五十六条处理。"
    decide(register, filing, fine["no"], "confirm", wording={"suggestion": mine}, by="李审核")
    decide(register, filing, fine["no"], "confirm", note="再次确认")  # the wording carries over
    shown = next(f for f in show_filing(register, filing)["findings"] if f["no"] == fine["no"])
    assert shown["suggestion"] == mine and shown["reworded"] == ["suggestion"]
    opinion, annotated = tmp_path / "o.docx", tmp_path / "a.docx"
    _run(["filing", "opinion", str(filing), "--out", str(opinion)], db_url)
    _run(["filing", "annotate", str(filing), "--out", str(annotated)], db_url)
    assert mine in _docx_text(opinion)
    assert any(w == "处一万元以上三万元以下罚款" and mine in c for w, c in anchored_texts(annotated))


def test_migration_marks_existing_findings_as_the_tools(db_url):
    from reviewer.register import open_register
    from reviewer.register.db import make_engine, upgrade

    engine = make_engine(db_url)
    upgrade(engine, "0002")
    engine.dispose()
    reg = open_register(db_url)  # 0002 → head: findings of an old register are the tool's
    try:
        filing = add_filing(reg, DUST, issuer="青川市人民政府", published="2025-04-10", received="2025-05-06").filing_id
    finally:
        reg.close()
    engine = make_engine(db_url)
    with engine.connect() as c:
        cols = {col["name"] for col in sa.inspect(c).get_columns("findings")}
    engine.dispose()
    assert {"source", "added_by"} <= cols and filing == 1


def _results_line(path, category=None) -> str:
    from reviewer.outputs import review_to_json

    review = review_file(path, as_of="2025-12-01")
    data = review_to_json(review)
    data["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return json.dumps(data, ensure_ascii=False)


def test_cleanup_annex_uses_the_human_outcome(register, tmp_path):
    from reviewer.register.cleanup_outcomes import import_results

    filing = add_filing(
        register, PREPAID, issuer="青川市市场监督管理局", published="2025-03-14", received="2025-04-20"
    ).filing_id
    for f in show_filing(register, filing)["findings"]:
        decide(register, filing, f["no"], "dismiss", note="经核实不存在问题")
    results = tmp_path / "results.jsonl"
    line = _results_line(PREPAID)
    assert json.loads(line)["cleanup"]["category"] == "modify"  # the tool proposes 修改
    results.write_text(line + "\n", encoding="utf-8")
    import_results(register, results, year=2025)
    report = build_annual_report(register, 2025, charts=False)
    fig = report.figures
    assert fig.cleanup["remain"] == 1 and fig.cleanup["modify"] == 0
    (item,) = fig.cleanup_items["remain"]
    assert item["reasons"] and not any("存在" in r and "问题" in r for r in item["reasons"])
    md = to_markdown(report)
    annex = md[md.index("清理结果目录") :]
    assert "违法设定行政许可" not in annex and "建议修改" not in annex


def test_issuers_are_counted_from_the_filings(register):
    ids = file_samples(register)
    # two more filings in 2025: the 2024 document reported again, and the 05 document's PDF
    add_filing(
        register,
        SAMPLES / "04_linjiang_construction_waste_interim.pdf",
        issuer="临江县人民政府",
        published="2024-06-21",
        received="2025-01-08",
    )
    add_filing(
        register,
        SAMPLES / "05_linjiang_employment_subsidy.pdf",
        issuer="临江县人力资源和社会保障局",
        published="2025-05-18",
        received="2025-07-02",
    )
    fig = build_annual_report(register, 2025, charts=False).figures
    issuers_2025 = {issuer for name, issuer, _, received, _ in FILINGS if received.startswith("2025")} | {
        "临江县人民政府"
    }
    assert fig.filings_received == 8 and len(issuers_2025) == 6
    assert fig.issuers == 6
    assert ids
