"""note templates, client default templates, outcome measures and their scores

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 12:00:00

Four new tables; no existing row is touched. The shipped templates (process note shape,
DAP, SOAP, BIRP) and the published questionnaires (PHQ-9, GAD-7) live in code, so this
migration adds no rows: a vault holds only what the clinician made or changed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_KIND = "kind IN ('process', 'progress')"


def _stamps() -> tuple[sa.Column[object], sa.Column[object]]:
    return (sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False))


def upgrade() -> None:
    op.create_table(
        "note_template",
        sa.Column("key", sa.String(length=80), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        *_stamps(),
        sa.CheckConstraint(_KIND, name=op.f("ck_note_template_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note_template")),
    )
    op.create_table(
        "client_template",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("template", sa.String(length=80), nullable=False),
        sa.CheckConstraint(_KIND, name=op.f("ck_client_template_kind")),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], ondelete="CASCADE",
                                name=op.f("fk_client_template_client_id_client")),
        sa.PrimaryKeyConstraint("client_id", "kind", name=op.f("pk_client_template")),
    )
    op.create_table(
        "measure_scale",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("minimum", sa.Integer(), nullable=False),
        sa.Column("maximum", sa.Integer(), nullable=False),
        sa.Column("higher_is_worse", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        *_stamps(),
        sa.CheckConstraint("maximum > minimum", name=op.f("ck_measure_scale_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_scale")),
    )
    op.create_table(
        "measure_score",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("measure", sa.String(length=40), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("items", sa.String(length=40), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        *_stamps(),
        sa.CheckConstraint("total >= 0", name=op.f("ck_measure_score_total")),
        sa.ForeignKeyConstraint(["session_id"], ["therapy_session.id"], ondelete="CASCADE",
                                name=op.f("fk_measure_score_session_id_therapy_session")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_score")),
        sa.UniqueConstraint("session_id", "measure",
                            name=op.f("uq_measure_score_session_id_measure")),
    )
    with op.batch_alter_table("measure_score") as batch:
        batch.create_index(batch.f("ix_measure_score_session_id"), ["session_id"])


def downgrade() -> None:
    op.drop_table("measure_score")
    op.drop_table("measure_scale")
    op.drop_table("client_template")
    op.drop_table("note_template")
