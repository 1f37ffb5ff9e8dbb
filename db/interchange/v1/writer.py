"""Write a vault as an interchange document, format version 1.

The output is deterministic: every list is sorted by its record's ``order`` and every
record's members follow the field order of :mod:`db.interchange.records`, so exporting the
same data twice gives the same bytes apart from ``exported_at``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.clock import utcnow
from db.interchange.records import (
    FORMAT_NAME,
    FORMAT_VERSION,
    PRIVATE_SETTINGS,
    RECORDS,
    Record,
)
from db.interchange.values import app_version, format_datetime, to_json
from db.progress import Progress, Step, silent
from db.vault.database import Database
from db.vault.migrate import head_revision


def _sort_key(row: dict[str, Any], record: Record) -> tuple[Any, ...]:
    return tuple((row[name] is not None, row[name]) for name in record.order)


def _rows(session: Session, record: Record) -> list[dict[str, Any]]:
    table = record.model.__table__
    columns = [table.c[f.name] for f in record.fields]
    rows = [dict(zip([f.name for f in record.fields], row, strict=True))
            for row in session.execute(select(*columns))]
    if record.name == "vault_settings":
        rows = [row for row in rows if row["key"] not in PRIVATE_SETTINGS]
    rows.sort(key=lambda row: _sort_key(row, record))
    out: list[dict[str, Any]] = []
    for row in rows:
        item: dict[str, Any] = {}
        for f in record.fields:
            value = row[f.name]
            if value is None and f.added_later:
                continue
            if f.kind == "json":
                try:
                    value = json.loads(value)
                except ValueError:
                    value = None  # unreadable settings fall back to defaults anyway
            item[f.name] = to_json(f.kind, value)
        out.append(item)
    return out


def export_document(database: Database, *, now: datetime | None = None,
                    progress: Progress = silent) -> dict[str, Any]:
    """Every record of the vault, read in one snapshot (``progress``: the share of the
    lists read, as :data:`Step.EXPORTING`)."""
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": app_version(),
        "schema_version": head_revision(),
        "exported_at": format_datetime(now or utcnow()),
    }
    with database.read() as session:
        for index, record in enumerate(RECORDS):
            progress(Step.EXPORTING, index / len(RECORDS))
            document[record.name] = _rows(session, record)
    progress(Step.EXPORTING, 1.0)
    return document


def dumps(document: dict[str, Any]) -> bytes:
    """The document as UTF-8 JSON, readable (indented, non-ASCII kept) and stable."""
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
