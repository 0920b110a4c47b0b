"""Each case names its own data key (`cases.key_id`), kept outside the database.

Cases written before keep `key_id` empty and stay encrypted under the keyring until the
first start with the keys (`storage.services.keys.give_cases_keys`, from `open_store`)
moves each onto a key of its own, since a migration holds no key.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this change."""
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_id", sa.String(length=32), nullable=True))


def downgrade() -> None:
    """Undo this change (cases with their own keys are then unreadable: decrypt first)."""
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("key_id")
