"""The desk's pages and API through FastAPI's TestClient: login, CSRF, hostile
uploads, decisions, downloads and the JSON contract against the app's OpenAPI schema."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from conftest import require

require("module", "fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from reviewer.outputs.annotated_docx import anchored_texts  # noqa: E402
from reviewer.web import create_app  # noqa: E402
from reviewer.web.auth import hash_password  # noqa: E402
from reviewer.web.db import DeskDB  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "samples" / "01_qingchuan_prepaid_consumption.docx"
PASSWORD = "correct horse 42"


@pytest.fixture()
def data_dir(tmp_path):
    DeskDB(tmp_path / "desk.sqlite").add_user("alice", hash_password(PASSWORD))
    return tmp_path


@pytest.fixture()
def app(data_dir):
    return create_app(data_dir, max_upload=2 * 1024 * 1024)


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def login(client: TestClient, name="alice", password=PASSWORD):
    csrf = _csrf(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password, "csrf": csrf}, follow_redirects=False)


@pytest.fixture()
def client(app):
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert login(c).status_code == 303
        yield c


def upload(client: TestClient, name: str, data: bytes):
    csrf = _csrf(client.get("/").text)
    return client.post("/reviews", data={"csrf": csrf}, files={"file": (name, data)}, follow_redirects=False)


# ---------------------------------------------------------------------- auth


def test_pages_need_login(app):
    with TestClient(app) as c:
        assert c.get("/", follow_redirects=False).headers["location"] == "/login"
        assert c.get("/reviews/AAAAAAAAAAAAAAAAAAAAAAAA", follow_redirects=False).status_code == 303
        r = c.post("/api/review", json={"text": "第一条 违者处500元罚款。"})
        assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"


def test_login_wrong_password_and_throttle(app):
    with TestClient(app) as c:
        r = login(c, password="wrong password")
        assert r.status_code == 401 and "用户名或密码不正确" in r.text
        for _ in range(5):
            login(c, password="wrong password")
        assert login(c).status_code == 429  # even the right password waits out the lockout


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _attempt(app, name, password, addr, cookies=None):
    c = TestClient(app, base_url="http://127.0.0.1", client=(addr, 40000), cookies=cookies)
    return login(c, name=name, password=password)


def test_spray_over_names_from_one_address_is_slowed(app):
    clock = app.state.desk.throttle.clock = FakeClock()
    with TestClient(app, base_url="http://127.0.0.1", client=("10.0.0.9", 40000)) as c:
        for i in range(11):  # the address's free allowance, one name each
            assert login(c, name=f"user{i}", password="password123").status_code == 401
        waits = []
        for i in range(11, 16):
            r = login(c, name=f"user{i}", password="password123")
            assert r.status_code == 429 and "秒后再试" in r.text
            waits.append(int(r.headers["retry-after"]))
            clock.now += waits[-1]  # waited: one more guess is let through, and fails
            assert login(c, name=f"other{i}", password="password123").status_code == 401
        assert waits == [2, 4, 8, 16, 32]  # the wait doubles with every further failure
    assert _attempt(app, "alice", PASSWORD, "10.0.0.10").status_code == 303  # other addresses are not slowed


def test_guessing_at_a_name_cannot_lock_its_owner_out(app):
    clock = app.state.desk.throttle.clock = FakeClock()
    with TestClient(app, base_url="http://127.0.0.1", client=("10.0.0.2", 40000)) as mine:
        assert login(mine).status_code == 303  # alice's own browser: it gets a device cookie
        assert "reviewer_device" in mine.cookies
        device = {"reviewer_device": mine.cookies["reviewer_device"]}
    for i in range(12):  # guesses at alice from many addresses, 31 s apart
        clock.now += 31
        assert _attempt(app, "alice", "wrong password", f"10.9.0.{i}").status_code == 401
    assert _attempt(app, "alice", "wrong password", "10.9.1.1").status_code == 429
    # A new browser is slowed, never for more than 30 seconds
    r = _attempt(app, "alice", PASSWORD, "10.0.0.3")
    assert r.status_code == 429 and int(r.headers["retry-after"]) <= 30
    # Her own browser logs in at once, even from one of the guessers' addresses
    assert _attempt(app, "alice", PASSWORD, "10.9.0.3", cookies=device).status_code == 303
    clock.now += int(r.headers["retry-after"])
    assert _attempt(app, "alice", PASSWORD, "10.0.0.3").status_code == 303
    # A device cookie for another name (or forged) is no pass
    assert _attempt(app, "bob", "wrong", "10.0.0.4", cookies=device).status_code == 401
    assert app.state.desk.throttle.retry_after("alice", "10.0.0.5", "forged") == 0  # a device key counts alone


def test_session_cookie_flags(app):
    with TestClient(app) as c:
        r = login(c)
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie
        assert "content-security-policy" in r.headers


def _replay(app, cookies) -> int:
    """The status of GET / for a fresh client carrying a copy of the given cookies."""
    with TestClient(app, base_url="http://127.0.0.1", cookies=dict(cookies)) as thief:
        return thief.get("/", follow_redirects=False).status_code


def test_old_cookie_refused_after_logout(app, data_dir):
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert login(c).status_code == 303
        stolen = dict(c.cookies)
        assert "reviewer_session" in stolen and _replay(app, stolen) == 200
        sessions = DeskDB(data_dir / "desk.sqlite").sessions("alice")
        assert len(sessions) == 1 and sessions[0]["created"] <= sessions[0]["last_seen"]
        csrf = _csrf(c.get("/").text)
        assert c.post("/logout", data={"csrf": csrf}, follow_redirects=False).headers["location"] == "/login"
        assert _replay(app, stolen) == 303  # the copy made before logout no longer logs in
        assert DeskDB(data_dir / "desk.sqlite").sessions("alice") == []
        r = c.post("/api/review", json={"text": "第一条 违者处500元罚款。"}, headers={"X-CSRF-Token": csrf})
        assert r.status_code == 401


def test_password_change_ends_every_session(app, data_dir):
    with TestClient(app, base_url="http://127.0.0.1") as one, TestClient(app, base_url="http://127.0.0.1") as two:
        assert login(one).status_code == 303 and login(two).status_code == 303
        assert one.get("/", follow_redirects=False).status_code == 200
        DeskDB(data_dir / "desk.sqlite").set_password("alice", hash_password("another long secret 7"))
        assert one.get("/", follow_redirects=False).status_code == 303
        assert two.get("/", follow_redirects=False).status_code == 303
        assert login(one, password="another long secret 7").status_code == 303


def test_session_cookie_holds_no_user_name(app):
    """The signed cookie is readable by its holder: it carries a random id, not who is logged in."""
    import base64

    with TestClient(app) as c:
        login(c)
        payload = c.cookies["reviewer_session"].split(".")[0]
        decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        assert b"alice" not in decoded and b"sid" in decoded


def test_csrf_enforced(client):
    r = client.post("/reviews", data={"csrf": "forged", "text": "第一条 违者处500元罚款。"}, follow_redirects=False)
    assert r.status_code == 403
    r = client.post("/reviews", data={"text": "第一条 违者处500元罚款。"}, follow_redirects=False)
    assert r.status_code == 403
    with TestClient(client.app) as fresh:  # a login form posted without the session's token
        r = fresh.post("/login", data={"name": "alice", "password": PASSWORD, "csrf": "x"}, follow_redirects=False)
        assert r.status_code == 403


def test_users_see_only_their_reviews(client, data_dir):
    r = upload(client, "a.txt", "第十二条 违者处500元罚款。".encode())
    url = r.headers["location"]
    DeskDB(data_dir / "desk.sqlite").add_user("bob", hash_password(PASSWORD))
    with TestClient(client.app) as other:
        login(other, "bob")
        assert other.get(url).status_code == 404
        assert other.get(url + "/annotated.docx").status_code == 404


# ---------------------------------------------------------------------- review flow


def test_upload_review_decide_download(client, data_dir):
    r = upload(client, "../../etc/passwd.docx", SAMPLE.read_bytes())
    assert r.status_code == 303
    url = r.headers["location"]
    rid = url.rsplit("/", 1)[-1]
    # Stored under the server's random name only.
    assert [p.name for p in (data_dir / "uploads").iterdir()] == [f"{rid}.bin"]
    page = client.get(url).text
    n = page.count('class="hl ')
    assert n >= 5 and "违法设定行政处罚" in page and "指定的商业银行" in page
    cards = re.findall(r'id="card-(\d+)"', page)
    csrf = _csrf(page)
    r = client.post(
        f"{url}/findings/0", data={"csrf": csrf, "decision": "dismiss", "note": "不采纳"}, follow_redirects=False
    )
    assert r.status_code == 303
    page = client.get(url).text
    assert "不采纳" in page and 'class="hl sev-' in page and "dismissed" in page
    doc = client.get(url + "/annotated.docx")
    assert doc.status_code == 200 and "attachment" in doc.headers["content-disposition"]
    anchors = anchored_texts(io.BytesIO(doc.content))
    assert len(anchors) == len(cards) - 1
    op = client.get(url + "/opinion.docx", params={"org": "青川市司法局", "reviewer": "alice", "date": "2026-11-23"})
    assert op.status_code == 200
    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(op.content)).paragraphs)
    assert "合法性审核意见" in text and "2026年11月23日" in text and "青川市司法局" in text


def test_paste_text(client):
    csrf = _csrf(client.get("/").text)
    r = client.post(
        "/reviews", data={"csrf": csrf, "text": "第十二条 违反本办法的，处500元罚款。"}, follow_redirects=False
    )
    assert r.status_code == 303
    assert "处500元罚款" in client.get(r.headers["location"]).text


# ---------------------------------------------------------------------- hostile uploads


def test_html_with_script_is_rendered_as_text(client):
    hostile = (
        "<html><body><p>第一条 本办法&lt;b&gt;适用于本市。</p>"
        "<p>第二条 违者处500元罚款。&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        "<p>第三条 &lt;img src=x onerror=alert(2)&gt;由市政府负责解释。</p></body></html>"
    )
    r = upload(client, "evil.html", hostile.encode())
    assert r.status_code == 303
    page = client.get(r.headers["location"]).text
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    r = upload(client, "evil.txt", "第一条 <script>alert(1)</script>违者处500元罚款。".encode())
    page = client.get(r.headers["location"]).text
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_oversized_upload_413(client):
    r = upload(client, "big.txt", b"a" * (3 * 1024 * 1024))
    assert r.status_code == 413
    r = client.post("/api/review", files={"file": ("big.txt", b"a" * (3 * 1024 * 1024))}, headers={"X-CSRF-Token": "x"})
    assert r.status_code == 413


def _zip_bomb(size: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(
                b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
            )
            chunk = b" " * (8 * 1024 * 1024)
            for _ in range(size // len(chunk) + 1):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()


def test_zip_bomb_refused(client):
    bomb = _zip_bomb(70 * 1024 * 1024)  # 70 MB of XML in well under 1 MB
    assert len(bomb) < 1024 * 1024
    r = upload(client, "草案.docx", bomb)
    assert r.status_code == 413 and "64 MB" in r.text


def test_unknown_binary_refused(client):
    for name, data in (
        ("x.docx", os.urandom(4096)),
        ("x.png", b"\x89PNG\r\n\x1a\n" + os.urandom(100)),
        ("x.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(1000)),
    ):
        r = upload(client, name, data)
        assert r.status_code in (415, 422), (name, r.status_code)
        assert 'role="alert"' in r.text


# ---------------------------------------------------------------------- API


@pytest.fixture()
def token(data_dir):
    return DeskDB(data_dir / "desk.sqlite").new_token("alice")


@pytest.fixture()
def openapi(app):
    from openapi_core import OpenAPI

    with TestClient(app) as c:
        spec = c.get("/openapi.json").json()
    return OpenAPI.from_dict(spec)


def _validate(openapi, response, path="/api/review"):
    """Validate a TestClient response against the app's own OpenAPI schema."""
    from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
    import requests

    req = requests.Request(
        "POST", "http://testserver" + path, headers={"Content-Type": "application/json"}, data=b"{}"
    ).prepare()
    resp = requests.Response()
    resp.status_code = response.status_code
    resp._content = response.content
    resp.headers.update(response.headers)
    openapi.validate_response(RequestsOpenAPIRequest(req), RequestsOpenAPIResponse(resp))


def test_api_review_file_and_text(app, token, openapi):
    with TestClient(app) as c:
        auth = {"Authorization": f"Bearer {token}"}
        r = c.post("/api/review", files={"file": ("draft.docx", SAMPLE.read_bytes())}, headers=auth)
        assert r.status_code == 200, r.text
        body = r.json()
        assert set(body) >= {"file", "document", "findings", "cleanup"}
        assert body["file"] == "draft.docx"
        assert body["findings"] and all(
            set(f)
            >= {
                "rule",
                "category",
                "severity",
                "text",
                "start",
                "end",
                "provision",
                "basis",
                "explanation",
                "suggestion",
            }
            for f in body["findings"]
        )
        _validate(openapi, r)
        r = c.post(
            "/api/review", json={"text": "第十二条 违反本办法的，处500元罚款。", "as_of": "2026-11-23"}, headers=auth
        )
        assert r.status_code == 200 and r.json()["findings"][0]["category"] == "ultra_vires.penalty"
        _validate(openapi, r)
        for bad, status in (({"text": ""}, 400), ({"nope": 1}, 400), ({"text": "x", "as_of": "tomorrow"}, 400)):
            r = c.post("/api/review", json=bad, headers=auth)
            assert r.status_code == status
            _validate(openapi, r)
        r = c.post("/api/review", files={"file": ("x.png", b"\x89PNG\r\n\x1a\n" + os.urandom(50))}, headers=auth)
        assert r.status_code == 415 and r.json()["error"]["code"] == "unsupported_format"
        _validate(openapi, r)
        r = c.post("/api/review", json={"text": "x"}, headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 401
        _validate(openapi, r)


def test_api_with_session_needs_csrf_header(client):
    r = client.post("/api/review", json={"text": "第十二条 违者处500元罚款。"})
    assert r.status_code == 401
    csrf = _csrf(client.get("/").text)
    r = client.post("/api/review", json={"text": "第十二条 违者处500元罚款。"}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200


def test_openapi_schema_is_valid(app):
    from openapi_spec_validator import validate

    with TestClient(app) as c:
        spec = c.get("/openapi.json").json()
    validate(spec)
    op = spec["paths"]["/api/review"]["post"]
    assert set(op["requestBody"]["content"]) == {"multipart/form-data", "application/json"}
    assert "ReviewResult" in json.dumps(op["responses"]["200"])


# ---------------------------------------------------------------------- commands


def test_serve_refuses_without_users(tmp_path):
    from click.testing import CliRunner
    from reviewer.cli import main

    res = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "empty")])
    assert res.exit_code == 2 and "reviewer users add" in res.output


@pytest.mark.parametrize(
    "password, why",
    [
        ("password", "过于常见"),
        ("12345678", "过于常见"),
        ("qwertyuiop", "过于常见"),
        ("Password2024!", "过于常见"),
        ("1qaz2wsx3edc", "过于常见"),
        ("woaini1314", "过于常见"),
        ("12345678901234", "过于常见"),
        ("short pw", "至少需要 10 个字符"),
        ("wangshenhe", "用户名"),
        ("Wangshenhe2026", "用户名"),
        ("aaaaaaaaaaaa", "不同的字符太少"),
        ("1212121212", "不同的字符太少"),
    ],
)
def test_password_rule_refuses_guessable_passwords(tmp_path, password, why):
    from click.testing import CliRunner
    from reviewer.cli import main

    d = str(tmp_path / "d")
    res = CliRunner().invoke(
        main, ["users", "add", "wangshenhe", "--password-stdin", "--data", d], input=password + "\n"
    )
    assert res.exit_code == 2 and why in res.output, res.output
    assert DeskDB(Path(d) / "desk.sqlite").users() == []


def test_password_rule_accepts_a_phrase(tmp_path):
    from click.testing import CliRunner
    from reviewer.cli import main
    from reviewer.web.auth import password_problem

    for ok in (PASSWORD, "青川市司法局合法性审核科", "my desk at the bureau"):
        assert password_problem(ok, "wangshenhe") is None
    d = str(tmp_path / "d")
    runner = CliRunner()
    assert (
        runner.invoke(
            main, ["users", "add", "wangshenhe", "--password-stdin", "--data", d], input=PASSWORD + "\n"
        ).exit_code
        == 0
    )
    res = runner.invoke(main, ["users", "passwd", "wangshenhe", "--password-stdin", "--data", d], input="wangshenhe1\n")
    assert res.exit_code == 2 and "用户名" in res.output


def test_users_add_and_token(tmp_path):
    from click.testing import CliRunner
    from reviewer.cli import main

    runner = CliRunner()
    d = str(tmp_path / "d")
    res = runner.invoke(main, ["users", "add", "王审核", "--password-stdin", "--data", d], input="short\n")
    assert res.exit_code == 2 and "10 个字符" in res.output
    res = runner.invoke(main, ["users", "add", "王审核", "--password-stdin", "--data", d], input=PASSWORD + "\n")
    assert res.exit_code == 0, res.output
    stored = DeskDB(Path(d) / "desk.sqlite").password_hash("王审核")
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    res = runner.invoke(main, ["users", "add", "王审核", "--password-stdin", "--data", d], input=PASSWORD + "\n")
    assert res.exit_code == 2
    res = runner.invoke(main, ["users", "token", "王审核", "--data", d])
    assert res.exit_code == 0 and DeskDB(Path(d) / "desk.sqlite").token_user(res.output.strip()) == "王审核"


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_desk_files_are_owner_only(tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    DeskDB(old / "desk.sqlite")
    os.chmod(old / "desk.sqlite", 0o644)  # a database written before this rule
    DeskDB(old / "desk.sqlite")
    assert _mode(old / "desk.sqlite") == 0o600

    data = tmp_path / "desk"
    DeskDB(data / "desk.sqlite").add_user("alice", hash_password(PASSWORD))
    previous = os.umask(0o022)  # an ordinary umask: the desk does not rely on it
    try:
        app = create_app(data, max_upload=2 * 1024 * 1024)
        with TestClient(app, base_url="http://127.0.0.1") as c:
            assert login(c).status_code == 303
            r = upload(c, "a.txt", "第十二条 违者处500元罚款。".encode())
            assert r.status_code == 303
            assert c.get(r.headers["location"] + "/annotated.docx").status_code == 200
    finally:
        os.umask(previous)
    stored = list((data / "uploads").iterdir())
    assert len(stored) == 1 and _mode(stored[0]) == 0o600
    assert _mode(data / "uploads") == 0o700
    assert _mode(data / "desk.sqlite") == 0o600 and _mode(data / "secret.key") == 0o600
    assert _mode(data) == 0o700


def test_serve_sets_an_owner_only_umask(tmp_path, monkeypatch):
    from click.testing import CliRunner
    import uvicorn
    from reviewer.cli import main

    DeskDB(tmp_path / "desk.sqlite").add_user("alice", hash_password(PASSWORD))
    seen = {}

    def fake_run(app, **kwargs):
        mask = os.umask(0o022)
        seen["umask"] = mask
        os.umask(mask)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    previous = os.umask(0o022)
    try:
        res = CliRunner().invoke(main, ["serve", "--data", str(tmp_path)])
    finally:
        os.umask(previous)
    assert res.exit_code == 0, res.output
    assert seen["umask"] == 0o077
