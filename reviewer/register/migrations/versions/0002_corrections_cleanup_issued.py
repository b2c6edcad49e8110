"""Correction notices and outcomes, cleanup outcomes, issuers' lists of issued documents.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("filing_id", sa.Integer, sa.ForeignKey("filings.id"), nullable=False),
        sa.Column("notice_date", sa.Date),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("outcome_date", sa.Date, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("recorded_by", sa.String(100)),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_corrections_document_id", "corrections", ["document_id"])
    op.create_table(
        "cleanup_outcomes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id")),
        sa.Column("file_name", sa.String(500)),
        sa.Column("title", sa.String(500)),
        sa.Column("doc_number", sa.String(100)),
        sa.Column("issuer_name", sa.String(200)),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
        sa.Column("source", sa.String(500)),
        sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("year", "sha256", name="uq_cleanup_year_sha256"),
    )
    op.create_index("ix_cleanup_outcomes_year", "cleanup_outcomes", ["year"])
    op.create_table(
        "issued_documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("issuer_id", sa.Integer, sa.ForeignKey("issuers.id"), nullable=False),
        sa.Column("row_no", sa.Integer, nullable=False),
        sa.Column("doc_number", sa.String(100)),
        sa.Column("doc_number_normalized", sa.String(100)),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("published", sa.Date, nullable=False),
        sa.Column("effective_date", sa.Date),
        sa.Column("is_normative", sa.Boolean, nullable=False),
        sa.Column("immediate_reason", sa.Text),
        sa.Column("source_file", sa.String(500)),
        sa.Column("imported_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_issued_documents_issuer_id", "issued_documents", ["issuer_id"])
    op.create_index("ix_issued_documents_doc_number_normalized", "issued_documents", ["doc_number_normalized"])


def downgrade() -> None:
    for table in ("issued_documents", "cleanup_outcomes", "corrections"):
        op.drop_table(table)
