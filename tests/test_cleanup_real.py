"""The cleanup over real documents places every file exactly once.

A deterministic subset of the real corpus (`../shared/real/corpus/docs`, never copied
into the repository: the files are copied into a temporary folder for the run) goes
through `reviewer cleanup`; every input file must then appear exactly once across the
outputs — in one of the four lists (继续有效/修改/废止/宣布失效), on the 非规范性文件
sheet, on the 无法读取的文件 sheet, or on the 重复文件 sheet naming the copy that was
listed — and each time with a non-empty reason. Two files of our own join the subset so
that the two explicit paths are taken on every run: a byte-identical copy of one real
file (a duplicate) and an empty file (unreadable).
"""

from __future__ import annotations

import collections
import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import require

ROOT = Path(__file__).resolve().parents[1]
REAL_DOCS = ROOT / ".." / "shared" / "real" / "corpus" / "docs"
SUBSET = 60

LIST_SHEETS = ("继续有效", "修改", "废止", "宣布失效")
# sheet -> (column naming the file, column holding its reason)
SHEETS = {
    **{s: ("源文件", "理由") for s in LIST_SHEETS},
    "非规范性文件": ("源文件", "判断理由"),
    "无法读取的文件": ("文件", "原因"),
    "重复文件": ("文件", "说明"),
}


def _real_docs() -> Path:
    return require("shared", REAL_DOCS)


def _subset(docs: Path, n: int) -> list[Path]:
    """n files chosen by the sorted sha256 of their names: the same files on every
    machine, spread over the sources instead of the first names in the folder."""
    files = sorted(p for p in docs.iterdir() if p.is_file() and not p.name.startswith("."))
    return sorted(files, key=lambda p: hashlib.sha256(p.name.encode()).hexdigest())[:n]


def _placements(xlsx: Path) -> dict[str, list[tuple[str, str]]]:
    """file -> [(sheet, reason)] over every sheet that places a file."""
    from openpyxl import load_workbook

    wb = load_workbook(xlsx, read_only=True)
    try:
        assert set(SHEETS) <= set(wb.sheetnames), wb.sheetnames
        out: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
        # the printed lists carry no path: the internal sheet leads from (list, row number) to the file
        sources = {(r[0], r[1]): r[3] for r in list(wb["源文件位置（内部）"].iter_rows(values_only=True))[1:]}
        for sheet, (file_col, reason_col) in SHEETS.items():
            rows = wb[sheet].iter_rows(values_only=True)
            header = next(rows)
            ri = header.index(reason_col)
            for row in rows:
                file = sources.get((sheet, row[0])) if file_col == "源文件" else row[header.index(file_col)]
                out[file].append((sheet, (row[ri] or "").strip()))
        return out
    finally:
        wb.close()


def _docx_list_rows(docx: Path) -> list[int]:
    """Data rows of each of the four tables of 清理结果.docx (header row excluded)."""
    from lxml import etree

    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return [len(t.findall("w:tr", ns)) - 1 for t in root.iter("{%s}tbl" % ns["w"])]


@pytest.fixture(scope="module")
def real_run(tmp_path_factory):
    from reviewer.batch import CleanupOptions, run_cleanup

    docs = _real_docs()
    work = tmp_path_factory.mktemp("cleanup-real")
    inputs = work / "docs"
    inputs.mkdir()
    chosen = _subset(docs, SUBSET)
    assert len(chosen) == SUBSET
    for p in chosen:
        shutil.copyfile(p, inputs / p.name)
    # our own two: a byte-identical copy of a real file, and an empty file
    shutil.copyfile(chosen[0], inputs / f"zz-copy-of-{chosen[0].name}")
    (inputs / "zz-empty.txt").write_bytes(b"")
    out = work / "out"
    outcome = run_cleanup(
        CleanupOptions(paths=[str(inputs)], as_of="2026-11-23", out=str(out), workers=2, progress=False)
    )
    files = sorted(str(p) for p in inputs.iterdir())
    return files, outcome.summary, out, chosen


def test_every_real_file_is_placed_exactly_once_with_a_reason(real_run):
    files, summary, out, _ = real_run
    placed = _placements(out / "清理结果.xlsx")
    missing = [f for f in files if f not in placed]
    twice = {f: p for f, p in placed.items() if len(p) > 1}
    unknown = [f for f in placed if f not in files]
    assert not missing, f"files in no list or sheet: {missing}"
    assert not twice, f"files placed more than once: {twice}"
    assert not unknown, f"rows naming no input file: {unknown}"
    no_reason = {f: p for f, p in placed.items() if not p[0][1]}
    assert not no_reason, f"placed without a reason: {no_reason}"


def test_summary_counts_add_up_to_the_files(real_run):
    files, summary, out, _ = real_run
    assert summary["files"] == len(files) == SUBSET + 2
    assert summary["listed"] + summary["non_normative"] + summary["unreadable"] + summary["duplicates"] == len(files)
    placed = _placements(out / "清理结果.xlsx")
    by_sheet = collections.Counter(p[0][0] for p in placed.values())
    assert [by_sheet[s] for s in LIST_SHEETS] == [summary["counts"][c] for c in ("remain", "modify", "abolish", "void")]
    assert by_sheet["非规范性文件"] == summary["non_normative"]
    assert by_sheet["无法读取的文件"] == summary["unreadable"]
    assert by_sheet["重复文件"] == summary["duplicates"]
    # the Word copy carries the same four lists
    assert _docx_list_rows(out / "清理结果.docx") == [
        summary["counts"][c] for c in ("remain", "modify", "abolish", "void")
    ]


def test_results_jsonl_has_one_line_per_file(real_run):
    files, _, out, _ = real_run
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["file"] for r in lines) == files
    for r in lines:
        if "error" in r:
            assert r["error"]["reason"], r
        else:
            assert r["cleanup"]["category"] in ("remain", "modify", "abolish", "void")
            assert r["cleanup"]["reasons"] and all(r["cleanup"]["reasons"]), r["file"]


def test_duplicate_and_unreadable_are_explicit(real_run):
    files, _, out, chosen = real_run
    placed = _placements(out / "清理结果.xlsx")
    inputs = Path(files[0]).parent
    original, copy, empty = (
        str(inputs / chosen[0].name),
        str(inputs / f"zz-copy-of-{chosen[0].name}"),
        str(inputs / "zz-empty.txt"),
    )
    assert placed[empty][0][0] == "无法读取的文件" and "空" in placed[empty][0][1]
    # one of the two identical files is listed, the other is on the duplicates sheet
    sheets = sorted(placed[f][0][0] for f in (original, copy))
    assert sheets.count("重复文件") == 1, sheets
    from openpyxl import load_workbook

    wb = load_workbook(out / "清理结果.xlsx", read_only=True)
    rows = list(wb["重复文件"].iter_rows(values_only=True))
    wb.close()
    header = rows[0]
    dup = {r[header.index("文件")]: r[header.index("已列入的文件")] for r in rows[1:]}
    # every duplicate names a file that is itself placed outside the duplicates sheet
    for f, kept in dup.items():
        assert placed[kept][0][0] != "重复文件", (f, kept)
    assert {original, copy} & set(dup)
