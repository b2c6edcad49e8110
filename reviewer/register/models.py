"""The register's tables (SQLAlchemy 2.x declarative ORM).

The schema is created and upgraded only by the Alembic revisions in `migrations/`;
`tests/test_register_migrations.py` checks that these classes and the revisions agree.
Dates a reviewer types (published, received, outcome dates) are `Date`; moments the
program records (created, decided) are `DateTime` in UTC.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Issuer(Base):
    """An organ that issues normative documents and reports them for filing (制定机关)."""

    __tablename__ = "issuers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    documents: Mapped[list["RegisteredDocument"]] = relationship(back_populates="issuer")


class RegisteredDocument(Base):
    """One document as filed: its metadata, its text and the stored review JSON."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    issuer_id: Mapped[int] = mapped_column(ForeignKey("issuers.id"), index=True)
    title: Mapped[Optional[str]] = mapped_column(String(500))
    measure_title: Mapped[Optional[str]] = mapped_column(String(500))
    doc_number: Mapped[Optional[str]] = mapped_column(String(100))
    doc_number_normalized: Mapped[Optional[str]] = mapped_column(String(100), index=True)
    doc_number_defect: Mapped[Optional[str]] = mapped_column(Text)
    signed_date: Mapped[Optional[date]] = mapped_column(Date)
    published: Mapped[date] = mapped_column(Date)
    effective_date: Mapped[Optional[date]] = mapped_column(Date)
    valid_until: Mapped[Optional[date]] = mapped_column(Date)
    is_normative: Mapped[bool] = mapped_column(Boolean, default=True)
    normative_reason: Mapped[Optional[str]] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text, default="")
    review_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    issuer: Mapped[Issuer] = relationship(back_populates="documents")
    filings: Mapped[list["Filing"]] = relationship(back_populates="document", order_by="Filing.id")
    reviews: Mapped[list["ReviewRecord"]] = relationship(back_populates="document", order_by="ReviewRecord.id")
    corrections: Mapped[list["Correction"]] = relationship(back_populates="document", order_by="Correction.id")

    @property
    def name(self) -> str:
        """The name a reviewer knows it by: the measure's title, else the notice's."""
        return self.measure_title or self.title or self.file_name

    @property
    def latest_review(self) -> Optional["ReviewRecord"]:
        return self.reviews[-1] if self.reviews else None


class Filing(Base):
    """One report of a document to the filing body (报备), with its timeliness."""

    __tablename__ = "filings"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    received: Mapped[date] = mapped_column(Date, index=True)
    filing_days: Mapped[int] = mapped_column(Integer)
    deadline: Mapped[date] = mapped_column(Date)
    on_time: Mapped[bool] = mapped_column(Boolean)
    # A later report of a document already on the register (same file, or same issuer
    # and document number) points at the first one: 重复报备.
    duplicate_of_id: Mapped[Optional[int]] = mapped_column(ForeignKey("filings.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(500))
    missing_materials: Mapped[list[str]] = mapped_column(JSON, default=list)
    profile: Mapped[str] = mapped_column(String(100), default="national")
    created_by: Mapped[Optional[str]] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    document: Mapped[RegisteredDocument] = relationship(back_populates="filings")


class ReviewRecord(Base):
    """The review run on entry (review_file), with the cleanup category it proposed."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    filing_id: Mapped[int] = mapped_column(ForeignKey("filings.id"))
    as_of: Mapped[date] = mapped_column(Date)
    profile: Mapped[str] = mapped_column(String(100))
    tool_version: Mapped[str] = mapped_column(String(40))
    cleanup_category: Mapped[str] = mapped_column(String(16))
    cleanup_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    document: Mapped[RegisteredDocument] = relationship(back_populates="reviews")
    findings: Mapped[list["FindingRecord"]] = relationship(back_populates="review", order_by="FindingRecord.no")


class FindingRecord(Base):
    """One finding of a review; `no` (1-based) is what a reviewer types to decide on it."""

    __tablename__ = "findings"
    __table_args__ = (UniqueConstraint("review_id", "no", name="uq_findings_review_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    no: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(60), index=True)
    severity: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    # "end" is a reserved word in SQL; the attribute keeps the model's name.
    end: Mapped[int] = mapped_column("end_offset", Integer)
    provision: Mapped[Optional[str]] = mapped_column(String(100))
    basis: Mapped[str] = mapped_column(Text, default="")
    explanation: Mapped[str] = mapped_column(Text, default="")
    suggestion: Mapped[str] = mapped_column(Text, default="")
    message: Mapped[str] = mapped_column(Text, default="")
    # tool: found by the review on entry; reviewer: added by the reviewer (reviewer.own_findings)
    source: Mapped[str] = mapped_column(String(16), default="tool", server_default="tool")
    added_by: Mapped[Optional[str]] = mapped_column(String(100))

    review: Mapped[ReviewRecord] = relationship(back_populates="findings")
    decisions: Mapped[list["Decision"]] = relationship(back_populates="finding", order_by="Decision.id")

    @property
    def decision(self) -> Optional["Decision"]:
        """The reviewer's latest decision; earlier ones stay as history."""
        return self.decisions[-1] if self.decisions else None

    @property
    def by_reviewer(self) -> bool:
        return self.source == "reviewer"

    def worded(self, name: str) -> str:
        """message / explanation / basis / suggestion as printed: the reviewer's wording in
        the latest decision, else the finding's own."""
        wording = (self.decision.wording if self.decision else None) or {}
        return wording.get(name) or getattr(self, name) or ""


class Decision(Base):
    """The reviewer's decision on one finding: confirmed (确认) or dismissed (不予采纳)."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id"), index=True)
    decision: Mapped[str] = mapped_column(String(16))  # confirmed | dismissed
    note: Mapped[Optional[str]] = mapped_column(Text)
    decided_by: Mapped[Optional[str]] = mapped_column(String(100))
    # The reviewer's wording of the finding (message, explanation, basis, suggestion), when edited.
    wording: Mapped[Optional[dict[str, str]]] = mapped_column(JSON)
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    finding: Mapped[FindingRecord] = relationship(back_populates="decisions")


class Correction(Base):
    """A correction notice (纠正通知) and what the issuer did: corrected, revoked, changed."""

    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    filing_id: Mapped[int] = mapped_column(ForeignKey("filings.id"))
    notice_date: Mapped[Optional[date]] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(16))  # corrected | revoked | changed
    outcome_date: Mapped[date] = mapped_column(Date)
    note: Mapped[Optional[str]] = mapped_column(Text)
    recorded_by: Mapped[Optional[str]] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    document: Mapped[RegisteredDocument] = relationship(back_populates="corrections")


class CleanupOutcome(Base):
    """A cleanup result for one document in one year: remain / modify / abolish / void."""

    __tablename__ = "cleanup_outcomes"
    __table_args__ = (UniqueConstraint("year", "sha256", name="uq_cleanup_year_sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    document_id: Mapped[Optional[int]] = mapped_column(ForeignKey("documents.id"))
    file_name: Mapped[Optional[str]] = mapped_column(String(500))
    title: Mapped[Optional[str]] = mapped_column(String(500))
    doc_number: Mapped[Optional[str]] = mapped_column(String(100))
    issuer_name: Mapped[Optional[str]] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(16))  # remain | modify | abolish | void
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[Optional[str]] = mapped_column(String(500))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class IssuedDocument(Base):
    """One line of an issuer's list of issued documents (发文目录), for the completeness diff."""

    __tablename__ = "issued_documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    issuer_id: Mapped[int] = mapped_column(ForeignKey("issuers.id"), index=True)
    row_no: Mapped[int] = mapped_column(Integer)
    doc_number: Mapped[Optional[str]] = mapped_column(String(100))
    doc_number_normalized: Mapped[Optional[str]] = mapped_column(String(100), index=True)
    title: Mapped[str] = mapped_column(String(500))
    published: Mapped[date] = mapped_column(Date)
    effective_date: Mapped[Optional[date]] = mapped_column(Date)
    is_normative: Mapped[bool] = mapped_column(Boolean, default=True)
    immediate_reason: Mapped[Optional[str]] = mapped_column(Text)
    source_file: Mapped[Optional[str]] = mapped_column(String(500))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    issuer: Mapped[Issuer] = relationship()
