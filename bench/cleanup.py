"""Benchmark `reviewer cleanup` over a generated corpus, in one run:

  * documents per second of the review phase, 1 and 2 workers, and of a rerun with
    nothing changed (everything reused from the store);
  * the ratio to bare text extraction (zip + lxml + w:t) of the same files, measured
    in the same run, single process;
  * the speedup of 2 workers over 1, next to the machine's own ceiling: two bare
    review_file processes over halves of a set against one over the whole set;
  * peak memory (RSS summed over the main process and its workers, sampled every
    50 ms; PSS too, which does not count pages shared after fork twice) at 1,000 and
    4,000 documents.

Usage: python bench/cleanup.py [--n 2000] [--mem-sizes 1000,4000] [--repeat 3] [--seed 0] [--keep DIR]
       python bench/cleanup.py --real [--real-dir ../shared/real/corpus/docs] [--repeat 3]

--real runs the same measurements over real files instead (by default the 1,052 real
documents of ../shared/real/corpus/docs, plain text): docs/s with 1 and 2 workers, the
speedup, the ratio to bare reading and to the reviewer's own text reader of the same
files, the start-up cost and how the review time grows with the number of documents
(2-worker runs over a quarter, a half and all of the files), peak memory, and where
every file went (each list and sheet, and a check that every file is placed once).

Each cleanup is a subprocess `python -m reviewer.cli cleanup …` with a fresh output
folder and database; its phases come from the summary.json it writes. Prints a table,
never asserts, exits 0 (2 if reviewer or psutil cannot be imported).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from lxml import etree  # noqa: E402

W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
AS_OF = "2026-11-23"
REAL_DIR = ROOT / ".." / "shared" / "real" / "corpus" / "docs"


def baseline(path: Path) -> str:
    """The floor (as in bench/check.py): unzip word/document.xml, parse it, join the text."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return "".join(root.itertext(W_T))


def time_baseline(paths: list[Path], passes: int = 3) -> float:
    """Seconds per document, best of `passes`."""
    best = float("inf")
    for _ in range(passes):
        t = time.perf_counter()
        for p in paths:
            baseline(p)
        best = min(best, time.perf_counter() - t)
    return best / len(paths)


class MemorySampler(threading.Thread):
    """Peak of the summed RSS (and PSS) of a process and all its descendants."""

    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        import psutil

        self.psutil, self.root = psutil, psutil.Process(pid)
        self.interval, self.stop = interval, threading.Event()
        self.peak_rss = self.peak_pss = self.peak_main = 0
        self.max_procs = 0

    def run(self):
        n = 0
        while not self.stop.is_set():
            try:
                procs = [self.root] + self.root.children(recursive=True)
                rss = 0
                for p in procs:
                    try:
                        rss += p.memory_info().rss
                    except self.psutil.Error:
                        pass
                self.peak_rss = max(self.peak_rss, rss)
                self.peak_main = max(self.peak_main, self.root.memory_info().rss)
                self.max_procs = max(self.max_procs, len(procs))
                if n % 4 == 0:  # PSS reads smaps: every 200 ms is enough
                    pss = 0
                    for p in procs:
                        try:
                            pss += p.memory_full_info().pss
                        except (self.psutil.Error, AttributeError):
                            pass
                    self.peak_pss = max(self.peak_pss, pss)
            except self.psutil.Error:
                pass
            n += 1
            self.stop.wait(self.interval)


def cleanup(corpus: Path, out: Path, workers: int, fresh: bool = True) -> dict:
    if fresh and out.exists():
        shutil.rmtree(out)
    cmd = [
        sys.executable,
        "-m",
        "reviewer.cli",
        "cleanup",
        str(corpus),
        "--as-of",
        AS_OF,
        "--out",
        str(out),
        "--workers",
        str(workers),
        "--no-progress",
    ]
    t = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    sampler = MemorySampler(proc.pid)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t
    sampler.stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"bench/cleanup.py: cleanup failed ({proc.returncode}):\n{err}")
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {
        "wall": wall,
        "summary": s,
        "t": s["timings"],
        "rss": sampler.peak_rss,
        "pss": sampler.peak_pss,
        "main": sampler.peak_main,
        "procs": sampler.max_procs,
    }


_CEILING = """
import sys, time
from reviewer.batch import _state
from reviewer.review import load_profile, review_file
st = _state("%s", load_profile(None))     # the warm-up a batch worker does in its initialiser
paths = sys.argv[1:]
t = time.perf_counter()
for p in paths:
    review_file(p, as_of="%s", profile=st["profile"], rules=st["rules"])
print(time.perf_counter() - t)
""" % (AS_OF, AS_OF)


def ceiling(paths: list[Path]) -> tuple[float, float]:
    """Seconds for one bare review_file process over `paths`, and for two processes over
    halves run at once (the wall of the slower): what the hardware allows, no batch code."""

    def launch(ps):
        return subprocess.Popen(
            [sys.executable, "-c", _CEILING, *map(str, ps)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )

    one = float(launch(paths).communicate()[0])
    procs = [launch(paths[0::2]), launch(paths[1::2])]
    two = max(float(p.communicate()[0]) for p in procs)
    return one, two


def link_subset(src: list[Path], dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for p in src:
        try:
            os.link(p, dest / p.name)
        except OSError:
            shutil.copy(p, dest / p.name)
    return dest


def mib(b: int) -> str:
    return f"{b / 2**20:,.0f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark reviewer cleanup.")
    ap.add_argument("--n", type=int, default=2000, help="documents for the throughput runs (default 2000)")
    ap.add_argument("--mem-sizes", default="1000,4000", help="corpus sizes for the memory runs (default 1000,4000)")
    ap.add_argument("--ceiling-n", type=int, default=600, help="documents for the hardware-ceiling run (0: skip)")
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="throughput and ceiling runs repeated, interleaved; the best is shown (default 3)",
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    ap.add_argument("--real", action="store_true", help="time real files (--real-dir) instead of a generated corpus")
    ap.add_argument(
        "--real-dir",
        type=Path,
        default=REAL_DIR,
        help="folder of real documents for --real (default ../shared/real/corpus/docs)",
    )
    args = ap.parse_args(argv)
    try:
        import psutil  # noqa: F401
        import reviewer.batch  # noqa: F401
    except ImportError as exc:
        sys.stderr.write(f"bench/cleanup.py: {exc}; install with python -m pip install -e '.[test]'\n")
        return 2
    if args.real:
        return main_real(args)
    from make_corpus import build_corpus

    sizes = [int(x) for x in args.mem_sizes.split(",") if x]
    total = max([args.n, *sizes])
    work = args.keep or Path(tempfile.mkdtemp(prefix="reviewer-bench-cleanup-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        t = time.perf_counter()
        all_paths = build_corpus(work / "all", total, args.seed)
        built = time.perf_counter() - t
        corpus = {n: link_subset(all_paths[:n], work / f"c{n}") for n in sorted({args.n, *sizes})}
        paths = all_paths[: args.n]
        # Freeze the rule packs for the whole bench: a rerun reuses results only while
        # the rules hash is unchanged, and a working tree may be edited meanwhile.
        shutil.copytree(ROOT / "rules", work / "rules", dirs_exist_ok=True)
        os.environ["REVIEWER_RULES"] = str(work / "rules")
        chars = sum(len(baseline(p)) for p in paths) / len(paths)
        base = time_baseline(paths)
        load = os.getloadavg()[0]

        rows = []
        # Interleaved repeats, best kept: on a shared machine other load comes and goes,
        # and the best of a few runs is the figure closest to the code's own cost.
        runs1, runs2 = [], []
        for _ in range(max(1, args.repeat)):
            runs1.append(cleanup(corpus[args.n], work / "out-w1", 1))
            runs2.append(cleanup(corpus[args.n], work / "out-w2", 2))
        r1 = min(runs1, key=lambda r: r["t"]["review"])
        r2 = min(runs2, key=lambda r: r["t"]["review"])
        rr = cleanup(corpus[args.n], work / "out-w2", 2, fresh=False)
        mem = {n: cleanup(corpus[n], work / f"out-m{n}", 2) for n in sizes}
        ceil = None
        if args.ceiling_n:
            tries = [ceiling(paths[: args.ceiling_n]) for _ in range(max(1, args.repeat))]
            ceil = (min(t[0] for t in tries), min(t[1] for t in tries))

        print(
            f"corpus   {total:,} docx from bench/make_corpus.py --n {total} --seed {args.seed} "
            f"(built in {built:.1f} s); {chars:,.0f} characters per document on average"
        )
        print(f"machine  {os.cpu_count()} CPUs, load average {load:.2f} when the runs started")
        print(f"runs     throughput and ceiling: best of {max(1, args.repeat)}, interleaved; memory: one run each")
        print(
            f"baseline bare text extraction (zip + lxml + w:t), one process: {base * 1e3:.3f} ms/doc "
            f"({1 / base:,.0f} docs/s), best of 3"
        )
        print()
        hdr = (
            f"{'run':34}{'docs':>6}{'wall s':>8}{'review s':>10}{'docs/s':>9}{'ms/doc':>8}{'ratio':>8}"
            f"{'RSS MiB':>9}{'PSS MiB':>9}{'main MiB':>9}"
        )
        print(hdr)
        print("-" * len(hdr))

        def line(name, r, n):
            rev = r["t"]["review"]
            reviewed = r["summary"]["reviewed_this_run"]
            per = rev / reviewed if reviewed else float("nan")
            rate = reviewed / rev if reviewed and rev else float("nan")
            ratio = per / base if reviewed else float("nan")
            print(
                f"{name:34}{n:6}{r['wall']:8.1f}{rev:10.2f}{rate:9.1f}{per * 1e3:8.2f}{ratio:7.1f}x"
                f"{mib(r['rss']):>9}{mib(r['pss']):>9}{mib(r['main']):>9}"
            )
            rows.append((name, n, r))

        line("cleanup --workers 1", r1, args.n)
        line("cleanup --workers 2", r2, args.n)
        t_rr = rr["t"]
        print(
            f"{'rerun, nothing changed (2)':34}{args.n:6}{rr['wall']:8.1f}{'-':>10}{'-':>9}{'-':>8}{'-':>8}"
            f"{mib(rr['rss']):>9}{mib(rr['pss']):>9}{mib(rr['main']):>9}"
            f"   ({rr['summary']['reused']} reused, {rr['summary']['reviewed_this_run']} reviewed,"
            f" hash {t_rr['hash']:.2f} s, outputs {t_rr['outputs']:.2f} s)"
        )
        for n in sizes:
            line("cleanup --workers 2 (memory)", mem[n], n)
        print()
        spread = lambda rs: "/".join(f"{r['t']['review']:.1f}" for r in rs)  # noqa: E731
        print(f"{'(review s of each repeat)':34}1 worker {spread(runs1)}; 2 workers {spread(runs2)}")
        speed = r1["t"]["review"] / r2["t"]["review"]
        print(
            f"speedup 2 workers / 1 (review phase)      {speed:.2f}x   target >= 1.7x   (worker start-up to the "
            f"first result: {r1['t'].get('review_first_result', 0):.1f} s / "
            f"{r2['t'].get('review_first_result', 0):.1f} s, included)"
        )
        if ceil:
            print(
                f"machine ceiling, bare review_file x2    {ceil[0] / ceil[1]:.2f}x   "
                f"({args.ceiling_n} docs: 1 process {ceil[0]:.2f} s, 2 processes {ceil[1]:.2f} s)"
            )
        per1 = r1["t"]["review"] / r1["summary"]["reviewed_this_run"]
        per2 = r2["t"]["review"] / r2["summary"]["reviewed_this_run"]
        print(
            f"ratio to bare extraction                 {per1 / base:.1f}x with 1 worker, {per2 / base:.1f}x "
            f"with 2 (wall per document over one process's extraction)   target <= 10x"
        )
        cpu = r1["t"].get("review_cpu_in_workers", 0) / r1["summary"]["reviewed_this_run"]
        main_cpu = r1["t"].get("review_cpu_main", 0) / r1["summary"]["reviewed_this_run"]
        print(
            f"review_file inside the worker             {cpu * 1e3:.2f} ms/doc = {cpu / base:.1f}x extraction "
            f"(the review's own cost; the rest of the 1-worker figure is start-up and the batch)"
        )
        print(
            f"main process CPU per document             {main_cpu * 1e3:.2f} ms (results received, committed to SQLite)"
        )
        if len(sizes) >= 2:
            a, b = mem[sizes[0]], mem[sizes[-1]]
            print(
                f"peak memory {sizes[0]:,} -> {sizes[-1]:,} docs       RSS {mib(a['rss'])} -> {mib(b['rss'])} MiB "
                f"({(b['rss'] / a['rss'] - 1) * 100:+.0f}%), PSS {mib(a['pss'])} -> {mib(b['pss'])} MiB "
                f"({(b['pss'] / a['pss'] - 1) * 100:+.0f}%), main process {mib(a['main'])} -> {mib(b['main'])} MiB"
                f"   target: flat"
            )
        outs = ", ".join(f"{n}: {mem[n]['t']['outputs']:.1f} s" for n in sizes)
        print(f"writing the lists (xlsx, docx, jsonl)     {outs}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------------------
# --real: the same measurements over real files
# ---------------------------------------------------------------------------
LIST_SHEETS = (("remain", "继续有效"), ("modify", "修改"), ("abolish", "废止"), ("void", "宣布失效"))
# sheet -> (column naming the file, column holding its reason)
PLACING_SHEETS = {
    **{name: ("源文件", "理由") for _, name in LIST_SHEETS},
    "非规范性文件": ("源文件", "判断理由"),
    "无法读取的文件": ("文件", "原因"),
    "重复文件": ("文件", "说明"),
}


def bare_read(path: Path) -> str:
    """The floor for a text file: read its bytes and decode them (UTF-8, else GB18030)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def time_each(fn, paths: list[Path], passes: int = 3) -> float:
    """Seconds per document of fn over paths, best of `passes` (one process)."""
    best = float("inf")
    for _ in range(passes):
        t = time.perf_counter()
        for p in paths:
            try:
                fn(p)
            except Exception:  # an unreadable file still costs its attempt
                pass
        best = min(best, time.perf_counter() - t)
    return best / len(paths)


def placements(out: Path) -> dict[str, list[tuple[str, str]]]:
    """file -> [(sheet, reason)] over every sheet of 清理结果.xlsx that places a file."""
    from openpyxl import load_workbook

    wb = load_workbook(out / "清理结果.xlsx", read_only=True)
    try:
        placed: dict[str, list[tuple[str, str]]] = {}
        for sheet, (file_col, reason_col) in PLACING_SHEETS.items():
            rows = wb[sheet].iter_rows(values_only=True)
            header = next(rows)
            fi, ri = header.index(file_col), header.index(reason_col)
            for row in rows:
                placed.setdefault(row[fi], []).append((sheet, (row[ri] or "").strip()))
        return placed
    finally:
        wb.close()


def placement_report(files: list[Path], out: Path) -> tuple[bool, list[str]]:
    """Is every input file placed exactly once with a reason? And the lines that say so."""
    placed = placements(out)
    names = {str(p) for p in files}
    missing = sorted(names - set(placed))
    twice = sorted(f for f, p in placed.items() if len(p) > 1)
    unknown = sorted(set(placed) - names)
    no_reason = sorted(f for f, p in placed.items() if not all(r for _, r in p))
    ok = not (missing or twice or unknown or no_reason)
    lines = []
    for label, bad in (
        ("in no list or sheet", missing),
        ("placed more than once", twice),
        ("rows naming no input file", unknown),
        ("placed without a reason", no_reason),
    ):
        if bad:
            lines.append(f"  {label}: {len(bad)}: {', '.join(bad[:5])}{' …' if len(bad) > 5 else ''}")
    return ok, lines


def by_name_hash(paths: list[Path]) -> list[Path]:
    """A fixed order that mixes the sources (the folder's own order groups them)."""
    import hashlib

    return sorted(paths, key=lambda p: hashlib.sha256(p.name.encode()).hexdigest())


def main_real(args) -> int:
    src = args.real_dir.resolve()
    if not src.is_dir():
        sys.stderr.write(
            f"bench/cleanup.py: no real documents at {args.real_dir} (expected ../shared/real/corpus/docs)\n"
        )
        return 2
    from reviewer.batch import discover

    paths, _ = discover([str(src)])
    if not paths:
        sys.stderr.write(f"bench/cleanup.py: no files to review under {src}\n")
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="reviewer-bench-real-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copytree(ROOT / "rules", work / "rules", dirs_exist_ok=True)
        os.environ["REVIEWER_RULES"] = str(work / "rules")
        n = len(paths)
        mixed = by_name_hash(paths)
        scale_sizes = sorted({max(1, n // 4), max(1, n // 2)} - {n})
        subsets = {k: link_subset(mixed[:k], work / f"c{k}") for k in scale_sizes}

        from reviewer.ingest import read_file

        size = sum(p.stat().st_size for p in paths)
        chars = sum(len(bare_read(p)) for p in paths) / n
        read_base = time_each(bare_read, paths)
        ingest_base = time_each(read_file, paths)
        load = os.getloadavg()[0]

        runs1, runs2 = [], []
        for _ in range(max(1, args.repeat)):
            runs1.append(cleanup(src, work / "out-w1", 1))
            runs2.append(cleanup(src, work / "out-w2", 2))
        r1 = min(runs1, key=lambda r: r["t"]["review"])
        r2 = min(runs2, key=lambda r: r["t"]["review"])
        rr = cleanup(src, work / "out-w2", 2, fresh=False)
        scale = {k: cleanup(subsets[k], work / f"out-s{k}", 2) for k in scale_sizes}
        scale[n] = r2
        # the placement is checked on the kept 2-worker run's output, and compared with the 1-worker run's
        ok, problems = placement_report(paths, work / "out-w2")
        same = placements(work / "out-w1") == placements(work / "out-w2")
        ceil = None
        if args.ceiling_n:
            cp = mixed[: min(args.ceiling_n, n)]
            tries = [ceiling(cp) for _ in range(max(1, args.repeat))]
            ceil = (len(cp), min(t[0] for t in tries), min(t[1] for t in tries))

        print(
            f"corpus   {n:,} real files from {args.real_dir} ({size / 2**20:.1f} MiB; "
            f"{chars:,.0f} characters per document on average)"
        )
        # other load on a shared machine moves every figure; the ceiling row shows by how much
        print(
            f"machine  {os.cpu_count()} CPUs, load average {load:.2f} when the runs started, "
            f"{os.getloadavg()[0]:.2f} when they ended"
        )
        print(
            f"runs     1 and 2 workers: best of {max(1, args.repeat)}, interleaved; "
            f"growth: one 2-worker run each over {', '.join(f'{k:,}' for k in scale_sizes)} files (by name hash)"
        )
        print(
            f"baseline bare read + decode (open, read, UTF-8), one process: {read_base * 1e3:.3f} ms/doc "
            f"({1 / read_base:,.0f} docs/s), best of 3"
        )
        print(
            f"baseline reviewer ingest (reviewer.ingest.read_file: sniff, decode, lines, anchors): "
            f"{ingest_base * 1e3:.3f} ms/doc ({1 / ingest_base:,.0f} docs/s), best of 3"
        )
        print()
        hdr = (
            f"{'run':30}{'docs':>6}{'wall s':>8}{'review s':>10}{'docs/s':>9}{'ms/doc':>8}{'/ingest':>9}"
            f"{'/read':>8}{'RSS MiB':>9}{'PSS MiB':>9}{'main MiB':>9}"
        )
        print(hdr)
        print("-" * len(hdr))

        def line(name, r, k):
            rev = r["t"]["review"]
            reviewed = r["summary"]["reviewed_this_run"]
            per = rev / reviewed
            print(
                f"{name:30}{k:6,}{r['wall']:8.1f}{rev:10.2f}{reviewed / rev:9.1f}{per * 1e3:8.2f}"
                f"{per / ingest_base:8.1f}x{per / read_base:7.0f}x"
                f"{mib(r['rss']):>9}{mib(r['pss']):>9}{mib(r['main']):>9}"
            )

        line("cleanup --workers 1", r1, n)
        line("cleanup --workers 2", r2, n)
        print(
            f"{'rerun, nothing changed (2)':30}{n:6,}{rr['wall']:8.1f}{'-':>10}{'-':>9}{'-':>8}{'-':>9}{'-':>8}"
            f"{mib(rr['rss']):>9}{mib(rr['pss']):>9}{mib(rr['main']):>9}"
            f"   ({rr['summary']['reused']} reused, {rr['summary']['reviewed_this_run']} reviewed)"
        )
        for k in scale_sizes:
            line("cleanup --workers 2 (growth)", scale[k], k)
        print()
        spread = lambda rs: "/".join(f"{r['t']['review']:.1f}" for r in rs)  # noqa: E731
        print(f"{'(review s of each repeat)':40}1 worker {spread(runs1)}; 2 workers {spread(runs2)}")
        speed = r1["t"]["review"] / r2["t"]["review"]
        print(f"{'speedup 2 workers / 1 (review phase)':40}{speed:.2f}x")
        if ceil:
            print(
                f"{'machine ceiling, bare review_file x2':40}{ceil[1] / ceil[2]:.2f}x   "
                f"({ceil[0]:,} files: 1 process {ceil[1]:.2f} s, 2 processes {ceil[2]:.2f} s; no batch code)"
            )
        per1 = r1["t"]["review"] / n
        per2 = r2["t"]["review"] / n
        print(
            f"{'ratio to the reviewer ingest':40}{per1 / ingest_base:.1f}x with 1 worker, {per2 / ingest_base:.1f}x "
            f"with 2 (wall per document over one process's read_file)"
        )
        print(
            f"{'ratio to bare read + decode':40}{per1 / read_base:,.0f}x with 1 worker, {per2 / read_base:,.0f}x with 2"
        )
        cpu = r1["t"].get("review_cpu_in_workers", 0) / n
        print(
            f"{'review_file inside the worker':40}{cpu * 1e3:.2f} ms/doc = {cpu / ingest_base:.1f}x the ingest "
            f"(the review's own cost, start-up excluded)"
        )
        print(
            f"{'worker start-up (to the first result)':40}{r1['t'].get('review_first_result', 0):.2f} s with 1 worker, "
            f"{r2['t'].get('review_first_result', 0):.2f} s with 2 (paid once per worker, in its initialiser)"
        )
        # review s = start-up + documents x cost per document: a least-squares line over the
        # 2-worker runs; linear growth means every run lies on it.
        ks = sorted(scale)
        xs, ys = ks, [scale[k]["t"]["review"] for k in ks]
        if len(ks) >= 2:
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
            icpt = my - slope * mx
            worst = max(abs(y - (icpt + slope * x)) / y for x, y in zip(xs, ys))
            pts = ", ".join(
                f"{k:,}: {scale[k]['t']['review']:.2f} s ({scale[k]['t']['review'] / k * 1e3:.2f} ms/doc)" for k in ks
            )
            print(f"{'growth with documents (2 workers)':40}{pts}")
            print(
                f"{'':40}review s = {icpt:.2f} s + {slope * 1e3:.2f} ms x documents, "
                f"largest deviation from that line {worst * 100:.0f}%"
            )
        peak_w = r2["summary"].get("memory_mib", {}).get("worker_peak")
        print(
            f"{'peak memory (2 workers, whole tree)':40}RSS {mib(r2['rss'])} MiB, PSS {mib(r2['pss'])} MiB, "
            f"main process {mib(r2['main'])} MiB, largest worker {peak_w} MiB (getrusage RUSAGE_CHILDREN); "
            f"1 worker: RSS {mib(r1['rss'])} MiB"
        )
        s2 = r2["summary"]
        c = s2["counts"]
        print(
            f"{'where the files went (2-worker run)':40}继续有效 {c['remain']}, 修改 {c['modify']}, 废止 {c['abolish']}, "
            f"宣布失效 {c['void']} (of which not normative: {s2.get('non_normative_void', 0)}); "
            f"非规范性文件 {s2['non_normative']}; 无法读取的文件 {s2['unreadable']}; 重复文件 {s2['duplicates']}"
        )
        total = s2["listed"] + s2["non_normative"] + s2["unreadable"] + s2["duplicates"]
        print(
            f"{'':40}{total:,} placed of {n:,} files; every file exactly once with a reason: "
            f"{'yes' if ok else 'NO'}; same placement with 1 and 2 workers: {'yes' if same else 'NO'}"
        )
        for p in problems:
            print(p)
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
