"""CCRT episodes: up to three categories per component, and the valence of each response

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 12:15:00

Luborsky's method scores up to three categories per component of an episode and rates
each response of other and of self as positive or negative. Every column added is
nullable: the episodes already in a vault keep their one category per component as they
are, and their valence stays unrated (NULL). No row is rewritten or removed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

THEME_COLUMNS = ("wish_theme_2_id", "wish_theme_3_id", "response_of_other_theme_2_id",
                 "response_of_other_theme_3_id", "response_of_self_theme_2_id",
                 "response_of_self_theme_3_id")
VALENCE_COLUMNS = ("response_of_other_valence", "response_of_self_valence")


def _triggers() -> list[str]:
    """The table's triggers (the search index's): SQLite's batch copy of a table drops
    them, so they are read first and made again after."""
    return [sql for (sql,) in op.get_bind().execute(sa.text(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
        "AND tbl_name = 'relational_episode'"))]


def _restore(triggers: list[str]) -> None:
    for sql in triggers:
        op.execute(sql)


def upgrade() -> None:
    triggers = _triggers()
    with op.batch_alter_table("relational_episode") as batch:
        for name in THEME_COLUMNS:
            batch.add_column(sa.Column(name, sa.Uuid(), nullable=True))
            batch.create_foreign_key(
                op.f(f"fk_relational_episode_{name}_theme"), "theme", [name], ["id"],
                ondelete="RESTRICT")
        for name in VALENCE_COLUMNS:
            batch.add_column(sa.Column(name, sa.String(length=10), nullable=True))
    _restore(triggers)


def downgrade() -> None:
    triggers = _triggers()
    with op.batch_alter_table("relational_episode") as batch:
        for name in THEME_COLUMNS:
            batch.drop_constraint(op.f(f"fk_relational_episode_{name}_theme"),
                                  type_="foreignkey")
        for name in (*VALENCE_COLUMNS, *THEME_COLUMNS):
            batch.drop_column(name)
    _restore(triggers)
