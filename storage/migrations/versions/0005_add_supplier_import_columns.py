"""Suppliers keep what an imported supplier list says: description, spend, contact e-mail,
and how free-text descriptions were matched to DFØ categories.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this change."""
    with op.batch_alter_table("suppliers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("category_matches", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(sa.Column("annual_spend", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("contact_email", sa.String(length=320), nullable=True))
        batch_op.create_index(batch_op.f("ix_suppliers_org_number"), ["org_number"], unique=False)


def downgrade() -> None:
    """Undo this change."""
    with op.batch_alter_table("suppliers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suppliers_org_number"))
        batch_op.drop_column("contact_email")
        batch_op.drop_column("annual_spend")
        batch_op.drop_column("category_matches")
        batch_op.drop_column("description")
