"""Add the chat bots' tables: claims (once across processes), answers given, votes on them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this change."""
    op.create_table(
        "claims",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_claims")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claims_claimed_at"), ["claimed_at"], unique=False)

    op.create_table(
        "chat_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("conversation_id", sa.String(length=255), nullable=False),
        sa.Column("thread_id", sa.String(length=255), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("found", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_answers")),
    )
    with op.batch_alter_table("chat_answers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_chat_answers_platform_conversation_id_thread_id",
            ["platform", "conversation_id", "thread_id"],
            unique=False,
        )

    op.create_table(
        "answer_votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("voter_key", sa.String(length=64), nullable=False),
        sa.Column("vote", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("vote IN (-1, 1)", name=op.f("ck_answer_votes_vote")),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["chat_answers.id"],
            name=op.f("fk_answer_votes_answer_id_chat_answers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer_votes")),
        sa.UniqueConstraint(
            "answer_id", "voter_key", name=op.f("uq_answer_votes_answer_id_voter_key")
        ),
    )


def downgrade() -> None:
    """Undo this change."""
    op.drop_table("answer_votes")
    with op.batch_alter_table("chat_answers", schema=None) as batch_op:
        batch_op.drop_index("ix_chat_answers_platform_conversation_id_thread_id")

    op.drop_table("chat_answers")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_claimed_at"))

    op.drop_table("claims")
