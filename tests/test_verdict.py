"""One verdict (docs/cleanup.md): the cleanup category and the opinion's conclusion come from
reviewer.cleanup.judge over the findings a reviewer keeps, and every output says the same."""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import shutil
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from conftest import require

from reviewer.cleanup import CONCLUSIONS, Facts, effect, judge, verdict_of, _policy
from reviewer.cli import main
from reviewer.model import CATEGORIES, SEVERITIES, Finding
from reviewer.outputs.opinion_docx import opinion_docx_bytes
from reviewer.review import load_profile, review_file, review_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpus" / "samples"
LABELS = ROOT / "corpus" / "real_labels" / "findings"
REAL_DOCS = ROOT.parent / "shared" / "real" / "corpus" / "docs"
AS_OF = "2026-11-23"


def _rule_example(pack: str, rule: str, n: int = 0) -> str:
    data = yaml.safe_load((ROOT / "rules" / pack / f"{rule}.yaml").read_text(encoding="utf-8"))
    return data["examples"]["bad"][n].replace("<m>", "").replace("</m>", "")


def _finding(category="ultra_vires.penalty", severity="error", start=0, provision="第一条", rule="T1"):
    return Finding(
        rule=rule,
        category=category,
        severity=severity,
        text="处五千元罚款",
        start=start,
        end=start + 6,
        provision=provision,
        basis="《中华人民共和国行政处罚法》第十六条",
        explanation="",
        suggestion="",
    )


# ------------------------------------------------------------------ the policy is data


def test_every_category_and_severity_has_a_defined_effect():
    policy = _policy(load_profile(None))
    for category, severity in itertools.product(CATEGORIES, SEVERITIES):
        assert effect(_finding(category, severity), policy) in ("modify", "abolish", "none"), (category, severity)
    # errors always change the verdict: a document `check` fails is never proposed to remain
    for category in CATEGORIES:
        assert effect(_finding(category, "error"), policy) != "none", category


def test_the_effects_come_from_the_profile():
    profile = load_profile(None)
    strict = {
        **profile,
        "verdict": {
            **profile["verdict"],
            "effects": {"default": {"error": "modify", "warning": "none", "info": "none"}},
        },
    }
    doc = review_text(_rule_example("superior_law", "SL005"), as_of=AS_OF).document
    renumbered = [
        f for f in review_text(_rule_example("superior_law", "SL005"), as_of=AS_OF).findings if f.rule == "SL005"
    ]
    assert judge(doc, renumbered, AS_OF, profile).category == "modify"
    assert judge(doc, renumbered, AS_OF, strict).category == "remain"


# ------------------------------------------------------------------ what makes modify


def test_a_renumbered_law_citation_makes_modify():
    review = review_text(_rule_example("superior_law", "SL005"), as_of=AS_OF)
    assert [f.rule for f in review.findings if f.category == "superior_law.conflict"] == ["SL005"]
    assert review.verdict.category == "modify" and review.verdict.conclusion == "修改后合法", review.verdict
    assert any("与上位法相抵触" in r for r in review.verdict.reasons)


def test_an_over_long_validity_makes_modify():
    review = review_text(_rule_example("procedure", "PR002"), as_of="2024-06-01")
    validity = [f for f in review.findings if f.rule == "PR002"]
    assert validity and validity[0].severity == "error"
    assert review.verdict.category == "modify" and review.verdict.conclusion == "修改后合法"
    assert any("有效期" in r for r in review.verdict.reasons)


@pytest.mark.parametrize("pack,rule", [("procedure", "PR003"), ("superior_law", "SL004")])
def test_an_error_fails_check_and_makes_modify(pack, rule, tmp_path):
    text = _rule_example(pack, rule)
    path = tmp_path / "送审稿.txt"
    path.write_text(text, encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--as-of", "2024-06-01"])
    out = json.loads(res.output)
    assert res.exit_code == 1 and any(f["rule"] == rule and f["severity"] == "error" for f in out["findings"])
    assert out["cleanup"]["category"] == "modify" and out["cleanup"]["conclusion"] == "修改后合法", out["cleanup"]
    text_out = CliRunner().invoke(main, ["check", str(path), "--as-of", "2024-06-01"]).output
    assert "清理意见：修改" in text_out and "审核结论：修改后合法" in text_out


# ------------------------------------------------------------------ abolish: the main content only


def test_one_pasted_provision_with_one_fine_is_not_abolished():
    review = review_text("第五条 违反本办法规定的，由市场监督管理部门处五千元以上一万元以下罚款。", as_of=AS_OF)
    assert review.document.kind == "fragment" and [f.category for f in review.findings] == ["ultra_vires.penalty"]
    assert review.verdict.category == "modify" and review.verdict.conclusion == "修改后合法"


SHORT = """青川市商务局关于印发《青川市预付卡管理办法》的通知
青商发〔2024〕3号
现印发给你们。
青川市商务局
2024年3月1日
青川市预付卡管理办法
第一条 为规范预付卡经营，制定本办法。
第二条 经营者发售预付卡，应当经市商务局审批。
第三条 违反本办法规定的，由市商务局处五千元罚款。
第四条 本办法自2024年4月1日起施行，有效期5年。"""


def test_two_findings_in_a_short_document_are_not_abolished():
    review = review_text(SHORT, as_of="2024-06-01")
    assert len({f.provision for f in review.findings if f.severity == "error"}) == 2  # half of the articles
    assert review.verdict.category == "modify", review.verdict


def test_no_one_or_two_findings_abolish_a_document_whose_whole_set_does():
    review = review_file(SAMPLES / "02_donghu_investment_measures.docx", as_of=AS_OF)
    assert review.verdict.category == "abolish" and review.verdict.conclusion == "不合法"
    assert "主要内容与上位法相抵触" in review.verdict.reasons[0]
    for pair in itertools.combinations(review.findings, 2):
        assert verdict_of(review, list(pair)).category != "abolish"
    for f in review.findings:
        assert verdict_of(review, [f]).category != "abolish"


def test_abolish_is_measured_against_the_provisions():
    facts = Facts(provisions=tuple((i * 100, i * 100 + 100) for i in range(10)), name="某办法")
    three = [_finding(start=i * 100 + 5, provision=f"第{i + 1}条") for i in range(3)]
    four = [_finding(start=i * 100 + 5, provision=f"第{i + 1}条") for i in range(4)]
    assert judge(facts, three, AS_OF, load_profile(None)).category == "modify"  # 30%
    assert judge(facts, four, AS_OF, load_profile(None)).category == "abolish"  # 40%
    # many findings in one article are one article
    same = [_finding(start=5 + i, provision="第一条") for i in range(20)]
    assert judge(facts, same, AS_OF, load_profile(None)).category == "modify"


# ------------------------------------------------------------------ void


def test_void_when_the_whole_basis_was_repealed_after_the_document():
    text = SHORT.replace("2024", "2019").replace(
        "为规范预付卡经营，", "为规范预付卡经营，根据《中华人民共和国合同法》，"
    )
    text = text.replace(
        "第二条 经营者发售预付卡，应当经市商务局审批。\n第三条 违反本办法规定的，由市商务局处五千元罚款。\n",
        "第二条 经营者应当与消费者签订书面合同。\n",
    ).replace("有效期5年", "有效期10年")
    review = review_text(text.replace("有效期10年", "有效期5年"), as_of="2023-01-01")
    assert review.verdict.category == "void" and "失去制定依据" in review.verdict.reasons[0], review.verdict
    # cited when already repealed: a drafting error to correct, not a basis lost
    later = review_text(text.replace("2019", "2022").replace("有效期10年", "有效期5年"), as_of="2023-01-01")
    assert later.verdict.category == "modify", later.verdict
    # the reviewer dismisses the repealed-law finding: nothing is lost
    assert verdict_of(review, [f for f in review.findings if f.rule != "SL001"]).category == "remain"


def test_a_lapsed_document_is_void_and_its_conclusion_judges_its_content():
    text = SHORT.replace("2024", "2018")
    review = review_text(text, as_of=AS_OF)
    assert review.verdict.category == "void" and "届满" in review.verdict.reasons[0]
    assert review.verdict.conclusion == "修改后合法"  # the licence and the fine, not the lapse
    clean = review_text(
        text.replace("应当经市商务局审批", "应当明码标价").replace("由市商务局处五千元罚款", "依法处理"), as_of=AS_OF
    )
    assert clean.verdict.category == "void" and clean.verdict.conclusion == "合法", clean.verdict


# ------------------------------------------------------------------ the reviewer's decisions


def test_dismissed_findings_are_left_out_everywhere(tmp_path):
    from reviewer.register import open_register
    from reviewer.register.cleanup_outcomes import record_outcome
    from reviewer.register.filings import add_filing, decide, show_filing

    path = tmp_path / "预付卡.txt"
    path.write_text(SHORT, encoding="utf-8")
    register = open_register(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    try:
        fid = add_filing(
            register, path, issuer="青川市商务局", published="2024-03-02", received="2024-03-20", today=date(2024, 6, 1)
        ).filing_id
        shown = show_filing(register, fid)
        assert shown["cleanup"]["category"] == "modify" and shown["cleanup"]["conclusion"] == "修改后合法"
        for f in shown["findings"]:
            decide(register, fid, f["no"], "dismiss", note="经审查，不构成问题")
        shown = show_filing(register, fid)
        assert shown["cleanup"]["category"] == "remain" and shown["cleanup"]["conclusion"] == "合法", shown["cleanup"]
        assert record_outcome(register, fid, year=2024, category=None, reasons=[]) == "remain"
        from sqlalchemy import select

        from reviewer.register.models import CleanupOutcome

        with register.transaction() as s:
            row = s.scalar(select(CleanupOutcome))
            assert row.category == "remain" and "建议继续有效" in row.reasons[0], row.reasons
    finally:
        register.close()
    # the opinion over the kept findings says the same
    review = review_text(SHORT, as_of="2024-03-20")
    assert verdict_of(review, []).conclusion == "合法"
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(opinion_docx_bytes(review, kept=[]))).paragraphs)
    assert "审核结论为：合法" in text


# ------------------------------------------------------------------ the same verdict in every output


def _real_documents() -> list[Path]:
    out = []
    for label in sorted(LABELS.glob("*.yaml")):
        data = yaml.safe_load(label.read_text(encoding="utf-8"))
        path = REAL_DOCS / data["file"]
        if path.is_file() and hashlib.sha1(path.read_bytes()).hexdigest() == data["sha1"]:
            out.append(path)
    return out


def _corpus(tmp_path) -> list[Path]:
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".docx", ".pdf"))
    require("shared", REAL_DOCS)
    real = _real_documents()
    assert real, f"no labelled real document at {REAL_DOCS} has the sha1 its label records"
    folder = tmp_path / "docs"
    folder.mkdir()
    copies = []
    for p in files + real:
        target = folder / p.name
        shutil.copyfile(p, target)
        copies.append(target)
    return copies


def _opinion_conclusion(review) -> str:
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(opinion_docx_bytes(review))).paragraphs)
    found = [c for c in ("审核结论为：合法", "审核结论为：修改后合法", "审核结论为：不合法") if c in text]
    assert len(found) == 1, review.file
    return found[0].split("：")[1]


def test_check_opinion_cleanup_register_and_report_give_one_verdict(tmp_path):
    from sqlalchemy import select

    from reviewer.batch import CleanupOptions, run_cleanup
    from reviewer.register import open_register
    from reviewer.register.cleanup_outcomes import import_results
    from reviewer.register.filings import add_filing, show_filing
    from reviewer.register.models import CleanupOutcome
    from reviewer.reports.annual_figures import compute

    files = _corpus(tmp_path)
    # check: the JSON contract, and the exit code it implies
    res = CliRunner().invoke(main, ["check", *map(str, files), "--format", "json", "--as-of", AS_OF])
    checked = {Path(o["file"]).name: o for o in json.loads(res.output)}
    assert len(checked) == len(files)
    assert res.exit_code == (1 if any(f["severity"] == "error" for o in checked.values() for f in o["findings"]) else 0)
    verdicts = {}
    for name, o in checked.items():
        v = (o["cleanup"]["category"], o["cleanup"]["conclusion"])
        verdicts[name] = v
        if any(f["severity"] == "error" for f in o["findings"]):
            assert v[0] != "remain" and v[1] != "合法", (name, v)  # exit 1 is never 继续有效 / 合法
        if v[0] != "void" and o["document"]["is_normative"]:
            assert CONCLUSIONS[v[0]] == v[1], (name, v)

    # opinion
    for path in files:
        review = review_file(path, as_of=AS_OF)
        assert (review.verdict.category, review.verdict.conclusion) == verdicts[path.name]
        assert _opinion_conclusion(review) == verdicts[path.name][1], path.name

    # cleanup lists: results.jsonl and the four sheets of 清理结果.xlsx
    out = tmp_path / "out"
    run_cleanup(CleanupOptions(paths=[str(tmp_path / "docs")], as_of=AS_OF, out=str(out), workers=2, progress=False))
    jsonl = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    for line in jsonl:
        assert (line["cleanup"]["category"], line["cleanup"]["conclusion"]) == verdicts[Path(line["file"]).name]
    wb = openpyxl.load_workbook(out / "清理结果.xlsx", read_only=True)
    listed = 0
    # the printed lists carry no path: the internal sheet leads from (list, row number) to the file
    sources = {(r[0], r[1]): r[3] for r in list(wb["源文件位置（内部）"].iter_rows(values_only=True))[1:]}
    for sheet, category in (("继续有效", "remain"), ("修改", "modify"), ("废止", "abolish"), ("宣布失效", "void")):
        rows = list(wb[sheet].iter_rows(values_only=True))
        assert "源文件" not in rows[0]
        for row in rows[1:]:
            path = sources.get((sheet, row[0]))
            if path:
                listed += 1
                assert verdicts[Path(path).name][0] == category, (path, sheet)
    assert listed >= len(files) - 3 - sum(1 for o in checked.values() if not o["document"]["is_normative"])

    # register: each document filed as of the same date; then the year's cleanup imported for the report
    register = open_register(f"sqlite:///{tmp_path / 'register.sqlite3'}")
    try:
        sha_of = {}
        for path in files:
            if path.suffix == ".pdf" and path.with_suffix(".docx").exists():
                continue  # the same document as its .docx: a duplicate filing
            fid = add_filing(
                register, path, issuer="测试机关", published=AS_OF, received=AS_OF, today=date.fromisoformat(AS_OF)
            ).filing_id
            shown = show_filing(register, fid)
            assert (shown["cleanup"]["category"], shown["cleanup"]["conclusion"]) == verdicts[path.name], path.name
            sha_of[shown["sha256"]] = path.name
        import_results(register, out / "results.jsonl", year=2026)
        with register.transaction() as s:
            rows = list(s.scalars(select(CleanupOutcome)))
            by_sha = {r.sha256: r.category for r in rows}
            fig = compute(s, 2026, made_on=date.fromisoformat(AS_OF))
        for line in jsonl:
            if line["sha256"] in by_sha:
                assert by_sha[line["sha256"]] == verdicts[Path(line["file"]).name][0]
        assert sum(fig.cleanup.values()) == len(rows)
        for category, items in fig.cleanup_items.items():
            assert len(items) == sum(1 for c in by_sha.values() if c == category)
    finally:
        register.close()
