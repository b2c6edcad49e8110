"""Citations on real documents: how many are found, resolved, unverified, dropped as the
document's own title or number, and how many titles become SL003 findings.

    python bench/citations_real.py [--corpus ../shared/real/corpus] [-v] [--as-of DATE]

Reads the documents of the real corpus (never copied into the repository) and prints the
counts; with -v it lists every SL003 finding (file, title, message) for checking by hand,
and every citation whose title equals the title the site gives the document (which should
be none). It reports, it does not judge: exit 0 unless the corpus is missing (exit 2).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def measure(corpus: Path, as_of: str, verbose: bool = False) -> dict:
    from dataclasses import replace

    from reviewer.citations import own_citations
    from reviewer.laws import load_catalogue, load_registry, normalize_title
    from reviewer.rules.checks.superior_law_checks import cites_unknown_law
    from reviewer.structure import parse_document

    registry, catalogue = load_registry(), load_catalogue()
    counts = collections.Counter()
    sl003, site_title_hits = [], []
    t0 = time.perf_counter()
    for line in (corpus / "meta.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        text = (corpus / meta["file"]).read_text(encoding="utf-8")
        doc = parse_document(text)
        kept, dropped = own_citations(doc, registry, as_of)
        counts["documents"] += 1
        counts["citations"] += len(kept)
        counts["dropped_own_or_unnamed"] += len(dropped)
        for c in kept:
            if c.resolved:
                counts["resolved"] += 1
            else:
                counts["unverified"] += 1
                if c.title and c.title in catalogue:
                    counts["unverified_in_catalogue"] += 1
            other_number = c.doc_number and c.doc_number != meta.get("doc_number")
            if (
                meta.get("title")
                and c.title
                and not other_number
                and normalize_title(c.title) == normalize_title(meta["title"])
            ):
                site_title_hits.append((meta["file"], c.text))
            if meta.get("doc_number") and c.doc_number and c.doc_number == meta["doc_number"]:
                site_title_hits.append((meta["file"], c.text))
        for hit in cites_unknown_law(replace(doc, citations=kept), None):
            counts["sl003"] += 1
            sl003.append((meta["file"], text[hit["start"] : hit["end"]], hit["message"]))
    counts["seconds"] = round(time.perf_counter() - t0, 1)
    counts["own_title_or_number_still_cited"] = len(site_title_hits)
    if verbose:
        for f, cited, msg in sl003:
            print(f"SL003\t{f}\t{cited}\t{msg}")
        for f, cited in site_title_hits:
            print(f"SELF\t{f}\t{cited}")
    return {"counts": dict(counts), "sl003": sl003, "self": site_title_hits}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "real" / "corpus"))
    ap.add_argument("--as-of", default="2025-06-30")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    corpus = Path(a.corpus)
    if not (corpus / "meta.jsonl").is_file():
        print(f"no real corpus at {corpus}", file=sys.stderr)
        return 2
    c = measure(corpus, a.as_of, a.verbose)["counts"]
    print(f"documents {c['documents']}  ({c['seconds']} s)")
    print(
        f"citations {c['citations']}: resolved {c.get('resolved', 0)}, unverified {c.get('unverified', 0)} "
        f"(of which in the national catalogue {c.get('unverified_in_catalogue', 0)})"
    )
    print(f"dropped as own title/number or unnamed short name {c.get('dropped_own_or_unnamed', 0)}")
    print(f"SL003 findings {c.get('sl003', 0)}")
    print(f"site title or number still reported as a citation {c['own_title_or_number_still_cited']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
