"""The reviewer's own findings and reworded findings at the desk (TestClient, with CSRF):
added on the quoted words, shown and highlighted, counted in the verdict, written into the
annotated copy and the opinion, recorded in the filing register when the review is linked
to a filing; a wrong quote is refused in Chinese with the form kept."""

from __future__ import annotations

import io
import re

import docx
import pytest

from conftest import require

require("module", "fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from reviewer.outputs.annotated_docx import anchored_texts  # noqa: E402
from reviewer.web import create_app  # noqa: E402
from reviewer.web.auth import hash_password  # noqa: E402
from reviewer.web.db import DeskDB  # noqa: E402
from test_web import PASSWORD, ROOT, _csrf, login  # noqa: E402

DUST = ROOT / "corpus" / "samples" / "03_qingchuan_illegal_building_dust.docx"
PREPAID = ROOT / "corpus" / "samples" / "01_qingchuan_prepaid_consumption.docx"
QUOTE = "责成有关部门采取查封施工现场、强制拆除等措施"
PROBLEM = "未写明实施查封的法定主体和程序"
SUGGESTION = "写明由城乡规划主管部门依照行政强制法规定的程序实施。"


@pytest.fixture()
def desk(tmp_path):
    data = tmp_path / "desk"
    DeskDB(data / "desk.sqlite").add_user("alice", hash_password(PASSWORD))
    register = tmp_path / "register.sqlite3"
    from reviewer.register import open_register
    from reviewer.register.filings import add_filing

    reg = open_register(str(register))
    try:
        filing = add_filing(reg, DUST, issuer="青川市人民政府", published="2025-04-10", received="2025-05-06").filing_id
    finally:
        reg.close()
    app = create_app(data, max_upload=2 * 1024 * 1024, register=str(register))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert login(c).status_code == 303
        yield c, str(register), filing


def _upload(client, path, filing=None):
    csrf = _csrf(client.get("/").text)
    r = client.post(
        "/reviews",
        data={"csrf": csrf, "filing_id": str(filing or "")},
        files={"file": (path.name, path.read_bytes())},
        follow_redirects=False,
    )
    assert r.status_code == 303
    return r.headers["location"]


def _own(**kw):
    return {
        "provision": "",
        "quote": QUOTE,
        "category": "ultra_vires.coercion",
        "severity": "error",
        "message": PROBLEM,
        "explanation": "查封是行政强制措施。",
        "basis": "《中华人民共和国行政强制法》第九条",
        "suggestion": SUGGESTION,
        **kw,
    }


def test_desk_adds_an_own_finding_on_the_quoted_words(desk):
    client, register, filing = desk
    url = _upload(client, DUST, filing)
    page = client.get(url).text
    assert 'id="own-form"' in page and re.search(r'id="conclusion">合法<', page)
    # without the CSRF token: refused, nothing added
    r = client.post(url + "/own", data=_own(), follow_redirects=False)
    assert r.status_code == 403
    r = client.post(url + "/own", data={"csrf": _csrf(page), **_own()}, follow_redirects=False)
    assert r.status_code == 303 and "#card-" in r.headers["location"] and "notice" not in r.headers["location"]
    page = client.get(url).text
    assert 'data-source="reviewer"' in page and "审核人员补充" in page and PROBLEM in page
    assert re.search(r'id="conclusion">修改后合法<', page)
    assert f">{QUOTE}</a>" in page  # highlighted in the text
    n = int(re.search(r'<article class="finding own[^"]*" id="card-(\d+)"', page).group(1))

    doc = client.get(url + "/annotated.docx")
    ((words, comment),) = [(w, c) for w, c in anchored_texts(io.BytesIO(doc.content)) if "审核人员补充" in c]
    assert words == QUOTE and "第十条" in comment and SUGGESTION in comment
    op = client.get(url + "/opinion.docx", params={"org": "青川市司法局", "date": "2026-11-23"})
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(op.content)).paragraphs)
    assert "关于第十条" in text and QUOTE in text and PROBLEM in text and "审核结论为：修改后合法" in text

    # recorded in the register as the reviewer's, confirmed
    from reviewer.register import open_register
    from reviewer.register.filings import show_filing

    reg = open_register(register)
    try:
        shown = show_filing(reg, filing)
    finally:
        reg.close()
    own = [f for f in shown["findings"] if f["source"] == "reviewer"]
    assert len(own) == 1 and own[0]["added_by"] == "alice" and own[0]["decision"] == "confirmed"
    assert own[0]["provision"] == "第十条" and own[0]["text"] == QUOTE
    assert shown["cleanup"]["conclusion"] == "修改后合法"

    # removed again: gone from the desk and the register
    rid = re.search(r"/own/(\d+)/delete", page).group(1)
    r = client.post(f"{url}/own/{rid}/delete", data={"csrf": _csrf(page)}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(url).text
    assert 'data-source="reviewer"' not in page and f'id="card-{n}"' not in page
    reg = open_register(register)
    try:
        assert not [f for f in show_filing(reg, filing)["findings"] if f["source"] == "reviewer"]
    finally:
        reg.close()


def test_a_quote_not_in_the_text_is_refused_in_chinese(desk):
    client, _, _ = desk
    url = _upload(client, DUST)
    page = client.get(url).text
    r = client.post(url + "/own", data={"csrf": _csrf(page), **_own(quote="本条不存在的文字", provision="第十条")})
    assert r.status_code == 400
    assert "第十条中找不到所引原文" in r.text and "本条不存在的文字" in r.text  # the form keeps what was typed
    r = client.post(url + "/own", data={"csrf": _csrf(page), **_own(category="bogus")})
    assert r.status_code == 400 and "问题类别" in r.text


def test_reworded_finding_is_kept_in_the_reviewers_words(desk):
    client, _, _ = desk
    url = _upload(client, PREPAID)
    page = client.get(url).text
    cards = re.findall(r'<article class="finding sev-[^"]*" id="card-(\d+)"', page)
    fine = next(
        i for i in cards if "处一万元以上三万元以下罚款" in page.split(f'id="card-{i}"')[1].split("</article>")[0]
    )
    n = int(fine) - 1
    block = page.split(f'id="card-{fine}"')[1].split("</article>")[0]
    fields = {
        k: re.search(rf'name="{k}"[^>]*>([^<]*)</textarea>', block).group(1)
        for k in ("message", "explanation", "basis")
    }
    import html

    fields = {k: html.unescape(v) for k, v in fields.items()}
    mine = "删除罚款的规定，依照《中华人民共和国消费者权益保护法》第五十六条处理。"
    r = client.post(
        f"{url}/findings/{n}",
        data={"csrf": _csrf(page), "decision": "keep", "note": "", "suggestion": mine, **fields},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert mine in client.get(url).text
    doc = client.get(url + "/annotated.docx")
    assert any(w == "处一万元以上三万元以下罚款" and mine in c for w, c in anchored_texts(io.BytesIO(doc.content)))
    op = client.get(url + "/opinion.docx")
    assert mine in "\n".join(p.text for p in docx.Document(io.BytesIO(op.content)).paragraphs)
