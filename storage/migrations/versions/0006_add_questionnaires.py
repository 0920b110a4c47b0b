"""Add the supplier self-assessment questionnaires: invitations (signed links, reminders,
scores), saved answers, attachments, and the follow-ups suggested by red flags.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this change."""
    op.create_table(
        "questionnaire_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("recipient_email", sa.String(length=320), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("link_salt", sa.String(length=32), nullable=False),
        sa.Column("nonce_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivery", sa.String(length=16), nullable=True),
        sa.Column("delivery_error", sa.Text(), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminders_sent", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_by_name", sa.String(length=200), nullable=True),
        sa.Column("confirmed_by_role", sa.String(length=200), nullable=True),
        sa.Column("scores", sa.JSON(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["supplier_id"],
            ["suppliers.id"],
            name=op.f("fk_questionnaire_invitations_supplier_id_suppliers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire_invitations")),
    )
    op.create_index(
        op.f("ix_questionnaire_invitations_expires_at"),
        "questionnaire_invitations",
        ["expires_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_questionnaire_invitations_status"),
        "questionnaire_invitations",
        ["status"],
        unique=False,
    )
    op.create_index(
        op.f("ix_questionnaire_invitations_supplier_id"),
        "questionnaire_invitations",
        ["supplier_id"],
        unique=False,
    )
    op.create_table(
        "questionnaire_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invitation_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("choice", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["questionnaire_invitations.id"],
            name=op.f("fk_questionnaire_answers_invitation_id_questionnaire_invitations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire_answers")),
        sa.UniqueConstraint(
            "invitation_id", "question_id", name="uq_questionnaire_answers_invitation_id_question"
        ),
    )
    op.create_table(
        "questionnaire_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invitation_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=128), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["questionnaire_invitations.id"],
            name=op.f("fk_questionnaire_attachments_invitation_id_questionnaire_invitations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire_attachments")),
    )
    op.create_index(
        op.f("ix_questionnaire_attachments_invitation_id"),
        "questionnaire_attachments",
        ["invitation_id"],
        unique=False,
    )
    op.create_table(
        "questionnaire_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invitation_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("flag_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("deviation_id", sa.Integer(), nullable=True),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["deviation_id"],
            ["deviations.id"],
            name=op.f("fk_questionnaire_suggestions_deviation_id_deviations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["questionnaire_invitations.id"],
            name=op.f("fk_questionnaire_suggestions_invitation_id_questionnaire_invitations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["follow_up_tasks.id"],
            name=op.f("fk_questionnaire_suggestions_task_id_follow_up_tasks"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire_suggestions")),
    )
    op.create_index(
        op.f("ix_questionnaire_suggestions_invitation_id"),
        "questionnaire_suggestions",
        ["invitation_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_questionnaire_suggestions_status"),
        "questionnaire_suggestions",
        ["status"],
        unique=False,
    )


def downgrade() -> None:
    """Undo this change."""
    op.drop_index(
        op.f("ix_questionnaire_suggestions_status"), table_name="questionnaire_suggestions"
    )
    op.drop_index(
        op.f("ix_questionnaire_suggestions_invitation_id"), table_name="questionnaire_suggestions"
    )
    op.drop_table("questionnaire_suggestions")
    op.drop_index(
        op.f("ix_questionnaire_attachments_invitation_id"), table_name="questionnaire_attachments"
    )
    op.drop_table("questionnaire_attachments")
    op.drop_table("questionnaire_answers")
    op.drop_index(
        op.f("ix_questionnaire_invitations_supplier_id"), table_name="questionnaire_invitations"
    )
    op.drop_index(
        op.f("ix_questionnaire_invitations_status"), table_name="questionnaire_invitations"
    )
    op.drop_index(
        op.f("ix_questionnaire_invitations_expires_at"), table_name="questionnaire_invitations"
    )
    op.drop_table("questionnaire_invitations")
