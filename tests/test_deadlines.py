"""SL007: periods a document sets, read against the statute in force on its date."""

from reviewer.review import review_text

HEARING_2019 = (
    "东湖区城管执法程序规定\n第八条 当事人要求听证的，应当在行政机关告知后三日内提出。\n东湖区城市管理局\n2019年3月1日"
)


def _sl007(text, **kw):
    return [f for f in review_text(text, as_of="2026-11-23", **kw).findings if f.rule == "SL007"]


def test_three_days_for_a_hearing_was_lawful_before_2021_and_is_a_cleanup_point_now():
    found = _sl007(HEARING_2019)
    assert [f.severity for f in found] == ["warning"]
    assert "2021年" in found[0].message and "清理" in found[0].message


def test_the_same_period_in_a_2022_document_conflicts_with_the_law():
    found = _sl007(HEARING_2019.replace("2019年3月1日", "2022年3月1日"))
    assert [f.severity for f in found] == ["error"]
    assert "第六十四条" in found[0].message


def test_three_months_to_sue_before_2015_is_lawful_when_issued():
    text = "临江县征收工作规则\n第十一条 当事人对征收决定不服的，可以自知道该决定之日起三个月内提起行政诉讼。\n临江县人民政府\n2013年5月6日"
    assert [f.severity for f in _sl007(text)] == ["warning"]
    assert [f.severity for f in _sl007(text.replace("2013年", "2016年"))] == ["error"]


def test_a_finding_starts_where_the_period_is_stated():
    found = _sl007("第十二条 当事人对处罚决定不服的，可以自收到决定书之日起十五日内申请行政复议。")
    assert [f.text for f in found] == ["自收到决定书之日起十五日内申请行政复议"]


def test_periods_for_other_things_are_not_read_as_statutory_periods():
    assert not _sl007(
        "第十三条 申请人应当自收到补正通知之日起十日内补正材料。第十四条 复议机关应当自受理申请之日起六十日内作出决定。"
    )


def test_every_statutory_period_in_the_data_is_shown_by_its_example():
    """The periods are data (rules/vocab/periods.yaml); each entry's example, which sets a
    period against the statute, must give an SL007 finding naming that period's article."""
    from reviewer.review import review_text
    from reviewer.vocabulary import VOCAB_DIR
    from reviewer.yamlio import load_path

    for p in load_path(VOCAB_DIR / "periods.yaml")["periods"]:
        found = [f for f in review_text(p["example"], as_of="2026-11-23").findings if f.rule == "SL007"]
        assert found and p["article"] in found[0].message, p["name"]
