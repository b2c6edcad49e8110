"""`reviewer impact`: which documents, which provisions, for a law or one article of it (issue 12)."""

import json

import pytest
from click.testing import CliRunner

from reviewer.cli import main
from reviewer.graph import split_article

FIRST = (
    "青川市扬尘污染防治办法\n"
    "第一条 为了防治扬尘污染，根据《中华人民共和国大气污染防治法》，制定本办法。\n"
    "第五条 施工单位未采取覆盖措施的，依照《中华人民共和国大气污染防治法》第一百一十五条的规定处罚。\n"
    "第六条 运输车辆未密闭的，依照大气污染防治法第一百一十六条的规定处罚。\n"
    "第九条 拒不改正的，依照《中华人民共和国大气污染防治法》第115条的规定处理。\n"
)
SECOND = (
    "东湖区露天焚烧管理规定\n"
    "第三条 露天焚烧秸秆的，依照《大气污染防治法》第一百一十九条的规定处罚。\n"
    "第四条 依照《东湖区市容管理办法》第八条执行。\n"
)


@pytest.fixture()
def folder(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "dust.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "burning.txt").write_text(SECOND, encoding="utf-8")
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, ["impact", *args])


def test_split_article():
    assert split_article("大气污染防治法第一百一十五条") == ("大气污染防治法", "第一百一十五条")
    assert split_article("《中华人民共和国大气污染防治法》第115条") == ("中华人民共和国大气污染防治法", "第115条")
    assert split_article("大气污染防治法") == ("大气污染防治法", None)


def test_impact_by_article(folder):
    result = run("--format", "json", "大气污染防治法第一百一十五条", str(folder))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["in_registry"] and data["article"] == "第一百一十五条"
    (doc,) = data["documents"]
    assert doc["file"].endswith("dust.txt")
    assert doc["provisions"] == ["第五条", "第九条"]  # 第115条 too, in document order; not 第六条
    same = json.loads(run("--format", "json", "大气污染防治法第115条", str(folder)).stdout)
    assert [d["provisions"] for d in same["documents"]] == [["第五条", "第九条"]]


def test_impact_by_short_name_finds_every_citing_document(folder):
    data = json.loads(run("--format", "json", "大气污染防治法", str(folder)).stdout)
    assert sorted(d["file"].rsplit("/", 1)[-1] for d in data["documents"]) == ["burning.txt", "dust.txt"]
    dust = next(d for d in data["documents"] if d["file"].endswith("dust.txt"))
    assert dust["provisions"] == ["第一条", "第五条", "第六条", "第九条"]


def test_impact_prints_paths(folder):
    result = run("大气污染防治法", str(folder))
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"文件：{folder / 'a' / 'dust.txt'}" in out and f"文件：{folder / 'burning.txt'}" in out
    assert "青川市扬尘污染防治办法" in out and "东湖区露天焚烧管理规定" in out
    assert out.index("第五条") < out.index("第九条")


def test_impact_unknown_title_message(folder):
    result = run("东湖区市容管理办法", str(folder))
    assert result.exit_code == 0, result.output
    assert "法规库和国家法律法规目录中均未找到《东湖区市容管理办法》" in result.output
    assert "burning.txt" in result.output  # still searched by the given title
    result = run("中华人民共和国市容管理法", str(folder))
    assert "均未找到《中华人民共和国市容管理法》" in result.output and "没有文件引用" in result.output


def test_impact_catalogue_title_not_in_registry_is_said_so(folder):
    result = run("世界博览会标志保护条例", str(folder))
    assert "本工具法规库未收录《世界博览会标志保护条例》" in result.output
