"""Derive the catalogue of national law titles from the reference index.

    python tools/build_national_catalogue.py [--index ../shared/reference/laws-index.csv]
                                             [--out corpus/laws/catalogue/national_titles.tsv]

The registry (corpus/laws/*.yaml) holds the few hundred laws we wrote facts for; this
catalogue holds only the *names* of every national law, administrative regulation,
departmental rule and judicial interpretation of the LawRefBook snapshot in
`../shared/reference/`, so that a title the registry lacks but the country has is not
reported as nonexistent (rule SL003). Titles only: no text, no dates, no status.
Local regulations (rows with a province) are left out.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ("宪法", "法律", "行政法规", "部门规章", "司法解释")
_VERSION = re.compile(r"[（(]\d{4}年?(?:修订|修正)?[）)]$")


def build(index: Path, out: Path) -> int:
    rows = csv.DictReader(index.open(encoding="utf-8"))
    seen: dict[str, tuple[str, str]] = {}
    for r in rows:
        if r.get("province") or r.get("level") not in NATIONAL:
            continue
        title = _VERSION.sub("", (r.get("title") or r.get("name") or "").strip())
        name = _VERSION.sub("", (r.get("name") or "").strip())
        if not title:
            continue
        seen.setdefault(title, (r["level"], name if name != title else ""))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# National law titles (names only), derived by tools/build_national_catalogue.py\n")
        fh.write("# from ../shared/reference/laws-index.csv (LawRefBook snapshot 2025-04-19). Do not edit by hand.\n")
        fh.write("title\tlevel\tshort\n")
        for title in sorted(seen):
            level, short = seen[title]
            fh.write(f"{title}\t{level}\t{short}\n")
    return len(seen)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default=str(ROOT.parent / "shared" / "reference" / "laws-index.csv"))
    ap.add_argument("--out", default=str(ROOT / "corpus" / "laws" / "catalogue" / "national_titles.tsv"))
    a = ap.parse_args()
    n = build(Path(a.index), Path(a.out))
    print(f"{n} titles -> {a.out}")


if __name__ == "__main__":
    main()
