"""Score the review against a labelled dev set (corpus/gold): precision and recall per
finding category, plus metadata and cleanup accuracy on whole documents.

A predicted finding counts as correct when a gold finding of the same category
overlaps its span; each gold finding is matched at most once.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from .errors import ReviewerError
from .review import load_profile, review_text

_META_FIELDS = ("title", "measure_title", "issuer", "doc_number", "date", "effective_date", "valid_until", "is_normative")


def _locate(text: str, needle: str, taken: set) -> tuple[int, int] | None:
    start = 0
    while True:
        i = text.find(needle, start)
        if i < 0:
            return None
        if (i, i + len(needle)) not in taken:
            return i, i + len(needle)
        start = i + 1


def _score_unit(text, gold_findings, predicted, counts, misses, unit_id):
    gold_spans, taken = [], set()
    for g in gold_findings or []:
        span = _locate(text, g["text"], taken)
        if span is None:
            raise ReviewerError(f"{unit_id}: gold text not found in the document: {g['text']!r}")
        taken.add(span)
        gold_spans.append((g["category"], span, g["text"]))
    matched = set()
    for f in predicted:
        hit = next((i for i, (cat, (s, e), _) in enumerate(gold_spans)
                    if i not in matched and cat == f.category and f.start < e and s < f.end), None)
        if hit is None:
            # a second finding on already-matched gold words is a duplicate, not a false alarm
            dup = any(cat == f.category and f.start < e and s < f.end for cat, (s, e), _ in gold_spans)
            if not dup:
                counts[f.category]["fp"] += 1
                misses.append(("FP", unit_id, f.category, f.text, f.rule))
        else:
            matched.add(hit)
            counts[f.category]["tp"] += 1
    for i, (cat, _, gtext) in enumerate(gold_spans):
        if i not in matched:
            counts[cat]["fn"] += 1
            misses.append(("FN", unit_id, cat, gtext, ""))


def evaluate_gold(gold_dir: str | Path, as_of: str = "2026-11-23") -> dict:
    root = Path(gold_dir)
    if not root.is_dir():
        raise ReviewerError(f"找不到标注集目录：{root}")
    profile = load_profile(None)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    misses: list[tuple] = []
    n_prov = n_docs = 0
    prov_file = root / "provisions.yaml"
    if prov_file.is_file():
        for item in yaml.safe_load(prov_file.read_text(encoding="utf-8")) or []:
            n_prov += 1
            review = review_text(item["text"], item["id"], as_of=as_of, profile=profile)
            _score_unit(item["text"], item.get("findings"), review.findings, counts, misses, item["id"])
    meta = defaultdict(lambda: [0, 0])
    cleanup_ok = cleanup_n = 0
    cleanup_misses = []
    for label_path in sorted((root / "docs").glob("*.yaml")) if (root / "docs").is_dir() else []:
        txt = label_path.with_suffix(".txt")
        if not txt.is_file():
            continue
        n_docs += 1
        label = yaml.safe_load(label_path.read_text(encoding="utf-8")) or {}
        text = txt.read_text(encoding="utf-8")
        review = review_text(text, txt.name, as_of=as_of, profile=profile)
        _score_unit(text, label.get("findings"), review.findings, counts, misses, txt.stem)
        doc = review.document
        got = {"title": doc.title, "measure_title": doc.measure_title, "issuer": doc.issuer,
               "doc_number": doc.doc_number.text if doc.doc_number else None, "date": doc.date,
               "effective_date": doc.effective_date, "valid_until": doc.valid_until,
               "is_normative": doc.is_normative}
        for key in _META_FIELDS:
            if key in label:
                meta[key][1] += 1
                want = label[key]
                if key == "measure_title" and want and doc.measure_title is None and doc.title == want:
                    meta[key][0] += 1
                elif got[key] == want:
                    meta[key][0] += 1
                else:
                    misses.append(("META", txt.stem, key, f"want {want!r}", f"got {got[key]!r}"))
        if label.get("cleanup"):
            cleanup_n += 1
            if review.verdict.category == label["cleanup"]:
                cleanup_ok += 1
            else:
                cleanup_misses.append((txt.stem, label["cleanup"], review.verdict.category, review.verdict.reasons))
    per_cat = {}
    for cat, c in sorted(counts.items()):
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
        per_cat[cat] = {**c, "precision": p, "recall": r}
    tp = sum(c["tp"] for c in counts.values())
    fp = sum(c["fp"] for c in counts.values())
    fn = sum(c["fn"] for c in counts.values())
    return {
        "provisions": n_prov, "documents": n_docs, "categories": per_cat,
        "overall": {"tp": tp, "fp": fp, "fn": fn,
                    "precision": tp / (tp + fp) if tp + fp else None,
                    "recall": tp / (tp + fn) if tp + fn else None},
        "metadata": {k: {"correct": v[0], "total": v[1]} for k, v in meta.items()},
        "cleanup": {"correct": cleanup_ok, "total": cleanup_n, "misses": cleanup_misses},
        "misses": misses,
    }


def _pct(x):
    return "   —  " if x is None else f"{x:6.3f}"


def format_report(report: dict, verbose: bool = False) -> str:
    lines = [f"开发集：{report['provisions']} 条条款，{report['documents']} 件文件", "",
             f"{'类别':<34}{'TP':>5}{'FP':>5}{'FN':>5}{'精确率':>9}{'召回率':>9}"]
    for cat, c in report["categories"].items():
        lines.append(f"{cat:<36}{c['tp']:>5}{c['fp']:>5}{c['fn']:>5}  {_pct(c['precision'])}  {_pct(c['recall'])}")
    o = report["overall"]
    lines.append(f"{'overall':<36}{o['tp']:>5}{o['fp']:>5}{o['fn']:>5}  {_pct(o['precision'])}  {_pct(o['recall'])}")
    lines.append("")
    lines.append("文件要素识别准确率：")
    for key, v in report["metadata"].items():
        lines.append(f"  {key:<16}{v['correct']}/{v['total']}")
    c = report["cleanup"]
    lines.append(f"清理意见一致：{c['correct']}/{c['total']}")
    if verbose:
        lines.append("")
        for m in report["misses"]:
            lines.append("  " + " | ".join(str(x) for x in m))
        for m in c["misses"]:
            lines.append("  CLEANUP | " + " | ".join(str(x) for x in m))
    return "\n".join(lines)
