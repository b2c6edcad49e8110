"""Metadata on real layouts: each family of layout found in real documents, written here
as our own small example (never a real text), plus the score on ../shared/real/corpus."""

from __future__ import annotations

from pathlib import Path

from conftest import require

from reviewer.evaluate_meta import evaluate_meta, format_meta_report, number_matches, same_organs, title_printed
from reviewer.structure import parse_document

REAL_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "real" / "corpus"


def _meta(text):
    d = parse_document(text)
    return d.title, d.doc_number.text if d.doc_number else None, d.issuers, d.date


# ---------------------------------------------------------------- flattened text


def test_flattened_number_addressee_body_signature_on_one_line():
    # crawlers join text nodes without separators: number, addressee, body, validity,
    # signature and date arrive as one line
    text = (
        "青人社发〔2024〕7号各县（区）人力资源和社会保障局，市直有关单位：为规范职业技能培训补贴发放，"
        "现就有关事项通知如下：一、补贴对象为在本市参加培训的劳动者。二、申请人应当提交培训合格证书。"
        "本通知自2024年5月1日起施行，有效期5年。青川市人力资源和社会保障局2024年4月10日（此件主动公开）\n"
    )
    d = parse_document(text)
    assert d.doc_number.normalized == "青人社发〔2024〕7号"
    assert d.issuers == ("青川市人力资源和社会保障局",)
    assert d.date == "2024-04-10"
    assert d.effective_date == "2024-05-01" and d.valid_until == "2029-04-30"
    assert d.title is None  # no headline printed: none invented


def test_flattened_headline_between_number_and_addressee():
    text = (
        "青人社函〔2023〕5号关于做好2023年职业技能竞赛工作的通知各县（区）人力资源和社会保障局：为推动技能人才培养，"
        "现将有关事项通知如下：一、各地应当于6月底前报送参赛名单。青川市人力资源和社会保障局青川市财政局2023年3月1日\n"
    )
    assert _meta(text) == (
        "关于做好2023年职业技能竞赛工作的通知",
        "青人社函〔2023〕5号",
        ("青川市人力资源和社会保障局", "青川市财政局"),
        "2023-03-01",
    )


def test_flattened_headline_with_its_kind_word_spaced_apart():
    text = (
        "青发改〔2022〕10号关于印发《青川市价格监测工作规则》的通　知各县（区）发展改革局：现将《青川市价格监测工作规则》"
        "印发给你们，请遵照执行。青川市发展和改革委员会2022年8月1日\n"
    )
    d = parse_document(text)
    assert d.title == "关于印发《青川市价格监测工作规则》的通知"
    assert d.measure_title == "青川市价格监测工作规则"
    assert d.doc_number.text == "青发改〔2022〕10号" and d.date == "2022-08-01"


def test_signature_after_contact_details_in_a_run_on_line():
    text = (
        "关于开展2024年技能人才评价工作的通知\n各县（区）人力资源和社会保障局：为做好技能人才评价工作，现将有关事项通知如下："
        "一、评价机构应当按规定组织考核。联系人：王某，电话：0000-1234567，邮箱：pj@example.cn"
        "青川市人力资源和社会保障局2024年1月5日（此件主动公开）\n"
    )
    _, _, issuers, day = _meta(text)
    assert issuers == ("青川市人力资源和社会保障局",) and day == "2024-01-05"


# ---------------------------------------------------------------- headline layouts


def test_number_and_issuer_printed_above_the_headline():
    text = (
        "青科发〔2022〕3号\n青川市科学技术局\n关于印发《青川市科技创新券管理办法》的通知\n各县（区）科技局：\n"
        "现将《青川市科技创新券管理办法》印发给你们，请认真贯彻执行。\n青川市科学技术局\n2022年3月1日\n"
        "青川市科技创新券管理办法\n第一条 为了鼓励企业创新，制定本办法。\n第二条 申请人应当如实填报。\n"
    )
    d = parse_document(text)
    assert d.title == "青川市科学技术局关于印发《青川市科技创新券管理办法》的通知"
    assert d.measure_title == "青川市科技创新券管理办法"
    assert (d.doc_number.text, d.issuers, d.date) == ("青科发〔2022〕3号", ("青川市科学技术局",), "2022-03-01")


def test_headline_wrapped_over_three_lines_and_letter_spaced():
    text = (
        "青川市人民政府办公室关于进一步规范\n行政规范性文件制定和监督\n管 理 工 作 的 通 知\n青政办发〔2021〕9号\n"
        "各县（区）人民政府，市政府各部门：\n为规范行政规范性文件管理，现通知如下：\n一、起草单位应当组织合法性审核。\n"
        "青川市人民政府办公室\n2021年6月8日\n"
    )
    assert _meta(text) == (
        "青川市人民政府办公室关于进一步规范行政规范性文件制定和监督管理工作的通知",
        "青政办发〔2021〕9号",
        ("青川市人民政府办公室",),
        "2021-06-08",
    )


def test_subject_naming_other_kinds_does_not_cut_the_headline():
    # 关于＋事由＋的＋文种: …公示制度 and …记录制度 are part of the subject
    text = (
        "青川市人民政府关于全面推行行政执法公示制度\n执法全过程记录制度\n重大执法决定法制审核制度的实施意见\n青政发〔2019〕2号\n"
        "各县（区）人民政府：\n现提出如下意见。\n"
    )
    assert (
        parse_document(text).title
        == "青川市人民政府关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的实施意见"
    )


def test_two_issuers_in_the_headline_are_both_named():
    text = (
        "青川市财政局青川市科学技术局关于印发《青川市科研项目资金管理办法》的通知青财教〔2020〕8号各县（区）财政局、科技局："
        "现将《青川市科研项目资金管理办法》印发给你们，请遵照执行。青川市财政局青川市科学技术局2020年7月1日\n"
    )
    d = parse_document(text)
    assert d.issuers == ("青川市财政局", "青川市科学技术局")
    assert d.doc_number.text == "青财教〔2020〕8号"


def test_the_masthead_names_the_issuer_when_nothing_else_does():
    text = (
        "青川市人民政府文件\n青政发〔2024〕1号\n关于加强城市管理的通知\n各县（区）人民政府：\n现通知如下：\n"
        "一、各县（区）应当加强管理。\n"
    )
    d = parse_document(text)
    assert (d.title, d.doc_number.text, d.issuers) == (
        "关于加强城市管理的通知",
        "青政发〔2024〕1号",
        ("青川市人民政府",),
    )


def test_reply_without_guanyu_and_a_report_headline():
    text = "青川市人民政府办公室对市政协十届三次会议\n第125号提案的答复\n青政办函〔2019〕30号\n张某委员：\n您提出的提案收悉。现答复如下：\n"
    assert parse_document(text).title == "青川市人民政府办公室对市政协十届三次会议第125号提案的答复"


def test_a_sentence_naming_a_document_is_no_headline():
    text = "某区人民政府印发的《某区电动自行车管理办法》第六条规定：“电动自行车应当在指定地点停放。”\n"
    d = parse_document(text)
    assert d.title is None and d.kind == "fragment"
    assert parse_document("违反本办法第八条规定，未按时清运垃圾的，处五百元罚款。\n").title is None


def test_a_reply_does_not_take_the_number_of_the_request_it_answers():
    text = (
        "关于同意设立某某收费站的批复\n某某市人民政府：\n你市某政呈〔2005〕91号文收悉。经研究，现批复如下：\n"
        "一、同意设立。\n某某省人民政府办公厅\n2005年6月1日\n"
    )
    d = parse_document(text)
    assert d.doc_number is None and d.issuers == ("某某省人民政府办公厅",)


def test_a_forwarding_notice_keeps_its_own_date_before_the_forwarded_signature():
    text = (
        "某某省人民政府办公厅转发省工商局关于推广消费者投诉站意见的通知\n各设区市人民政府：\n"
        "省工商局《关于推广消费者投诉站的意见》已经省政府同意，现转发给你们，请认真贯彻执行。\n某某省人民政府办公厅\n"
        "二〇〇四年八月三日（某某省工商行政管理局　二〇〇四年七月二十二日）\n一、推广建立投诉站。\n"
    )
    assert _meta(text)[2:] == (("某某省人民政府办公厅",), "2004-08-03")


def test_an_order_cited_in_the_first_sentence_is_not_the_documents_number():
    text = (
        "某人社发〔2018〕57号《某某市场暂行条例》(以下简称《条例》)已于2018年6月29日以国务院令第700号公布，"
        "现就学习贯彻有关事项通知如下：一、各地应当组织学习。某某部2018年9月6日（此件主动公开）\n"
    )
    d = parse_document(text)
    assert d.doc_number.text == "某人社发〔2018〕57号" and d.issuers == ("某某部",) and d.date == "2018-09-06"


# ---------------------------------------------------------------- site metadata


def test_site_metadata_block_is_used_but_never_the_headline():
    text = (
        "索引号：QC-2024-0012\n发布机构：青川市交通运输局\n成文日期：2024年09月03日\n发文字号：青交规〔2024〕2号\n"
        "有 效 性：有效\n\n青川市交通运输局关于印发《青川市网约车经营服务管理办法》的通知\n各县（区）交通运输局：\n"
        "现将《青川市网约车经营服务管理办法》印发给你们。\n"
    )
    d = parse_document(text)
    assert d.title == "青川市交通运输局关于印发《青川市网约车经营服务管理办法》的通知"
    assert d.doc_number.text == "青交规〔2024〕2号"
    assert d.date == "2024-09-03"  # no signature printed: the site's date is used


def test_site_block_names_the_document_when_no_headline_is_printed():
    text = (
        "【发布单位】青川市交通运输局\n【发布日期】2024-09-03\n【名称】青川市网约车经营服务管理办法\n"
        "第一条 为了规范网约车经营服务，制定本办法。\n第二条 经营者应当依法取得许可。\n"
    )
    d = parse_document(text)
    assert d.title == "青川市网约车经营服务管理办法"
    assert d.issuers == ("青川市交通运输局",) and d.date == "2024-09-03"


def test_site_block_run_into_the_text_on_one_line():
    text = (
        "发文日期：2024年3月5日名称：关于加强城市道路占用挖掘管理的通知青城管〔2024〕3号各县（区）城市管理局："
        "为加强管理，现通知如下：一、占用道路应当经批准。青川市城市管理局2024年3月5日\n"
    )
    assert _meta(text) == (
        "关于加强城市道路占用挖掘管理的通知",
        "青城管〔2024〕3号",
        ("青川市城市管理局",),
        "2024-03-05",
    )
    # labels with ASCII colons, the signature printed below wins over the site's date
    text = (
        "名称: 关于加强城市道路占用挖掘管理的通知\n发文日期: 2024-03-05\n文号: 青城管〔2024〕3号\n"
        "关于加强城市道路占用挖掘管理的通知\n各县（区）城市管理局：\n为加强管理，现通知如下：\n青川市城市管理局\n2024年3月6日\n"
    )
    assert _meta(text) == (
        "关于加强城市道路占用挖掘管理的通知",
        "青城管〔2024〕3号",
        ("青川市城市管理局",),
        "2024-03-06",
    )


def test_page_furniture_above_the_headline_is_skipped():
    text = (
        "首页 > 政务公开 > 政策文件\n【字体：大 中 小】 打印本页\n发布时间：2024-05-06 来源：青川市交通运输局\n"
        "青川市交通运输局关于印发《青川市网约车管理办法》的通知\n青交规〔2024〕2号\n各县（区）交通运输局：\n"
        "现将《青川市网约车管理办法》印发给你们。\n青川市交通运输局\n2024年5月6日\n分享到：\n"
    )
    assert _meta(text) == (
        "青川市交通运输局关于印发《青川市网约车管理办法》的通知",
        "青交规〔2024〕2号",
        ("青川市交通运输局",),
        "2024-05-06",
    )


def test_a_sites_name_or_teaser_a_blank_line_above_the_organs_is_not_the_headline():
    body = "为规范养犬行为，现将有关事项公告如下：\n一、城区全域为重点管理区。\n青川市人民政府\n2024年5月6日\n"
    for top in ("青川之窗\n\n", "查看原文\n其他\n\n青川一地划定养犬管理区\n\n"):
        d = parse_document(top + "青川市人民政府\n\n关于划定养犬重点管理区的公告\n\n" + body)
        assert d.title == "青川市人民政府关于划定养犬重点管理区的公告", top
        assert d.issuers == ("青川市人民政府",), top
    # two organs a blank line apart both sign
    d = parse_document(
        "青川市财政局\n\n青川市科学技术局关于印发《青川市科技专项资金管理办法》的通知\n各区县：\n现将办法印发给你们。\n"
    )
    assert d.issuers == ("青川市财政局", "青川市科学技术局")


def test_a_police_unit_is_named_with_its_bureau():
    text = "青川市公安局交通警察支队关于电动自行车限行的通告\n为保障道路交通安全，现通告如下：\n一、中心城区主干道禁止电动自行车通行。\n青川市公安局交通警察支队\n2024年5月6日\n"
    assert parse_document(text).issuers == ("青川市公安局交通警察支队",)


def test_a_form_in_the_body_is_no_site_block():
    text = (
        "关于开展企业名录申报的通知\n各有关单位：\n请按下列格式报送。\n单位名称：\n联系人：\n"
        "某某市商务局\n2024年5月6日\n"
    )
    d = parse_document(text)
    assert d.title == "关于开展企业名录申报的通知" and d.date == "2024-05-06"


# ---------------------------------------------------------------- orders and announcements


def test_an_order_publishes_the_measure_it_names():
    text = (
        "青川市人民政府令\n第12号\n《青川市停车场管理办法》已经2023年5月6日市政府第9次常务会议通过，现予公布，"
        "自2023年7月1日起施行。\n市长　张某\n2023年5月20日\n青川市停车场管理办法\n第一条 为了加强停车场管理，制定本办法。\n"
    )
    d = parse_document(text)
    assert (d.title, d.doc_number.normalized, d.issuers, d.date) == (
        "青川市停车场管理办法",
        "青川市人民政府令第12号",
        ("青川市人民政府",),
        "2023-05-20",
    )
    assert d.doc_number.form_defect is None  # an order's number has no year in 〔〕, by design


def test_an_order_of_two_ministries_run_on():
    text = (
        "中华人民共和国某某部某某总局令第7号《某某登记管理办法》已经某某部部务会议、某某总局局务会议审议通过。"
        "现予公布，自2022年1月1日起施行。部长某某局长某某2021年11月2日某某登记管理办法第一条为了规范登记，制定本办法。\n"
    )
    d = parse_document(text)
    assert d.title == "某某登记管理办法"
    assert d.doc_number.normalized == "某某部某某总局令第7号"
    assert d.issuers == ("某某部", "某某总局")


def test_announcements_numbered_by_year_and_by_proclamation():
    d = parse_document(
        "青川市财政局青川市税务局公告2022年第3号\n为支持小微企业发展，现就有关政策公告如下：\n"
        "一、对小微企业减半征收。\n青川市财政局 青川市税务局\n2022年9月30日\n"
    )
    assert d.doc_number.normalized == "青川市财政局青川市税务局公告2022年第3号"
    assert d.title is None and d.date == "2022-09-30"
    d = parse_document(
        "某某省第九届人民代表大会常务委员会公告（第一二六号）\n《某某省河道管理条例》已由某某省第九届人民代表大会"
        "常务委员会第十次会议于2020年3月1日通过，现予公布，自2020年5月1日起施行。\n"
        "某某省人民代表大会常务委员会\n2020年3月1日\n"
    )
    assert d.title == "某某省河道管理条例" and d.doc_number.serial == "126"


# ---------------------------------------------------------------- dates


def test_a_signature_date_typed_with_yue_for_ri():
    text = (
        "关于调整青川市城区临时停车收费标准的通知\n各有关单位：\n现就调整事项通知如下：\n一、收费标准按照附件执行。\n"
        "青川市发展和改革委员会\n2024年3月12月\n"
    )
    assert _meta(text)[3] == "2024-03-12"


def test_a_signature_date_without_ri_or_typed_with_dots_on_its_own_line():
    head = "关于调整收费标准的通知\n各有关单位：\n现通知如下。\n青川市发展和改革委员会\n"
    assert _meta(head + "2024年3月12\n")[3] == "2024-03-12"
    assert _meta(head + "二〇二四年三月十二\n")[3] == "2024-03-12"
    assert _meta(head + "2024.3.12\n")[3] == "2024-03-12"
    assert (
        _meta("关于调整收费标准的通知\n各有关单位：\n自2024年3月起至12月底暂停收费。\n某某局\n2024年3月15日\n")[3]
        == "2024-03-15"
    )


def test_dates_inside_sentences_are_not_the_signature():
    text = (
        "关于2025年部分节假日安排的通知\n各县（区）人民政府：\n现将安排通知如下。\n一、元旦：2025年1月1日放假，共1天。"
        "2025年1月26日（星期日）上班。\n青川市人民政府办公室\n2024年11月12日\n"
    )
    assert _meta(text)[3] == "2024-11-12"


def test_several_signatories_on_their_own_lines():
    text = (
        "关于做好2024年高校毕业生就业见习工作的通知\n各县（区）人力资源和社会保障局、财政局：\n现就有关事项通知如下：\n"
        "一、见习单位应当为见习人员购买意外伤害保险。\n青川市人力资源和社会保障局\n青川市财政局\n2024年2月20日\n"
    )
    assert _meta(text)[2:] == (("青川市人力资源和社会保障局", "青川市财政局"), "2024-02-20")


def test_signature_whose_date_runs_on_into_the_attached_measures_title():
    text = (
        "各县区人民政府，市政府各部门：\n《青川市夜间经济发展行动方案》已经市政府同意，现印发给你们，请认真组织实施。\n"
        "青川市人民政府办公室\n2024年3月5日青川市夜间经济发展行动方案\n为繁荣夜间经济，制定本方案。\n一、工作目标\n"
    )
    d = parse_document(text)
    assert (d.title, d.issuers, d.date) == ("青川市夜间经济发展行动方案", ("青川市人民政府办公室",), "2024-03-05")


def test_an_order_signed_by_its_head_in_a_run_on_line():
    text = (
        "某某部令第30号《某某考试违纪行为处理办法》已经2016年5月27日某某部第99次部务会议审议通过，现予公布，"
        "自2016年10月1日起施行。部长某某某2016年8月19日某某考试违纪行为处理办法第一条为了规范考试纪律，制定本办法。\n"
    )
    d = parse_document(text)
    assert (d.title, d.date) == ("某某考试违纪行为处理办法", "2016-08-19")


def test_a_regulation_dated_by_the_note_under_its_title():
    text = (
        "某某省河道管理条例\n（2011年3月30日某某省第十一届人民代表大会常务委员会第二十二次会议通过　"
        "2020年6月2日某某省第十三届人民代表大会常务委员会第十七次会议修订）\n第一章　总则\n第一条　为了加强河道管理，制定本条例。\n"
    )
    assert parse_document(text).date == "2020-06-02"
    # a date after a comma inside the note is not a signature either
    text = (
        "某某省就业促进条例\n主席某某某2007年8月30日某某省就业促进条例（2007年8月30日某某会议通过，"
        "2015年4月24日某某会议修正）第一章总则第一条为了促进就业，制定本条例。\n"
    )
    assert parse_document(text).date == "2007-08-30"


# ---------------------------------------------------------------- the scorer's comparisons


def test_scorer_comparisons():
    assert number_matches("国令第707号", "中华人民共和国国务院令第707号")
    assert not number_matches("国令第707号", "中华人民共和国国务院令第706号")
    assert number_matches("青政发[2024]3号", "青政发〔2024〕3号")
    assert same_organs("国务院办公厅、中央军委办公厅", ("中央军委办公厅", "国务院办公厅"))
    assert same_organs("甲市财政局乙市财政局", ("甲市财政局", "乙市财政局"))
    assert not same_organs("国务院", ("国务院办公厅",))
    assert title_printed("关于做好某事的通知", "关于做好\n某事的通知\n正文。")
    # a provincial notice citing the national notice of the same name does not print its own title
    assert not title_printed("关于做好某事的通知", "为落实《关于做好某事的通知》（某发〔2024〕1号），现通知如下：")


# ---------------------------------------------------------------- the real corpus

# Figures reached on ../shared/real/corpus (1,052 documents) when this test was written,
# minus a small margin; they may only go up.
FLOORS = {"title": 0.94, "doc_number": 0.94, "issuer": 0.95, "date": 0.95, "issuer_from_title": 0.79}
SOURCE_FLOORS = {
    ("title", "govcn2019"): 0.98,
    ("title", "hebei"): 0.93,
    ("doc_number", "govcn2019"): 0.98,
    ("issuer", "govcn2019"): 0.98,
    ("date", "govcn2019"): 0.97,
}


def _real_corpus():
    require("shared", REAL_CORPUS / "meta.jsonl")
    return REAL_CORPUS


def test_metadata_on_the_real_corpus_stays_at_its_level():
    report = evaluate_meta(_real_corpus())
    fields = report["fields"]
    low = {f: fields[f]["accuracy"] for f, floor in FLOORS.items() if (fields[f]["accuracy"] or 0) < floor}
    low.update(
        {
            (f, s): fields[f]["sources"][s]["accuracy"]
            for (f, s), floor in SOURCE_FLOORS.items()
            if (fields[f]["sources"][s]["accuracy"] or 0) < floor
        }
    )
    assert not low, format_meta_report(report, verbose=True)
    assert fields["title"]["total"] >= 350 and fields["doc_number"]["total"] == 63


def test_reviewer_eval_dispatches_on_meta_jsonl():
    from click.testing import CliRunner

    from reviewer.cli import main

    result = CliRunner().invoke(main, ["eval", str(_real_corpus())])
    assert result.exit_code == 0, result.output
    assert "文件要素识别（对照网站所载元数据）" in result.output and "标题" in result.output
