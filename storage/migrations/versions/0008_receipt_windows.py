"""Receipt attempts are counted per window under a salt thrown away with the window, and the
receipt selector is cut to a 20-bit bucket, so it no longer pins one code.

Replaces `receipt_failures` (a keyed hash of the source, kept forever) with `receipt_windows`
and `receipt_attempts`; failures from before this change are dropped (they only fed a
15-minute limit).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SELECTOR_CHARS = 5


def upgrade() -> None:
    """Apply this change."""
    with op.batch_alter_table("receipt_failures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receipt_failures_source_key"))
        batch_op.drop_index(batch_op.f("ix_receipt_failures_failed_at"))
    op.drop_table("receipt_failures")
    op.create_table(
        "receipt_windows",
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("salt", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("starts_at", name=op.f("pk_receipt_windows")),
    )
    op.create_table(
        "receipt_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("window_starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source_key", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["window_starts_at"],
            ["receipt_windows.starts_at"],
            name=op.f("fk_receipt_attempts_window_starts_at_receipt_windows"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt_attempts")),
    )
    with op.batch_alter_table("receipt_attempts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_receipt_attempts_window_starts_at"), ["window_starts_at"], unique=False
        )
    op.execute(f"UPDATE cases SET receipt_selector = substr(receipt_selector, 1, {SELECTOR_CHARS})")


def downgrade() -> None:
    """Undo this change (selectors stay short: the codes behind them are not known)."""
    with op.batch_alter_table("receipt_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receipt_attempts_window_starts_at"))
    op.drop_table("receipt_attempts")
    op.drop_table("receipt_windows")
    op.create_table(
        "receipt_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_key", sa.String(length=64), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt_failures")),
    )
    with op.batch_alter_table("receipt_failures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_receipt_failures_failed_at"), ["failed_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_receipt_failures_source_key"), ["source_key"], unique=False
        )
