"""Citation graph build time per document at 1,000 and 10,000 documents, in one run.

The reviews are made once from short synthetic documents that cite laws from the
registry (by title, short title, article lists, numbers and one another); only
`build_graph` is timed. Linear growth shows as a flat time per document.

    python bench/graph.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reviewer.graph import build_graph  # noqa: E402
from reviewer.laws import load_registry  # noqa: E402
from reviewer.review import review_text  # noqa: E402


def synthetic_texts(n: int, seed: int = 0):
    rng = random.Random(seed)
    laws = [e for e in load_registry().entries.values() if e.level in ("法律", "行政法规")]
    for i in range(n):
        cited = rng.sample(laws, 4)
        other = rng.randrange(max(1, i)) if i else 0
        arts = "、".join(f"第{rng.randint(1, 40)}条" for _ in range(2))
        lines = [
            f"青川市第{i}号管理办法",
            f"第一条 根据《{cited[0].title}》《{cited[1].title}》{arts}和{cited[2].aliases[0] if cited[2].aliases else cited[2].title}的规定，制定本办法。",
            f"第二条 参照《青川市第{other}号管理办法》和青政发〔2024〕{other}号执行。",
            f"第三条 违反本办法的，依照《{cited[3].title}》第{rng.randint(1, 30)}条处理。",
        ]
        yield f"doc{i}.txt", "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = ap.parse_args(argv)
    biggest = max(args.sizes)
    t0 = time.perf_counter()
    reviews = [review_text(text, name, as_of="2026-11-23") for name, text in synthetic_texts(biggest)]
    made = time.perf_counter() - t0
    print(f"reviews: {biggest} synthetic documents reviewed in {made:.1f} s (not part of the timing below)")
    print(f"{'documents':>10}{'build s':>10}{'ms/doc':>10}{'nodes':>9}{'edges':>9}")
    per_doc = {}
    for n in sorted(args.sizes):
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            g = build_graph(reviews[:n])
            best = min(best, time.perf_counter() - t0)
        per_doc[n] = best / n
        print(f"{n:>10}{best:>10.3f}{best / n * 1e3:>10.3f}{g.number_of_nodes():>9}{g.number_of_edges():>9}")
    lo, hi = min(per_doc), max(per_doc)
    print(f"time per document at {hi} / at {lo}: {per_doc[hi] / per_doc[lo]:.2f}x (1.0 = linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
