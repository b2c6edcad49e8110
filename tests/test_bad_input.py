"""The bad-input table (issue 14): every input that once crashed, hung, exhausted memory
or lost text silently is one row here, with the clear result or refusal it gets now.
Nothing here measures a time; the one memory figure is a peak read from the child."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import require
from click.testing import CliRunner

from reviewer.cli import main
from reviewer.errors import IngestError

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "samples" / "01_qingchuan_prepaid_consumption.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PASSWORD = "correct horse 42"


def _cli(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def _subprocess(*args, timeout=120, **kw):
    """The CLI in a child process (file names as bytes, a FIFO that must not hang)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "reviewer.cli", *args], cwd=ROOT, capture_output=True, timeout=timeout, env=env, **kw
    )


def _docx(body_xml: str | bytes, prolog: bytes = b"") -> bytes:
    body = body_xml.encode() if isinstance(body_xml, str) else body_xml
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        zf.writestr(
            "word/document.xml",
            b'<?xml version="1.0"?>'
            + prolog
            + b'<w:document xmlns:w="'
            + W.encode()
            + b'"><w:body>'
            + body
            + b"</w:body></w:document>",
        )
    return buf.getvalue()


def _with_numbering(data: bytes, numbering: str) -> bytes:
    buf = io.BytesIO(data)
    with zipfile.ZipFile(buf, "a") as zf:
        zf.writestr("word/numbering.xml", f'<?xml version="1.0"?><w:numbering xmlns:w="{W}">{numbering}</w:numbering>')
    return buf.getvalue()


def _refused(result, *words):
    """Exit 2, a message on stderr naming the reason, never a traceback."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    for w in words:
        assert w in result.stderr, result.stderr


# ----------------------------------------------------------------- the rows


def many_articles(tmp_path):
    # ≥ 10,000 articles: numerals.to_chinese had no 万 (IndexError)
    from reviewer.review import review_text

    text = "某某管理办法\n" + "\n".join(f"第{i}条 经营者应当遵守本办法。" for i in range(1, 10_003))
    review = review_text(text, as_of="2026-01-01")
    assert len(review.document.provisions) == 10_002


def many_paragraphs_in_one_article(tmp_path):
    from reviewer.review import review_text

    text = "某某管理办法\n第一条 总则\n" + "\n".join("经营者应当遵守本办法。" for _ in range(10_002))
    review = review_text(text, as_of="2026-01-01")
    assert review.document.provisions[0].children[-1].label == "第一万零三款"


def validity_of_8000_years(tmp_path):
    # 有效期8000年: a date past 9999 (ValueError in dates.add_years)
    from reviewer.review import review_text

    review = review_text(
        "某某市人民政府关于印发某某办法的通知\n第一条 本办法自2024年1月1日起施行，有效期8000年。\n", as_of="2026-01-01"
    )
    assert review.document.valid_until == "9999-12-31" and review.document.validity_years == 8000
    assert any(f.category == "procedure.validity" for f in review.findings)


def control_character_in_org(tmp_path):
    # Word's manual line break (\x0b) typed into --org: python-docx refused the string
    out = tmp_path / "意见.docx"
    result = _cli("opinion", SAMPLE, "--out", out, "--org", "青川市\x0b司法局\x01", "--date", "2026-11-23")
    assert result.exit_code == 0, result.output
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "青川市\n司法局" in text and "\x01" not in text


def profile_not_a_mapping(tmp_path):
    bad = tmp_path / "list.yaml"
    bad.write_text("- 1\n- 2\n", encoding="utf-8")
    _refused(_cli("check", SAMPLE, "--profile", bad), "应为", "映射")


def profile_with_unknown_limit(tmp_path):
    bad = tmp_path / "typo.yaml"
    bad.write_text("limits:\n  max_charz: 10\n", encoding="utf-8")
    _refused(_cli("check", SAMPLE, "--profile", bad), "limits.max_charz")


def entity_reference_in_w_t(tmp_path):
    # text after &xxe; inside a w:t was dropped without a word: now the part is refused
    f = tmp_path / "xxe.docx"
    f.write_bytes(
        _docx(
            "<w:p><w:r><w:t>第一条 违者&xxe;处500元罚款。</w:t></w:r></w:p>",
            prolog=b'<!DOCTYPE w:document [<!ENTITY xxe "x">]>',
        )
    )
    _refused(_cli("check", f), "实体")


def undefined_entity_in_w_t(tmp_path):
    f = tmp_path / "undefined.docx"
    f.write_bytes(_docx("<w:p><w:r><w:t>第一条 违者&xxe;处500元罚款。</w:t></w:r></w:p>"))
    _refused(_cli("check", f), "不是有效的 Word 文档")


def predefined_entities_are_kept(tmp_path):
    from reviewer.ingest import read_bytes

    text = read_bytes(_docx("<w:p><w:r><w:t>第一条 A&amp;B&#x4E00;处500元罚款。</w:t></w:r></w:p>"), "ok.docx").text
    assert text == "第一条 A&B一处500元罚款。"


def non_utf8_file_name_in_json(tmp_path):
    # a GBK name (中文.txt) and bytes no codec reads: --format json printed invalid UTF-8
    gbk, junk = "中文.txt".encode("gb18030"), b"bad\xff\xfe.txt"
    for raw in (gbk, junk):
        path = os.path.join(os.fsencode(tmp_path), raw)
        with open(path, "wb") as fh:
            fh.write("第十二条 违者处500元罚款。".encode("utf-8"))
    res = _subprocess(
        "check", "--format", "json", os.path.join(os.fsencode(tmp_path), gbk), os.path.join(os.fsencode(tmp_path), junk)
    )
    assert res.returncode == 1, res.stderr
    data = json.loads(res.stdout.decode("utf-8"))  # strict: valid UTF-8
    names = [Path(d["file"]).name for d in data]
    assert names[0] == "中文.txt" and names[1] == "bad\\xff\\xfe.txt"


def fifo_refused_by_check(tmp_path):
    assert hasattr(os, "mkfifo"), "the project runs on POSIX systems"
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    res = _subprocess("check", str(fifo), timeout=60)  # would block for ever on open/read
    assert res.returncode == 2 and "命名管道" in res.stderr.decode()


def link_to_dev_zero_refused(tmp_path):
    require("shared", "/dev/zero")  # present on every POSIX system; require() says so if not
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    _refused(_cli("check", link), "设备文件")


def symlink_loop_refused_by_check(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    _refused(_cli("check", tmp_path / "a"), "循环")


def special_files_in_cleanup(tmp_path):
    # a symlink loop under a cleanup path: f.resolve() raised RuntimeError, no lists
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "a.docx").write_bytes(SAMPLE.read_bytes())
    (tree / "loop1").symlink_to(tree / "loop2")
    (tree / "loop2").symlink_to(tree / "loop1")
    (tree / "sub" / "up").symlink_to(tree)
    (tree / "out.txt").symlink_to(ROOT / "README.md")
    (tree / "same.docx").symlink_to(tree / "a.docx")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tree / "pipe")
    if os.path.exists("/dev/zero"):
        (tree / "zero.txt").symlink_to("/dev/zero")
    out = tmp_path / "out"
    result = _cli("cleanup", tree, "--as-of", "2026-01-01", "--out", out, "--workers", "1")
    assert result.exit_code == 0, result.output
    rows = {Path(r["file"]).name: r for r in map(json.loads, (out / "results.jsonl").read_text("utf-8").splitlines())}
    assert "error" not in rows["a.docx"] and "same.docx" not in rows  # one file, reviewed once
    assert rows["loop1"]["error"]["code"] == rows["loop2"]["error"]["code"] == "symlink_loop"
    assert rows["up"]["error"]["code"] == "symlink_loop"
    assert rows["out.txt"]["error"]["code"] == "outside_tree"
    if hasattr(os, "mkfifo"):
        assert rows["pipe"]["error"]["code"] == "special_file" and "命名管道" in rows["pipe"]["error"]["reason"]
    if os.path.exists("/dev/zero"):
        assert rows["zero.txt"]["error"]["code"] == "outside_tree"


def docx_full_of_empty_paragraphs(tmp_path):
    # 90 KB of zip holding ~90 MB of <w:p/>: took 2.4 GB; now refused before parsing
    f = tmp_path / "bomb.docx"
    f.write_bytes(_docx(b"<w:p/>" * 15_000_000))
    assert len(f.read_bytes()) < 200_000
    _refused(_cli("check", f), "上限")


def docx_paragraph_limit_and_memory(tmp_path):
    # under the size and ratio limits, over the paragraphs: refused, and the child's
    # peak memory stays far below the 500 MB cap
    f = tmp_path / "paras.docx"
    f.write_bytes(_docx("".join(f'<w:p w:rsidR="{i:08X}"/>' for i in range(150_000))))
    code = (
        "import resource, sys\nfrom reviewer.ingest import read_file\nfrom reviewer.errors import IngestError\n"
        f"try:\n    read_file({str(f)!r}); print('read')\nexcept IngestError as e:\n    print(e.code, e.reason)\n"
        # VmHWM is this process's own peak: ru_maxrss carries the forking parent's peak
        # across exec (Linux keeps it in the signal struct), so a large pytest run inflates it
        "print(next((int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')),"
        " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))"
    )
    res = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lines = res.stdout.splitlines()
    assert lines[0].startswith("too_large") and "limits.max_paragraphs" in lines[0], res.stdout + res.stderr
    if sys.platform.startswith("linux"):
        assert int(lines[-1]) < 500 * 1024  # KiB


def docx_element_limit(tmp_path):
    from reviewer import limits
    from reviewer.ingest import read_bytes

    data = _docx("<w:p><w:r><w:t>第一条</w:t></w:r></w:p>" + "<w:p><w:r/></w:p>" * 2000)
    with limits.applied(limits.Limits(max_xml_nodes=1000)):
        with pytest.raises(IngestError) as err:
            read_bytes(data, "many.docx")
    assert err.value.code == "too_large" and "limits.max_xml_nodes" in err.value.reason


def docx_beyond_libxml2_guards(tmp_path):
    # huge_tree is off: a text node over 10 MB or nesting past 256 is refused as too large
    from reviewer.ingest import read_bytes
    import random

    rng = random.Random(0)
    text = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(3_700_000))  # 11 MB, packs 2:1
    for body in ("<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>", "<w:p>" * 300 + "</w:p>" * 300):
        with pytest.raises(IngestError) as err:
            read_bytes(_docx(body), "deep.docx")
        assert err.value.code == "too_large" and "安全上限" in err.value.reason


def docx_attribute_limit(tmp_path):
    # 500,000 runs of 12 attributes in a 17 MB .docx (ratio 3) took 1.6 GB: attributes count
    from reviewer import limits
    from reviewer.ingest import read_bytes

    run = "<w:r " + " ".join(f'w:a{i}="{i:x}"' for i in range(12)) + "/>"
    data = _docx("<w:p><w:r><w:t>第一条</w:t></w:r>" + run * 1000 + "</w:p>")
    with limits.applied(limits.Limits(max_xml_nodes=10_000)):
        with pytest.raises(IngestError) as err:
            read_bytes(data, "attrs.docx")
    assert err.value.code == "too_large" and "limits.max_xml_nodes" in err.value.reason


def numbering_with_a_huge_level_text(tmp_path):
    # an 850 KB numbering.xml took 2.65 GB: its level text was copied before every paragraph
    from reviewer.ingest import read_bytes

    para = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>经营者应当备案。</w:t></w:r></w:p>'
    numbering = (
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="' + "9" * 4000 + '"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="' + "第%1条" * 100_000 + '"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    text = read_bytes(_with_numbering(_docx(para * 200), numbering), "numbered.docx").text
    assert text.split("\n")[0] == "经营者应当备案。" and len(text) < 5000


def html_with_millions_of_tags(tmp_path):
    from reviewer import limits
    from reviewer.ingest import read_bytes

    page = ("<html><body>" + "<p>第一条</p>" * 2000 + "</body></html>").encode()
    with limits.applied(limits.Limits(max_xml_nodes=1000)):
        with pytest.raises(IngestError) as err:
            read_bytes(page, "page.html")
    assert err.value.code == "too_large" and "limits.max_xml_nodes" in err.value.reason


def endless_standard_input(tmp_path):
    # cat /dev/zero | reviewer check -: read no more than the size limit, then refuse
    prof = tmp_path / "tiny.yaml"
    prof.write_text("limits:\n  max_file_bytes: 1000\n", encoding="utf-8")
    _refused(_cli("check", "-", "--profile", prof, input=b"\0" * 5000), "limits.max_file_bytes")


def characters_over_the_profile_limit(tmp_path):
    prof = tmp_path / "small.yaml"
    prof.write_text("name: small\nlimits:\n  max_chars: 100\n", encoding="utf-8")
    _refused(_cli("check", SAMPLE, "--profile", prof), "limits.max_chars", SAMPLE.name)


def text_far_over_the_character_limit(tmp_path):
    # 57 MB of hard-wrapped text did not finish in 120 s: refused from its size alone
    from reviewer import limits
    from reviewer.ingest import read_bytes

    with limits.applied(limits.Limits(max_chars=1000)):
        with pytest.raises(IngestError) as err:
            read_bytes(("第一条 经营者应当遵守本办法。\n" * 2000).encode("utf-8"), "big.txt")
    assert err.value.code == "too_large" and "limits.max_chars" in err.value.reason


def time_per_document(tmp_path):
    prof = tmp_path / "hurry.yaml"
    prof.write_text("limits:\n  seconds_per_document: 0.001\n", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(
        "某某管理办法\n" + "\n".join(f"第{i}条 违反本办法的，处500元罚款。" for i in range(1, 3000)), encoding="utf-8"
    )
    _refused(_cli("check", big, "--profile", prof), "limits.seconds_per_document")


def cleanup_lists_too_large(tmp_path):
    # beyond a limit in a batch: a `too_large` row in the lists, and the run goes on
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bomb.docx").write_bytes(_docx(b"<w:p/>" * 15_000_000))
    (tmp_path / "in" / "a.docx").write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out"
    assert _cli("cleanup", tmp_path / "in", "--as-of", "2026-01-01", "--out", out, "--workers", "1").exit_code == 0
    rows = {Path(r["file"]).name: r for r in map(json.loads, (out / "results.jsonl").read_text("utf-8").splitlines())}
    assert rows["bomb.docx"]["error"]["code"] == "too_large" and "error" not in rows["a.docx"]


# desk rows: the web app through its test client


@pytest.fixture()
def desk(tmp_path):
    require("module", "fastapi")
    from fastapi.testclient import TestClient
    from reviewer.web import create_app
    from reviewer.web.auth import hash_password
    from reviewer.web.db import DeskDB

    db = DeskDB(tmp_path / "desk.sqlite")
    db.add_user("alice", hash_password(PASSWORD))
    token = db.new_token("alice")
    with TestClient(create_app(tmp_path, max_upload=2 * 1024 * 1024), base_url="http://127.0.0.1") as c:
        yield c, token


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def control_character_in_note(desk):
    c, _ = desk
    csrf = _csrf(c.get("/login").text)
    assert (
        c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf": csrf}, follow_redirects=False).status_code
        == 303
    )
    csrf = _csrf(c.get("/").text)
    url = c.post(
        "/reviews", data={"csrf": csrf}, files={"file": ("草案.docx", SAMPLE.read_bytes())}, follow_redirects=False
    ).headers["location"]
    csrf = _csrf(c.get(url).text)
    r = c.post(
        f"{url}/findings/0",
        data={"csrf": csrf, "decision": "keep", "note": "第一行\x0b第二行\x07"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    for _ in range(2):  # every later download, not only the first
        assert c.get(url + "/annotated.docx").status_code == 200
        assert c.get(url + "/opinion.docx", params={"org": "青川市\x0b司法局", "date": "2026-11-23"}).status_code == 200


def nested_json_body(desk):
    c, token = desk
    r = c.post(
        "/api/review",
        content=b"[" * 100_000,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_request"


ROWS = [
    many_articles,
    many_paragraphs_in_one_article,
    validity_of_8000_years,
    control_character_in_org,
    profile_not_a_mapping,
    profile_with_unknown_limit,
    entity_reference_in_w_t,
    undefined_entity_in_w_t,
    predefined_entities_are_kept,
    non_utf8_file_name_in_json,
    fifo_refused_by_check,
    link_to_dev_zero_refused,
    symlink_loop_refused_by_check,
    special_files_in_cleanup,
    docx_full_of_empty_paragraphs,
    docx_paragraph_limit_and_memory,
    docx_element_limit,
    docx_beyond_libxml2_guards,
    docx_attribute_limit,
    numbering_with_a_huge_level_text,
    html_with_millions_of_tags,
    endless_standard_input,
    characters_over_the_profile_limit,
    text_far_over_the_character_limit,
    time_per_document,
    cleanup_lists_too_large,
]
DESK_ROWS = [control_character_in_note, nested_json_body]


@pytest.mark.parametrize("row", ROWS, ids=lambda f: f.__name__)
def test_bad_input(row, tmp_path):
    row(tmp_path)


@pytest.mark.parametrize("row", DESK_ROWS, ids=lambda f: f.__name__)
def test_bad_input_at_the_desk(row, desk):
    row(desk)
