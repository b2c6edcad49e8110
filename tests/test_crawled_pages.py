"""Metadata on crawled web pages: menus, page tools and the site's field table come
before the document, cell by cell. Each layout is our own small example, written after the
families found in real pages from other sources (never a real text)."""

from __future__ import annotations

from reviewer.heading import site_block, split_organs
from reviewer.ingest.text import from_decoded
from reviewer.organ_names import full_name, full_names
from reviewer.structure import parse_document

MENUS = "首页\n政务公开\n政策文件\n当前位置：\n首页\n>\n政策文件\n>\n通知公告\n"
TOOLS = "返回首页\n页面放大\n页面缩小\n语音播报\n指读\n大鼠标\n退出长者模式\n通知公告\n"


def test_page_tools_are_never_the_headline():
    text = (
        TOOLS + "青川市能源局关于开展储能项目申报工作的通知\n"
        "发布日期：2026-03-06 10:22\n来源：青川市能源局\n朗读\n"
        "青能源〔\n2026\n〕\n6\n号\n"
        "为做好储能项目申报工作，现将有关事项通知如下。\n一、申报单位应当在本市注册。\n"
    )
    d = parse_document(text)
    assert d.title == "青川市能源局关于开展储能项目申报工作的通知"
    assert d.issuers == ("青川市能源局",)


def test_headline_over_the_addressee_after_menus_and_organ_lines():
    text = (
        "青川市经济和信息化委员会\n行政规范性文件\n下载文字版\n下载图片版\n政策解读\n"
        "《青川市支持新能源商用车发展若干措施》政策问答\n"
        "青川市经济和信息化委员会\n青川市财政局\n国家金融监督管理总局青川监管局\n"
        "关于印发《青川市支持新能源商用车\n发展若干措施》的通知\n"
        "青经信规〔2025〕13号\n各有关单位：\n现将《青川市支持新能源商用车发展若干措施》印发给你们，请认真贯彻执行。\n"
        "青川市经济和信息化委员会\n青川市财政局\n国家金融监督管理总局青川监管局\n2025年12月30日\n"
    )
    d = parse_document(text)
    assert d.title.endswith("关于印发《青川市支持新能源商用车发展若干措施》的通知")
    assert d.issuers == ("青川市经济和信息化委员会", "青川市财政局", "国家金融监督管理总局青川监管局")
    assert d.doc_number.normalized == "青经信规〔2025〕13号"
    assert d.date == "2025-12-30"


def test_page_title_with_site_name_gives_way_to_the_headline_printed_below():
    text = (
        "青川省发展和改革委员会 - 青川省能源局关于青川某某科技有限公司储能项目节能报告的审查意见\n"
        + MENUS
        + "青川省能源局关于青川某某科技有限公司储能项目节能报告的审查意见\n"
        "信息来源：省能源局节能处\n时间：2026-03-04 17:52:20\n字体：\n[大]\n[中]\n[小]\n"
        "青能许可〔2026〕23号\n青川某某科技有限公司：\n《储能项目节能报告》收悉。经审查，现提出审查意见如下。\n"
    )
    d = parse_document(text)
    assert d.title == "青川省能源局关于青川某某科技有限公司储能项目节能报告的审查意见"
    assert d.doc_number.normalized == "青能许可〔2026〕23号"
    assert d.date == "2026-03-04"  # the site's own time, where the page prints no signature


def test_site_table_cell_by_cell_with_a_number_split_over_lines():
    text = (
        MENUS + "[主题分类]\n城乡建设\n[发文机构]\n青川市发展和改革委员会\n[实施日期]\n2026-03-09\n"
        "[成文日期]\n2026-03-06\n[发文字号]\n青发改\n〔2026〕\n341号\n[废止日期]\n[发布日期]\n2026-03-09\n"
        "青川市发展和改革委员会关于征集供热项目的通知分享:\nX\n各有关单位：\n现将有关事项通知如下。\n"
        "特此通知。\n青川市发展和改革委员会\n2026年3月6日\n"
    )
    block = site_block(text)
    assert block["doc_number"] == "青发改〔2026〕341号"
    assert block["issuer"] == "青川市发展和改革委员会"
    d = parse_document(text)
    assert d.title == "青川市发展和改革委员会关于征集供热项目的通知"
    assert d.doc_number.normalized == "青发改〔2026〕341号"
    # the dates of the site's table stand above the headline: the signature's date is the one
    assert d.date == "2026-03-06"


def test_spaced_labels_and_fields_run_on():
    text = (
        "名 称 ：\n关于下达青川市需求响应资金计划的通知索 引 号 ：\n1112/2025-00063发布机构：\n青川市工业和信息化局\n"
        "发文字号：\n青工信电力〔2025〕13号主 题 ：\n工业\n有 效 性 ：\n有效\n"
    )
    block = site_block(text)
    assert block["title"] == "关于下达青川市需求响应资金计划的通知"
    assert block["issuer"] == "青川市工业和信息化局"
    assert block["doc_number"] == "青工信电力〔2025〕13号"


def test_headline_broken_at_every_number():
    text = (
        "有 效 性 ：\n有效\n关于下达青川市\n202\n3\n-\n2024\n年度\n需求响应资金\n计划的通知\n各有关单位：\n"
        "现下达资金计划。\n市工业\n和信息化局\n市财政局\n202\n5\n年\n12\n月\n9\n日\n"
        "青川市工业和信息化局电力处 联系电话：1234\n"
    )
    d = parse_document(text)
    assert d.title == "关于下达青川市2023-2024年度需求响应资金计划的通知"
    assert d.date == "2025-12-09"
    # organs signed by level alone are filed under the place the text prints for them
    assert d.issuers == ("青川市工业和信息化局", "青川市财政局")


def test_order_with_its_serial_in_brackets_on_the_next_line():
    text = (
        "【法宝引证码】 CLI.11.1535062\n原文链接：https://example.org/x.html\n"
        "中国(青川)自由贸易试验区新片区管理办法\n青川市人民政府令\n\n（第19号）\n"
        "　　《中国（青川）自由贸易试验区新片区管理办法》已经2019年7月30日市政府第60次常务会议通过，现予公布，"
        "自2019年8月20日起施行。\n市长　某某\n2019年8月12日\n第一条　为了推进新片区建设，制定本办法。\n"
    )
    d = parse_document(text)
    assert d.doc_number.normalized == "青川市人民政府令第19号"
    assert d.doc_number.text == "青川市人民政府令第19号"
    assert d.issuers == ("青川市人民政府",)
    assert d.doc_type == "rule"


def test_order_promulgated_by_a_meeting_numbered_by_term():
    text = (
        "青川市政务数据管理办法\n青川市人民政府令\n\n（第16号）\n"
        "　　《青川市政务数据管理办法》已经2020年4月29日青川市人民政府十五届94次常务会议审议通过，现予公布，"
        "自2020年6月15日起施行。\n市长 某某\n\n2020年5月15日\n第一条　为了规范政务数据管理，制定本办法。\n"
    )
    d = parse_document(text)
    assert d.doc_type == "rule"
    assert not d.is_normative


def test_dispatched_offices_by_their_full_names():
    assert full_name("青川能源监管办") == "国家能源局青川监管办公室"
    assert full_name("华东能源监管局") == "国家能源局华东监管局"
    assert full_name("青川证监局") == "中国证券监督管理委员会青川监管局"
    # a local government's own bureau is no central office
    assert full_name("青川市金融监管局") == "青川市金融监管局"
    assert split_organs("国家能源局青川监管办公室") == ("国家能源局青川监管办公室",)
    assert split_organs("国家发展改革委办公厅 国家能源局综合司") == ("国家发展改革委办公厅", "国家能源局综合司")
    assert split_organs("青川省司法厅") == ("青川省司法厅",)
    assert split_organs("中国人民银行青川中心支行") == ("中国人民银行青川中心支行",)


def test_level_only_organ_expands_only_from_a_place_printed_on_its_own():
    assert full_names(("市财政局",), "第十四条市财政局负责。") == ("市财政局",)
    assert full_names(("市财政局",), "发布机构：青川市财政局") == ("青川市财政局",)


def test_organ_lines_are_not_joined_to_the_line_above_in_wrapped_text():
    body = "这是一段足够长的正文内容用于使文件看起来像按固定宽度换行的导出文本其中每行都不以句号结束"
    # the line above is as wide as the wrapped ones and open-ended: a remainder would join it
    lines = [body[:30]] * 12 + ["青川市经济和信息化委员会", "青川市财政局", "关于印发《某某措施》的通知"]
    extracted = from_decoded("\n".join(lines) + "\n", "utf-8")
    assert "\n青川市经济和信息化委员会\n" in extracted.text


def test_bulletin_standard_and_syllabus_titles_are_headlines():
    for title in (
        "青川县2030年国民经济和社会发展统计公报",
        "公安机关录用人民警察体能测评标准及实施规范",
        "青川省2030年度专业科目考试大纲",
    ):
        d = parse_document(f"{title}\n一、总体要求\n考生应当按时参加考试。\n")
        assert d.title == title


def test_a_laws_own_title_over_its_adoption_note_is_the_headline():
    text = "\n中华人民共和国青川保护法\n\n（2030年4月29日第十九届全国人民代表大会常务委员会第二次会议通过）\n\n第一条　为了保护青川，制定本法。\n"
    d = parse_document(text)
    assert d.title == "中华人民共和国青川保护法"
    assert d.doc_type == "law"
    # a sentence ending in 法 is no title
    assert parse_document("各单位要推广好的做法\n第一条 本办法自公布之日起施行。\n").title != "各单位要推广好的做法"


def test_bulletin_headline_over_its_organs_and_bracketed_date():
    text = (
        "青川市2030年国民经济和社会发展统计公报 |\n青川之窗\n\n您当前所在位置：\n首页>统计数据>统计公报\n"
        "发布机构：\n\n青川市统计局\n\n关联稿件：\n\n青川市2030年国民经济和社会发展统计公报\n\n"
        "青川市统计局 国家统计局青川调查队\n\n（2031年4月12日）\n\n2030年，全市经济运行总体平稳。\n"
    )
    d = parse_document(text)
    assert d.title == "青川市2030年国民经济和社会发展统计公报"
    assert d.date == "2031-04-12"
    assert split_organs("青川市统计局 国家统计局青川调查队") == ("青川市统计局", "国家统计局青川调查队")
