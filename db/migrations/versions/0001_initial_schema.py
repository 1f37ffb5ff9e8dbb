"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 02:51:48.278931
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_event_seq")),
    )
    op.create_table(
        "client",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("intake_date", sa.Date(), nullable=True),
        sa.Column("closing_date", sa.Date(), nullable=True),
        sa.Column("modality", sa.String(length=60), nullable=False),
        sa.Column("frequency", sa.String(length=60), nullable=False),
        sa.Column("frame_start_date", sa.Date(), nullable=True),
        sa.Column("planned_sessions", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('active', 'paused', 'closed')", name=op.f("ck_client_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client")),
        sa.UniqueConstraint("code", name=op.f("uq_client_code")),
    )
    op.create_table(
        "theme_category",
        sa.Column("key", sa.String(length=80), nullable=True),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["theme_category.id"],
            name=op.f("fk_theme_category_parent_id_theme_category"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_category")),
        sa.UniqueConstraint("key", name=op.f("uq_theme_category_key")),
    )
    with op.batch_alter_table("theme_category", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_theme_category_parent_id"), ["parent_id"], unique=False
        )

    op.create_table(
        "vault_setting",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_vault_setting")),
    )
    op.create_table(
        "goal",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'progressing', 'achieved', 'dropped')", name=op.f("ck_goal_status")
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_goal_client_id_client"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal")),
    )
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_client_id"), ["client_id"], unique=False)

    op.create_table(
        "theme",
        sa.Column("key", sa.String(length=80), nullable=True),
        sa.Column("category_id", sa.Uuid(), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("client_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("color", sa.String(length=9), nullable=False),
        sa.Column("dmrs_level", sa.Integer(), nullable=True),
        sa.Column("ccrt_component", sa.String(length=2), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("merged_into_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "ccrt_component IS NULL OR ccrt_component IN ('W', 'RO', 'RS')",
            name=op.f("ck_theme_ccrt"),
        ),
        sa.CheckConstraint(
            "dmrs_level IS NULL OR dmrs_level BETWEEN 1 AND 7", name=op.f("ck_theme_dmrs_level")
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["theme_category.id"],
            name=op.f("fk_theme_category_id_theme_category"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_theme_client_id_client"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["theme.id"],
            name=op.f("fk_theme_merged_into_id_theme"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["theme.id"], name=op.f("fk_theme_parent_id_theme"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme")),
        sa.UniqueConstraint("key", name=op.f("uq_theme_key")),
    )
    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_theme_category_id"), ["category_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_theme_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_theme_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "therapy_session",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("attendance", sa.String(length=12), nullable=False),
        sa.Column("process_note", sa.Text(), nullable=False),
        sa.Column("progress_note", sa.Text(), nullable=False),
        sa.Column("finalized_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "attendance IN ('attended', 'cancelled', 'no_show')",
            name=op.f("ck_therapy_session_attendance"),
        ),
        sa.CheckConstraint(
            "kind IN ('individual', 'couple', 'family', 'group')",
            name=op.f("ck_therapy_session_kind"),
        ),
        sa.CheckConstraint("duration_minutes >= 0", name=op.f("ck_therapy_session_duration")),
        sa.CheckConstraint("number >= 1", name=op.f("ck_therapy_session_number_positive")),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            name=op.f("fk_therapy_session_client_id_client"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_therapy_session")),
        sa.UniqueConstraint(
            "client_id", "number", name=op.f("uq_therapy_session_client_id_number")
        ),
    )
    with op.batch_alter_table("therapy_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_therapy_session_client_id"), ["client_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_therapy_session_date"), ["date"], unique=False)

    op.create_table(
        "addendum",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["therapy_session.id"],
            name=op.f("fk_addendum_session_id_therapy_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_addendum")),
    )
    with op.batch_alter_table("addendum", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_addendum_session_id"), ["session_id"], unique=False)

    op.create_table(
        "goal_review",
        sa.Column("goal_id", sa.Uuid(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goal.id"], name=op.f("fk_goal_review_goal_id_goal"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_review")),
    )
    with op.batch_alter_table("goal_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_review_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "mark",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("theme_id", sa.Uuid(), nullable=False),
        sa.Column("intensity", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("note_kind", sa.String(length=10), nullable=True),
        sa.Column("anchor_start", sa.Integer(), nullable=True),
        sa.Column("anchor_end", sa.Integer(), nullable=True),
        sa.Column("anchor_text", sa.Text(), nullable=True),
        sa.Column("anchor_prefix", sa.Text(), nullable=True),
        sa.Column("anchor_suffix", sa.Text(), nullable=True),
        sa.Column("anchor_lost_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("intensity BETWEEN 1 AND 3", name=op.f("ck_mark_intensity")),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["therapy_session.id"],
            name=op.f("fk_mark_session_id_therapy_session"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"], ["theme.id"], name=op.f("fk_mark_theme_id_theme"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mark")),
    )
    with op.batch_alter_table("mark", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mark_session_id"), ["session_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mark_theme_id"), ["theme_id"], unique=False)

    op.create_table(
        "note_draft",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["therapy_session.id"],
            name=op.f("fk_note_draft_session_id_therapy_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "kind", name=op.f("pk_note_draft")),
    )
    op.create_table(
        "note_revision",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint("kind IN ('process', 'progress')", name=op.f("ck_note_revision_kind")),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["therapy_session.id"],
            name=op.f("fk_note_revision_session_id_therapy_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note_revision")),
    )
    with op.batch_alter_table("note_revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_note_revision_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "relational_episode",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("other_person", sa.String(length=120), nullable=False),
        sa.Column("other_kind", sa.String(length=20), nullable=False),
        sa.Column("wish_theme_id", sa.Uuid(), nullable=True),
        sa.Column("response_of_other_theme_id", sa.Uuid(), nullable=True),
        sa.Column("response_of_self_theme_id", sa.Uuid(), nullable=True),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("note_kind", sa.String(length=10), nullable=True),
        sa.Column("anchor_start", sa.Integer(), nullable=True),
        sa.Column("anchor_end", sa.Integer(), nullable=True),
        sa.Column("anchor_text", sa.Text(), nullable=True),
        sa.Column("anchor_prefix", sa.Text(), nullable=True),
        sa.Column("anchor_suffix", sa.Text(), nullable=True),
        sa.Column("anchor_lost_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["response_of_other_theme_id"],
            ["theme.id"],
            name=op.f("fk_relational_episode_response_of_other_theme_id_theme"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["response_of_self_theme_id"],
            ["theme.id"],
            name=op.f("fk_relational_episode_response_of_self_theme_id_theme"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["therapy_session.id"],
            name=op.f("fk_relational_episode_session_id_therapy_session"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["wish_theme_id"],
            ["theme.id"],
            name=op.f("fk_relational_episode_wish_theme_id_theme"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relational_episode")),
    )
    with op.batch_alter_table("relational_episode", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_relational_episode_session_id"), ["session_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("relational_episode", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relational_episode_session_id"))

    op.drop_table("relational_episode")
    with op.batch_alter_table("note_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_revision_session_id"))

    op.drop_table("note_revision")
    op.drop_table("note_draft")
    with op.batch_alter_table("mark", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mark_theme_id"))
        batch_op.drop_index(batch_op.f("ix_mark_session_id"))

    op.drop_table("mark")
    with op.batch_alter_table("goal_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_review_goal_id"))

    op.drop_table("goal_review")
    with op.batch_alter_table("addendum", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_addendum_session_id"))

    op.drop_table("addendum")
    with op.batch_alter_table("therapy_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_therapy_session_date"))
        batch_op.drop_index(batch_op.f("ix_therapy_session_client_id"))

    op.drop_table("therapy_session")
    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_theme_parent_id"))
        batch_op.drop_index(batch_op.f("ix_theme_client_id"))
        batch_op.drop_index(batch_op.f("ix_theme_category_id"))

    op.drop_table("theme")
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_client_id"))

    op.drop_table("goal")
    op.drop_table("vault_setting")
    with op.batch_alter_table("theme_category", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_theme_category_parent_id"))

    op.drop_table("theme_category")
    op.drop_table("client")
    op.drop_table("audit_event")
