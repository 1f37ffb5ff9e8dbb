"""a counter of committed write transactions, sealed outside the database

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 09:00:00

``commit_counter`` holds one row; every write transaction of ``Database.write()`` adds one
to it, and the seal file beside the database (``threadline.db-seal``, see
:mod:`db.vault.seal`) records the number after each commit. A write-ahead log that lost
committed frames after a crash recovers to a smaller number than the seal's, and the vault
refuses to open instead of losing those changes silently.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "commit_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commit_counter")),
    )
    op.execute("INSERT INTO commit_counter (id, counter) VALUES (1, 0)")


def downgrade() -> None:
    op.drop_table("commit_counter")
