"""The review opinion (合法性审核意见书) as a Word document."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from reviewer.outputs.opinion_docx import (
    LAWFUL,
    LAWFUL_IF_AMENDED,
    UNLAWFUL,
    Signature,
    basis_list,
    conclusion,
    quote_context,
    write_opinion_docx,
)
from reviewer.review import review_file, review_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpus" / "samples"
AS_OF = "2026-11-23"


@pytest.fixture(scope="module")
def review():
    return review_file(SAMPLES / "01_qingchuan_prepaid_consumption.docx", as_of=AS_OF)


def _text(path) -> str:
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


def test_opinion_sections_and_layout(tmp_path, review):
    out = tmp_path / "op.docx"
    kept = [f for f in review.findings if f.rule != "UV006"]
    verdict = write_opinion_docx(
        review,
        out,
        kept=kept,
        notes={0: "请起草单位说明备案的依据"},
        signature=Signature(org="青川市司法局", reviewer="张三", date="2026-11-23"),
    )
    assert verdict == LAWFUL_IF_AMENDED
    text = _text(out)
    assert "关于《青川市预付式消费经营活动管理办法》的合法性审核意见" in text
    assert "青市监发〔2025〕9号" in text and "2025年3月12日" in text and "青川市市场监督管理局" in text
    for heading in ("一、审核对象", "二、审核依据", "三、审核意见", "四、审核结论"):
        assert heading in text
    assert "《中华人民共和国行政处罚法》" in text and "国办发〔2018〕115号" in text
    # Grouped by provision, in document order, quoting the words.
    assert text.index("关于第四条") < text.index("关于第九条") < text.index("关于第十六条")
    assert "指定的商业银行" in text
    assert "审核人意见：请起草单位说明备案的依据。" in text
    assert "审核结论为：修改后合法" in text
    assert "审核机构：青川市司法局" in text and "审核人：张三" in text and "2026年11月23日" in text
    assert "第二条（违法设定收费）" not in text  # the dismissed finding is left out

    d = docx.Document(out)
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [37, 35, 28, 26]
    title = next(p for p in d.paragraphs if p.text.startswith("关于《"))
    run = title.runs[0]
    assert run.font.size == Pt(22)
    assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body = next(p for p in d.paragraphs if p.text.startswith("你单位报送的"))
    assert body.runs[0].font.size == Pt(16)
    assert body.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_conclusions(review):
    assert conclusion(review, []) == LAWFUL
    assert conclusion(review, list(review.findings)) in (LAWFUL_IF_AMENDED, UNLAWFUL)
    issuer = review_text("XX区建设工作领导小组办公室关于加强管理的通知\n第一条 违者处500元罚款。", as_of=AS_OF)
    from dataclasses import replace

    fake = replace(review.findings[0], category="ultra_vires.issuer", rule="UV-ISSUER")
    assert conclusion(issuer, [fake]) == UNLAWFUL
    abolished = review_file(SAMPLES / "02_donghu_investment_measures.docx", as_of=AS_OF)
    assert conclusion(abolished, list(abolished.findings)) == UNLAWFUL


def test_lawful_opinion(tmp_path, review):
    out = tmp_path / "ok.docx"
    assert write_opinion_docx(review, out, kept=[], signature=Signature(date="2026-11-23")) == LAWFUL
    text = _text(out)
    assert "审核结论为：合法" in text and "未发现" in text


def test_basis_list_merges_articles():
    from reviewer.model import Finding

    mk = lambda basis: Finding("R", "ultra_vires.penalty", "error", "x", 0, 1, "第一条", basis, "", "")  # noqa: E731
    got = basis_list(
        [
            mk(
                "《中华人民共和国行政处罚法》第十六条；《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）"
            ),
            mk("《中华人民共和国行政处罚法》第九条、第十六条"),
        ]
    )
    assert got == [
        "《中华人民共和国行政处罚法》第十六条、第九条",
        "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）",
    ]


def test_quote_context_drops_label():
    text = "第十六条 违反本办法第四条规定，未取得备案证明发售预付卡的，处一万元以上三万元以下罚款。\n第十七条 x"
    s = text.index("处一万元")
    assert (
        quote_context(text, s, s + 13) == "违反本办法第四条规定，未取得备案证明发售预付卡的，处一万元以上三万元以下罚款"
    )


def test_cli_opinion(tmp_path):
    out = tmp_path / "op.docx"
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "reviewer.cli",
            "opinion",
            str(SAMPLES / "01_qingchuan_prepaid_consumption.docx"),
            "--out",
            str(out),
            "--dismiss",
            "UV009",
            "--dismiss",
            "2",
            "--date",
            "2026-11-23",
            "--as-of",
            AS_OF,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert res.returncode == 0, res.stderr
    assert "审核结论：修改后合法" in res.stdout
    assert "[不采纳] UV009" in res.stdout and " 2. [不采纳]" in res.stdout
    assert "2026年11月23日" in _text(out)
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "reviewer.cli",
            "opinion",
            str(SAMPLES / "01_qingchuan_prepaid_consumption.docx"),
            "--out",
            str(out),
            "--keep",
            "NOPE",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert res.returncode == 2 and "NOPE" in res.stderr


MEASURES = """临江县人民政府办公室关于转发《临江县优化营商环境若干措施》的通知
临政办发〔2025〕3号
各乡镇人民政府，县政府各部门：
现将《临江县优化营商环境若干措施》转发给你们，请认真贯彻执行。
临江县人民政府办公室
2025年3月1日
临江县优化营商环境若干措施
一、总体要求
坚持问题导向，持续优化营商环境。
二、主要任务
（一）深化审批制度改革
1.推行告知承诺制。
三、保障措施
（一）加强组织领导
各部门要加强领导。
（三）规范市场秩序
3.规范经营行为
（1）本县行政区域内的餐饮经营者，须经县商务局备案同意后方可开展外卖经营活动。
（2）违反前项规定的，处五千元罚款。
本措施自2025年3月1日起施行，有效期至2027年2月28日。
"""


def test_opinion_prints_provisions_as_numbered_and_titles_unnested(tmp_path):
    from reviewer.outputs.labels import book_title, printed_label

    review = review_text(MEASURES, as_of="2025-06-01")
    fine = next(f for f in review.findings if "五千元罚款" in f.text)
    assert printed_label(review.document, fine) == "三、（三）3.（2）"
    out = tmp_path / "op.docx"
    write_opinion_docx(review, out, signature=Signature(date="2025-06-10"))
    text = _text(out)
    assert "关于三、（三）3.（2）" in text and "关于三、（2）" not in text
    assert "该项规定“违反前项规定的，处五千元罚款”" in text  # the item's words, without its number
    assert "《《" not in text and "》》" not in text
    assert book_title("关于转发《某办法》的通知") == "《关于转发〈某办法〉的通知》"
    assert book_title("《某办法》") == "《某办法》"


def test_opinion_never_quotes_the_heading_as_a_provision(tmp_path):
    from reviewer.model import Finding

    review = review_text(MEASURES, as_of="2025-06-01")
    doc = review.document
    title_end = doc.text.find("\n")
    heading = Finding(
        rule="PR003",
        category="procedure.other",
        severity="warning",
        text=doc.text[:title_end],
        start=0,
        end=title_end,
        provision=None,
        basis="",
        explanation="",
        suggestion="",
        message="文件标题未载明文种",
    )
    out = tmp_path / "op.docx"
    write_opinion_docx(review, out, kept=[heading], signature=Signature(date="2025-06-10"))
    text = _text(out)
    assert "关于文件整体" in text and "文件标题未载明文种" in text
    assert f"规定“{doc.text[:20]}" not in text


def _reasons(path) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs if p.text.startswith("理由和依据：")]


@pytest.mark.parametrize(
    "sample", ["01_qingchuan_prepaid_consumption.docx", "04_linjiang_construction_waste_interim.docx"]
)
def test_reasons_speak_of_the_provision(tmp_path, sample):
    """理由和依据 name the words found in this provision and differ between rules; a rule's
    legal basis is said once and referred back to (issue 13)."""
    r = review_file(SAMPLES / sample, as_of=AS_OF)
    out = tmp_path / "op.docx"
    write_opinion_docx(r, out, signature=Signature(date=AS_OF))
    reasons = _reasons(out)
    assert len(reasons) >= 5
    assert len(set(reasons)) == len(reasons)  # no two provisions share one paragraph
    quoted = [x for x in reasons if "“" in x or "《" in x.split("。")[0]]
    assert len(quoted) >= len(reasons) - 1  # each names the words found
    for text in reasons:
        assert "同对" not in text or "其法律依据同对" in text
    laws = [x for x in reasons if "行政处罚法》第九条" in x]
    assert laws and any("本文件未载明法律、法规依据" in x for x in laws)
    # the rule's generic account of what it looks for is not repeated after the first time
    assert sum("依照该法第十六条" in x for x in reasons) <= 2
    assert not [x for x in reasons if "规定规定" in x or "对其规定“" in x]


def test_reason_of_a_fine_names_party_conduct_and_basis(tmp_path):
    r = review_text(
        "青川市预付卡管理办法\n第一条 为规范管理，制定本办法。\n"
        "第二条 经营者未按期整改的，由市场监督管理部门处五千元罚款。\n"
        "第三条 经营者应当缴纳一万元履约保证金。\n",
        as_of=AS_OF,
    )
    out = tmp_path / "op.docx"
    write_opinion_docx(r, out, signature=Signature(date=AS_OF))
    reasons = _reasons(out)
    fine = next(x for x in reasons if "罚款" in x)
    assert "未按期整改的经营者" in fine and "“处五千元罚款”" in fine
    assert "《中华人民共和国行政处罚法》第九条第（二）项规定的罚款" in fine
    assert "本文件未载明法律、法规依据" in fine
