"""sync between devices: outbox, devices, row versions, sent files, conflicts

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 12:00:00

The tables of :mod:`db.sync.schema` and the capture triggers on every synced table. No
row changes; capture stays off (``sync_state`` is empty) until the clinician starts
syncing, so a vault that never syncs keeps no outbox.
"""

from __future__ import annotations

from alembic import op

from db.sync import schema

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in schema.DDL:
        op.execute(statement)
    schema.ensure_triggers(op.get_bind())


def downgrade() -> None:
    schema.drop_triggers(op.get_bind())
    for table in (schema.CONFLICTS, schema.SENT, schema.VERSIONS, schema.OUTBOX,
                  schema.DEVICES, schema.STATE):
        op.execute(f"DROP TABLE {table}")
