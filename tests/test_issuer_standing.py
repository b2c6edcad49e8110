"""UV010: who may issue a normative document (国办发〔2018〕37号)."""

from reviewer.review import review_text

MEASURE = "第一条 本市个体工商户应当按照本细则办理登记。\n第二条 经营者应当在登记后三十日内公示经营信息。\n"


def _uv010(text):
    return [f for f in review_text(text, as_of="2026-11-23").findings if f.rule == "UV010"]


def test_a_leading_group_office_issuing_a_measure_in_its_own_name_lacks_standing():
    text = (
        "青川市个体经营工作领导小组办公室关于印发《青川市个体工商户登记管理细则》的通知\n各区县市场监管局：\n"
        "现将细则印发给你们，请遵照执行。\n青川市个体经营工作领导小组办公室\n2025年3月1日\n"
        "青川市个体工商户登记管理细则\n" + MEASURE
    )
    found = _uv010(text)
    assert found and found[0].text == "青川市个体经营工作领导小组办公室"


def test_a_joint_measure_led_by_a_department_with_standing_is_issued_by_it():
    text = (
        "青川市市场监督管理局 青川市个体经营工作领导小组办公室关于印发《青川市个体工商户登记管理细则》的通知\n"
        "各区县市场监管局：\n现将细则印发给你们，请遵照执行。\n青川市市场监督管理局\n青川市个体经营工作领导小组办公室\n"
        "2025年3月1日\n青川市个体工商户登记管理细则\n" + MEASURE
    )
    assert not _uv010(text)


def test_a_leading_groups_commendation_is_no_normative_document():
    text = (
        "青川市农民工工作领导小组办公室关于表扬2025年度青川市最美农民工的通报\n各区县人力资源社会保障局：\n"
        "为营造关心关爱农民工的良好氛围，经推荐评选，确定张某等20人为青川市最美农民工，予以通报表扬。\n"
        "希望受到表扬的同志珍惜荣誉，再接再厉。\n青川市农民工工作领导小组办公室\n2025年10月12日\n"
    )
    assert not _uv010(text)


def test_a_programmes_working_office_has_no_standing():
    text = (
        "国家青川奖励工作办公室关于印发《青川奖提名实施办法》的通知\n各提名单位：\n"
        "现将《青川奖提名实施办法》印发给你们，请遵照执行。\n国家青川奖励工作办公室\n2025年3月1日\n"
        "青川奖提名实施办法\n第一条 提名单位应当如实填写提名书。\n第二条 提名者不得收取任何费用。\n"
    )
    found = [f for f in review_text(text, as_of="2026-11-23").findings if f.rule == "UV010"]
    assert found and text[found[0].start : found[0].end] == "国家青川奖励工作办公室"
