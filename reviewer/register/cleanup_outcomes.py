"""Cleanup outcomes (清理结果) for the year: remain / modify / abolish / void with reasons.

Imported from a cleanup run's `results.jsonl` (one JSON object per line: the review JSON
contract of DESIGN.md §3 plus "sha256"), or recorded for a filed document by hand.
One outcome per document and year: importing again replaces it.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from ..model import CLEANUP_CATEGORIES
from .completeness import normalize_number
from .db import Register, RegisterError
from .filings import get_filing
from .models import CleanupOutcome, RegisteredDocument

CLEANUP_NAMES = {"remain": "继续有效", "modify": "修改", "abolish": "废止", "void": "宣布失效"}


def _check_year(year: int) -> None:
    if not 1949 <= int(year) <= 2200:
        raise RegisterError(f"清理年度 {year} 不是有效年份")


def _upsert(
    s,
    *,
    year,
    sha256,
    category,
    reasons,
    document=None,
    file_name=None,
    title=None,
    doc_number=None,
    issuer_name=None,
    source=None,
) -> None:
    row = s.scalar(select(CleanupOutcome).where(CleanupOutcome.year == year, CleanupOutcome.sha256 == sha256))
    if row is None:
        row = CleanupOutcome(year=year, sha256=sha256)
        s.add(row)
    row.category, row.reasons = category, list(reasons)
    row.document_id = document.id if document is not None else None
    row.file_name, row.title, row.doc_number, row.issuer_name, row.source = (
        file_name,
        title,
        doc_number,
        issuer_name,
        source,
    )


def import_results(register: Register, path: str | Path, *, year: int) -> dict:
    """Read results.jsonl; every line must parse, or nothing is imported."""
    _check_year(year)
    path = Path(path)
    if not path.is_file():
        raise RegisterError(f"找不到清理结果文件：{path}")
    items, skipped, duplicates, seen = [], 0, 0, set()
    for line_no, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RegisterError(f"{path.name} 第{line_no}行不是有效的 JSON：{exc.msg}") from None
        if "error" in obj and "cleanup" not in obj:
            skipped += 1  # a file the cleanup run could not read has no outcome
            continue
        category = (obj.get("cleanup") or {}).get("category")
        if category not in CLEANUP_CATEGORIES:
            raise RegisterError(
                f"{path.name} 第{line_no}行的清理类别“{category}”无效（应为 remain/modify/abolish/void）"
            )
        if not obj.get("sha256"):
            raise RegisterError(f"{path.name} 第{line_no}行缺少 sha256")
        # Another version of a document already read (the .pdf of a .docx: same number and
        # title) is one document, as the cleanup run's own lists count it.
        doc_json = obj.get("document") or {}
        number = normalize_number(doc_json.get("doc_number"))
        key = (number, doc_json.get("measure_title") or doc_json.get("title"))
        if number and key in seen:
            duplicates += 1
            continue
        seen.add(key)
        items.append(obj)
    counts = dict.fromkeys(CLEANUP_CATEGORIES, 0)
    with register.transaction() as s:
        for obj in items:
            doc_json = obj.get("document") or {}
            document = s.scalar(select(RegisteredDocument).where(RegisteredDocument.sha256 == obj["sha256"]))
            _upsert(
                s,
                year=year,
                sha256=obj["sha256"],
                category=obj["cleanup"]["category"],
                reasons=obj["cleanup"].get("reasons") or [],
                document=document,
                file_name=Path(obj.get("file") or "").name or None,
                title=doc_json.get("measure_title") or doc_json.get("title"),
                doc_number=doc_json.get("doc_number"),
                issuer_name=doc_json.get("issuer"),
                source=str(path),
            )
            counts[obj["cleanup"]["category"]] += 1
    return {"imported": len(items), "skipped": skipped, "duplicates": duplicates, **counts}


def record_outcome(register: Register, filing_id: int, *, year: int, category: str | None, reasons: list[str]) -> str:
    """A reviewer's cleanup decision for a filed document. Without a category, the verdict over
    the findings the reviewer kept (filings.current_verdict); without reasons, that verdict's
    reasons when the category is the verdict's — never the reasons of another category."""
    from .filings import current_verdict

    _check_year(year)
    if category is None:
        with register.transaction() as s:
            verdict = current_verdict(get_filing(s, filing_id).document)
        if verdict is None:
            raise RegisterError(f"备案登记号 {filing_id} 的文件尚无审查结果，请写明清理类别")
        category = verdict.category
    if category not in CLEANUP_CATEGORIES:
        raise RegisterError(
            f"清理类别只能是 remain（继续有效）、modify（修改）、abolish（废止）或 void（宣布失效），不能是“{category}”"
        )
    with register.transaction() as s:
        doc = get_filing(s, filing_id).document
        verdict = current_verdict(doc)
        if not reasons and verdict is not None and verdict.category == category:
            reasons = list(verdict.reasons)
        _upsert(
            s,
            year=year,
            sha256=doc.sha256,
            category=category,
            reasons=reasons,
            document=doc,
            file_name=doc.file_name,
            title=doc.name,
            doc_number=doc.doc_number,
            issuer_name=doc.issuer.name,
            source=f"filing {filing_id}",
        )
    return category


def human_outcome(row: CleanupOutcome, doc: RegisteredDocument | None) -> tuple[str, list[str]]:
    """The outcome a report prints for a cleanup row: what a person decided, never the tool's
    proposal against the reviewer's decisions.

    - recorded for a filed document (`filing cleanup`): as recorded;
    - imported from a cleanup run for a document on the register whose findings the reviewer
      has decided on: the verdict over the findings the reviewer keeps (own ones included),
      with its reasons — a document whose findings were all dismissed is 继续有效, without
      the tool's reasons;
    - otherwise (no decision yet, or a document not on the register): as imported."""
    from .filings import current_verdict

    category, reasons = row.category, list(row.reasons or [])
    if doc is None or (row.source or "").startswith("filing ") or doc.latest_review is None:
        return category, reasons
    if not any(f.decision for f in doc.latest_review.findings):
        return category, reasons
    verdict = current_verdict(doc)
    return (verdict.category, list(verdict.reasons)) if verdict is not None else (category, reasons)
