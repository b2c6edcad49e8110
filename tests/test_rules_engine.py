"""The rule loader, the generated docs, the spaCy pipeline and the cleanup policy."""

import textwrap

import pytest

from reviewer.errors import RuleError
from reviewer.nlp import analyze, get_pipeline
from reviewer.review import load_profile, review_text
from reviewer.ruledocs import SECTIONS, render_rule_docs
from reviewer.rules import load_rules
from reviewer.rules.loader import load_rule

GOOD_RULE = """\
id: UV901
title: 测试规则
category: ultra_vires.penalty
severity: error
check: pattern
pattern:
  keywords: [罚款]
  match: ['(?P<hit>处\\\\d+元罚款)']
message: 设定罚款。
explanation: 说明。
suggestion: 建议。
basis:
  - title: 中华人民共和国行政处罚法
    article: 第十六条
examples:
  bad: ["<m>处5元罚款</m>。", "违者<m>处10元罚款</m>。", "<m>处20元罚款</m>。"]
  good: ["不罚款。", "依法处理。", "无。"]
"""


def write(tmp_path, name, body):
    p = tmp_path / "pack" / f"{name}.yaml"
    p.parent.mkdir(exist_ok=True)
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    return p


def test_a_valid_rule_loads(tmp_path):
    rule = load_rule(write(tmp_path, "UV901", GOOD_RULE))
    assert rule.basis_text == "《中华人民共和国行政处罚法》第十六条"


@pytest.mark.parametrize(
    "change,message",
    [
        (("  - title: 中华人民共和国行政处罚法\n    article: 第十六条\n", ""), "basis"),
        (("category: ultra_vires.penalty", "category: ultra_vires.nonsense"), "unknown category"),
        (('  good: ["不罚款。", "依法处理。", "无。"]', '  good: ["不罚款。"]'), "at least 3"),
        (("<m>处5元罚款</m>", "处5元罚款"), "mark the span"),
        (("check: pattern", "check: magic"), "unknown check type"),
    ],
)
def test_invalid_rules_are_rejected_with_file_and_reason(tmp_path, change, message):
    body = GOOD_RULE.replace(*change)
    if "basis:\n" in body and "title:" not in body.split("basis:")[1].split("examples")[0]:
        body = body.replace("basis:\n", "basis: []\n")
    with pytest.raises(RuleError) as err:
        load_rule(write(tmp_path, "UV901", body))
    assert "UV901.yaml" in str(err.value) and message in str(err.value)


def test_rule_id_must_equal_file_name(tmp_path):
    with pytest.raises(RuleError):
        load_rule(write(tmp_path, "UV902", GOOD_RULE))


def test_rule_docs_have_every_section_for_every_rule():
    docs = render_rule_docs()
    for rule in load_rules():
        part = docs.split(f"## {rule.id} ")[1].split("\n## ")[0]
        for section in SECTIONS:
            assert f"### {section}" in part, (rule.id, section)


def test_every_rule_cites_a_basis_and_speaks_chinese():
    for rule in load_rules():
        assert rule.basis and all(b.title for b in rule.basis)
        for text in (rule.message, rule.explanation, rule.suggestion):
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text), rule.id


def test_pipeline_is_blank_chinese_with_our_components():
    nlp = get_pipeline()
    assert nlp.lang == "zh"
    assert nlp.pipe_names == [
        "reviewer_doc_numbers",
        "reviewer_dates",
        "reviewer_citations",
        "reviewer_organs",
        "reviewer_scope",
    ]


def test_pipeline_marks_spans():
    doc = analyze(
        "依照《中华人民共和国行政处罚法》第十六条，青川市市场监督管理局于2024年3月1日印发青市监发〔2024〕3号，不得指定交易。"
    )
    assert [s.text for s in doc.spans["citations"]][0] == "《中华人民共和国行政处罚法》第十六条"
    assert [s.text for s in doc.spans["dates"]] == ["2024年3月1日"]
    assert [s.text for s in doc.spans["doc_numbers"]] == ["青市监发〔2024〕3号"]
    assert "青川市市场监督管理局" in [s.text for s in doc.spans["organs"]]
    assert [t.text for t in doc if t._.negated][:2] == ["得", "指"]


def test_exception_in_the_same_article_lowers_the_severity():
    plain = review_text("第九条 对新引进的总部企业，按其缴纳税款地方留成部分的50%给予奖励。")
    excepted = review_text(
        "第九条 对新引进的总部企业，按其缴纳税款地方留成部分的50%给予奖励。法律、行政法规另有规定的，从其规定。"
    )
    assert [f.severity for f in plain.findings] == ["error"]
    assert [f.severity for f in excepted.findings] == ["warning"]


NOTICE = """青川市人民政府关于印发《青川市停车场管理办法》的通知
青政规〔2019〕2号
现印发给你们。
青川市人民政府
2019年4月8日
青川市停车场管理办法
第一条 为了规范停车场管理，制定本办法。
第二条 停车场经营者应当明码标价。
第三条 本办法自2019年5月1日起施行，有效期5年。"""


@pytest.mark.parametrize(
    "text,as_of,category",
    [
        (NOTICE, "2026-11-23", "void"),
        (NOTICE, "2023-01-01", "remain"),
        (NOTICE.replace("明码标价。", "明码标价，违者处500元罚款。"), "2023-01-01", "modify"),
        ("青川市2023年安全生产工作要点\n一、总体要求\n做好工作。", "2026-11-23", "void"),
        ("东湖区2023年法治政府建设年度报告\n一、主要成效\n依法行政。", "2026-11-23", "remain"),
    ],
)
def test_cleanup_policy(text, as_of, category):
    review = review_text(text, as_of=as_of)
    assert review.verdict.category == category, review.verdict.reasons
    assert review.verdict.reasons


PROVISIONAL = NOTICE.replace("停车场管理办法", "停车场管理暂行办法").replace("，有效期5年", "")


@pytest.mark.parametrize("years,category", [(2, "modify"), (5, "remain")])
def test_provisional_limit_comes_from_the_profile(years, category):
    # in force since 2019-05-01; on 2023-01-01 that is over 2 years but under 5. Without the
    # validity finding (a jurisdiction that does not require one) only the time in force counts.
    profile = {**load_profile(None), "provisional_max_years": years, "require_validity": False}
    review = review_text(PROVISIONAL, as_of="2023-01-01", profile=profile)
    assert review.verdict.category == category, review.verdict.reasons
    if category == "modify":
        assert any(f"超过{years}年" in r for r in review.verdict.reasons)
    # Where a validity period is required, its absence is an error of a 暂行 document: modify either way.
    strict = review_text(
        PROVISIONAL, as_of="2023-01-01", profile={**load_profile(None), "provisional_max_years": years}
    )
    assert strict.has_errors and strict.verdict.category == "modify", strict.verdict.reasons


def test_committed_rule_docs_are_up_to_date():
    from pathlib import Path

    committed = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render_rule_docs(), "run: reviewer rules docs --out docs/rules.md"


def test_a_reviewers_verdict_naming_the_law_broken_is_no_restatement():
    case = "某县人民政府印发的管理办法规定，对违规经营者处以2000元罚款，该规定违反《中华人民共和国行政处罚法》第十六条的规定。"
    assert [f.rule for f in review_text(case).findings] == ["UV001"]
    restated = (
        "违反《中华人民共和国城乡规划法》规定，未取得建设工程规划许可证进行建设的，处建设工程造价百分之五的罚款。"
    )
    assert not review_text(restated).findings


def test_a_finding_in_a_quoted_provision_stops_at_the_closing_quote():
    case = "经审查，某区文件中“外地企业参加投标须在本区设立分公司”的规定，违反《公平竞争审查条例》第九条。"
    found = review_text(case).findings
    assert len(found) == 1 and found[0].text.endswith("须在本区设立分公司")
