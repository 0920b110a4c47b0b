"""A named reporter's identity is stored encrypted in one column, `cases.reporter`, instead
of the plain `reporter_platform` and `reporter_id`.

A migration holds no key, so it cannot encrypt what is there: it moves a name written before
into `reporter` marked `plain:`, and the first start with the keys
(`storage.services.keys.seal_marked`, from `open_store`) encrypts it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this change."""
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reporter", sa.LargeBinary(), nullable=True))
    named = "'plain:' || reporter_platform || ':' || reporter_id"
    as_bytes = (
        f"convert_to({named}, 'UTF8')"
        if op.get_bind().dialect.name == "postgresql"
        else f"CAST({named} AS BLOB)"
    )
    op.execute(f"UPDATE cases SET reporter = {as_bytes} WHERE reporter_id IS NOT NULL")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("reporter_id")
        batch_op.drop_column("reporter_platform")


def downgrade() -> None:
    """Undo this change (encrypted names are dropped: a downgrade has no key either)."""
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reporter_platform", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("reporter_id", sa.String(length=128), nullable=True))
        batch_op.drop_column("reporter")
