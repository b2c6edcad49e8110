"""Document type with a reason (DOMAIN.md §1). Every text here is written for this test:
invented places, organs and numbers, never real documents."""

from pathlib import Path

import pytest
from conftest import require

from reviewer.structure import parse_document

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"


SIGNATURE = "\n青岚市人力资源和社会保障局\n2031年5月6日\n"


def _norm(text):
    # A short headless text without a date is a pasted provision (a fragment); a signed one
    # is a document, as every crawled page is.
    doc = parse_document(text if "2031年2月1日" in text else text + SIGNATURE)
    return doc.is_normative, doc.normative_reason, doc.not_normative_evidence


# --- a text without a headline (crawled pages often lose it) speaks for itself ---


def test_headless_implementing_opinion_that_binds_enterprises_is_normative():
    text = (
        "为促进青岚市小微企业发展，结合本市实际，提出如下实施意见。一、企业新招用登记失业人员的，可以申请一次性吸纳就业补贴。"
        "二、符合条件的企业可按规定享受社会保险补贴。三、用人单位应当按月足额支付工资。"
    )
    normative, reason, _ = _norm(text)
    assert normative, reason
    assert "实施意见" in reason


def test_headless_notice_with_its_own_validity_clause_is_normative():
    text = (
        "青岚市人社发〔2031〕7号根据有关规定，现就调整防暑降温津贴标准通告如下：用人单位安排劳动者高温作业的，"
        "应当按月发放津贴，标准为每人每月200元。本通告自2031年6月1日起执行，有效期至2033年5月31日。"
    )
    normative, reason, _ = _norm(text)
    assert normative, reason


def test_headless_notice_that_puts_duties_on_schools_is_normative():
    text = (
        "各民办高校：\n为规范招生行为，现就有关事项通知如下：\n"
        "一、各民办高校必须按照核准的招生计划招生，不得委托中介机构招生。\n"
        "二、各民办高校的招生简章应当报省教育厅备案，未经备案的不得发布。\n"
        "三、各民办高校不得以任何名义向学生收取预科费用。\n"
        "四、学生因正当理由退学的，学校应当按规定退还学费。\n"
    )
    normative, reason, _ = _norm(text)
    assert normative, reason


def test_cover_sentence_naming_a_guide_with_commencement_is_normative():
    text = "《青岚市社会保障服务平台办事指南》已经局务会研究通过，自印发之日起施行。此前规定与本规定不一致的，按本规定执行。"
    normative, reason, _ = _norm(text)
    assert normative, reason


# --- the 规〔〕 series and a cover notice vouch for a measure held in an attachment ---


def test_normative_number_and_measure_title_without_body_is_normative():
    text = (
        "青岚市科学技术局关于印发《青岚市科技奖励办法实施细则》的通知\n青科规〔2031〕1号\n各有关单位：\n"
        "现将《青岚市科技奖励办法实施细则》印发给你们，请遵照执行。\n青岚市科学技术局\n2031年3月1日\n"
    )
    normative, reason, _ = _norm(text)
    assert normative, reason
    assert "规范性文件编号" in reason


def test_cover_notice_of_measures_whose_text_is_an_attachment_is_normative():
    text = (
        "青岚市科学技术局关于印发《支持青年科研人员的若干措施》的通知\n青科政〔2031〕4号\n各有关单位：\n"
        "现将《支持青年科研人员的若干措施》印发给你们，请结合实际认真贯彻落实。\n附件：支持青年科研人员的若干措施\n"
        "青岚市科学技术局\n2031年3月1日\n"
    )
    normative, reason, _ = _norm(text)
    assert normative, reason


def test_rules_on_avoidance_in_personnel_management_are_not_appointments():
    text = (
        "事业单位工作人员回避规定\n青人社规〔2031〕2号\n第一条 为规范事业单位人事管理，制定本规定。\n"
        "第二条 事业单位工作人员不得在其配偶担任领导职务的单位从事财务工作。\n第三条 本规定自2031年1月1日起施行。\n"
    )
    normative, reason, _ = _norm(text)
    assert normative, reason


# --- papers that are not normative, each with positive evidence and a reason ---


@pytest.mark.parametrize(
    "text,word",
    [
        (
            "青岚市人民政府：\n你市《关于调整南山自然保护区范围的请示》（青市政〔2031〕9号）收悉。经省政府同意，现函复如下：\n"
            "一、同意调整南山自然保护区范围。\n",
            "答复",
        ),
        (
            "按照省政府有关要求，研究制定了《青岚市政务服务大厅运行方案》，现将有关情况解读如下：一、起草背景。\n",
            "解读",
        ),
        (
            "各县（区）人力资源社会保障局：\n经县市推荐、专家评审、公示等环节，确定2031年青岚市技能品牌20个（名单附后）。\n",
            "名单",
        ),
        (
            "各县（区）人民政府：\n根据人员变动情况，决定对市安全生产领导小组组成人员进行相应调整。现将调整后的名单通知如下：\n组　长：张三\n",
            "组成人员",
        ),
        (
            "各县（区）人力资源社会保障局：\n经研究，定于2031年8月在市技师学院举办第二届青岚市技工院校教师职业能力大赛，现将有关事项通知如下。\n",
            "活动",
        ),
        (
            "各县（区）教育局：\n近年来，全市广大教师坚持立德树人。为表彰先进，决定对50个先进集体和100名先进个人予以表彰。\n",
            "表彰",
        ),
        (
            "各县（区）人力资源社会保障局：\n为统筹开展2031年全市公共就业服务专项活动，现将有关事项通知如下：一、活动时间。\n",
            "年度",
        ),
        # a request cited by its number is as much a reply's opening as one cited by its kind
        (
            "青岚市人民政府：\n你市青市政〔2031〕3号文收悉。省政府同意你市建设外环路收费还贷项目，设置收费站收取车辆通行费。\n",
            "答复",
        ),
        (
            "省教育厅对省管民办学校2031年度办学情况进行了检查，现将年检结果公告如下：一、年检结果为合格的学校（84所）。\n",
            "结果",
        ),
        (
            "近年来，虚假招生宣传屡禁不止。省教育考试院梳理了招生欺诈的特点，请广大考生和家长仔细阅读，高度警惕，严加防范。\n"
            "一、虚假大学的特点。未经批准设立的机构不得颁发学历证书。\n",
            "提醒",
        ),
    ],
)
def test_headless_papers_that_are_not_normative_say_why(text, word):
    normative, reason, evidence = _norm(text)
    assert not normative and evidence, reason
    assert word in reason


@pytest.mark.parametrize(
    "title,word",
    [
        ("青岚市人民政府办公室关于推进政务新媒体规范发展的意见", "行政机关自身的工作"),
        ("青岚市科学技术局关于印发《2031年青岚市科技创新券申报指南》的通知", "申报"),
        ("青岚市教育局关于2031年度优秀教学成果评审结果的公示", "结果"),
        ("青岚市住房和城乡建设局关于废止《青岚市既有幕墙管理办法》的通知", "废止"),
        ("关于《青岚市停车管理办法》的政策解读", "解读"),
        ("2031年青岚市科学技术局规范性文件清理结果目录", "清理结果"),
    ],
)
def test_titled_papers_that_are_not_normative_say_why(title, word):
    text = f"{title}\n各有关单位：\n一、企业应当按照要求做好相关工作。\n青岚市人民政府办公室\n2031年2月1日\n"
    normative, reason, evidence = _norm(text)
    assert not normative and evidence, reason
    assert word in reason


def test_a_local_regulation_under_a_site_metadata_block_naming_the_congress_is_superior_law():
    # Crawled pages replace the adoption formula with the site's own fields.
    text = (
        "青岚省民办科研机构管理条例\n[发布日期]1997年3月4日\n[发布单位]青岚省第八届人民代表大会常务委员会\n"
        "[发文号]第二十次会议\n第一章总则\n第一条　为促进民办科研机构发展，制定本条例。\n"
        "第二条　民办科研机构应当依法登记。\n"
    )
    doc = parse_document(text)
    assert doc.doc_type == "local_regulation", doc.normative_reason
    assert not doc.is_normative


def test_a_commentary_on_a_measure_is_not_normative_but_a_notice_implementing_it_is():
    commentary = (
        "为落实档案工作的要求，青岚省档案局修订了《青岚省档案人员继续教育办法》（以下简称《办法》）。"
        "《办法》共五章二十条，《办法》明确了继续教育的内容和学时，《办法》自2031年3月1日起施行。"
    )
    normative, reason, evidence = _norm(commentary)
    assert not normative and evidence and "解读" in reason, reason
    notice = (
        "《青岚省档案人员继续教育办法》（以下简称《办法》）已公布。为抓好《办法》的贯彻实施，现就有关事项通知如下："
        "一、《办法》明确了继续教育的学时，各单位应当按照《办法》组织档案人员参加继续教育，每年不少于72学时。"
        "二、《办法》提出的学时登记，用人单位应当按时报送。"
    )
    # its own operative formula makes it a notice, read on its own terms, not a commentary
    assert "解读" not in _norm(notice)[1]


def test_a_self_declared_plan_without_headline_is_not_normative():
    text = "为推进石化行业数字化转型，促进高质量发展，制定本行动计划。一、总体目标。到2033年，建成智能工厂10个。"
    normative, reason, evidence = _norm(text)
    assert not normative and evidence, reason
    assert "行动计划" in reason


def test_a_notice_addressed_to_organs_that_quotes_a_plan_is_not_a_review_case():
    text = (
        "各县（区）人民政府，市政府各部门：\n根据《青岚市电子政务总体规划》要求，现就加强电子政务工作通知如下：\n"
        "一、《青岚市电子政务总体规划》提出：“到2033年建成统一平台。”目前部分部门的系统建设不符合规划要求，存在的问题较多。\n"
    )
    doc = parse_document(text + SIGNATURE)
    assert doc.kind == "document"
    # without the addressee line the same quote and verdict read as a published case
    assert parse_document(text.split("\n", 1)[1] + SIGNATURE).kind == "case"


def test_an_unplaced_text_is_still_reviewed():
    # No title, no duties, no marker either way: not normative, but without positive evidence,
    # so the content packs still read it (reviewer/rules/engine.py).
    normative, reason, evidence = _norm("现将有关情况通报如下：近期各地工作进展总体平稳。")
    assert not normative and not evidence, reason


# --- the floor on the team's labelled real documents ---


def test_document_type_floor_on_labelled_real_documents():
    require("shared", REAL / "corpus" / "docs")
    from reviewer.evaluate_real import evaluate_labelled_documents

    root = Path(__file__).resolve().parents[1] / "corpus" / "real_labels"
    t = evaluate_labelled_documents(root)["types"]
    assert t["total"] >= 220
    # 0.92 on 204 labels; round 6 (24 documents labelled blind, 20 of them right) brought it to
    # 0.91: a floor against regression, not a target
    assert t["correct"] / t["total"] >= 0.905
    assert t["normative_correct"] / t["total"] >= 0.905
    for half in t["halves"].values():
        assert half["correct"] / half["total"] >= 0.89


def test_a_years_rules_that_bind_schools_and_families_in_many_sentences_are_normative():
    # 做好2030年…工作 reads as a year's work plan, but these rules bind schools and
    # parents for the whole admission season
    duties = "".join(
        f"{i}. 民办学校{w}。"
        for i, w in enumerate(
            [
                "不得提前组织招生",
                "不得以考试方式选拔学生",
                "不得与培训机构联合组织考试",
                "应当按照核定的计划招生",
                "应当公开招生简章",
                "不得以竞赛证书作为招生依据",
                "应当在规定时间内完成报名",
                "不得跨区域招生",
                "应当如实公布收费标准",
            ],
            1,
        )
    )
    text = "各县（市、区）教育局：\n现就做好2030年义务教育招生入学工作通知如下。\n" + duties.replace("。", "。\n")
    normative, reason, _ = _norm(text)
    assert normative, reason


def test_a_years_work_notice_with_few_duties_stays_a_work_plan():
    text = (
        "各县（市、区）教育局：\n现就做好2030年校园安全检查工作通知如下。\n"
        "一、各地要组织开展安全检查。\n二、各学校不得隐瞒隐患。\n三、请于6月底前报送检查情况。\n"
    )
    normative, reason, _ = _norm(text)
    assert not normative, reason
