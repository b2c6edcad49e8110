"""Score the review on real material nobody on the team wrote (DESIGN.md §7):

- published review cases in the format of ../shared/real/cases.jsonl: each provision is
  reviewed on its own, as pasted; a labelled category group found with severity error or
  warning is a hit, a group found on a provision not labelled with it a false alarm;
- real documents labelled by the team (corpus/real_labels/findings/*.yaml), which point at
  the shared texts by file name and offsets: a finding of a group overlapping a labelled
  span of that group is a hit; documents labelled clean count when they get an error;
- document type and validity labels (corpus/real_labels/doctype/*.yaml).
The texts are read from the shared folder at run time; the repository holds labels only.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from pathlib import Path

from .errors import ReviewerError
from .review import load_profile, review_file, review_text
from .yamlio import load_path

GROUPS = {
    "ultra_vires": "ultra_vires",
    "fair": "fair_competition",
    "fair_competition": "fair_competition",
    "superior": "superior_law",
    "superior_law": "superior_law",
    "procedure": "procedure",
}
_SCORED = ("ultra_vires", "fair_competition", "superior_law")


def _group(category: str) -> str:
    return GROUPS.get(category.split(".")[0], category.split(".")[0])


def _ratio(a: int, b: int):
    return a / b if b else None


def evaluate_cases(path: str | Path, as_of: str = "2026-11-23") -> dict:
    """Per-group precision and recall on published cases (one provision each)."""
    p = Path(path)
    if not p.is_file():
        raise ReviewerError(f"找不到案例文件：{p}")
    profile = load_profile(None)
    counts = {g: {"tp": 0, "fp": 0, "fn": 0} for g in (*_SCORED, "procedure")}
    per_cat: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fn": 0})
    misses = []
    n = 0
    for line in p.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        n += 1
        review = review_text(case["text"], case["id"], as_of=as_of, profile=profile)
        found = {_group(f.category) for f in review.findings if f.severity in ("error", "warning")}
        gold = {_group(label) for label in case.get("labels") or []}
        for g in counts:
            if g in gold and g in found:
                counts[g]["tp"] += 1
            elif g in found:
                counts[g]["fp"] += 1
                rules = ",".join(sorted({f.rule for f in review.findings if _group(f.category) == g}))
                misses.append(("FP", case["id"], g, rules, case["text"][:60]))
            elif g in gold:
                counts[g]["fn"] += 1
                misses.append(("FN", case["id"], g, "", case["text"][:60]))
        for label in case.get("labels") or []:
            g = _group(label)
            per_cat[label]["tp" if g in found else "fn"] += 1
    return {"set": str(p), "cases": n, "groups": _with_ratios(counts), "labels": dict(per_cat), "misses": misses}


def _with_ratios(counts):
    return {
        g: {**c, "precision": _ratio(c["tp"], c["tp"] + c["fp"]), "recall": _ratio(c["tp"], c["tp"] + c["fn"])}
        for g, c in counts.items()
    }


def texts_dir(labels_root: Path) -> Path:
    """Where the shared real texts are: REVIEWER_REAL_CORPUS, else ../shared/real/corpus/docs
    beside the repository."""
    env = os.environ.get("REVIEWER_REAL_CORPUS")
    if env:
        return Path(env)
    here = labels_root.resolve()
    for parent in (here, *here.parents):
        cand = parent / "shared" / "real" / "corpus" / "docs"
        if cand.is_dir():
            return cand
        cand = parent.parent / "shared" / "real" / "corpus" / "docs"
        if cand.is_dir():
            return cand
    raise ReviewerError(
        f"找不到真实文件正文目录（../shared/real/corpus/docs），可用环境变量 REVIEWER_REAL_CORPUS 指定：{labels_root}"
    )


def _read_label(path: Path, texts: Path) -> tuple[dict, Path]:
    label = load_path(path) or {}
    src = texts / label["file"]
    if not src.is_file():
        raise ReviewerError(f"{path.name}：找不到所标注的文件 {src}")
    if label.get("sha1") and hashlib.sha1(src.read_bytes()).hexdigest() != label["sha1"]:
        raise ReviewerError(f"{path.name}：所标注的文件已变化（sha1 不符）：{src}")
    return label, src


def half_of(stem: str) -> str:
    """A fixed split of the labelled documents into two halves (A studied, B checked), by a
    hash of the file name, so a rule tuned on one half can be judged on the other."""
    return "A" if int(hashlib.sha1(stem.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"


def _type_labels(root: Path, texts: Path):
    """Every document with a `kind` label: the type labels, then the findings labels of
    documents the type labels do not cover (a document labelled in both counts once, by its
    type label). Yields (path, label, text path, is it a type label?)."""
    seen = set()
    for sub in ("doctype", "findings"):
        for path in sorted((root / sub).glob("*.yaml")):
            label, src = _read_label(path, texts)
            if not label.get("kind") or src.stem in seen:
                continue
            seen.add(src.stem)
            yield path, label, src, sub == "doctype"


def evaluate_labelled_documents(root: str | Path, as_of: str = "2026-11-23") -> dict:
    """Findings precision and recall per pack, and clean documents given an error, on the
    team's labelled real documents; document type on the type labels."""
    root = Path(root)
    texts = texts_dir(root)
    profile = load_profile(None)
    counts = {g: {"tp": 0, "fp": 0, "fn": 0} for g in _SCORED}
    misses = []
    clean = clean_with_error = docs = 0
    for path in sorted((root / "findings").glob("*.yaml")):
        label, src = _read_label(path, texts)
        docs += 1
        review = review_file(src, as_of=as_of, profile=profile)
        gold = [(_group(g["category"]), g["start"], g["end"]) for g in label.get("findings") or []]
        taken = set()
        for f in review.findings:
            g = _group(f.category)
            if g not in counts or f.severity not in ("error", "warning"):
                continue
            hit = next((i for i, (gg, s, e) in enumerate(gold) if gg == g and f.start < e and s < f.end), None)
            if hit is None:
                counts[g]["fp"] += 1
                misses.append(("FP", src.stem, f.rule, f.severity, f.text[:40]))
            elif hit not in taken:
                taken.add(hit)
                counts[g]["tp"] += 1
        for i, (g, s, e) in enumerate(gold):
            if i not in taken and g in counts:
                counts[g]["fn"] += 1
                misses.append(("FN", src.stem, g, f"{s}-{e}", ""))
        if not gold:
            clean += 1
            if any(
                f.severity == "error" and _group(f.category) in ("ultra_vires", "fair_competition")
                for f in review.findings
            ):
                clean_with_error += 1
                misses.append(("CLEAN-ERROR", src.stem, "", "", ""))
    kinds = {
        "correct": 0,
        "total": 0,
        "normative_correct": 0,
        "valid_until_correct": 0,
        "valid_until_total": 0,
        "lapsed_total": 0,
        "lapsed_void": 0,
        "halves": {h: {"total": 0, "correct": 0, "normative_correct": 0} for h in "AB"},
    }
    type_misses = []
    for _path, label, src, typed in _type_labels(root, texts):
        review = review_file(src, as_of=as_of, profile=profile)
        doc = review.document
        half = kinds["halves"][half_of(src.stem)]
        for tally in (kinds, half):
            tally["total"] += 1
            tally["correct"] += doc.doc_type == label["kind"]
            tally["normative_correct"] += doc.is_normative == (label["kind"] == "normative")
        if doc.doc_type != label["kind"]:
            type_misses.append(("TYPE", src.stem, label["kind"], doc.doc_type, doc.normative_reason[:40]))
        if typed and label["kind"] == "normative":
            kinds["valid_until_total"] += 1
            want = label.get("valid_until")
            want = want.isoformat() if hasattr(want, "isoformat") else want
            if doc.valid_until == want:
                kinds["valid_until_correct"] += 1
            else:
                type_misses.append(("VALID", src.stem, want, doc.valid_until, ""))
            # a labelled normative document past its labelled end must be proposed void
            if want and want < as_of:
                kinds["lapsed_total"] += 1
                kinds["lapsed_void"] += review.verdict.category == "void"
                if review.verdict.category != "void":
                    type_misses.append(("LAPSED", src.stem, want, review.verdict.category, ""))
    return {
        "documents": docs,
        "packs": _with_ratios(counts),
        "clean": clean,
        "clean_with_error": clean_with_error,
        "types": kinds,
        "misses": misses + type_misses,
    }


def _pct(x):
    return "  —  " if x is None else f"{x:5.3f}"


_NAMES = {
    "ultra_vires": "超越职权（ultra_vires）",
    "fair_competition": "公平竞争（fair_competition）",
    "superior_law": "与上位法抵触等（superior_law）",
    "procedure": "程序与形式（procedure）",
}


def format_cases(report: dict, verbose: bool = False) -> str:
    lines = [
        f"真实审查案例：{report['cases']} 条（{report['set']}）",
        "",
        f"{'类别组':<30}{'TP':>5}{'FP':>5}{'FN':>5}{'精确率':>9}{'召回率':>9}",
    ]
    for g, c in report["groups"].items():
        lines.append(
            f"{_NAMES.get(g, g):<28}{c['tp']:>5}{c['fp']:>5}{c['fn']:>5}   {_pct(c['precision'])}   {_pct(c['recall'])}"
        )
    lines.append("")
    lines.append("按标注类别的召回：")
    for label, c in sorted(report["labels"].items()):
        lines.append(f"  {label:<28}{c['tp']}/{c['tp'] + c['fn']}")
    if verbose:
        lines.append("")
        lines.extend("  " + " | ".join(str(x) for x in m) for m in report["misses"])
    return "\n".join(lines)


def format_documents(report: dict, verbose: bool = False) -> str:
    lines = [
        f"标注的真实文件：{report['documents']} 件",
        "",
        f"{'类别组':<30}{'TP':>5}{'FP':>5}{'FN':>5}{'精确率':>9}{'召回率':>9}",
    ]
    for g, c in report["packs"].items():
        lines.append(
            f"{_NAMES.get(g, g):<28}{c['tp']:>5}{c['fp']:>5}{c['fn']:>5}   {_pct(c['precision'])}   {_pct(c['recall'])}"
        )
    lines.append(f"标注为无问题的 {report['clean']} 件中，被提出错误级意见的 {report['clean_with_error']} 件")
    t = report["types"]
    if t["total"]:
        lines.append(
            f"文件类型：{t['correct']}/{t['total']}（{_pct(_ratio(t['correct'], t['total'])).strip()}），"
            f"是否规范性文件：{t['normative_correct']}/{t['total']}（{_pct(_ratio(t['normative_correct'], t['total'])).strip()}），"
            f"规范性文件有效期至：{t['valid_until_correct']}/{t['valid_until_total']}"
        )
        if t.get("lapsed_total"):
            lines.append(f"标注有效期已届满的规范性文件 {t['lapsed_total']} 件，工具建议宣布失效 {t['lapsed_void']} 件")
        halves = "；".join(
            f"{h} 半 {c['correct']}/{c['total']}（{_pct(_ratio(c['correct'], c['total'])).strip()}），"
            f"是否规范性文件 {c['normative_correct']}/{c['total']}"
            for h, c in t.get("halves", {}).items()
            if c["total"]
        )
        if halves:
            lines.append(f"按文件名散列分半的文件类型：{halves}")
    if verbose:
        lines.append("")
        lines.extend("  " + " | ".join(str(x) for x in m) for m in report["misses"])
    return "\n".join(lines)


def _pr(pack: dict) -> str:
    def fmt(x):
        return "—" if x is None else f"{x:.2f}"

    return f"P {fmt(pack.get('precision'))} / R {fmt(pack.get('recall'))}"


def markdown_cases(report: dict) -> str:
    """The README's result cell for the published cases: one command, no hand-written figures."""
    g = report["groups"]
    return (
        f"ultra vires **{_pr(g['ultra_vires'])}**; fair competition **{_pr(g['fair_competition'])}**; "
        f"superior-law conflict {_pr(g['superior_law'])}"
    )


def markdown_documents(report: dict) -> str:
    """The README's result cells for the labelled real documents: findings, then type and validity."""
    g, t = report["packs"], report["types"]
    halves = " / ".join(f"{h['correct'] / h['total']:.2f}" for h in t["halves"].values() if h["total"])
    findings = (
        f"ultra vires {_pr(g['ultra_vires'])}; fair competition {_pr(g['fair_competition'])}; "
        f"superior-law conflict {_pr(g['superior_law'])}; "
        f"{report['clean_with_error']} of {report['clean']} clean documents gets an error"
    )
    types = (
        f"type {t['correct'] / t['total']:.2f} (halves {halves}), valid_until of normative documents "
        f"{t['valid_until_correct']}/{t['valid_until_total']}, lapsed documents proposed void "
        f"{t['lapsed_void']}/{t['lapsed_total']}"
    )
    return findings + "\n" + types
