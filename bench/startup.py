"""Time the start-up of `reviewer check` on one short text against a bare interpreter.

Usage: python bench/startup.py [--runs 15] [--text "违者处500元罚款"]

Each measurement is a fresh subprocess, timed from spawn to exit (wall time). In the
same run, interleaved so that a busy moment of a shared machine hits every row alike:

  python -c pass          the floor: interpreter and site start-up
  python -c "import yaml" the floor plus PyYAML, which every check needs
  reviewer check -        `python -m reviewer.cli check -`, the text on stdin, with
                          the YAML cache warm (the state of every run but the first)
  ... cache off           the same with REVIEWER_NO_CACHE=1: every rule pack, the
                          law registry and the fine index parsed again

The cache lives in a temporary folder (REVIEWER_CACHE_DIR), filled by one untimed
run, so the user's own cache is neither used nor touched. Prints the median and the
fastest run of each row and the ratios of the medians to the two floors; never
asserts a timing, exits 0 (2 if the check itself fails).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = "违者处500元罚款"
TARGET = 0.5  # seconds, from the issue: a single check of a short text


def run_once(argv: list[str], env: dict, stdin: bytes | None) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.run(argv, input=stdin, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return time.perf_counter() - t0, proc


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Start-up of `reviewer check` against bare python.")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per row (default 15)")
    parser.add_argument("--text", default=TEXT, help=f"text fed on stdin (default {TEXT})")
    args = parser.parse_args(argv)
    runs = max(1, args.runs)

    cache = Path(tempfile.mkdtemp(prefix="reviewer-bench-cache-"))
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(ROOT)] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])),
        REVIEWER_CACHE_DIR=str(cache),
    )
    env.pop("REVIEWER_NO_CACHE", None)
    no_cache = dict(env, REVIEWER_NO_CACHE="1")
    text = args.text.encode("utf-8")
    check = [sys.executable, "-m", "reviewer.cli", "check", "--no-color", "-"]
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"], env, None),
        ('python -c "import yaml"', [sys.executable, "-c", "import yaml"], env, None),
        ("reviewer check - (cache warm)", check, env, text),
        ("reviewer check - (cache off)", check, no_cache, text),
    ]
    try:
        # untimed: fills the cache, and the OS file cache for every row
        for _, cmd, e, stdin in rows:
            _, proc = run_once(cmd, e, stdin)
            if proc.returncode not in (0, 1):
                sys.stderr.write(
                    f"bench/startup.py: {' '.join(cmd[1:])} exited {proc.returncode}:\n"
                    f"{proc.stderr.decode('utf-8', 'replace')}"
                )
                return 2
        times: dict[str, list[float]] = {name: [] for name, *_ in rows}
        for _ in range(runs):
            for name, cmd, e, stdin in rows:
                times[name].append(run_once(cmd, e, stdin)[0])
    finally:
        shutil.rmtree(cache, ignore_errors=True)

    med = {name: statistics.median(ts) for name, ts in times.items()}
    bare, yaml_ = med["python -c pass"], med['python -c "import yaml"']
    print(f"runs     {runs} per row, interleaved, after one untimed run of each; wall time of a subprocess")
    print(
        f"python   {sys.version.split()[0]} ({sys.executable}); "
        f"bytecode cache {'off (PYTHONDONTWRITEBYTECODE)' if sys.dont_write_bytecode else 'on'}"
    )
    print(f"text     {args.text!r} on stdin")
    print()
    print(f"{'':32}{'median s':>10}{'min s':>9}{'/ bare':>9}{'/ yaml':>9}")
    for name, ts in times.items():
        print(f"{name:32}{med[name]:10.3f}{min(ts):9.3f}{med[name] / bare:8.1f}x{med[name] / yaml_:8.1f}x")
    print()
    print(f"reviewer check own cost (median - import yaml)   {med['reviewer check - (cache warm)'] - yaml_:.3f} s")
    print(
        f"target: a check of a short text <= {TARGET} s wall (median above: "
        f"{med['reviewer check - (cache warm)']:.3f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
