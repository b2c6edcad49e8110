"""The desk's filing-register pages (/register, /register/{id}) and the annual report
(/report, /report/download) through FastAPI's TestClient, over a SQLite register filled
with the sample filings by the register's own API."""

from __future__ import annotations

import io
import re

import pytest
from conftest import require

require("module", "fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from register_support import decide_samples, file_samples  # noqa: E402
from reviewer.web import create_app  # noqa: E402
from reviewer.web.auth import hash_password  # noqa: E402
from reviewer.web.db import DeskDB  # noqa: E402

PASSWORD = "correct horse 42"
YEAR = 2025
HOSTILE_ISSUER = "临江县<script>alert(1)</script>办公室"
HOSTILE_TEXT = (
    "关于印发《<b>临江县</b>停车管理办法》的通知\n"
    "第一条 为规范停车管理，制定本办法。\n"
    "第二条 违反本办法的，处500元罚款。<script>alert(2)</script>\n"
)
SECTIONS = ["一、基本情况", "二、报备情况和主要指标", "三、审查发现的主要问题", "四、纠正情况"]


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """One register for the module (filing the samples takes a few seconds): the samples,
    their decisions and corrections, a second decision on one finding, and a filing whose
    issuer name and text carry markup."""
    from reviewer.register import open_register
    from reviewer.register.filings import add_filing, decide

    tmp = tmp_path_factory.mktemp("register")
    url = f"sqlite:///{tmp / 'register.sqlite3'}"
    register = open_register(url)
    ids = file_samples(register)
    decide_samples(register, ids)
    first = ids["01_qingchuan_prepaid_consumption.docx"]
    decide(register, first, 1, "dismiss", note="复核后不予采纳", by="复核人")
    hostile = tmp / "hostile.txt"
    hostile.write_text(HOSTILE_TEXT, encoding="utf-8")
    ids["hostile"] = add_filing(
        register, hostile, issuer=HOSTILE_ISSUER, published="2025-07-01", received="2025-07-20", by="测试"
    ).filing_id
    yield url, register, ids
    register.close()


def _app(tmp_path, register_url=None):
    DeskDB(tmp_path / "desk.sqlite").add_user("alice", hash_password(PASSWORD))
    return create_app(tmp_path, max_upload=2 * 1024 * 1024, register=register_url)


def _login(client: TestClient) -> None:
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
    r = client.post("/login", data={"name": "alice", "password": PASSWORD, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303


@pytest.fixture()
def client(tmp_path, filled):
    with TestClient(_app(tmp_path, filled[0]), base_url="http://127.0.0.1") as c:
        _login(c)
        yield c


PAGES = ["/register", "/register/1", f"/report?year={YEAR}", f"/report/download?year={YEAR}&format=md"]


def test_pages_need_login(tmp_path, filled):
    with TestClient(_app(tmp_path, filled[0])) as c:
        for url in PAGES:
            r = c.get(url, follow_redirects=False)
            assert r.status_code == 303 and r.headers["location"] == "/login", url


def test_without_a_register_the_pages_are_404(tmp_path):
    with TestClient(_app(tmp_path)) as c:
        _login(c)
        home = c.get("/").text
        assert 'href="/register"' not in home and 'href="/report"' not in home
        for url in PAGES:
            r = c.get(url)
            assert r.status_code == 404, url
            assert "未配置备案登记簿" in r.text


def test_register_list(client, filled):
    _, register, ids = filled
    from reviewer.register.filings import list_filings

    home = client.get("/").text
    assert 'href="/register"' in home and 'href="/report"' in home
    r = client.get("/register")
    assert r.status_code == 200
    page = r.text
    shown = [int(x) for x in re.findall(r'<tr id="filing-(\d+)">', page)]
    rows = list_filings(register)
    assert sorted(shown) == sorted(x["filing_id"] for x in rows)
    newest_first = sorted(rows, key=lambda x: (x["received"], x["filing_id"]), reverse=True)
    assert shown == [x["filing_id"] for x in newest_first]
    for x in rows:
        assert f'href="/register/{x["filing_id"]}"' in page
    assert "东湖区促进招商引资高质量发展若干措施" in page and "青川市市场监督管理局" in page
    assert "逾期" in page and "重复报备" in page and "制定机关撤销" in page and "待处理" in page
    # Year filter: only 2024's filing.
    page = client.get("/register", params={"year": "2024"}).text
    assert re.findall(r'<tr id="filing-(\d+)">', page) == [str(ids["04_linjiang_construction_waste_interim.docx"])]
    assert "制定机关变更" in page
    assert client.get("/register", params={"year": "2023"}).text.count('<tr id="filing-') == 0
    r = client.get("/register", params={"year": "abc"})
    assert r.status_code == 400 and "四位数字年份" in r.text


def test_filing_detail_shows_findings_and_decisions(client, filled):
    _, register, ids = filled
    from reviewer.register.filings import show_filing

    fid = ids["01_qingchuan_prepaid_consumption.docx"]
    data = show_filing(register, fid)
    r = client.get(f"/register/{fid}")
    assert r.status_code == 200
    page = r.text
    assert page.count('<article class="finding') == len(data["findings"]) >= 3
    assert "青川市市场监督管理局" in page and "缺少制定说明" in page
    # Finding 1: first its decision by decide_samples, then the later dismissal; the page shows both.
    card = page.split('id="finding-1"', 1)[1].split("</article>", 1)[0]
    assert "经审查" in card and "复核后不予采纳" in card and "复核人" in card and card.count("<tr") == 3
    assert "不予采纳" in card.split("</header>")[0]
    last = data["findings"][-1]
    card = page.split(f'id="finding-{last["no"]}"', 1)[1].split("</article>", 1)[0]
    assert "尚无处理意见" in card
    page = client.get(f"/register/{ids['02_donghu_investment_measures.docx']}").text
    assert "制定机关撤销" in page and "制定机关已发文废止" in page
    dup = client.get(f"/register/{ids['02_donghu_investment_measures.pdf']}").text
    assert "首次报备为" in dup
    for bad in ("99999", "abc", "1" * 30):
        r = client.get(f"/register/{bad}")
        assert r.status_code == 404 and "备案登记" in r.text


def test_markup_in_register_data_is_escaped(client, filled):
    _, _, ids = filled
    for url in ("/register", f"/register/{ids['hostile']}", f"/report?year={YEAR}"):
        page = client.get(url).text
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url
    detail = client.get(f"/register/{ids['hostile']}").text
    assert "<b>临江县</b>" not in detail


def test_report_page_shows_the_years_figures(client, filled):
    _, register, _ = filled
    from reviewer.reports.annual import build_annual_report

    fig = build_annual_report(register, YEAR, charts=False).figures
    r = client.get("/report", params={"year": str(YEAR), "organ": "青川市司法局"})
    assert r.status_code == 200
    page = r.text
    for key in (
        "filings_received",
        "duplicate_filings",
        "registered",
        "on_time",
        "late",
        "defective",
        "findings_confirmed",
        "corrected_total",
    ):
        shown = re.search(rf'id="fig-{key}">(\d+)<', page).group(1)
        assert int(shown) == getattr(fig, key), key
    for rate in fig.rates:
        assert f'id="rate-{rate.key}">{rate.percent}<' in page
    # The renderer's report itself, inside the desk's layout (one document, one <html>).
    assert page.count("<html") == 1 and 'id="annual-report"' in page
    assert f"青川市司法局{YEAR}年度行政规范性文件备案审查工作报告" in page
    for s in SECTIONS:
        assert s in page
    assert f"共收到制定机关报送备案的文件{fig.filings_received}件次" in page
    assert f"/report/download?year={YEAR}&amp;organ=" in page and "format=docx" in page and "format=md" in page
    # Without a year: the latest year with filings.
    assert f'value="{YEAR}"' in client.get("/report").text
    for bad in ("3000", "20x5", "1900"):
        r = client.get("/report", params={"year": bad})
        assert r.status_code == 400 and "报告年度" in r.text


def test_report_page_charts(cjk_font, client):
    page = client.get("/report", params={"year": str(YEAR)}).text
    assert page.count("data:image/png;base64,") == 3
    assert 'id="chart-note"' not in page


def test_report_page_without_a_chinese_font(client, monkeypatch):
    import matplotlib
    from reviewer.reports import cjkfont

    monkeypatch.setenv("REVIEWER_CJK_FONT", matplotlib.get_data_path() + "/fonts/ttf/DejaVuSans.ttf")
    cjkfont.cjk_font_path.cache_clear()
    cjkfont.font_properties.cache_clear()
    try:
        page = client.get("/report", params={"year": str(YEAR)}).text
    finally:
        cjkfont.cjk_font_path.cache_clear()
        cjkfont.font_properties.cache_clear()
    assert "data:image/png" not in page
    note = re.search(r'id="chart-note">([^<]+)<', page).group(1)
    assert "未生成图表" in note and "中文字体" in note
    assert "一、基本情况" in page


def test_report_downloads(client, filled):
    _, register, _ = filled
    import docx
    from reviewer.reports.annual import build_annual_report

    fig = build_annual_report(register, YEAR, charts=False).figures
    r = client.get("/report/download", params={"year": str(YEAR), "format": "docx", "organ": "青川市司法局"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    texts = [p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs]
    assert texts[0] == f"青川市司法局{YEAR}年度行政规范性文件备案审查工作报告"
    assert all(s in texts for s in SECTIONS)
    r = client.get("/report/download", params={"year": str(YEAR), "format": "md"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
    assert "attachment" in r.headers["content-disposition"]
    md = r.content.decode("utf-8")
    assert md.startswith(f"# {YEAR}年度行政规范性文件备案审查工作报告")
    assert "## 一、基本情况" in md and f"共收到制定机关报送备案的文件{fig.filings_received}件次" in md
    for params in ({"year": str(YEAR), "format": "pdf"}, {"format": "md"}, {"year": "3000", "format": "md"}):
        assert client.get("/report/download", params=params).status_code == 400, params
