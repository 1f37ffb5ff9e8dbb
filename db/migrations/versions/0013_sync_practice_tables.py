"""sync carries note templates, client default templates, scales and scores

Revision ID: 0013
Revises: 0009
Create Date: 2026-12-03 15:10:00

The practice tables (0008) were made on another line of work than sync (0009) and were
not captured. This adds their capture triggers, and in a vault that already syncs it
queues every row they hold, so that the next run sends what was made before (the other
devices' rows arrive the same way). No row of the tables themselves changes; a vault that
does not sync queues nothing.
"""

from __future__ import annotations

import time

import sqlalchemy as sa
from alembic import op

from db.sync import schema

revision = "0013"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = ("note_template", "client_template", "measure_scale", "measure_score")


def upgrade() -> None:
    bind = op.get_bind()
    schema.ensure_triggers(bind)
    syncing = bind.execute(sa.text(f"SELECT 1 FROM {schema.STATE} WHERE id = 1")).first()
    if syncing is not None:
        schema.queue_all(bind, TABLES, int(time.time() * 1000))


def downgrade() -> None:
    schema.drop_triggers(op.get_bind(), TABLES)
