"""Validated rows into their table, as fast as SQLite takes them.

The ORM's bulk INSERT builds a statement per group of rows and runs each row's values
through SQLAlchemy's machinery; an import of the large demo caseload made 14,000 such
statements for 3,000 sessions. Here each table gets one prepared ``INSERT`` and the
driver's ``executemany``, fed in slices. The values are turned into what the column
stores with the column type's own bind processor (the ones the ORM uses), so a row is
stored byte for byte as the services would store it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy.engine import Connection

from db.interchange.records import Record

#: Rows per ``executemany``: between two slices the import reports progress and may stop.
ROWS_PER_SLICE = 4000


def _converters(connection: Connection, record: Record) -> list[Callable[[Any], Any] | None]:
    table = record.model.__table__
    dialect = connection.dialect
    return [table.c[f.name].type.dialect_impl(dialect).bind_processor(dialect)
            for f in record.fields]


def _insert_sql(record: Record) -> str:
    table = record.model.__tablename__
    names = ", ".join(f'"{f.name}"' for f in record.fields)
    marks = ", ".join("?" for _ in record.fields)
    return f'INSERT INTO "{table}" ({names}) VALUES ({marks})'


def slices(connection: Connection, record: Record, rows: list[dict[str, Any]], *,
           release: bool = False) -> Iterator[int]:
    """Insert ``rows`` slice by slice; yields the number written so far after each.

    ``release``: each slice's rows are taken out of ``rows`` (``None`` in their place)
    once written, so a large list shrinks while SQLite's page cache fills.
    """
    sql = _insert_sql(record)
    names = [f.name for f in record.fields]
    converting = [(column, convert) for column, convert
                  in enumerate(_converters(connection, record)) if convert is not None]
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]

    def values_of(row: dict[str, Any]) -> list[Any]:
        values = [row[name] for name in names]
        for column, convert in converting:
            value = values[column]
            if value is not None:
                values[column] = convert(value)
        return values

    try:
        for start in range(0, len(rows), ROWS_PER_SLICE):
            end = min(len(rows), start + ROWS_PER_SLICE)
            cursor.executemany(sql, [values_of(row) for row in rows[start:end]])
            if release:
                rows[start:end] = [None] * (end - start)  # type: ignore[list-item]
            yield end
    finally:
        cursor.close()
