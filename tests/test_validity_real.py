"""Validity on real layouts: each family of validity phrasing found in real documents,
written here as our own small example (never a real text), plus the floor on the team's
labelled real documents (corpus/real_labels/doctype)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import require

from reviewer.cleanup import propose_cleanup
from reviewer.model import Finding
from reviewer.structure import parse_document

ROOT = Path(__file__).resolve().parents[1]
REAL_DOCS = ROOT / ".." / "shared" / "real" / "corpus" / "docs"

HEAD = "青川市文化和旅游局关于印发青川市夜间文旅消费奖励办法的通知\n青文旅规〔2024〕2号\n各区县文化和旅游局：\n现将《青川市夜间文旅消费奖励办法》印发给你们，请认真贯彻执行。\n青川市文化和旅游局\n2024年3月8日\n"
MEASURE = (
    "青川市夜间文旅消费奖励办法\n第一条　为繁荣夜间文旅消费，制定本办法。\n第二条　符合条件的经营者可以申请奖励。\n"
)


def _doc(tail: str, head: str = HEAD):
    return parse_document(head + MEASURE + tail)


# ---------------------------------------------------------------- the document's own clause


def test_validity_years_counted_from_the_effective_date():
    d = _doc("第三条　本办法自2024年4月1日起施行，有效期5年。\n")
    # last day = effective + N years - 1 day
    assert d.effective_date == "2024-04-01" and d.valid_until == "2029-03-31" and d.validity_years == 5


def test_effective_on_issue_is_the_document_date():
    for verb in ("施行", "实行", "执行"):
        d = _doc(f"第三条　本办法自印发之日起{verb}，有效期三年。\n")
        assert d.effective_date == "2024-03-08", verb
        assert d.valid_until == "2027-03-07", verb


def test_effective_clause_without_its_zi_or_its_zhiri():
    d = _doc("第三条　本办法自发布起执行，有效期两年。\n")
    assert d.effective_date == "2024-03-08" and d.valid_until == "2026-03-07"
    d = _doc("第三条　本办法印发之日起施行。\n")
    assert d.effective_date == "2024-03-08"


def test_explicit_effective_date_without_its_qi():
    d = _doc("第三条　本办法自2024年4月1日实施，有效期5年。\n")
    assert d.effective_date == "2024-04-01" and d.valid_until == "2029-03-31"


def test_effective_clause_with_yu_after_the_documents_own_name():
    d = _doc("第三条　本办法于2024年5月1日起施行，有效期3年。\n")
    assert d.effective_date == "2024-05-01" and d.valid_until == "2027-04-30"
    d = _doc("第三条　本办法自2024年5月1日起正式施行。\n")
    assert d.effective_date == "2024-05-01"


def test_effective_on_issue_counts_from_the_day_printed_in_the_colophon():
    # the signature is dated 3月8日, the 版记 says it was sent out on 3月15日
    d = _doc(
        "第三条　本办法自印发之日起施行，有效期5年。\n抄送：市委办公室。\n青川市文化和旅游局办公室　　2024年3月15日印发\n"
    )
    assert d.date == "2024-03-08"
    assert d.effective_date == "2024-03-15" and d.valid_until == "2029-03-14"
    # an earlier date printed before the clause is not the colophon
    d = _doc("第三条　本办法自印发之日起施行，有效期5年。\n")
    assert d.effective_date == "2024-03-08"


def test_validity_years_in_a_sentence_of_its_own():
    # 附则 written as …由市文化和旅游局解释。有效期五年。: the subject is left out
    d = _doc("第三条　本办法由市文化和旅游局负责解释。有效期五年。\n第四条　本办法自2024年4月1日起施行。\n")
    assert d.valid_until == "2029-03-31"


def test_validity_until_a_date_on_a_run_on_line():
    text = (
        "青川市文化和旅游局关于发布夜间文旅消费奖励标准的通告青文旅〔2024〕5号为繁荣夜间文旅消费，现将奖励标准通告如下："
        "一、夜间营业满三个月的经营者每月奖励2000元。二、奖励资金由市级财政承担。本通告有效期至2025年12月31日。"
        "青川市文化和旅游局2024年5月6日\n"
    )
    d = parse_document(text)
    assert d.valid_until == "2025-12-31" and d.date == "2024-05-06"


def test_validity_of_a_certificate_or_designation_is_not_the_documents():
    d = _doc(
        "第三条　认定的夜间文旅消费示范街区有效期为三年。\n第四条　奖励资格证书有效期至2026年12月31日。\n"
        "第五条　本办法自2024年4月1日起施行。\n"
    )
    assert d.valid_until is None and d.validity_text is None


def test_validity_of_an_earlier_document_named_in_the_text_is_not_this_ones():
    text = HEAD.replace(
        "请认真贯彻执行。",
        "本局2021年印发的《青川市夜间文旅消费奖励暂行办法》（青文旅〔2021〕3号）试行有效期限为两年，现已届满。"
        "请认真贯彻执行。",
    )
    d = _doc("第三条　本办法自2024年4月1日起施行，有效期至2028年3月31日。\n", head=text)
    assert d.valid_until == "2028-03-31"
    d = _doc("第三条　本办法自2024年4月1日起施行。\n", head=text)
    assert d.valid_until is None


def test_provisional_document_with_a_trial_period():
    d = parse_document(
        (HEAD + MEASURE).replace("奖励办法", "奖励暂行办法") + "第三条　本办法自2024年4月1日起试行，试行期为两年。\n"
    )
    assert d.is_provisional and d.valid_until == "2026-03-31" and d.validity_years == 2
    d = parse_document(
        (HEAD + MEASURE).replace("奖励办法", "奖励暂行办法") + "第三条　本办法自2024年4月1日起施行，试行一年。\n"
    )
    assert d.valid_until == "2025-03-31"
    # an evaluation after a year of trial is no validity
    d = parse_document((HEAD + MEASURE) + "第三条　本办法自2024年4月1日起施行。试行1年后将开展实施效果评估。\n")
    assert d.valid_until is None


# ---------------------------------------------------------------- extended or shortened later


def test_a_later_extension_wins_over_the_original_clause():
    d = _doc("第三条　本办法自2019年7月1日起施行，有效期5年。\n经评估，本办法有效期延长至2029年6月30日。\n")
    assert d.valid_until == "2029-06-30"


def test_a_later_shortening_wins_over_the_original_clause():
    d = _doc("第三条　本办法自2024年4月1日起施行，有效期5年。\n根据上级要求，本办法有效期调整至2025年12月31日。\n")
    assert d.valid_until == "2025-12-31"


def test_a_certificate_extension_is_not_the_documents():
    d = _doc("第三条　本办法自2024年4月1日起施行，有效期5年。\n受疫情影响的，经营许可证有效期顺延至2025年6月30日。\n")
    assert d.valid_until == "2029-03-31"


# ---------------------------------------------------------------- execution windows


def test_execution_window_for_all_the_policies():
    text = (
        "青川市人民政府办公室关于支持夜间经济发展若干政策的通知\n青政办发〔2023〕9号\n各区县人民政府：\n"
        "一、对新开设的夜间市集给予一次性补助5万元。\n二、对夜间延时营业的商户给予水电费补贴。\n"
        "上述政策执行期限为2023年7月1日至2025年6月30日。\n青川市人民政府办公室\n2023年6月20日\n"
    )
    d = parse_document(text)
    assert d.valid_until == "2025-06-30"
    assert (
        parse_document(text.replace("执行期限为2023年7月1日至2025年6月30日", "执行期限至2024年底")).valid_until
        == "2024-12-31"
    )
    assert (
        parse_document(
            text.replace("上述政策执行期限为2023年7月1日至2025年6月30日", "以上政策实施期限截至2024年12月")
        ).valid_until
        == "2024-12-31"
    )


def test_a_window_of_one_policy_among_many_is_not_the_documents():
    text = (
        "青川市人民政府办公室关于支持夜间经济发展若干政策的通知\n青政办发〔2023〕9号\n各区县人民政府：\n"
        "一、对新开设的夜间市集给予一次性补助5万元，补助政策实施期限截至2023年12月31日。\n"
        "二、对夜间延时营业的商户给予水电费补贴。\n青川市人民政府办公室\n2023年6月20日\n"
    )
    assert parse_document(text).valid_until is None


def test_a_plan_stating_its_period_in_a_sentence_of_its_own():
    text = (
        "青川市2024—2026年夜间经济提升实施方案\n为推动夜间经济提升，制定本实施方案。实施期截止到2026年12月31日。"
        "一、总体要求……二、主要任务……\n"
    )
    assert parse_document(text).valid_until == "2026-12-31"


# ---------------------------------------------------------------- time-boxed notices


@pytest.mark.parametrize(
    "clause, until",
    [
        ("禁飞时间：2025年3月1日8时至3月15日18时", "2025-03-15"),
        ("禁渔期为2024年4月1日至2024年7月31日", "2024-07-31"),
        ("实施期限为2024年1月1日至12月31日", "2024-12-31"),
        ("交通管制时间为2024年10月1日至10月7日", "2024-10-07"),
    ],
)
def test_time_boxed_notice_ends_with_its_window(clause, until):
    text = (
        f"青川市公安局关于青川湖周边区域临时管理措施的通告\n青公通〔2024〕3号\n为保障公共安全，现通告如下：\n"
        f"一、{clause}。\n二、违反本通告的，依法予以处理。\n青川市公安局\n2024年2月1日\n"
    )
    assert parse_document(text).valid_until == until


def test_a_recurring_yearly_window_without_a_year_is_no_validity():
    text = "青川市渔业资源保护办法\n第一条　每年4月1日至7月31日为禁渔期。\n第二条　本办法自2024年1月1日起施行。\n"
    assert parse_document(text).valid_until is None


def test_flattened_notice_gets_title_number_date_validity_and_void_once_ended():
    # number, headline, body, validity clause, issuer and date all on one line, as crawlers leave them
    text = (
        "青川市农业农村局关于2023年青川湖禁渔期管理的通告青农通〔2023〕4号为保护青川湖渔业资源，根据《中华人民共和国渔业法》"
        "有关规定，现就禁渔期管理有关事项通告如下：一、禁渔期为2023年3月1日至6月30日，禁渔期内禁止一切捕捞作业。"
        "二、违反本通告规定的，由渔业主管部门依法处理。本通告有效期至2023年6月30日。青川市农业农村局2023年2月20日\n"
    )
    d = parse_document(text)
    assert d.title == "青川市农业农村局关于2023年青川湖禁渔期管理的通告"
    assert d.doc_number and d.doc_number.text == "青农通〔2023〕4号"
    assert d.date == "2023-02-20" and d.valid_until == "2023-06-30"
    assert propose_cleanup(d, [], as_of="2023-05-01").category != "void"
    v = propose_cleanup(d, [], as_of="2023-07-01")
    assert v.category == "void" and "2023年6月30日" in v.reasons[0] and "宣布失效" in v.reasons[0]
    # without the clause the window itself ends the notice
    d = parse_document(text.replace("本通告有效期至2023年6月30日。", ""))
    assert d.valid_until == "2023-06-30" and propose_cleanup(d, [], as_of="2023-07-01").category == "void"


# ---------------------------------------------------------------- a notice scoped to a year or school year


def test_notice_scoped_to_a_school_year_ends_with_it():
    text = (
        "青川市教育局关于中小学课后服务收费有关问题的通知\n各区县教育局：\n为规范课后服务，现就2023—2024学年全市中小学课后服务收费有关问题通知如下：\n"
        "一、课后服务收费标准维持不变。\n二、各校不得另行收取其他费用。\n青川市教育局\n2023年7月10日\n"
    )
    d = parse_document(text)
    assert d.valid_until == "2024-08-31" and d.validity_text is None
    assert propose_cleanup(d, [], as_of="2024-09-01").category == "void"


def test_notice_scoped_to_a_year_ends_with_it():
    text = (
        "青川市人力资源和社会保障局关于做好2023年职业技能竞赛工作的通知\n各区县人力资源和社会保障局：\n"
        "现就做好2023年全市职业技能竞赛工作有关事项通知如下：\n一、竞赛项目。……\n青川市人力资源和社会保障局\n2023年3月1日\n"
    )
    assert parse_document(text).valid_until == "2023-12-31"
    # 自2023年起 is a start, not a scope
    assert parse_document(text.replace("现就做好2023年全市", "现就自2023年起全市")).valid_until is None


# ---------------------------------------------------------------- cleanup


def _error(doc):
    return Finding(
        rule="T1",
        category="fair_competition.entry",
        severity="error",
        text="限本地企业",
        start=0,
        end=4,
        provision="第二条",
        basis="公平竞争审查条例",
        explanation="",
        suggestion="",
    )


def test_void_when_ended_even_with_content_findings():
    d = _doc("第三条　本办法自2019年4月1日起施行，有效期3年。\n")
    assert d.valid_until == "2022-03-31"
    v = propose_cleanup(d, [_error(d)] * 10, as_of="2024-01-01")
    assert v.category == "void"
    assert "有效期已于2022年3月31日届满" in v.reasons[0] and len(v.reasons) == 2
    assert propose_cleanup(d, [_error(d)], as_of="2021-01-01").category == "modify"


def test_void_when_ended_even_if_not_read_as_normative():
    text = "关于2022年青川市人才公寓申请有关事项的公示\n公示期为2022年5月1日至2022年5月7日。\n青川市人力资源和社会保障局\n2022年4月30日\n"
    d = parse_document(text)
    assert d.valid_until == "2022-05-07"
    assert propose_cleanup(d, [], as_of="2024-01-01").category == "void"


# ---------------------------------------------------------------- the labelled real documents


# Reached when this test was written: valid_until 45/45 on labelled normative documents,
# all 8 whose labelled validity has ended proposed void (before: 42/45 and 5/8). They may
# only go up; one document of margin for label changes.
def test_validity_on_the_labelled_real_documents_stays_at_its_level():
    require("shared", REAL_DOCS)
    from reviewer.evaluate_real import evaluate_labelled_documents, format_documents

    report = evaluate_labelled_documents(ROOT / "corpus" / "real_labels")
    t = report["types"]
    assert t["valid_until_correct"] >= 44 and t["valid_until_total"] >= 45, format_documents(report, verbose=True)
    assert t["lapsed_total"] >= 8 and t["lapsed_void"] >= 7, format_documents(report, verbose=True)
