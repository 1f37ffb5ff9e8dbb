"""Alembic environment: always given an open, keyed connection by db.vault.migrate."""

from __future__ import annotations

from alembic import context

from db.models import Base
from db.search.schema import include_name

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=include_name,  # the FTS index is not in the models
)
with context.begin_transaction():
    context.run_migrations()
