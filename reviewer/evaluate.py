"""Score the review against a labelled dev set (corpus/gold): precision and recall per
finding category, plus metadata and cleanup accuracy on whole documents.

A predicted finding counts as correct when a gold finding of the same category
overlaps its span; each gold finding is matched at most once.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from . import yamlio
from .errors import ReviewerError
from .review import load_profile, review_text

_META_FIELDS = (
    "title",
    "measure_title",
    "issuer",
    "doc_number",
    "date",
    "effective_date",
    "valid_until",
    "is_normative",
)


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
        hit = next(
            (
                i
                for i, (cat, (s, e), _) in enumerate(gold_spans)
                if i not in matched and cat == f.category and f.start < e and s < f.end
            ),
            None,
        )
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


def _in_half(unit_id: str, half: str | None) -> bool:
    """For a held-out protocol: study the errors on one half, report the other."""
    if half is None:
        return True
    digits = "".join(ch for ch in unit_id if ch.isdigit())
    key = int(digits) if digits else sum(map(ord, unit_id))
    return (key % 2 == 1) == (half == "odd")


def _score_citations(text, gold, predicted, stats, registry, misses, unit_id):
    from .laws import normalize_title

    used = set()
    for g in gold:
        start = text.find(g["text"], stats.setdefault("_pos", {}).get(unit_id, 0))
        if start < 0:
            raise ReviewerError(f"{unit_id}: gold citation not found in order: {g['text']!r}")
        stats["_pos"][unit_id] = start + 1
        end = start + len(g["text"])
        want_key = (g.get("doc_number") or "").replace(" ", "") or normalize_title(g.get("title") or "")
        hit = None
        for i, c in enumerate(predicted):
            if i in used or not (c.start < end and start < c.end):
                continue
            got_key = (c.doc_number or "") if g.get("doc_number") else normalize_title(c.title or "")
            if got_key == want_key or (g.get("doc_number") and c.text == g["doc_number"]):
                hit = i
                break
        if hit is None:
            stats["fn"] += 1
            misses.append(("CITE-FN", unit_id, g["text"], g.get("title") or g.get("doc_number"), ""))
            continue
        used.add(hit)
        stats["tp"] += 1
        entry = registry.lookup(title=g.get("title"), doc_number=g.get("doc_number"))
        if entry is not None:
            stats["resolvable"] += 1
            if predicted[hit].resolved == entry.id:
                stats["resolved"] += 1
            else:
                misses.append(("CITE-RES", unit_id, g["text"], entry.id, predicted[hit].resolved))
    for i, c in enumerate(predicted):
        if i not in used:
            stats["fp"] += 1
            misses.append(("CITE-FP", unit_id, c.text, c.title or c.doc_number, ""))


def evaluate_gold(gold_dir: str | Path, as_of: str = "2026-11-23", half: str | None = None) -> dict:
    root = Path(gold_dir)
    if not root.is_dir():
        raise ReviewerError(f"找不到标注集目录：{root}")
    profile = load_profile(None)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    misses: list[tuple] = []
    n_prov = n_docs = 0
    prov_file = root / "provisions.yaml"
    if prov_file.is_file():
        for item in yamlio.safe_load(prov_file.read_text(encoding="utf-8")) or []:
            if not _in_half(item["id"], half):
                continue
            n_prov += 1
            review = review_text(item["text"], item["id"], as_of=as_of, profile=profile)
            _score_unit(item["text"], item.get("findings"), review.findings, counts, misses, item["id"])
    meta = defaultdict(lambda: [0, 0])
    from .laws import load_registry

    registry = load_registry()
    cite_stats = {"tp": 0, "fp": 0, "fn": 0, "resolvable": 0, "resolved": 0}
    cite_docs = 0
    cleanup_ok = cleanup_n = 0
    cleanup_misses = []
    for label_path in sorted((root / "docs").glob("*.yaml")) if (root / "docs").is_dir() else []:
        txt = label_path.with_suffix(".txt")
        if not txt.is_file() or not _in_half(txt.stem, half):
            continue
        n_docs += 1
        label = yamlio.safe_load(label_path.read_text(encoding="utf-8")) or {}
        text = txt.read_text(encoding="utf-8")
        review = review_text(text, txt.name, as_of=as_of, profile=profile)
        _score_unit(text, label.get("findings"), review.findings, counts, misses, txt.stem)
        doc = review.document
        if "citations" in label:
            cite_docs += 1
            _score_citations(
                text, label.get("citations") or [], list(doc.citations), cite_stats, registry, misses, txt.stem
            )
        got = {
            "title": doc.title,
            "measure_title": doc.measure_title,
            "issuer": doc.issuer,
            "doc_number": doc.doc_number.text if doc.doc_number else None,
            "date": doc.date,
            "effective_date": doc.effective_date,
            "valid_until": doc.valid_until,
            "is_normative": doc.is_normative,
        }
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
        "provisions": n_prov,
        "documents": n_docs,
        "categories": per_cat,
        "overall": {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
        },
        "metadata": {k: {"correct": v[0], "total": v[1]} for k, v in meta.items()},
        "cleanup": {"correct": cleanup_ok, "total": cleanup_n, "misses": cleanup_misses},
        "citations": {
            "documents": cite_docs,
            "tp": cite_stats["tp"],
            "fp": cite_stats["fp"],
            "fn": cite_stats["fn"],
            "precision": cite_stats["tp"] / (cite_stats["tp"] + cite_stats["fp"])
            if cite_stats["tp"] + cite_stats["fp"]
            else None,
            "recall": cite_stats["tp"] / (cite_stats["tp"] + cite_stats["fn"])
            if cite_stats["tp"] + cite_stats["fn"]
            else None,
            "resolvable": cite_stats["resolvable"],
            "resolved": cite_stats["resolved"],
            "resolution": cite_stats["resolved"] / cite_stats["resolvable"] if cite_stats["resolvable"] else None,
        },
        "half": half,
        "misses": misses,
    }


def _pct(x):
    return "   —  " if x is None else f"{x:6.3f}"


def format_report(report: dict, verbose: bool = False) -> str:
    half = {"odd": "（奇数编号一半）", "even": "（偶数编号一半）"}.get(report.get("half"), "")
    lines = [
        f"标注集{half}：{report['provisions']} 条条款，{report['documents']} 件文件",
        "",
        f"{'类别':<34}{'TP':>5}{'FP':>5}{'FN':>5}{'精确率':>9}{'召回率':>9}",
    ]
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
    ct = report["citations"]
    if ct["documents"]:
        lines.append(
            f"引用识别（{ct['documents']} 件文件）：TP {ct['tp']} FP {ct['fp']} FN {ct['fn']}  精确率 {_pct(ct['precision']).strip()}  "
            f"召回率 {_pct(ct['recall']).strip()}；法规库可核实的 {ct['resolvable']} 处引用中正确解析 {ct['resolved']} 处"
            f"（{_pct(ct['resolution']).strip()}）"
        )
    if verbose:
        lines.append("")
        for m in report["misses"]:
            lines.append("  " + " | ".join(str(x) for x in m))
        for m in c["misses"]:
            lines.append("  CLEANUP | " + " | ".join(str(x) for x in m))
    return "\n".join(lines)
