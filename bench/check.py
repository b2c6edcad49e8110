"""Time the full review of .docx files against the bare cost of reading them.

Usage: python bench/check.py [--dir DIR] [--n 200] [--seed 0] [--min-chars 0] [--passes 3]

Without --dir, builds a corpus of --n documents with bench/make_corpus.py in a
temporary directory (removed afterwards). In the same run it times, per file:

  baseline  zipfile open + lxml parse of word/document.xml + join of all w:t
            text: the fastest honest extraction, the floor for any reader
  review    reviewer.review.review_file(path): everything the tool does

Both are warmed up on the first file, then each pass goes over the whole corpus;
the figures are from the best of --passes passes (per-document percentiles from
each file's best time). Prints a table and the ratio review / baseline; if the
review module exposes stage timings (see bench/README.md) it also prints where
the time goes. Never asserts a timing; exits 0 after a run, 2 if reviewer.review
cannot be imported.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from lxml import etree  # noqa: E402

W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def baseline(path: Path) -> str:
    """The floor: unzip word/document.xml, parse it, join the text nodes."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return "".join(root.itertext(W_T))


def import_review():
    try:
        from reviewer.review import review_file
    except Exception as exc:  # ImportError, or an error inside the module
        sys.stderr.write(
            "bench/check.py: cannot import reviewer.review.review_file "
            f"({type(exc).__name__}: {exc}).\n"
            "The benchmark needs the full review function review_file(path) -> Review in "
            "reviewer/review.py; install the package (pip install -e .) or run from a "
            "checkout where that module exists.\n"
        )
        sys.exit(2)
    import reviewer.review as module

    return module, review_file


# --------------------------------------------------------------------------
# Stage timings, if the review exposes them: a mapping stage name -> seconds,
# found (in this order) as Review.timings / Review.stage_timings on the result,
# or as reviewer.review.last_timings / LAST_TIMINGS / stage_timings after a call
# (a dict or a function returning one).
# --------------------------------------------------------------------------
def stage_times(module, result) -> dict | None:
    for owner, names in (
        (result, ("timings", "stage_timings")),
        (module, ("last_timings", "LAST_TIMINGS", "stage_timings")),
    ):
        for name in names:
            value = getattr(owner, name, None)
            if callable(value):
                try:
                    value = value()
                except Exception:
                    value = None
            if isinstance(value, dict) and value and all(isinstance(v, (int, float)) for v in value.values()):
                return dict(value)
    return None


def timed_pass(func, paths) -> tuple[list[float], list]:
    """Seconds per file, and the exception each file raised (None if none)."""
    gc.collect()
    times, errors = [], []
    for p in paths:
        t0 = time.perf_counter()
        error = None
        try:
            func(p)
        except Exception as exc:  # one bad file must not stop the bench
            error = exc
        times.append(time.perf_counter() - t0)
        errors.append(error)
    return times, errors


def summarize(per_pass: list[list[float]]) -> dict:
    best_pass = min(per_pass, key=sum)
    per_doc_best = [min(ts) for ts in zip(*per_pass)]
    q = statistics.quantiles(per_doc_best, n=20, method="inclusive") if len(per_doc_best) >= 2 else per_doc_best * 19
    return {
        "mean": sum(best_pass) / len(best_pass),
        "p50": statistics.median(per_doc_best),
        "p95": q[18],
        "max": max(per_doc_best),
        "total": sum(best_pass),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Time review_file against a bare docx read.")
    parser.add_argument("--dir", type=Path, help="directory of .docx files (default: a make_corpus.py corpus)")
    parser.add_argument("--n", type=int, default=200, help="corpus size when building one (default 200)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument(
        "--min-chars", type=int, default=0, help="grow each generated measure to at least this many characters"
    )
    parser.add_argument("--passes", type=int, default=3, help="passes over the corpus (default 3)")
    args = parser.parse_args(argv)

    module, review_file = import_review()

    tmp = None
    if args.dir:
        paths = sorted(p for p in args.dir.rglob("*.docx") if not p.name.startswith("~$"))
        origin = str(args.dir)
        if not paths:
            sys.stderr.write(f"bench/check.py: no .docx files under {args.dir}\n")
            return 2
    else:
        sys.path.insert(0, str(ROOT / "bench"))
        from make_corpus import build_corpus

        tmp = Path(tempfile.mkdtemp(prefix="reviewer-bench-"))
        paths = build_corpus(tmp, args.n, args.seed, args.min_chars)
        origin = f"bench/make_corpus.py --n {args.n} --seed {args.seed}" + (
            f" --min-chars {args.min_chars}" if args.min_chars else ""
        )
    try:
        return run(paths, origin, module, review_file, max(1, args.passes))
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def run(paths, origin, module, review_file, passes) -> int:
    chars = [len(baseline(p)) for p in paths]  # also warms up the baseline
    sizes = [p.stat().st_size for p in paths]

    # Warm-up: the first review pays for imports, rule loading, pipelines.
    # review_file is called with a str path; if it only takes Path, use that.
    call = lambda p: review_file(str(p))  # noqa: E731
    t0 = time.perf_counter()
    try:
        first = call(paths[0])
    except (TypeError, AttributeError):
        try:
            t0 = time.perf_counter()
            first = review_file(paths[0])
            call = review_file
        except Exception as exc:
            first = exc
    except Exception as exc:
        first = exc
    cold = time.perf_counter() - t0
    has_stages = stage_times(module, first) is not None

    base_runs, review_runs, stage_runs = [], [], []
    failures: dict[Path, BaseException] = {}
    for _ in range(passes):
        times, _ = timed_pass(baseline, paths)
        base_runs.append(times)
        stages: dict[str, float] = {}

        def reviewed(p):
            result = call(p)
            st = stage_times(module, result) if has_stages else None
            for k, v in (st or {}).items():
                stages[k] = stages.get(k, 0.0) + v
            return result

        times, results = timed_pass(reviewed, paths)
        review_runs.append(times)
        stage_runs.append(stages)
        for p, error in zip(paths, results):
            if error is not None:
                failures.setdefault(p, error)

    b, r = summarize(base_runs), summarize(review_runs)
    n = len(paths)
    print(f"corpus   {n} docx from {origin}")
    print(
        f"         {statistics.mean(chars):,.0f} characters of w:t text and "
        f"{statistics.mean(sizes) / 1024:,.1f} KiB per file on average"
    )
    print(
        f"timing   best of {passes} passes, after warming up on one file "
        f"(first review_file call: {cold * 1000:,.1f} ms)"
    )
    print()
    print(f"{'':34}{'ms/doc':>9}{'p50':>9}{'p95':>9}{'max':>9}")
    for name, s in (("baseline (zip + lxml + w:t)", b), ("review_file (full review)", r)):
        print(f"{name:34}{s['mean'] * 1e3:9.3f}{s['p50'] * 1e3:9.3f}{s['p95'] * 1e3:9.3f}{s['max'] * 1e3:9.3f}")
    ratio = r["mean"] / b["mean"] if b["mean"] else float("nan")
    print(f"{'ratio review / baseline':34}{ratio:8.1f}x{r['p50'] / b['p50'] if b['p50'] else float('nan'):8.1f}x")
    per_kchar = r["mean"] * 1e3 / (statistics.mean(chars) / 1000) if statistics.mean(chars) else 0
    print(f"{'review per 1,000 characters':34}{per_kchar:9.3f} ms")

    if has_stages:
        best = min(range(passes), key=lambda i: sum(review_runs[i]))
        stages = stage_runs[best]
        total = r["total"]
        print()
        print(f"{'stage (best pass)':34}{'ms/doc':>9}{'share':>9}")
        for name, secs in sorted(stages.items(), key=lambda kv: -kv[1]):
            print(f"{name:34}{secs / n * 1e3:9.3f}{secs / total * 100:8.1f}%")
        rest = total - sum(stages.values())
        print(f"{'(outside the stages)':34}{rest / n * 1e3:9.3f}{rest / total * 100:8.1f}%")
    else:
        print("\nstage timings: not exposed by reviewer.review (skipped)")

    if failures:
        p, exc = next(iter(failures.items()))
        print(f"\nreview_file raised on {len(failures)} of {n} files; first: {p.name}: {type(exc).__name__}: {exc}")
        print("".join(traceback.format_exception(exc)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
