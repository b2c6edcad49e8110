"""Table-driven tests of metadata and the provision tree."""

import pytest

from reviewer.dates import add_years, find_dates
from reviewer.docnumber import find_doc_numbers
from reviewer.numerals import parse_int, to_chinese
from reviewer.structure import iter_provisions, parse_document, provision_label_at

NOTICE = """青川市人民政府文件
青政规〔2025〕2号
青川市人民政府关于印发《青川市停车场管理办法》的通知
各区县人民政府，市政府各部门：
《青川市停车场管理办法》已经市政府同意，现印发给你们，请认真贯彻执行。
青川市人民政府
二〇二五年四月八日
青川市停车场管理办法
第一章　总则
第一条　为了规范停车场管理，根据《中华人民共和国道路交通安全法》，制定本办法。
第二条　本办法适用于本市行政区域内停车场的规划、建设和管理。
第二章　经营管理
第三条　停车场经营者应当遵守下列规定：
（一）明码标价；
（二）保持场内秩序。
停车场经营者应当建立管理制度。
第四条　本办法自2025年5月1日起施行，有效期5年。"""


@pytest.mark.parametrize(
    "text,expected",
    [
        ("十七", 17),
        ("一百零一", 101),
        ("二〇二四", 2024),
        ("20", 20),
        ("十", 10),
        ("一百二十", 120),
    ],
)
def test_parse_chinese_numbers(text, expected):
    assert parse_int(text) == expected


@pytest.mark.parametrize(
    "n,expected", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (101, "一百零一"), (115, "一百一十五")]
)
def test_to_chinese(n, expected):
    assert to_chinese(n) == expected


@pytest.mark.parametrize(
    "text,iso",
    [
        ("2024年3月12日", "2024-03-12"),
        ("二〇二四年三月十二日", "2024-03-12"),
        ("二○二三年十二月三十一日", "2023-12-31"),
        ("2024-05-01", "2024-05-01"),
    ],
)
def test_dates(text, iso):
    assert [d for d, _, _ in find_dates(text)] == [iso]


def test_validity_end_is_the_day_before_the_anniversary():
    assert add_years("2024-05-01", 5) == "2029-04-30"
    assert add_years("2024-02-29", 1) == "2025-02-27"


@pytest.mark.parametrize(
    "text,normalized,defect",
    [
        ("青政办发〔2024〕7号", "青政办发〔2024〕7号", False),
        ("临政发[2024]3号", "临政发〔2024〕3号", True),
        ("东政（2023）12号", "东政〔2023〕12号", True),
        ("济政字【2024】012号", "济政字〔2024〕12号", True),
    ],
)
def test_doc_numbers(text, normalized, defect):
    (dn,) = find_doc_numbers(text)
    assert dn.normalized == normalized
    assert bool(dn.form_defect) is defect


def test_cover_notice_metadata():
    doc = parse_document(NOTICE)
    assert doc.title == "青川市人民政府关于印发《青川市停车场管理办法》的通知"
    assert doc.measure_title == "青川市停车场管理办法"
    assert doc.issuers == ("青川市人民政府",)
    assert doc.doc_number.text == "青政规〔2025〕2号"
    assert doc.date == "2025-04-08"
    assert doc.effective_date == "2025-05-01"
    assert doc.valid_until == "2030-04-30"
    assert doc.is_normative
    assert NOTICE[doc.body_start :].startswith("青川市停车场管理办法")


def test_provision_tree_chapters_articles_paragraphs_items():
    doc = parse_document(NOTICE)
    chapters = [p for p in doc.provisions if p.kind == "chapter"]
    assert [c.label for c in chapters] == ["第一章", "第二章"]
    articles = list(iter_provisions(doc.provisions, ("article",)))
    assert [a.label for a in articles] == ["第一条", "第二条", "第三条", "第四条"]
    third = articles[2]
    paragraphs = [c for c in third.children if c.kind == "paragraph"]
    assert len(paragraphs) == 2
    assert [i.label for i in paragraphs[0].children] == ["（一）", "（二）"]
    pos = NOTICE.index("保持场内秩序")
    assert provision_label_at(doc, pos) == "第三条"


def test_one_provision_pasted_alone_is_a_fragment():
    doc = parse_document("第十二条 未办理登记的，处1000元罚款。")
    assert doc.kind == "fragment" and doc.is_normative


@pytest.mark.parametrize(
    "title",
    [
        "东湖区司法局2024年工作要点",
        "滨海镇2022年法治政府建设年度报告",
        "关于召开全市安全生产工作会议的通知",
        "关于表彰2023年度先进集体的决定",
    ],
)
def test_not_normative_titles(title):
    doc = parse_document(f"{title}\n一、总体要求\n做好各项工作。\n东湖区司法局\n2024年2月1日")
    assert not doc.is_normative, title
    assert doc.normative_reason


def test_provisional_document_and_validity_until():
    text = NOTICE.replace("停车场管理办法", "停车场管理暂行办法").replace("有效期5年", "有效期至2026年4月30日")
    doc = parse_document(text)
    assert doc.is_provisional
    assert doc.valid_until == "2026-04-30"


def test_validity_of_a_certificate_is_not_the_documents():
    text = NOTICE.replace(
        "第三条　停车场经营者应当遵守下列规定：", "第三条　停车证有效期为二年。停车场经营者应当遵守下列规定："
    )
    assert parse_document(text).valid_until == "2030-04-30"


def test_cover_notice_without_headline_takes_the_measure_from_its_sending_sentence():
    text = (
        "局属各单位，机关各科室：\n现将《青岚区交通运输局2025年行政执法工作要点》印发给你们，请结合实际抓好落实。\n"
        "2025年3月2日\n青岚区交通运输局\n2025年行政执法工作要点\n一、总体要求\n（一）严格规范执法。\n"
    )
    doc = parse_document(text)
    assert doc.title == "青岚区交通运输局2025年行政执法工作要点"
    assert doc.issuer == "青岚区交通运输局"
    assert doc.date == "2025-03-02"


def test_sending_sentence_does_not_override_a_printed_headline():
    text = (
        "青岚区人民政府关于印发《青岚区停车管理办法》的通知\n各街道：\n现将《青岚区停车服务规范》印发给你们。\n"
        "2025年3月2日\n"
    )
    doc = parse_document(text)
    assert doc.measure_title == "青岚区停车管理办法"
    assert doc.issuer == "青岚区人民政府"


def test_issuer_line_above_a_wrapped_headline_belongs_to_the_title():
    text = (
        "澄江县人民政府文件\n澄政发〔2023〕12号\n澄江县人民政府\n关于印发《澄江县农村集体经营性建设用地入市管理\n"
        "暂行办法》的通知\n各乡镇人民政府：\n现将《澄江县农村集体经营性建设用地入市管理暂行办法》印发给你们。\n"
        "澄江县人民政府\n二〇二三年六月八日\n"
    )
    doc = parse_document(text)
    assert doc.title == "澄江县人民政府关于印发《澄江县农村集体经营性建设用地入市管理暂行办法》的通知"
    assert doc.issuer == "澄江县人民政府"
    assert doc.date == "2023-06-08"


def test_notice_with_a_validity_period_and_duties_on_operators_is_normative():
    text = (
        "石门市市场监督管理局关于规范殡葬服务收费的通知\n石市监〔2022〕31号\n各殡葬服务单位：\n"
        "一、殡葬服务单位应当严格执行明码标价制度。\n二、本通知自2022年9月1日起执行，有效期至2025年8月31日。\n"
        "石门市市场监督管理局\n2022年8月15日\n"
    )
    doc = parse_document(text)
    assert doc.is_normative, doc.normative_reason
    assert "有效期" in doc.normative_reason


def test_a_meeting_notice_with_a_normative_number_pattern_stays_not_normative():
    text = (
        "青川市人民政府办公室关于召开全市安全生产工作会议的通知\n青政办规〔2024〕9号\n各县（市、区）人民政府：\n"
        "经研究，定于2024年5月8日召开会议，请各单位主要负责人必须准时参加。\n"
    )
    assert not parse_document(text).is_normative


def test_a_published_review_case_is_read_as_a_case_without_document_form_checks():
    from reviewer.review import review_text

    text = (
        "案例一：某市关于出租房屋管理的规定\n"
        "某市人民政府办公室印发的《某市出租房屋治安管理办法》第十二条规定：“出租人将房屋出租给无身份证件的人居住的，"
        "由公安机关处以二千元罚款。”\n"
        "审查认为，《中华人民共和国行政处罚法》第十六条规定，其他规范性文件不得设定行政处罚。制定机关已对该规定作出修改。\n"
    )
    review = review_text(text, "case.txt")
    assert review.document.kind == "case"
    rules = {f.rule for f in review.findings}
    assert "UV001" in rules
    assert not any(r.startswith("PR") for r in rules)


def test_a_measure_quoting_a_law_is_not_a_case():
    text = (
        "青川市停车管理办法\n第一条 根据《中华人民共和国道路交通安全法》规定：“…”，制定本办法。\n"
        "第二条 违反本办法的，依法处理。\n"
    )
    assert parse_document(text).kind == "document"
