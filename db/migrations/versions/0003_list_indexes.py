"""indexes the session and client lists read alone

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 06:20:00

Session rows hold the notes, so a query that reads rows reads the notes' pages too. Two
indexes replace the single-column ones they extend, so that the lists read no rows:

* ``therapy_session (client_id, date)``: the client list's session count and last date;
* ``mark (session_id, theme_id, intensity)``: a session list's theme chips.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_therapy_session_client_id_date", "therapy_session",
                    ["client_id", "date"])
    op.drop_index("ix_therapy_session_client_id", table_name="therapy_session")
    op.create_index("ix_mark_session_id_theme_id", "mark",
                    ["session_id", "theme_id", "intensity"])
    op.drop_index("ix_mark_session_id", table_name="mark")


def downgrade() -> None:
    op.create_index("ix_mark_session_id", "mark", ["session_id"])
    op.drop_index("ix_mark_session_id_theme_id", table_name="mark")
    op.create_index("ix_therapy_session_client_id", "therapy_session", ["client_id"])
    op.drop_index("ix_therapy_session_client_id_date", table_name="therapy_session")
