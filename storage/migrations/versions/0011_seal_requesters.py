"""Information requesters' names and contact details are stored encrypted.

The columns become binary; what they held is kept, marked `plain:`, and the first start with
the keys (`storage.services.keys.seal_marked`, from `open_store`) encrypts it, since a
migration holds no key.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (("requester_name", 200), ("requester_contact", 300))


def upgrade() -> None:
    """Apply this change."""
    if op.get_bind().dialect.name == "postgresql":
        for name, _ in COLUMNS:
            op.execute(
                f"ALTER TABLE information_requests ALTER COLUMN {name} TYPE bytea "
                f"USING convert_to('plain:' || {name}, 'UTF8')"
            )
        return
    for name, _ in COLUMNS:
        op.execute(f"UPDATE information_requests SET {name} = 'plain:' || {name}")
    with op.batch_alter_table("information_requests", schema=None) as batch_op:
        for name, length in COLUMNS:
            batch_op.alter_column(
                name, existing_type=sa.String(length=length), type_=sa.LargeBinary()
            )
    for name, _ in COLUMNS:
        op.execute(f"UPDATE information_requests SET {name} = CAST({name} AS BLOB)")


def downgrade() -> None:
    """Undo this change (encrypted values are dropped to empty text: no key here)."""
    with op.batch_alter_table("information_requests", schema=None) as batch_op:
        for name, length in COLUMNS:
            batch_op.alter_column(
                name,
                existing_type=sa.LargeBinary(),
                type_=sa.String(length=length),
                postgresql_using=f"''::varchar({length})",
            )
