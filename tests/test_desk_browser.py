"""The desk in a real headless Chromium (Debian's chromium + chromium-driver, driven
by Selenium): log in, upload a sample draft, see the highlights, dismiss a finding,
download the annotated .docx and check it carries one comment per kept finding.

Skipped when chromium or chromedriver is absent, except under CI=true (where
.ci/setup.d/60-chromium.sh installs them), where a missing browser is a failure
(tests/conftest.py require("browser")).
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest
from conftest import require

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "samples" / "01_qingchuan_prepaid_consumption.docx"
PASSWORD = "browser-test-pass"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require("browser")
    import uvicorn

    from reviewer.web import create_app
    from reviewer.web.auth import hash_password
    from reviewer.web.db import DeskDB

    data = tmp_path_factory.mktemp("desk")
    DeskDB(data / "desk.sqlite").add_user("审核员", hash_password(PASSWORD))
    port = _free_port()
    config = uvicorn.Config(create_app(data), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the desk did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(server):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = require("browser")
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not download anything
    downloads = tempfile.mkdtemp(prefix="desk-dl-")
    profile = tempfile.mkdtemp(prefix="desk-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1400,1000",
        "--lang=zh-CN",
    ):
        opts.add_argument(arg)
    opts.add_experimental_option(
        "prefs", {"download.default_directory": downloads, "download.prompt_for_download": False}
    )
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=opts)
    driver.set_page_load_timeout(60)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    driver.downloads = Path(downloads)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)
    shutil.rmtree(downloads, ignore_errors=True)


def _wait(predicate, timeout=30, what="condition"):
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except (NoSuchElementException, StaleElementReferenceException):
            value = None  # the page is being replaced after a form submission
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def test_review_in_the_browser(server, browser):
    from selenium.webdriver.common.by import By

    from reviewer.outputs.annotated_docx import anchored_texts

    d = browser
    d.get(server + "/")
    assert d.current_url.endswith("/login")
    d.find_element(By.ID, "name").send_keys("审核员")
    d.find_element(By.ID, "password").send_keys(PASSWORD)
    d.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
    _wait(lambda: d.find_elements(By.ID, "upload-form"), what="the upload page")

    d.find_element(By.ID, "file").send_keys(str(SAMPLE))
    d.find_element(By.ID, "submit-review").click()
    _wait(lambda: d.find_elements(By.ID, "doctext"), what="the review page")

    marks = d.find_elements(By.CSS_SELECTOR, "#doctext a.hl")
    cards = d.find_elements(By.CSS_SELECTOR, "article.finding")
    assert len(cards) >= 5 and marks
    assert any("处一万元以上三万元以下罚款" in m.text for m in marks)
    assert all(m.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)" for m in marks)
    assert "违法设定行政处罚" in d.find_element(By.CSS_SELECTOR, "aside.panel").text

    # Dismiss the card of the fine in 第十六条, with a note.
    target = next(c for c in cards if "处一万元以上三万元以下罚款" in c.text)
    card_id = target.get_attribute("id")
    target.find_element(By.NAME, "note").send_keys("经核实，已另有上位法依据")
    target.find_element(By.CSS_SELECTOR, "button.dismiss").click()
    _wait(
        lambda: "dismissed" in (d.find_element(By.ID, card_id).get_attribute("class") or ""),
        what="the finding to show as dismissed",
    )
    kept = _wait(lambda: int(d.find_element(By.ID, "count-kept").text), what="the kept count")
    assert kept == len(cards) - 1
    assert d.find_element(By.CSS_SELECTOR, f"#{card_id} .state").text == "不采纳"
    assert (
        d.find_element(By.CSS_SELECTOR, f"#{card_id} input[name=note]").get_attribute("value")
        == "经核实，已另有上位法依据"
    )

    shots = os.environ.get("REVIEWER_BROWSER_SCREENSHOTS")  # for a person to look at the page
    if shots:
        d.save_screenshot(str(Path(shots) / "desk-review.png"))
    d.find_element(By.ID, "download-annotated").click()
    path = _wait(lambda: next((p for p in d.downloads.glob("*.docx")), None), what="the annotated .docx download")
    _wait(lambda: not list(d.downloads.glob("*.crdownload")), what="the download to finish")
    anchors = anchored_texts(path)
    assert len(anchors) == kept
    assert all("处一万元以上三万元以下罚款" != words for words, _ in anchors)
    assert any(words == "指定的商业银行" for words, _ in anchors)


def test_reviewer_adds_a_finding_in_the_browser(server, browser):
    """The reviewer quotes words the tool did not flag, adds the finding, sees it highlighted
    and counted in the conclusion, and finds it as a comment in the annotated copy."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from reviewer.outputs.annotated_docx import anchored_texts

    quote = "责成有关部门采取查封施工现场、强制拆除等措施"
    d = browser
    d.get(server + "/")
    if d.current_url.endswith("/login"):
        d.find_element(By.ID, "name").send_keys("审核员")
        d.find_element(By.ID, "password").send_keys(PASSWORD)
        d.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
    _wait(lambda: d.find_elements(By.ID, "upload-form"), what="the upload page")
    d.find_element(By.ID, "file").send_keys(str(SAMPLE.parent / "03_qingchuan_illegal_building_dust.docx"))
    d.find_element(By.ID, "submit-review").click()
    _wait(lambda: d.find_elements(By.ID, "own-form"), what="the review page with the form for own findings")
    assert d.find_element(By.ID, "conclusion").text == "合法"

    d.find_element(By.ID, "own-quote").send_keys(quote)
    Select(d.find_element(By.ID, "own-category")).select_by_visible_text("违法设定行政强制")
    Select(d.find_element(By.ID, "own-severity")).select_by_visible_text("须修改")
    d.find_element(By.ID, "own-message").send_keys("未写明实施查封的法定主体和程序")
    d.find_element(By.ID, "own-suggestion").send_keys("写明由城乡规划主管部门依法实施。")
    d.find_element(By.ID, "own-submit").click()
    card = _wait(
        lambda: d.find_elements(By.CSS_SELECTOR, "article.finding[data-source=reviewer]"), what="the reviewer's finding"
    )[0]
    assert "第十条" in card.text and "审核人员补充" in card.text
    assert d.find_element(By.ID, "conclusion").text == "修改后合法"
    assert any(m.text == quote for m in d.find_elements(By.CSS_SELECTOR, "#doctext a.hl"))

    d.find_element(By.ID, "download-annotated").click()
    path = _wait(lambda: next((p for p in d.downloads.glob("03_*.docx")), None), what="the annotated .docx")
    _wait(lambda: not list(d.downloads.glob("*.crdownload")), what="the download to finish")
    ((words, comment),) = [(w, c) for w, c in anchored_texts(path) if "审核人员补充" in c]
    assert words == quote and "未写明实施查封的法定主体和程序" in comment
