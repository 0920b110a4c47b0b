"""Information requests record where they came in and what they concern.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this change: earlier requests were all logged by the team (channel `cli`)."""
    with op.batch_alter_table("information_requests", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("channel", sa.String(length=32), nullable=False, server_default="cli")
        )
        batch_op.add_column(sa.Column("concerns", sa.String(length=300), nullable=True))


def downgrade() -> None:
    """Undo this change."""
    with op.batch_alter_table("information_requests", schema=None) as batch_op:
        batch_op.drop_column("concerns")
        batch_op.drop_column("channel")
