"""Filing a document, deciding on its findings and recording corrections.

Each public function takes an open `Register` and does its work in one transaction:
on any error nothing is written. Reviews happen through `reviewer.review.review_file`
before the transaction opens, so a file that cannot be read leaves no trace.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import __version__
from ..dates import to_prose
from .db import Register, RegisterError
from .models import Correction, Decision, Filing, FindingRecord, Issuer, RegisteredDocument, ReviewRecord
from .validate import clean_name, current_user, not_before, not_in_future, parse_date

# Filing materials (报备材料) the issuer submits with the document; what the register
# records is which of them were missing. `legality-review` feeds the legality-review rate.
MATERIALS = {
    "report": "备案报告",
    "text": "文件正式文本",
    "explanation": "制定说明",
    "legality-review": "合法性审核意见",
    "basis": "制定依据",
}
DECISIONS = {"confirm": "confirmed", "dismiss": "dismissed"}
DECISION_NAMES = {"confirmed": "确认", "dismissed": "不予采纳"}
OUTCOMES = {"corrected": "制定机关自行纠正", "revoked": "制定机关撤销", "changed": "制定机关变更"}


@dataclass
class FilingResult:
    filing_id: int
    document_id: int
    duplicate_of: int | None
    on_time: bool
    deadline: date
    findings: int
    warnings: list[str] = field(default_factory=list)


def get_or_create_issuer(session: Session, name: str) -> Issuer:
    issuer = session.scalar(select(Issuer).where(Issuer.name == name))
    if issuer is None:
        issuer = Issuer(name=name)
        session.add(issuer)
        session.flush()
    return issuer


def get_filing(session: Session, filing_id: int) -> Filing:
    filing = session.get(Filing, filing_id)
    if filing is None:
        raise RegisterError(f"备案登记号 {filing_id} 不存在，请用 reviewer filing list 查看已登记的文件")
    return filing


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def add_filing(
    register: Register,
    path: str | Path,
    *,
    issuer: str,
    published,
    received,
    profile: str | None = None,
    missing: tuple[str, ...] = (),
    normative: bool | None = None,
    by: str | None = None,
    today: date | None = None,
) -> FilingResult:
    """Review FILE and enter it on the register with its filing (报备) record."""
    from ..outputs import review_to_json
    from ..review import load_profile, review_file

    today = today or date.today()
    issuer = clean_name(issuer, "制定机关（--issuer）")
    published = parse_date(published, "公布日期")
    received = parse_date(received, "报送日期")
    not_in_future(published, "公布日期", today)
    not_in_future(received, "报送日期", today)
    not_before(received, "报送日期", published, "公布日期")
    unknown = [m for m in missing if m not in MATERIALS]
    if unknown:
        raise RegisterError(f"未知的报备材料：{'、'.join(unknown)}（可选：{'、'.join(MATERIALS)}）")
    path = Path(path)
    if not path.is_file():
        raise RegisterError(f"找不到文件：{path}")
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    prof = load_profile(profile)
    filing_days = int(prof.get("filing_days", 30))
    deadline = published + timedelta(days=filing_days)
    on_time = received <= deadline

    review = review_file(path, as_of=received.isoformat(), profile=prof)
    contract = review_to_json(review)
    # What the verdict needs besides the findings, so that it can be judged again over the
    # findings the reviewer keeps, with the same date and profile (reviewer.cleanup.judge).
    from ..cleanup import facts_of

    contract["cleanup"]["facts"] = facts_of(review.document).to_json()
    contract["profile"] = dict(prof)
    doc = review.document
    dn = doc.doc_number
    warnings = []
    if doc.date and doc.date > published.isoformat():
        warnings.append(
            f"文件落款的成文日期为{to_prose(doc.date)}，晚于登记的公布日期{to_prose(published.isoformat())}，请核对"
        )

    with register.transaction() as s:
        issuer_row = get_or_create_issuer(s, issuer)
        existing = s.scalar(select(RegisteredDocument).where(RegisteredDocument.sha256 == sha256))
        if existing is None and dn is not None and dn.normalized:
            existing = s.scalar(
                select(RegisteredDocument).where(
                    RegisteredDocument.issuer_id == issuer_row.id,
                    RegisteredDocument.doc_number_normalized == dn.normalized,
                )
            )
        filing = Filing(
            received=received,
            filing_days=filing_days,
            deadline=deadline,
            on_time=on_time,
            sha256=sha256,
            file_name=path.name,
            missing_materials=sorted(set(missing)),
            profile=str(prof.get("name") or profile or "national"),
            created_by=by or current_user(),
        )
        if existing is not None:
            # A second report of a document already on the register: 重复报备. The first
            # filing's review stays the one that counts; this one is recorded as a duplicate.
            first = existing.filings[0]
            filing.document = existing
            filing.duplicate_of_id = first.id
            s.add(filing)
            s.flush()
            warnings.append(
                f"该文件已于{to_prose(first.received.isoformat())}报备（备案登记号 {first.id}），本次登记为重复报备"
            )
            return FilingResult(
                filing.id,
                existing.id,
                first.id,
                on_time,
                deadline,
                len(existing.latest_review.findings) if existing.latest_review else 0,
                warnings,
            )
        record = RegisteredDocument(
            issuer=issuer_row,
            title=doc.title,
            measure_title=doc.measure_title,
            doc_number=dn.text if dn else None,
            doc_number_normalized=dn.normalized if dn else None,
            doc_number_defect=dn.form_defect if dn else None,
            signed_date=_iso(doc.date),
            published=published,
            effective_date=_iso(doc.effective_date),
            valid_until=_iso(doc.valid_until),
            is_normative=doc.is_normative if normative is None else normative,
            normative_reason=doc.normative_reason,
            sha256=sha256,
            file_name=path.name,
            text=doc.text,
            review_json=contract,
        )
        filing.document = record
        s.add_all([record, filing])
        s.flush()
        rec = ReviewRecord(
            document=record,
            filing_id=filing.id,
            as_of=received,
            profile=filing.profile,
            tool_version=__version__,
            cleanup_category=review.verdict.category,
            cleanup_reasons=list(review.verdict.reasons),
        )
        s.add(rec)
        for no, f in enumerate(review.findings, 1):
            s.add(
                FindingRecord(
                    review=rec,
                    no=no,
                    rule=f.rule,
                    category=f.category,
                    severity=f.severity,
                    text=f.text,
                    start=f.start,
                    end=f.end,
                    provision=f.provision,
                    basis=f.basis or "",
                    explanation=f.explanation or "",
                    suggestion=f.suggestion or "",
                    message=f.message or "",
                )
            )
        s.flush()
        return FilingResult(filing.id, record.id, None, on_time, deadline, len(review.findings), warnings)


def _finding(filing: Filing, finding_no: int) -> FindingRecord:
    review = filing.document.latest_review
    findings = review.findings if review else []
    for f in findings:
        if f.no == finding_no:
            return f
    raise RegisterError(
        f"备案登记号 {filing.id} 的审查结果中没有第 {finding_no} 项问题"
        f"（共 {len(findings)} 项，请用 reviewer filing show {filing.id} 查看）"
    )


def decide(
    register: Register,
    filing_id: int,
    finding_no: int,
    decision: str,
    *,
    note: str | None = None,
    by: str | None = None,
    wording: dict | None = None,
) -> Decision:
    """Record the reviewer's decision on one finding; a later decision supersedes an earlier one.
    `wording`: the reviewer's wording of the finding (message, explanation, basis, suggestion),
    printed instead of the tool's wherever the finding is kept; an earlier decision's wording
    carries over unless replaced."""
    from ..own_findings import WORDING_FIELDS

    value = DECISIONS.get(decision, decision)
    if value not in DECISION_NAMES:
        raise RegisterError(f"处理意见只能是 confirm（确认）或 dismiss（不予采纳），不能是“{decision}”")
    with register.transaction() as s:
        finding = _finding(get_filing(s, filing_id), finding_no)
        if finding.by_reviewer and value == "dismissed":
            raise RegisterError(
                f"第 {finding_no} 项是审核人员补充的问题，不需要决定是否采纳；"
                f"如需撤回，请用 reviewer filing remove-finding {filing_id} {finding_no}"
            )
        merged = dict((finding.decision.wording if finding.decision else None) or {})
        merged.update({k: v.strip() for k, v in (wording or {}).items() if k in WORDING_FIELDS and v and v.strip()})
        row = Decision(
            finding=finding, decision=value, note=note, decided_by=by or current_user(), wording=merged or None
        )
        s.add(row)
        s.flush()
        return row


def stored_document(doc: RegisteredDocument):
    """The filed document as the review read it, from the text the register keeps: its
    provision tree for placing findings, its particulars as entered."""
    from dataclasses import replace

    from ..structure import parse_document

    parsed = parse_document(doc.text or "")
    meta = (doc.review_json or {}).get("document") or {}
    issuers = tuple(x for x in (meta.get("issuer") or "").split("、") if x) or parsed.issuers
    return replace(
        parsed,
        title=doc.title or parsed.title,
        measure_title=doc.measure_title or parsed.measure_title,
        issuers=issuers,
        date=doc.signed_date.isoformat() if doc.signed_date else parsed.date,
        effective_date=doc.effective_date.isoformat() if doc.effective_date else parsed.effective_date,
        valid_until=doc.valid_until.isoformat() if doc.valid_until else parsed.valid_until,
        is_normative=doc.is_normative,
        normative_reason=doc.normative_reason or parsed.normative_reason,
        source_format=meta.get("source_format") or parsed.source_format,
    )


def add_own_finding(
    register: Register,
    filing_id: int,
    *,
    category: str,
    severity: str = "error",
    provision: str | None = None,
    quote: str | None = None,
    explanation: str = "",
    basis: str = "",
    suggestion: str = "",
    message: str = "",
    by: str | None = None,
) -> int:
    """Add a finding of the reviewer's own to the filed document (source = reviewer), confirmed by
    its author. Returns its number (问题序号)."""
    from ..errors import ReviewerError
    from ..own_findings import own_finding

    with register.transaction() as s:
        doc = get_filing(s, filing_id).document
        review = doc.latest_review
        if review is None:
            raise RegisterError(f"备案登记号 {filing_id} 的文件尚无审查结果，不能补充问题")
        try:
            f = own_finding(
                stored_document(doc),
                category=category,
                severity=severity,
                provision=provision,
                quote=quote,
                explanation=explanation,
                basis=basis,
                suggestion=suggestion,
                message=message,
            )
        except ReviewerError as exc:
            raise RegisterError(str(exc)) from None
        who = by or current_user()
        no = max((x.no for x in review.findings), default=0) + 1
        record = FindingRecord(
            review=review,
            no=no,
            rule=f.rule,
            category=f.category,
            severity=f.severity,
            text=f.text,
            start=f.start,
            end=f.end,
            provision=f.provision,
            basis=f.basis,
            explanation=f.explanation,
            suggestion=f.suggestion,
            message=f.message,
            source="reviewer",
            added_by=who,
        )
        s.add(record)
        s.add(Decision(finding=record, decision="confirmed", note=None, decided_by=who))
        s.flush()
        return no


def remove_own_finding(register: Register, filing_id: int, finding_no: int, *, by: str | None = None) -> None:
    """Withdraw a finding the reviewer added (the tool's findings are dismissed, not removed)."""
    with register.transaction() as s:
        finding = _finding(get_filing(s, filing_id), finding_no)
        if not finding.by_reviewer:
            raise RegisterError(
                f"第 {finding_no} 项是审查工具提示的问题，不能删除；不采纳的请用 "
                f"reviewer filing decide {filing_id} {finding_no} dismiss"
            )
        for d in list(finding.decisions):
            s.delete(d)
        s.delete(finding)


def correct(
    register: Register,
    filing_id: int,
    *,
    outcome: str,
    outcome_date,
    notice_date=None,
    note: str | None = None,
    by: str | None = None,
    today: date | None = None,
) -> Correction:
    """Record what the issuer did after the correction notice (纠正通知)."""
    today = today or date.today()
    if outcome not in OUTCOMES:
        raise RegisterError(
            f"纠正结果只能是 corrected（自行纠正）、revoked（撤销）或 changed（变更），不能是“{outcome}”"
        )
    outcome_date = parse_date(outcome_date, "纠正日期")
    notice_date = parse_date(notice_date, "纠正通知日期") if notice_date else None
    not_in_future(outcome_date, "纠正日期", today)
    with register.transaction() as s:
        filing = get_filing(s, filing_id)
        doc = filing.document
        first = doc.filings[0]
        not_before(outcome_date, "纠正日期", first.received, "报送日期")
        if notice_date is not None:
            not_in_future(notice_date, "纠正通知日期", today)
            not_before(notice_date, "纠正通知日期", first.received, "报送日期")
            not_before(outcome_date, "纠正日期", notice_date, "纠正通知日期")
        confirmed = [
            f
            for f in (doc.latest_review.findings if doc.latest_review else [])
            if f.decision and f.decision.decision == "confirmed"
        ]
        if not confirmed:
            raise RegisterError(
                f"备案登记号 {filing_id} 的文件尚无已确认的问题，不能登记纠正结果；"
                f"请先用 reviewer filing decide {filing_id} 问题序号 confirm 确认问题"
            )
        row = Correction(
            document=doc,
            filing_id=first.id,
            notice_date=notice_date,
            outcome=outcome,
            outcome_date=outcome_date,
            note=note,
            recorded_by=by or current_user(),
        )
        s.add(row)
        s.flush()
        return row


def _as_finding(f: FindingRecord):
    """The finding as kept: the reviewer's wording where edited, marked when the reviewer added it."""
    from ..model import Finding

    return Finding(
        rule=f.rule,
        category=f.category,
        severity=f.severity,
        text=f.text,
        start=f.start,
        end=f.end,
        provision=f.provision,
        basis=f.worded("basis"),
        explanation=f.worded("explanation"),
        suggestion=f.worded("suggestion"),
        message=f.worded("message"),
        source=f.source or "tool",
    )


def kept_findings(doc: RegisteredDocument) -> list:
    """model.Finding of every finding the reviewer keeps (all but the dismissed, own ones included),
    in the order of the text, with the reviewer's notes by position: (findings, notes)."""
    review = doc.latest_review
    rows = [f for f in (review.findings if review else []) if not (f.decision and f.decision.decision == "dismissed")]
    rows.sort(key=lambda f: (f.start, f.no))
    notes = {i: f.decision.note for i, f in enumerate(rows) if f.decision and f.decision.note}
    return [_as_finding(f) for f in rows], notes


def current_verdict(doc: RegisteredDocument):
    """The verdict over the findings the reviewer keeps (all but the dismissed), judged with the
    date and profile of the review on entry; the proposal stored then, for a document entered
    before the register kept what the verdict needs. None before any review."""
    from ..cleanup import Facts, judge
    from ..model import Verdict

    review = doc.latest_review
    if review is None:
        return None
    stored = (doc.review_json or {}).get("cleanup") or {}
    if not stored.get("facts"):
        return Verdict(review.cleanup_category, tuple(review.cleanup_reasons), stored.get("conclusion") or "")
    kept, _ = kept_findings(doc)
    return judge(
        Facts.from_json(stored["facts"]), kept, review.as_of.isoformat(), (doc.review_json or {}).get("profile")
    )


def document_status(doc: RegisteredDocument) -> dict:
    """Where a document stands: findings pending, confirmed, dismissed; its correction."""
    findings = doc.latest_review.findings if doc.latest_review else []
    counts = {
        "findings": len(findings),
        "pending": 0,
        "confirmed": 0,
        "dismissed": 0,
        "own": sum(1 for f in findings if f.by_reviewer),
    }
    for f in findings:
        counts[f.decision.decision if f.decision else "pending"] += 1
    correction = doc.corrections[-1] if doc.corrections else None
    counts["correction"] = correction.outcome if correction else None
    counts["correction_date"] = correction.outcome_date.isoformat() if correction else None
    return counts


def list_filings(register: Register, *, year: int | None = None, issuer: str | None = None) -> list[dict]:
    with register.transaction() as s:
        q = select(Filing).order_by(Filing.received, Filing.id)
        rows = []
        for filing in s.scalars(q):
            if year and filing.received.year != year:
                continue
            doc = filing.document
            if issuer and doc.issuer.name != issuer:
                continue
            verdict = current_verdict(doc)
            rows.append(
                {
                    "filing_id": filing.id,
                    "document_id": doc.id,
                    "issuer": doc.issuer.name,
                    "title": doc.name,
                    "doc_number": doc.doc_number,
                    "published": doc.published.isoformat(),
                    "received": filing.received.isoformat(),
                    "deadline": filing.deadline.isoformat(),
                    "on_time": filing.on_time,
                    "duplicate_of": filing.duplicate_of_id,
                    "is_normative": doc.is_normative,
                    "missing_materials": list(filing.missing_materials or []),
                    "cleanup_proposal": verdict.category if verdict else None,
                    "conclusion": verdict.conclusion if verdict else None,
                    **document_status(doc),
                }
            )
        return rows


def show_filing(register: Register, filing_id: int) -> dict:
    with register.transaction() as s:
        filing = get_filing(s, filing_id)
        doc = filing.document
        review = doc.latest_review
        return {
            "filing_id": filing.id,
            "document_id": doc.id,
            "issuer": doc.issuer.name,
            "title": doc.title,
            "measure_title": doc.measure_title,
            "doc_number": doc.doc_number,
            "doc_number_defect": doc.doc_number_defect,
            "published": doc.published.isoformat(),
            "effective_date": doc.effective_date.isoformat() if doc.effective_date else None,
            "received": filing.received.isoformat(),
            "deadline": filing.deadline.isoformat(),
            "on_time": filing.on_time,
            "duplicate_of": filing.duplicate_of_id,
            "file": filing.file_name,
            "sha256": filing.sha256,
            "is_normative": doc.is_normative,
            "missing_materials": list(filing.missing_materials or []),
            "cleanup": (
                {"category": verdict.category, "reasons": list(verdict.reasons), "conclusion": verdict.conclusion}
                if (verdict := current_verdict(doc))
                else None
            ),
            "findings": [
                {
                    "no": f.no,
                    "rule": f.rule,
                    "category": f.category,
                    "severity": f.severity,
                    "provision": f.provision,
                    "text": f.text,
                    "basis": f.worded("basis"),
                    "message": f.worded("message"),
                    "explanation": f.worded("explanation"),
                    "suggestion": f.worded("suggestion"),
                    "source": f.source or "tool",
                    "added_by": f.added_by,
                    "reworded": sorted((f.decision.wording or {}) if f.decision else {}),
                    "decision": f.decision.decision if f.decision else None,
                    "note": f.decision.note if f.decision else None,
                    "decided_by": f.decision.decided_by if f.decision else None,
                }
                for f in (review.findings if review else [])
            ],
            "corrections": [
                {
                    "outcome": c.outcome,
                    "outcome_date": c.outcome_date.isoformat(),
                    "notice_date": c.notice_date.isoformat() if c.notice_date else None,
                    "note": c.note,
                }
                for c in doc.corrections
            ],
        }
