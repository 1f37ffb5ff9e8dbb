"""Write a vault as an interchange document, format version 1.

The output is deterministic: every list is sorted by its record's ``order`` and every
record's members follow the field order of :mod:`db.interchange.records`, so exporting the
same data twice gives the same bytes apart from ``exported_at``.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnClause, literal_column, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from db.clock import utcnow
from db.interchange.records import (
    BY_NAME,
    FORMAT_NAME,
    FORMAT_VERSION,
    PRIVATE_SETTINGS,
    RECORDS,
    Record,
)
from db.interchange.v1.rows_json import flat_rows_text, rows_text
from db.interchange.values import app_version, format_datetime, to_json
from db.progress import Progress, Step, silent
from db.vault.database import Database
from db.vault.migrate import head_revision

#: Rows read, converted and encoded at a time when a list is written as a stream.
ROWS_PER_READ = 2000


def _item(row: dict[str, Any], record: Record) -> dict[str, Any]:
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
        item[f.name] = value if f.kind in _AS_STORED else to_json(f.kind, value)
    return item


#: Kinds read as stored and spelled for the document here, without the column type's
#: Python objects (a UUID object and an aware datetime for each of millions of values were
#: a third of an export's time); anything not in the shape the app stores goes the long
#: way, through the column's own result processor, so the bytes are the same either way.
_AS_STORED = frozenset({"uuid", "datetime"})
_HEX = re.compile(r"[0-9a-f]{32}")
_STAMP = re.compile(r"[1-9]\d{3}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.(\d{6}))?")


def _as_stored(kind: str, processor: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    def long_way(raw: Any) -> Any:
        return to_json(kind, processor(raw) if processor is not None else raw)

    if kind == "uuid":
        def spelled(raw: Any) -> Any:
            if raw.__class__ is str and len(raw) == 32 and _HEX.fullmatch(raw):
                return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"
            return None if raw is None else long_way(raw)
    else:
        def spelled(raw: Any) -> Any:
            found = _STAMP.fullmatch(raw) if raw.__class__ is str else None
            if found is not None:
                micro = found.group(1)
                tail = "Z" if micro is None or micro == "000000" else f".{micro}Z"
                return f"{raw[:10]}T{raw[11:19]}{tail}"
            return None if raw is None else long_way(raw)
    return spelled


def _rows(session: Session, record: Record, where: Any = None) -> list[dict[str, Any]]:
    """The record's rows as they appear in a document, in its order (``where``: only the
    rows it selects)."""
    return list(_rows_in_order(session, record, where))


def _rows_in_order(session: Session, record: Record, where: Any = None) -> Iterator[
        dict[str, Any]]:
    """:func:`_rows`, read :data:`ROWS_PER_READ` at a time: first the rowids in the
    document's order (each record's ``order`` ends in a unique member), then the rows by
    rowid. Only the rowids of a whole list are held (the sessions of the large demo
    caseload, with their notes, are some 300 MB as rows)."""
    table = record.model.__table__
    names = [f.name for f in record.fields]
    rowid: ColumnClause[int] = literal_column("rowid")
    # Ordered by SQLite on the keys as stored: ids are fixed-width hex text, dates and
    # times ISO text, so the order is that of their values (as the sort in Python on the
    # converted values was); NULLs come first in both. Only rowids and keys are sorted.
    keys = [type_coerce(table.c[name], NullType()) for name in record.order]
    order = select(rowid).select_from(table).order_by(*keys)
    if where is not None:
        order = order.where(where)
    numbers = list(session.scalars(order))
    dialect = session.get_bind().dialect
    columns: list[Any] = [rowid]
    spell: list[tuple[int, Callable[[Any], Any]]] = []
    for index, f in enumerate(record.fields):
        column = table.c[f.name]
        if f.kind in _AS_STORED:
            processor = column.type.dialect_impl(dialect).result_processor(dialect, None)
            spell.append((index, _as_stored(f.kind, processor)))
            columns.append(type_coerce(column, NullType()))
        else:
            columns.append(column)
    for start in range(0, len(numbers), ROWS_PER_READ):
        wanted = numbers[start:start + ROWS_PER_READ]
        found = {}
        for number, *values in session.execute(select(*columns).where(rowid.in_(wanted))):
            for index, spelled in spell:
                values[index] = spelled(values[index])
            found[number] = dict(zip(names, values, strict=True))
        for number in wanted:
            row = found[number]
            if record.name == "vault_settings" and row["key"] in PRIVATE_SETTINGS:
                continue
            yield _item(row, record)


def document_header(now: datetime | None) -> dict[str, Any]:
    """The members of a document before its lists."""
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": app_version(),
        "schema_version": head_revision(),
        "exported_at": format_datetime(now or utcnow()),
    }


def export_document(database: Database, *, now: datetime | None = None,
                    progress: Progress = silent) -> dict[str, Any]:
    """Every record of the vault, read in one snapshot (``progress``: the share of the
    lists read, as :data:`Step.EXPORTING`)."""
    document = document_header(now)
    with database.read() as session:
        for index, record in enumerate(RECORDS):
            progress(Step.EXPORTING, index / len(RECORDS))
            document[record.name] = _rows(session, record)
    progress(Step.EXPORTING, 1.0)
    return document


def dumps(document: dict[str, Any]) -> bytes:
    """The document as UTF-8 JSON, readable (indented, non-ASCII kept) and stable."""
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


#: Rows encoded by one ``json.dumps`` call while a document is written list by list.
ROWS_PER_PIECE = 500


def _encoded(value: Any) -> str:
    """``value`` as a member of the document's top level: ``json.dumps`` one level in."""
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n ")


def _list_pieces(rows: Iterable[dict[str, Any]], counted: list[int], *,
                 flat: bool = False) -> Iterator[str]:
    """A list member's value as :func:`dumps` writes it, a few rows at a time (the rows
    are let go as they are encoded); ``counted`` gets the number of rows. ``flat``: no
    row holds a nested value."""
    spell = flat_rows_text if flat else rows_text
    rows = iter(rows)
    piece = list(itertools.islice(rows, ROWS_PER_PIECE))
    count = 0
    if not piece:
        yield "[]"
        counted.append(0)
        return
    yield "["
    while piece:
        # The rows as consecutive items of the list, as json.dumps would indent them
        # there, spelled without its pure-Python encoder (db/interchange/v1/rows_json.py).
        yield ("\n" if count == 0 else ",\n") + spell(piece)
        count += len(piece)
        piece = list(itertools.islice(rows, ROWS_PER_PIECE))
    yield "\n ]"
    counted.append(count)


def write_document(database: Database, write: Callable[[bytes], object], *,
                   now: datetime | None = None, progress: Progress = silent,
                   keep: Callable[[str, dict[str, Any]], bool] | None = None) -> dict[str, int]:
    """Write the bytes :func:`dumps` gives for :func:`export_document`'s document, list by
    list, to ``write``; return the count of every list.

    Only one list's rows and a few rows' text exist at a time (the document of the large
    demo caseload is 344 MB, its rows as Python objects several times that). ``keep``
    (list name, row) leaves rows out of the document, as removing them from the exported
    document would.
    """
    with database.read() as session:
        return write_rows(session, write, now=now, progress=progress, keep=keep)


def write_rows(session: Session, write: Callable[[bytes], object], *,
               now: datetime | None = None, progress: Progress = silent,
               keep: Callable[[str, dict[str, Any]], bool] | None = None) -> dict[str, int]:
    """:func:`write_document` inside the caller's read ``session`` (one snapshot)."""
    header = document_header(now)
    counts: dict[str, int] = {}
    write(("{\n " + ",\n ".join(f"{_encoded(k)}: {_encoded(v)}" for k, v in header.items())
           ).encode("utf-8"))
    for index, record in enumerate(RECORDS):
        progress(Step.EXPORTING, index / len(RECORDS))
        rows: Iterable[dict[str, Any]] = _rows_in_order(session, record)
        if keep is not None:
            rows = (row for row in rows if keep(record.name, row))
        write(f",\n {_encoded(record.name)}: ".encode())
        counted: list[int] = []
        flat = all(f.kind != "json" for f in record.fields)
        for text in _list_pieces(rows, counted, flat=flat):
            write(text.encode("utf-8"))
        counts[record.name] = counted[0]
    write(b"\n}\n")
    progress(Step.EXPORTING, 1.0)
    return counts


def rows_of(session: Session, name: str, where: Any = None) -> list[dict[str, Any]]:
    """The rows of list ``name`` as a document holds them (``where``: only those it
    selects), in the document's order."""
    return _rows(session, BY_NAME[name], where)
