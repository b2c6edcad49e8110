"""`reviewer cleanup`: outputs, durability (rerun, kill -9 and resume), engines,
dynamic cleanup. No timing assertions; counts come from the store and summary.json."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import require

from reviewer.batch import CleanupOptions, discover, run_cleanup
from reviewer.lawmatch import cites_law, law_keys, normalize
from reviewer.reports.cleanup_lists import COLUMNS, DUPLICATES_SHEET, NON_NORMATIVE_SHEET, UNREADABLE_SHEET

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpus" / "samples"
AS_OF = "2026-11-23"
LISTS = ("继续有效", "修改", "废止", "宣布失效")


def _run(paths, out, **kw) -> dict:
    opts = CleanupOptions(paths=[str(p) for p in paths], as_of=AS_OF, out=str(out), progress=False, **kw)
    return run_cleanup(opts).summary


def _jsonl(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]


def _adds_up(s: dict) -> None:
    assert s["files"] == s["listed"] + s["non_normative"] + s["unreadable"] + s["duplicates"]
    assert s["listed"] == sum(s["counts"].values())


@pytest.fixture(scope="module")
def samples_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("samples-out")
    return _run([SAMPLES], out, workers=2), out


def test_samples_write_every_output_and_counts_add_up(samples_run):
    summary, out = samples_run
    for name in ("清理结果.xlsx", "清理结果.docx", "results.jsonl", "summary.json", "reviewer.sqlite3"):
        assert (out / name).is_file(), name
    on_disk = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert on_disk["counts"] == summary["counts"]
    n_files = len([p for p in SAMPLES.iterdir() if p.suffix in (".docx", ".pdf")])
    assert summary["files"] == n_files == len(_jsonl(out))
    _adds_up(summary)
    # The docx and pdf of the same document are listed once.
    assert summary["duplicates"] == 3 and summary["listed"] == 5
    assert summary["as_of"] == AS_OF and summary["profile"] == "national" and len(summary["rules_hash"]) == 64
    assert summary["summary"].startswith(f"本次共清理规范性文件{summary['listed']}件，其中继续有效")
    # The expired 2024 work plan is proposed void, but it is not a normative document: it
    # goes to the non-normative sheet with that reason, not into the published lists.
    assert summary["non_normative_void"] == 0 and summary["non_normative"] >= 1
    for line in _jsonl(out):
        assert len(line["sha256"]) == 64
        assert line["cleanup"]["category"] in ("remain", "modify", "abolish", "void")
        assert {"file", "document", "findings", "cleanup"} <= set(line)


def test_xlsx_has_the_lists_and_columns(samples_run):
    import openpyxl

    summary, out = samples_run
    wb = openpyxl.load_workbook(out / "清理结果.xlsx")
    for name in (*LISTS, NON_NORMATIVE_SHEET, UNREADABLE_SHEET, DUPLICATES_SHEET):
        assert name in wb.sheetnames
    for name, category in zip(LISTS, ("remain", "modify", "abolish", "void")):
        ws = wb[name]
        header = [c.value for c in ws[1]]
        assert tuple(header[: len(COLUMNS)]) == COLUMNS
        assert ws.freeze_panes == "A2"
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        assert len(rows) == summary["counts"][category]
        for i, row in enumerate(rows, 1):
            assert row[0] == i and row[5] == name and row[6]
            assert row[4] == "" or ("年" in row[4] and row[4].endswith("日"))
    others = [r for r in wb[NON_NORMATIVE_SHEET].iter_rows(min_row=2, values_only=True)]
    assert any("2024年2月26日" in [str(c) for c in r] or any("届满" in str(c) for c in r) for r in others)
    assert wb.active.column_dimensions["B"].width > 20


def test_xlsx_prints_as_a_list_to_publish(samples_run):
    """Landscape A4, one page wide, the header row repeated, page numbers at the foot, no
    source path on a printed list (issue 13); the path is on a separate internal sheet."""
    import openpyxl

    summary, out = samples_run
    wb = openpyxl.load_workbook(out / "清理结果.xlsx")
    for name in (*LISTS, NON_NORMATIVE_SHEET):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
        assert ws.print_title_rows == "$1:$1"
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        assert "规范性文件" in ws.oddHeader.center.text
        header = [c.value for c in ws[1]]
        assert "源文件" not in header and not any(
            "corpus/" in str(v) or str(v).endswith((".docx", ".pdf"))
            for row in ws.iter_rows(values_only=True)
            for v in row
        )
        widths = [ws.column_dimensions[chr(65 + i)].width for i in range(len(header))]
        assert all(4 <= w <= 50 for w in widths) and sum(widths) <= 160  # about one landscape page
        assert all(c.alignment.wrap_text for c in ws[2] if ws.max_row >= 2) if ws.max_row >= 2 else True
    sources = list(wb["源文件位置（内部）"].iter_rows(values_only=True))
    assert sources[0] == ("清单", "序号", "文件名称", "源文件")
    assert len(sources) - 1 == summary["listed"] + summary["non_normative"]
    assert all(str(r[3]).endswith((".docx", ".pdf")) for r in sources[1:])
    # document numbers in the normalised form (the sample prints 临政发[2024]12号)
    numbers = [r[2] for name in LISTS for r in wb[name].iter_rows(min_row=2, values_only=True) if r[2]]
    assert "临政发〔2024〕12号" in numbers and not [n for n in numbers if "[" in n]


def test_docx_has_the_four_tables(samples_run):
    import docx
    from docx.oxml.ns import qn

    summary, out = samples_run
    d = docx.Document(str(out / "清理结果.docx"))
    assert len(d.tables) == 4
    text = "\n".join(p.text for p in d.paragraphs)
    assert summary["summary"] in text
    for table, category in zip(d.tables, ("remain", "modify", "abolish", "void")):
        assert tuple(c.text for c in table.rows[0].cells) == COLUMNS
        assert len(table.rows) - 1 == summary["counts"][category]
    fonts = d.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) in ("仿宋", "宋体")


def test_docx_prints_with_page_numbers_kept_headings_and_normalised_numbers(samples_run):
    """A PAGE field in the footer, list headings kept with their table, the header row
    repeated and no row split across pages, document numbers with 〔〕 (issue 13)."""
    import zipfile

    summary, out = samples_run
    with zipfile.ZipFile(out / "清理结果.docx") as z:
        body = z.read("word/document.xml").decode("utf-8")
        footers = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/footer")]
        styles = z.read("word/styles.xml").decode("utf-8")
    assert any("PAGE" in f and "fldChar" in f for f in footers)
    assert "w:footerReference" in body
    head = styles[styles.index('w:styleId="清理小标题"') :]
    head = head[: head.index("</w:style>")]
    assert "<w:keepNext/>" in head
    assert body.count("<w:tblHeader/>") == 4
    assert body.count("<w:cantSplit/>") >= summary["listed"] + 4
    assert "临政发〔2024〕12号" in body and "[2024]" not in body


def test_corrupt_file_is_listed_and_the_run_goes_on(tmp_path):
    import openpyxl

    src = tmp_path / "docs"
    (src / "sub").mkdir(parents=True)
    for p in SAMPLES.glob("0[13]_*.docx"):
        shutil.copy(p, src)
    (src / "sub" / "broken.docx").write_bytes(b"PK\x03\x04 this is not a zip")
    (src / "empty.txt").write_bytes(b"")
    (src / "noext").write_text("第一条 为规范管理，制定本办法。", encoding="utf-8")
    (src / "picture.png").write_bytes(b"\x89PNG\r\n")  # not a document type: ignored
    out = tmp_path / "out"
    s = _run([src], out, workers=2)
    assert s["files"] == 5 and s["ignored_files"] == 1
    assert s["unreadable"] == 2
    _adds_up(s)
    ws = openpyxl.load_workbook(out / "清理结果.xlsx")[UNREADABLE_SHEET]
    rows = {Path(r[1]).name: r[2] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"broken.docx", "empty.txt"}
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in reason) for reason in rows.values())
    errors = [line for line in _jsonl(out) if "error" in line]
    assert {Path(e["file"]).name for e in errors} == {"broken.docx", "empty.txt"}


def test_rerun_skips_unchanged_files(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    for p in SAMPLES.glob("0[1-3]_*.docx"):
        shutil.copy(p, src)
    out = tmp_path / "out"
    first = _run([src], out, workers=1)
    assert first["reviewed_this_run"] == 3 and first["reused"] == 0
    second = _run([src], out, workers=1)
    assert second["run_id"] == first["run_id"] + 1
    assert second["reviewed_this_run"] == 0 and second["reused"] == 3
    assert _jsonl(out) and second["counts"] == first["counts"]
    # Change one file's content: only that one is reviewed again.
    changed = src / "03_qingchuan_illegal_building_dust.docx"
    shutil.copy(SAMPLES / "05_linjiang_employment_subsidy.docx", changed)
    third = _run([src], out, workers=1)
    assert third["reviewed_this_run"] == 1
    db = sqlite3.connect(out / "reviewer.sqlite3")
    origins = dict(
        db.execute("SELECT origin, COUNT(*) FROM results WHERE run_id=? GROUP BY origin", (third["run_id"],)).fetchall()
    )
    # 05's content was never reviewed before, so exactly one review; the other two reused.
    assert origins == {"reviewed": 1, "reused": 2}


# -- kill -9 midway, then resume ---------------------------------------------
_SLOW_CLI = textwrap.dedent("""
    # reviewer cleanup with each review slowed down, so that the test can kill it midway.
    import sys, time
    import reviewer.review as review
    _orig = review.review_file
    def slow(*a, **kw):
        time.sleep(0.08)
        return _orig(*a, **kw)
    review.review_file = slow
    from reviewer.cli import main
    sys.argv[0] = "reviewer"
    main()
""")


def _cli(args, env=None, **kw):
    return subprocess.Popen([sys.executable, "-m", "reviewer.cli", *args], cwd=ROOT, env=env, **kw)


def _strip(lines: list[dict]) -> list[dict]:
    # results.jsonl carries no timing field; drop any a later version might add.
    for line in lines:
        line.pop("seconds", None)
        line.pop("timings", None)
    return lines


@pytest.fixture(scope="module")
def corpus40(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "bench"))
    from make_corpus import build_corpus

    d = tmp_path_factory.mktemp("corpus40")
    build_corpus(d, 40, seed=3)
    return d


def test_killed_run_resumes_to_the_same_results(tmp_path, corpus40):
    # A snapshot of the rule packs: the two runs must see the same rules even if the
    # working tree is edited while the test runs.
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "REVIEWER_RULES": str(tmp_path / "rules")}
    base = ["cleanup", str(corpus40), "--as-of", AS_OF, "--workers", "1", "--no-progress"]
    # The uninterrupted run.
    clean = tmp_path / "clean"
    assert _cli([*base, "--out", str(clean)], env=env, stdout=subprocess.DEVNULL).wait(120) == 0

    # The same run, killed with SIGKILL once some results are committed.
    out = tmp_path / "killed"
    script = tmp_path / "slow_cli.py"
    script.write_text(_SLOW_CLI, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), *base, "--out", str(out)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    db_path = out / "reviewer.sqlite3"
    committed = 0
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        if db_path.exists():
            try:
                with sqlite3.connect(db_path, timeout=1) as db:
                    committed = db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
            except sqlite3.OperationalError:
                committed = 0
            if committed >= 8:
                break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be killed"
    psutil = require("module", "psutil")
    workers = psutil.Process(proc.pid).children(recursive=True)
    os.kill(proc.pid, signal.SIGKILL)  # kill -9 of the main process only
    proc.wait(10)
    # Its workers notice and exit on their own instead of waiting for tasks forever.
    gone, alive = psutil.wait_procs(workers, timeout=15)
    for p in alive:
        p.kill()
    assert workers and not alive
    with sqlite3.connect(db_path) as db:
        at_kill = db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
        status = db.execute("SELECT status FROM runs").fetchall()
    assert 8 <= at_kill < 40 and status == [("running",)]
    assert not (out / "results.jsonl").exists()

    # Resume: the same command picks up the unfinished run.
    assert _cli([*base, "--out", str(out)], env=env, stdout=subprocess.DEVNULL).wait(120) == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["resumed"] is True and summary["run_id"] == 1
    assert summary["reviewed_this_run"] == 40 - at_kill
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT COUNT(*), COUNT(DISTINCT sha256) FROM results WHERE run_id=1").fetchone() == (40, 40)
        assert db.execute("SELECT status FROM runs").fetchall() == [("done",)]
    clean_summary = json.loads((clean / "summary.json").read_text(encoding="utf-8"))
    assert summary["rules_hash"] == clean_summary["rules_hash"]
    assert _strip(_jsonl(out)) == _strip(_jsonl(clean))
    for key in ("counts", "files", "listed", "duplicates", "unreadable", "non_normative", "summary"):
        assert summary[key] == clean_summary[key]


def test_cli_reports_bad_path_without_traceback(tmp_path):
    proc = _cli(
        ["cleanup", str(tmp_path / "nowhere"), "--as-of", AS_OF, "--out", str(tmp_path / "o")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "找不到路径" in stderr and "nowhere" in stderr and "Traceback" not in stderr


def test_cli_prints_chinese_summary(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(SAMPLES / "03_qingchuan_illegal_building_dust.docx", src)
    proc = _cli(
        ["cleanup", str(src), "--as-of", AS_OF, "--out", str(tmp_path / "o"), "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr
    assert "本次共清理规范性文件1件" in stdout and "清理结果.xlsx" in stdout


# -- a worker that dies ------------------------------------------------------
def test_a_file_that_kills_its_worker_is_recorded(tmp_path, monkeypatch):
    import reviewer.review as review

    src = tmp_path / "docs"
    src.mkdir()
    for p in SAMPLES.glob("0[1-4]_*.docx"):
        shutil.copy(p, src)
    orig = review.review_file

    def crashing(path, **kw):
        if "02_donghu" in str(path):
            os._exit(3)  # what a segfault in a PDF library looks like to the pool
        return orig(path, **kw)

    monkeypatch.setattr(review, "review_file", crashing)  # the forked workers inherit it
    s = _run([src], tmp_path / "out", workers=2)
    assert s["unreadable"] == 1 and s["listed"] == 3
    crashed = [line for line in _jsonl(tmp_path / "out") if "error" in line]
    assert len(crashed) == 1 and "02_donghu" in crashed[0]["file"]
    assert crashed[0]["error"]["code"] == "worker_crashed"


# -- Dask ----------------------------------------------------------------------
def test_dask_engine_gives_the_same_results_as_local(tmp_path):
    distributed = require("module", "distributed")
    src = tmp_path / "docs"
    src.mkdir()
    for p in SAMPLES.iterdir():
        if p.suffix in (".docx", ".pdf"):
            shutil.copy(p, src)
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    local = _run([src], tmp_path / "local", workers=2)
    # Workers as threads of this process, reached over TCP on loopback as a real scheduler is.
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1", dashboard_address=":0"
    ) as cluster:
        remote = _run([src], tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    assert remote["engine"] == "dask" and remote["reviewed_this_run"] == local["reviewed_this_run"]
    assert _jsonl(tmp_path / "dask") == _jsonl(tmp_path / "local")
    assert remote["counts"] == local["counts"] and remote["unreadable"] == local["unreadable"] == 1


def test_dask_without_scheduler_is_a_clear_error(tmp_path):
    from reviewer.errors import ReviewerError

    with pytest.raises(ReviewerError, match="--scheduler"):
        _run([SAMPLES / "03_qingchuan_illegal_building_dust.docx"], tmp_path / "o", engine="dask")


# -- dynamic cleanup -------------------------------------------------------------
def test_normalize_and_match_titles():
    assert normalize("《中华人民共和国行政处罚法》") == normalize("行政处罚法") == "行政处罚法"
    review = {"document": {"citations": [{"title": "中华人民共和国城乡规划法", "resolved": None}]}}
    assert cites_law(review, law_keys("城乡规划法"))
    assert cites_law(review, law_keys("《中华人民共和国城乡规划法》"))
    assert not cites_law(review, law_keys("规划法"))
    assert not cites_law({"document": {"citations": []}}, law_keys("城乡规划法"))


def test_changed_law_reviews_only_citing_documents(tmp_path, monkeypatch):
    import reviewer.review as review
    from reviewer.model import Verdict

    src = tmp_path / "docs"
    src.mkdir()
    for p in SAMPLES.glob("*.docx"):
        shutil.copy(p, src)
    out = tmp_path / "out"
    first = _run([src], out, workers=2)
    citing = [
        line
        for line in _jsonl(out)
        if any(normalize(c["title"]) == "城乡规划法" for c in line["document"]["citations"] if c["title"])
    ]
    assert citing, "sample 03 cites 《中华人民共和国城乡规划法》"
    before = {line["file"]: line["cleanup"]["category"] for line in _jsonl(out)}

    # Superior law changed: every review now says abolish. Only the documents citing the
    # law are reviewed again, so only they can change.
    orig = review.propose_cleanup
    monkeypatch.setattr(
        review,
        "propose_cleanup",
        lambda doc, findings, as_of=None, profile=None: Verdict("abolish", ("上位法已修改，建议废止",)),
    )
    second = _run([src], out, workers=2, changed_law="《城乡规划法》")
    monkeypatch.setattr(review, "propose_cleanup", orig)
    cl = second["changed_law"]
    assert second["reviewed_this_run"] == len(citing) == cl["citing"]
    assert second["reused"] == first["files"] - len(citing)
    after = {line["file"]: line["cleanup"]["category"] for line in _jsonl(out)}
    citing_files = {line["file"] for line in citing}
    for f in before:
        assert after[f] == ("abolish" if f in citing_files else before[f])
    assert {c["file"] for c in cl["changed"]} == citing_files
    assert all(c["after"] == "abolish" and c["changed"] == (before[c["file"]] != "abolish") for c in cl["changed"])
    import openpyxl

    assert "变化情况" in openpyxl.load_workbook(out / "清理结果.xlsx").sheetnames


def test_file_name_that_is_not_utf8(tmp_path):
    # A GBK-encoded name (规范.docx), as unzipped from an archive made on Windows.
    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(SAMPLES / "03_qingchuan_illegal_building_dust.docx", os.fsencode(src) + b"/\xb9\xe6\xb7\xb6.docx")
    s = _run([src], tmp_path / "out", workers=1)
    assert s["listed"] == 1 and s["unreadable"] == 0
    assert _jsonl(tmp_path / "out")[0]["file"].endswith("规范.docx")


def test_discover_takes_sniffable_types_and_files_without_suffix(tmp_path):
    for name in ("a.docx", "b.PDF", "c.txt", "d.html", "e.htm", "f", "g.png", ".hidden.docx", "~$lock.docx"):
        (tmp_path / name).write_bytes(b"x")
    files, ignored = discover([str(tmp_path)])
    assert [f.name for f in files] == ["a.docx", "b.PDF", "c.txt", "d.html", "e.htm", "f"]
    assert ignored == 1


def test_a_document_that_takes_too_long_is_listed_as_failed(monkeypatch, tmp_path):
    import reviewer.batch as batch
    import reviewer.review as review

    doc = tmp_path / "slow.txt"
    doc.write_text("青川市停车管理办法\n第一条 为规范停车管理，制定本办法。\n", encoding="utf-8")

    def slow(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setenv("REVIEWER_DOC_TIMEOUT", "0.3")
    monkeypatch.setattr(review, "review_file", slow)
    t0 = time.perf_counter()
    result = batch.review_one(str(doc), "0" * 64, "2026-11-24", {})
    assert time.perf_counter() - t0 < 3
    assert result.error_code == "timeout"
    assert "0.3秒" in result.error_reason


def test_worker_warm_up_builds_what_documents_would_build_lazily():
    """A worker with a real share of a batch pays spaCy and the pattern regexes once, in
    its initialiser; a worker with a handful of files leaves them to the files that need
    them. Run in a fresh interpreter: the test process may hold either already."""
    code = textwrap.dedent("""
        import sys
        from reviewer import batch
        from reviewer.review import load_profile
        from reviewer.rules.engine import compile_rules
        st = batch._state("2026-11-23", load_profile(None), warm=sys.argv[1] == "1")
        compiled = all(c._compiled is not None for c in compile_rules(st["rules"]).pattern_checks)
        print("spacy" in sys.modules, compiled)
    """)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    out = {
        w: subprocess.run(
            [sys.executable, "-c", code, w], capture_output=True, text=True, env=env, check=True
        ).stdout.split()
        for w in ("0", "1")
    }
    assert out["1"] == ["True", "True"]
    assert out["0"] == ["False", "False"]


def test_disk_full_stops_cleanly_and_the_same_command_resumes(tmp_path, monkeypatch):
    """A write that finds the disk full stops the run with a message, keeps what was
    committed, and the same command afterwards finishes the rest."""
    from click.testing import CliRunner

    from reviewer.cli import main
    from reviewer.store import Store

    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(6):
        (docs / f"d{i}.txt").write_text(
            f"青岚市第{i}号通知\n第一条 为规范管理，制定本办法。\n第二条 经营者应当依法经营。\n", encoding="utf-8"
        )
    out = tmp_path / "out"
    args = ["cleanup", str(docs), "--as-of", AS_OF, "--workers", "1", "--no-progress", "--out", str(out)]
    real_add = Store.add_result
    calls = {"n": 0}

    def add_then_fill_up(self, *a, **kw):
        calls["n"] += 1
        if calls["n"] > 3:
            raise sqlite3.OperationalError("database or disk is full")
        return real_add(self, *a, **kw)

    monkeypatch.setattr(Store, "add_result", add_then_fill_up)
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 2, res.output
    assert "磁盘空间不足" in res.output and "重新运行同一命令" in res.output
    assert "Traceback" not in res.output
    monkeypatch.setattr(Store, "add_result", real_add)
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    lines = _jsonl(out)
    assert len(lines) == 6


def test_each_cleanup_worker_caps_its_heap_and_lists_a_memory_failure_as_too_large():
    import resource

    from reviewer.batch import _cap_memory, _outcome

    def child(q):
        _cap_memory(512)
        q.put(resource.getrlimit(resource.RLIMIT_DATA)[0])

    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=child, args=(q,))
    p.start()
    p.join(30)
    assert q.get(timeout=5) == 512 * 1024 * 1024
    r = _outcome("0" * 64, "huge.docx", error=MemoryError())
    assert r.error_code == "too_large" and "limits.max_worker_memory_mb" in r.error_reason
