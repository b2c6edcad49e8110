"""Citation extraction, resolution point in time, and the registry's lookups."""

import textwrap

import pytest

from reviewer.citations import articles_of, extract_citations, resolve_citations
from reviewer.laws import import_csv, load_registry, normalize_title, status_of

REGISTRY = """\
- id: 行政处罚法
  title: 中华人民共和国行政处罚法
  aliases: [行政处罚法]
  level: 法律
  versions:
    - {adopted: 1996-03-17, effective: 1996-10-01, articles: 64}
    - {adopted: 2017-09-01, effective: 2018-01-01, articles: 64}
    - {adopted: 2021-01-22, effective: 2021-07-15, articles: 86, renumbered: true}
- id: 合同法
  title: 中华人民共和国合同法
  aliases: [合同法]
  level: 法律
  versions:
    - {adopted: 1999-03-15, effective: 1999-10-01, articles: 428}
  status: repealed
  repealed: 2021-01-01
  successor: 民法典
- id: 民法典
  title: 中华人民共和国民法典
  aliases: [民法典]
  level: 法律
  versions:
    - {adopted: 2020-05-28, effective: 2021-01-01, articles: 1260}
- id: 国办发〔2018〕37号
  title: 国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知
  level: 国务院文件
  doc_number: 国办发〔2018〕37号
  versions:
    - {adopted: 2018-05-16, effective: 2018-05-16}
"""


@pytest.fixture()
def registry(tmp_path):
    (tmp_path / "laws.yaml").write_text(REGISTRY, encoding="utf-8")
    return load_registry((str(tmp_path),))


def cites(text, registry=None):
    names = tuple(registry.names()) if registry else ()
    return [(c.text, c.title, c.article, c.doc_number) for c in extract_citations(text, names=names)]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "依照《中华人民共和国行政许可法》第十七条的规定",
            [("《中华人民共和国行政许可法》第十七条", "中华人民共和国行政许可法", "第十七条", None)],
        ),
        (
            "根据《行政处罚法》第九条、第十六条",
            [("《行政处罚法》第九条、第十六条", "行政处罚法", "第九条、第十六条", None)],
        ),
        ("按照《规定》第三条至第五条", [("《规定》第三条至第五条", "规定", "第三条至第五条", None)]),
        (
            "依照《中华人民共和国行政复议法》的规定第十二条第一款第（二）项",
            [
                (
                    "《中华人民共和国行政复议法》的规定第十二条第一款第（二）项",
                    "中华人民共和国行政复议法",
                    "第十二条第一款第（二）项",
                    None,
                )
            ],
        ),
        ("根据国办发〔2018〕37号文件精神", [("国办发〔2018〕37号", None, None, "国办发〔2018〕37号")]),
        ("持有《食品经营许可证》的", []),
        ("本办法所称《本办法》", []),
    ],
)
def test_extraction_table(text, expected):
    assert cites(text) == expected


@pytest.mark.parametrize(
    "text,numbers",
    [
        ("第十七条", (17,)),
        ("第三条至第五条", (3, 4, 5)),
        ("第九条、第十六条", (9, 16)),
        ("第一百零一条", (101,)),
        ("第十二条第一款第（二）项", (12,)),
        (None, ()),
    ],
)
def test_article_numbers(text, numbers):
    assert articles_of(text) == numbers


def test_short_forms_point_back(registry):
    text = (
        "根据《中华人民共和国行政处罚法》（以下简称《处罚法》）第九条和合同法第五十二条，"
        "该法第三条。依照上述《处罚法》第二十条处理。"
    )
    got = cites(text, registry)
    assert got[0] == (
        "《中华人民共和国行政处罚法》（以下简称《处罚法》）第九条",
        "中华人民共和国行政处罚法",
        "第九条",
        None,
    )
    assert ("合同法第五十二条", "合同法", "第五十二条", None) in got
    assert ("该法第三条", "合同法", "第三条", None) in got
    assert ("《处罚法》第二十条", "中华人民共和国行政处罚法", "第二十条", None) in got


def test_bare_titles_need_a_word_boundary(registry):
    assert cites("价格法律法规和民法典", registry) == [("民法典", "民法典", None, None)]


def test_resolution_is_point_in_time(registry):
    found = extract_citations(
        "依照《中华人民共和国行政处罚法》第二十三条和《合同法》，国办发〔2018〕37号", names=tuple(registry.names())
    )
    resolved = {c.text: (c.resolved, c.status) for c in resolve_citations(found, registry, "2019-05-01", "2026-11-23")}
    assert resolved["《中华人民共和国行政处罚法》第二十三条"] == ("行政处罚法", "amended")
    assert resolved["《合同法》"] == ("合同法", "repealed")
    assert resolved["国办发〔2018〕37号"] == ("国办发〔2018〕37号", "in_force")
    entry = registry.lookup("行政处罚法")
    assert entry.version_at("2019-05-01").articles == 64
    assert entry.version_at("2022-01-01").articles == 86


def test_status_relative_to_both_dates(registry):
    law = registry.lookup("《中华人民共和国行政处罚法》")
    assert status_of(law, "2022-01-01", "2026-11-23") == "in_force"
    assert status_of(law, "2019-01-01", "2026-11-23") == "amended"
    assert status_of(registry.lookup("民法典"), "2020-06-01", "2020-12-01") == "not_yet_effective"
    assert status_of(registry.lookup("合同法"), "2019-01-01", "2020-12-31") == "in_force"


def test_unknown_title_is_unverified_with_a_suggestion(registry):
    (c,) = resolve_citations(extract_citations("根据《中华人民共和国行政处法》"), registry, "2024-01-01", "2026-11-23")
    assert c.status == "unverified" and c.resolved is None
    assert registry.closest("中华人民共和国行政处法")[0].id == "行政处罚法"


def test_normalize_title():
    assert normalize_title("《中华人民共和国行政处罚法》") == "行政处罚法"
    assert normalize_title("行政处罚法（2021年修订）") == "行政处罚法"


def test_import_csv_writes_a_registry_file(tmp_path, monkeypatch):
    csv = tmp_path / "qingchuan.csv"
    csv.write_text(
        textwrap.dedent("""\
        id,title,aliases,level,issuer,doc_number,promulgated,effective,status,repealed,successor,note
        青川市市容条例,青川市市容和环境卫生管理条例,市容条例;青川市市容条例,地方性法规,青川市人大常委会,,2019-06-01,2019-10-01,in_force,,,
        """),
        encoding="utf-8",
    )
    out = import_csv(csv, tmp_path / "local")
    reg = load_registry((str(tmp_path / "local"),))
    assert out.exists() and reg.lookup("市容条例").title == "青川市市容和环境卫生管理条例"


def test_import_csv_rejects_unknown_level(tmp_path):
    from reviewer.errors import ReviewerError

    csv = tmp_path / "bad.csv"
    csv.write_text("id,title,level\nx,某条例,省级文件\n", encoding="utf-8")
    with pytest.raises(ReviewerError, match="第2行"):
        import_csv(csv, tmp_path / "local")
    assert not (tmp_path / "local" / "bad.yaml").exists()


def test_statutory_fine_restated_without_citation_is_not_ultra_vires():
    from reviewer.review import review_text

    restated = (
        "第十八条 在禁烧区域内露天焚烧秸秆、落叶等产生烟尘污染物质的，由县级以上地方人民政府确定的"
        "监督管理部门责令改正，并可以处五百元以上二千元以下的罚款。"
    )
    created = "第十八条 经营户未按规定办理登记的，处五百元以上二千元以下的罚款。"
    assert not [f for f in review_text(restated).findings if f.category == "ultra_vires.penalty"]
    assert [f for f in review_text(created).findings if f.category == "ultra_vires.penalty"]


def test_fine_above_the_cited_article_is_a_conflict():
    from reviewer.review import review_text

    text = (
        "第十七条 露天焚烧秸秆的，由生态环境部门依照《中华人民共和国大气污染防治法》第一百一十九条的规定，"
        "处一千元以上五千元以下的罚款。"
    )
    (f,) = [f for f in review_text(text).findings if f.category == "superior_law.conflict"]
    assert f.text == "处一千元以上五千元以下的罚款" and "2000元" in f.message


def test_fine_parsing():
    from reviewer.fines import find_fines

    got = [
        (f.kind, f.lo, f.hi, f.base)
        for f, _, _ in find_fines(
            "处二万元以上二十万元以下的罚款；处货值金额一倍以上三倍以下的罚款；处建设工程造价百分之五以上百分之十以下的罚款；并处1万元以下罚款"
        )
    ]
    assert got == [
        ("yuan", 20000, 200000, ""),
        ("times", 1, 3, "货值金额"),
        ("percent", 5, 10, "建设工程造价"),
        ("yuan", None, 10000, ""),
    ]


def test_a_title_and_its_number_in_brackets_are_one_citation():
    text = "根据《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）等规定"
    cites = extract_citations(text)
    assert len(cites) == 1
    assert cites[0].text.endswith("（国办发〔2018〕37号）")
    assert cites[0].doc_number == "国办发〔2018〕37号"


def test_its_implementing_regulation_is_cited_too():
    text = "根据《中华人民共和国土地管理法》及其实施条例，制定本办法。"
    cites = extract_citations(text)
    assert [c.title for c in cites] == ["中华人民共和国土地管理法", "土地管理法实施条例"]
    assert cites[1].text == "实施条例"
    resolved = resolve_citations(cites, load_registry(), "2024-01-01", "2026-11-24")
    assert resolved[1].resolved == "土地管理法实施条例"


# ---------------------------------------------------------------- a document's own citations (issue 12)


def _doc_citations(text, as_of="2026-01-01"):
    from reviewer.citations import own_citations
    from reviewer.structure import parse_document

    kept, dropped = own_citations(parse_document(text), load_registry(), as_of)
    return kept, dropped


COVER = (
    "青川市人民政府办公室关于印发《青川市农贸市场管理办法》的通知\n"
    "青政办发〔2024〕9号\n"
    "各区县人民政府，市政府各部门：\n"
    "《青川市农贸市场管理办法》已经市政府同意，现印发给你们，请认真贯彻执行。"
    "本通知（青政办发〔2024〕9号）自印发之日起施行。\n"
    "青川市人民政府办公室\n2024年3月1日\n"
    "青川市农贸市场管理办法\n"
    "第一条 为了规范农贸市场管理，根据《中华人民共和国食品安全法》，制定本办法。\n"
)


def test_own_title_not_a_citation():
    kept, dropped = _doc_citations(COVER)
    assert "青川市农贸市场管理办法" not in [c.title for c in kept]
    assert "青川市农贸市场管理办法" in [c.title for c in dropped]
    assert [c.resolved for c in kept if c.title] == ["食品安全法"]


def test_own_number_not_a_citation():
    kept, dropped = _doc_citations(COVER)
    assert "青政办发〔2024〕9号" not in [c.doc_number for c in kept]
    assert "青政办发〔2024〕9号" in [c.doc_number for c in dropped]


def test_another_document_with_the_same_short_title_but_its_own_number_is_a_citation():
    text = (
        "关于做好高校毕业生就业服务工作的通知\n青人社发〔2024〕3号\n各县人力资源和社会保障局：\n"
        "为落实人力资源社会保障部《关于做好高校毕业生就业服务工作的通知》（人社部发〔2023〕11号）要求，现通知如下。\n"
    )
    kept, _ = _doc_citations(text)
    assert "人社部发〔2023〕11号" in [c.doc_number for c in kept]


def test_defined_abbreviation_resolves():
    text = (
        "第一条 根据《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号，"
        "以下简称《通知》）和《中华人民共和国行政许可法》（简称“许可法”），制定本办法。\n"
        "第二条 本办法所称备案审查，按照《通知》第三条执行。\n"
    )
    kept, _ = _doc_citations(text)
    second = [c for c in kept if c.text.startswith("《通知》")]
    assert len(second) == 1 and second[0].resolved == "国办发〔2018〕37号" and second[0].article == "第三条"
    assert "通知" not in [c.title for c in kept]
    assert "许可法" not in [c.title for c in kept]


def test_abbreviation_of_no_document_is_dropped():
    text = "第一条 为规范停车管理，制定本办法（以下简称《办法》）。\n第二条 《办法》第五条另有规定的，从其规定。\n"
    kept, _ = _doc_citations(text)
    assert [c for c in kept if c.title] == []


def test_annex_name_dropped():
    text = (
        "青川市人民政府关于印发青川市电动自行车停放管理规定的通知\n"
        "各区县人民政府：现将有关事项通知如下，申请人应当填写《电动自行车停放点设置审批办法》（附件1）。\n"
        "附件：1.《电动自行车停放点设置审批办法》\n2.《停放点收费管理规定》\n"
    )
    kept, _ = _doc_citations(text)
    assert [c.title for c in kept if c.title] == []


def test_spaced_title_normalised():
    (c,) = extract_citations("依照《中华人民共和国行政 处罚法》第九条", names=load_registry().names())
    assert c.title == "中华人民共和国行政处罚法" and c.article == "第九条"
    (c,) = resolve_citations((c,), load_registry(), "2024-01-01", "2026-01-01")
    assert c.resolved == "行政处罚法"
    (c,) = extract_citations("按照《青川市建筑垃圾管理实施 细则》执行")
    assert c.title == "青川市建筑垃圾管理实施细则"
    (c,) = extract_citations("执行《JGJ 46施工现场临时用电安全技术规程》的规定")
    assert c.title == "JGJ 46施工现场临时用电安全技术规程"


def _sl003(text):
    from reviewer.review import review_text

    return [f for f in review_text(text).findings if f.rule == "SL003"]


def test_nonexistent_national_title_is_sl003_with_nearest_title():
    (f,) = _sl003("第三条 违反本办法的，依照《中华人民共和国行政处理法》第三十二条的规定处罚。")
    assert f.text == "《中华人民共和国行政处理法》第三十二条"
    assert "查无此名" in f.message and "《中华人民共和国行政处罚法》" in f.message


def test_misnamed_state_council_document_is_sl003():
    (f,) = _sl003("第一条 根据《国务院关于加强行政规范性文件制定和监督管理工作的通知》，制定本办法。")
    assert "国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知" in f.message


def test_real_catalogue_law_not_in_registry_no_finding():
    from reviewer.laws import load_catalogue

    title = "世界博览会标志保护条例"
    assert load_registry().lookup(title) is None and title in load_catalogue()
    assert _sl003(f"第一条 根据《{title}》第五条，制定本办法。") == []


def test_party_regulation_not_state_law_no_finding():
    assert _sl003("第一条 根据《中国共产党机关档案管理工作条例》，制定本办法。") == []


def test_local_title_unverified():
    text = "第二条 依照《青川市市容和环境卫生管理条例》第十条和《白鹭湖保护条例》执行。"
    assert _sl003(text) == []
    kept, _ = _doc_citations(text)
    assert [(c.title, c.status, c.resolved) for c in kept] == [
        ("青川市市容和环境卫生管理条例", "unverified", None),
        ("白鹭湖保护条例", "unverified", None),
    ]


def test_national_catalogue_is_derived_from_the_reference_index(tmp_path):
    import importlib.util
    from pathlib import Path

    tool = Path(__file__).resolve().parents[1] / "tools" / "build_national_catalogue.py"
    spec = importlib.util.spec_from_file_location("build_national_catalogue", tool)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    index = tmp_path / "index.csv"
    index.write_text(
        "name,title,level,province\n行政处罚法,中华人民共和国行政处罚法,法律,\n某条例,青川市某条例,地方性法规,青川\n",
        encoding="utf-8",
    )
    out = tmp_path / "titles.tsv"
    assert mod.build(index, out) == 1
    assert "中华人民共和国行政处罚法\t法律\t行政处罚法" in out.read_text(encoding="utf-8")
