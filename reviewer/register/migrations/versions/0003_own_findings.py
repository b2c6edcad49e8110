"""The reviewer's own findings and reworded findings.

A finding added by the reviewer (source = reviewer, with who added it) sits beside the
tool's in `findings`; a decision may carry the reviewer's wording of the finding's
message, explanation, basis and suggestion (`decisions.wording`), which replaces the
tool's wherever the finding is printed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("source", sa.String(16), nullable=False, server_default="tool"))
        batch.add_column(sa.Column("added_by", sa.String(100)))
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(sa.Column("wording", sa.JSON))


def downgrade() -> None:
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("wording")
    with op.batch_alter_table("findings") as batch:
        batch.drop_column("added_by")
        batch.drop_column("source")
