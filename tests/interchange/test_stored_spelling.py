"""Ids and times are spelled for the export from what SQLite stores, the same as through
the column types' Python objects, for the shapes the app stores and for any other."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.interchange.v1.writer import _as_stored
from db.interchange.values import to_json
from db.models import Mark
from tests.conftest import make_vault

STORED = {
    "uuid": ["0aaabe866ba24174 8c5b2026deb4a68a".replace(" ", ""),
             "0AAABE866BA241748C5B2026DEB4A68A", "0aaabe86-6ba2-4174-8c5b-2026deb4a68a",
             None],
    "datetime": ["2026-12-04 21:49:12.000000", "2026-12-04 21:49:12.250000",
                 "2026-12-04 21:49:12", "0999-01-02 03:04:05.000001", "2026-12-04T21:49:12",
                 None],
}
COLUMNS = {"uuid": "session_id", "datetime": "created_at"}


@pytest.mark.parametrize("kind", sorted(STORED))
def test_a_stored_value_is_spelled_as_its_column_type_would(kind: str, tmp_path: Path) -> None:
    vault, _ = make_vault(tmp_path / "v")
    try:
        dialect = vault.database.engine.dialect
        column = Mark.__table__.c[COLUMNS[kind]]
        processor = column.type.dialect_impl(dialect).result_processor(dialect, None)
        spelled = _as_stored(kind, processor)
        for raw in STORED[kind]:
            expected = to_json(kind, processor(raw) if processor else raw)
            assert spelled(raw) == expected, raw
    finally:
        vault.close()
