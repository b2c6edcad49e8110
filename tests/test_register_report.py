"""The annual report: its figures add up and match their written definitions
(recomputed here straight from the tables), and the .docx/HTML/Markdown carry the
sections and charts."""

from __future__ import annotations

import io
from datetime import date

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from register_support import decide_samples, file_samples
from reviewer.cli import main
from reviewer.cleanup import CATEGORY_NAMES
from reviewer.register.cleanup_outcomes import record_outcome
from reviewer.reports.annual import build_annual_report
from reviewer.reports.annual_render import to_docx, to_html, to_markdown


YEAR = 2025
SECTIONS = [
    "一、基本情况",
    "二、报备情况和主要指标",
    "三、审查发现的主要问题",
    "四、纠正情况",
    "五、规范性文件清理情况",
    "六、典型案例",
    "七、存在的问题和下一步工作",
]


@pytest.fixture
def filled(register):
    ids = file_samples(register)
    decide_samples(register, ids)
    record_outcome(register, ids["03_qingchuan_illegal_building_dust.docx"], year=YEAR, category="remain", reasons=[])
    record_outcome(register, ids["01_qingchuan_prepaid_consumption.docx"], year=YEAR, category="modify", reasons=[])
    record_outcome(
        register, ids["02_donghu_investment_measures.docx"], year=YEAR, category="abolish", reasons=["已撤销"]
    )
    record_outcome(register, ids["06_donghu_justice_bureau_2024_workplan.docx"], year=YEAR, category="void", reasons=[])
    return register, ids


def _independent(url: str) -> dict:
    """The figures computed from the tables with SQL, not with the report's code."""
    engine = sa.create_engine(url)
    with engine.connect() as c:
        first = {
            r.document_id: r
            for r in c.execute(
                sa.text(
                    "SELECT f.* FROM filings f WHERE f.id = (SELECT MIN(id) FROM filings g WHERE g.document_id = f.document_id)"
                )
            )
        }
        docs = {r.id: r for r in c.execute(sa.text("SELECT * FROM documents"))}
        n = [d for d, f in first.items() if str(f.received)[:4] == str(YEAR) and docs[d].is_normative]
        latest = c.execute(
            sa.text(
                "SELECT fi.category, r.document_id, d.decision FROM findings fi JOIN reviews r ON r.id = fi.review_id"
                " JOIN decisions d ON d.finding_id = fi.id"
                " WHERE d.id = (SELECT MAX(id) FROM decisions e WHERE e.finding_id = fi.id)"
            )
        ).all()
        confirmed = [(cat, doc) for cat, doc, dec in latest if dec == "confirmed" and doc in n]
        outcomes = dict(
            c.execute(
                sa.text(
                    "SELECT document_id, outcome FROM corrections c WHERE id = (SELECT MAX(id) FROM corrections k"
                    " WHERE k.document_id = c.document_id)"
                )
            ).all()
        )
        cleanup = dict(
            c.execute(
                sa.text("SELECT category, COUNT(*) FROM cleanup_outcomes WHERE year = :y GROUP BY category"),
                {"y": YEAR},
            ).all()
        )
    engine.dispose()
    import json

    def missing(d):
        value = first[d].missing_materials
        return json.loads(value) if isinstance(value, str) else value

    defective = {doc for _, doc in confirmed}
    return {
        "registered": len(n),
        "timely": sum(1 for d in n if first[d].on_time),
        "form": sum(1 for d in n if docs[d].doc_number and not docs[d].doc_number_defect and not missing(d)),
        "legality": sum(1 for d in n if "legality-review" not in missing(d)),
        "confirmed": len(confirmed),
        "by_category": {cat: sum(1 for c2, _ in confirmed if c2 == cat) for cat, _ in confirmed},
        "defective": len(defective),
        "outcomes": {k: sum(1 for d in defective if outcomes.get(d) == k) for k in ("corrected", "revoked", "changed")},
        "cleanup": cleanup,
    }


def test_figures_add_up_and_match_their_definitions(filled, db_url):
    register, ids = filled
    f = build_annual_report(register, YEAR, charts=False).figures
    ind = _independent(db_url)
    # Received: 6 filings in 2025 (one a duplicate), 5 documents, 1 not normative.
    assert (f.filings_received, f.duplicate_filings, f.documents_received, f.not_normative) == (6, 1, 5, 1)
    assert f.registered == ind["registered"] == 4
    assert f.on_time + f.late == f.registered
    assert f.reviewed + f.under_review == f.registered
    assert f.findings_confirmed + f.findings_dismissed + f.findings_pending == f.findings_total
    # Defects by category: the categories sum to the total, and each matches SQL.
    assert sum(c.findings for c in f.categories) == f.findings_confirmed == ind["confirmed"]
    assert {c.category: c.findings for c in f.categories} == ind["by_category"]
    assert all(c.name == CATEGORY_NAMES[c.category] for c in f.categories)
    assert f.defective == ind["defective"] == 2
    assert sum(f.corrections.values()) == f.defective
    assert {k: f.corrections[k] for k in ("corrected", "revoked", "changed")} == ind["outcomes"]
    assert f.corrections["revoked"] == 1 and f.corrections["pending"] == 1  # 02 revoked, 01 open; 04 is 2024's
    assert f.cleanup_total == sum(ind["cleanup"].values()) == 4
    assert all(f.cleanup[k] == ind["cleanup"].get(k, 0) for k in f.cleanup)
    # The four rates equal their definitions.
    for key, numerator in (("timely", ind["timely"]), ("form", ind["form"]), ("legality", ind["legality"])):
        rate = f.rate(key)
        assert (rate.numerator, rate.denominator) == (numerator, ind["registered"]), key
        assert rate.value == pytest.approx(numerator / ind["registered"])
        assert rate.definition and "÷" in rate.definition
    assert (f.rate("timely").numerator, f.rate("form").numerator, f.rate("legality").numerator) == (2, 2, 3)
    # No issuer list imported: every document filed counts as due, so the filing rate is 100%.
    assert f.rate("filing").value == 1.0
    assert sum(a + b for _, a, b in f.monthly) == f.registered
    assert len(f.annex) == f.documents_received


def test_filing_rate_uses_the_issued_lists(filled, tmp_path):
    from reviewer.register.completeness import import_issued

    register, _ = filled
    path = tmp_path / "list.csv"
    path.write_text(
        "文号,标题,公布日期\n东政发〔2025〕3号,东湖区促进招商引资高质量发展若干措施,2025-02-19\n"
        "东政发〔2025〕8号,东湖区某未报备办法,2025-05-01\n",
        encoding="utf-8",
    )
    import_issued(register, path, issuer="东湖区人民政府")
    rate = build_annual_report(register, YEAR, charts=False).figures.rate("filing")
    # Due: 2 on 东湖区's list + 3 other 2025 normative documents filed by issuers without a list; filed: 1 + 3.
    assert (rate.numerator, rate.denominator) == (4, 5)


def test_typical_cases_quote_the_provision_basis_and_outcome(filled):
    register, _ = filled
    f = build_annual_report(register, YEAR, charts=False).figures
    assert 1 <= len(f.cases) <= 3
    first = f.cases[0]
    assert first.title == "东湖区促进招商引资高质量发展若干措施"  # the corrected one leads
    assert first.words and first.basis and "撤销" in first.outcome
    assert first.quote and first.provision and not first.quote.startswith(first.provision)
    assert len({c.category for c in f.cases}) == len(f.cases)


def test_docx_report_has_the_layout_sections_and_charts(cjk_font, filled):
    from docx import Document
    from docx.oxml.ns import qn

    register, _ = filled
    rep = build_annual_report(register, YEAR, organ="青川市司法局", made_on=date(2026, 1, 15))
    doc = Document(io.BytesIO(to_docx(rep)))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "青川市司法局2025年度行政规范性文件备案审查工作报告"
    for s in SECTIONS:
        assert s in texts
    assert "2026年1月15日" in texts and "附件1" in texts and "附件2" in texts
    assert len(doc.inline_shapes) == 3
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)] == [
        37,
        35,
        28,
        26,
    ]
    title_run = doc.paragraphs[0].runs[0]
    assert title_run.font.size.pt == 22
    assert title_run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
    normal = doc.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    heading = next(p for p in doc.paragraphs if p.text == "一、基本情况")
    assert heading.runs[0]._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    footer_xml = sec.footer._element.xml
    assert "PAGE" in footer_xml and "— " in footer_xml and " —" in footer_xml
    assert "PAGE" in sec.even_page_footer._element.xml
    # The category table's rows sum to its 合计 row.
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "问题类别")
    body = [r for r in table.rows[1:] if r.cells[1].text != "合计"]
    total = next(r for r in table.rows if r.cells[1].text == "合计")
    assert sum(int(r.cells[2].text) for r in body) == int(total.cells[2].text) == rep.figures.findings_confirmed


def test_html_and_markdown(filled, tmp_path):
    register, _ = filled
    rep = build_annual_report(register, YEAR)
    html = to_html(rep)
    assert html.count("data:image/png;base64,") == 3
    for s in SECTIONS:
        assert s in html
    assert "报备率" in html and "及时报备率" in html and "规范报备率" in html and "合法性审核率" in html
    md = to_markdown(rep, {"monthly": "c/monthly.png"})
    assert "## 三、审查发现的主要问题" in md and "![" in md and "| 合计 |" in md


def test_charts_are_png_and_refuse_a_font_without_chinese(cjk_font, filled, monkeypatch):
    import matplotlib
    from reviewer.reports import cjkfont
    from reviewer.reports.annual_charts import category_chart

    register, _ = filled
    rep = build_annual_report(register, YEAR)
    assert all(png.startswith(b"\x89PNG") for png in rep.charts.values())
    latin = str(next(p for p in (matplotlib.get_data_path() + "/fonts/ttf/DejaVuSans.ttf",)))
    monkeypatch.setenv("REVIEWER_CJK_FONT", latin)
    cjkfont.cjk_font_path.cache_clear()
    cjkfont.font_properties.cache_clear()
    try:
        with pytest.raises(cjkfont.FontMissingError, match="中文字体"):
            category_chart(rep.figures)
    finally:
        cjkfont.cjk_font_path.cache_clear()
        cjkfont.font_properties.cache_clear()


def test_cli_report_in_three_formats(cjk_font, filled, db_url, tmp_path):
    runner = CliRunner()
    for fmt in ("docx", "html", "md"):
        out = tmp_path / f"report.{fmt}"
        r = runner.invoke(
            main,
            [
                "report",
                "annual",
                "--year",
                str(YEAR),
                "--format",
                fmt,
                "--out",
                str(out),
                "--organ",
                "青川市司法局",
                "--db",
                db_url,
            ],
        )
        assert r.exit_code == 0, r.output
        assert out.stat().st_size > 1000
    assert (tmp_path / "report_图表" / "categories.png").is_file()
    r = runner.invoke(main, ["report", "annual", "--year", "3000", "--db", db_url])
    assert r.exit_code == 2 and "报告年度" in r.stderr
