"""Issuers, documents, filings, reviews with findings, decisions on findings.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "issuers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("issuer_id", sa.Integer, sa.ForeignKey("issuers.id"), nullable=False),
        sa.Column("title", sa.String(500)),
        sa.Column("measure_title", sa.String(500)),
        sa.Column("doc_number", sa.String(100)),
        sa.Column("doc_number_normalized", sa.String(100)),
        sa.Column("doc_number_defect", sa.Text),
        sa.Column("signed_date", sa.Date),
        sa.Column("published", sa.Date, nullable=False),
        sa.Column("effective_date", sa.Date),
        sa.Column("valid_until", sa.Date),
        sa.Column("is_normative", sa.Boolean, nullable=False),
        sa.Column("normative_reason", sa.Text),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("review_json", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_documents_issuer_id", "documents", ["issuer_id"])
    op.create_index("ix_documents_doc_number_normalized", "documents", ["doc_number_normalized"])
    op.create_table(
        "filings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("received", sa.Date, nullable=False),
        sa.Column("filing_days", sa.Integer, nullable=False),
        sa.Column("deadline", sa.Date, nullable=False),
        sa.Column("on_time", sa.Boolean, nullable=False),
        sa.Column("duplicate_of_id", sa.Integer, sa.ForeignKey("filings.id")),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("missing_materials", sa.JSON, nullable=False),
        sa.Column("profile", sa.String(100), nullable=False),
        sa.Column("created_by", sa.String(100)),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_filings_document_id", "filings", ["document_id"])
    op.create_index("ix_filings_received", "filings", ["received"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("filing_id", sa.Integer, sa.ForeignKey("filings.id"), nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("profile", sa.String(100), nullable=False),
        sa.Column("tool_version", sa.String(40), nullable=False),
        sa.Column("cleanup_category", sa.String(16), nullable=False),
        sa.Column("cleanup_reasons", sa.JSON, nullable=False),
        sa.Column("reviewed_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_reviews_document_id", "reviews", ["document_id"])
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("review_id", sa.Integer, sa.ForeignKey("reviews.id"), nullable=False),
        sa.Column("no", sa.Integer, nullable=False),
        sa.Column("rule", sa.String(40), nullable=False),
        sa.Column("category", sa.String(60), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end_offset", sa.Integer, nullable=False),
        sa.Column("provision", sa.String(100)),
        sa.Column("basis", sa.Text, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("suggestion", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.UniqueConstraint("review_id", "no", name="uq_findings_review_no"),
    )
    op.create_index("ix_findings_review_id", "findings", ["review_id"])
    op.create_index("ix_findings_category", "findings", ["category"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("finding_id", sa.Integer, sa.ForeignKey("findings.id"), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("decided_by", sa.String(100)),
        sa.Column("decided_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_decisions_finding_id", "decisions", ["finding_id"])


def downgrade() -> None:
    for table in ("decisions", "findings", "reviews", "filings", "documents", "issuers"):
        op.drop_table(table)
