"""The reader is strict: each problem is one sentence, and nothing is imported."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from db.interchange import (
    ImportClash,
    InterchangeError,
    dumps,
    export_document,
    import_document,
    read_bytes,
)
from db.interchange.records import BOOKKEEPING_TABLES, RECORDS
from db.models import Base
from db.vault.vault import Vault
from tests.conftest import make_vault
from tests.interchange.fill import fill

Doc = dict[str, Any]


@pytest.fixture
def document(vault: Vault) -> Doc:
    fill(vault)
    return export_document(vault.database)


def sessions(doc: Doc) -> list[Doc]:
    return doc["sessions"]


def _set(path: tuple[Any, ...], value: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        target = doc
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
    return change


def _delete(path: tuple[Any, ...]) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        target = doc
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]
    return change


BAD: list[tuple[str, Callable[[Doc], None], str]] = [
    ("format", _set(("format",), "something-else"), "This file is not a Threadline export."),
    ("version", _set(("format_version",), 2), "This export uses format version 2, which this "
     "version of Threadline cannot read; update Threadline."),
    ("version-text", _set(("format_version",), "1"), "The export does not say which format "
     "version it uses."),
    ("list missing", _delete(("sessions",)), "The export has no “sessions” list."),
    ("unknown top", _set(("moods",), []), "The export has an unknown member “moods”."),
    ("not an object", _set(("sessions", 0), 7), "Session 1 in “sessions” is not an object."),
    ("field missing", _delete(("sessions", 1, "date")), "Session 2 has no “date”."),
    ("unknown field", _set(("clients", 0, "mood"), "x"),
     "Client 1 has an unknown member “mood”."),
    ("bad date", _set(("sessions", 0, "date"), "2024-02-30"),
     "Session 1: “date” must be a date like 2024-03-05."),
    ("naive datetime", _set(("sessions", 0, "created_at"), "2024-01-01T10:00:00"),
     "Session 1: “created_at” must be a date and time with a time zone, like "
     "2024-03-05T10:30:00Z."),
    ("bad uuid", _set(("clients", 0, "id"), "ABC"),
     "Client 1: “id” must be an id (a lowercase UUID)."),
    ("bool for int", _set(("sessions", 0, "number"), True),
     "Session 1: “number” must be a whole number."),
    ("too small", _set(("sessions", 0, "number"), 0), "Session 1: “number” must be at least 1."),
    ("huge", _set(("marks", 0, "intensity"), 10**30), "Mark 1: “intensity” is far too large."),
    ("choice", _set(("sessions", 0, "kind"), "solo"),
     "Session 1: “kind” must be one of individual, couple, family, group."),
    ("too long", _set(("clients", 0, "code"), "X" * 41),
     "Client 1: “code” is longer than 40 characters."),
    ("null", _set(("clients", 0, "code"), None), "Client 1: “code” cannot be null."),
    ("surrogate", _set(("clients", 0, "notes"), "\ud800"),
     "Client 1: “notes” holds characters that are not valid text."),
    ("dangling", _set(("marks", 0, "theme_id"), "00000000-0000-4000-8000-000000000000"),
     "Mark 1 refers to a theme that is not in the export (theme_id)."),
    ("empty code", _set(("clients", 0, "code"), "  "), "Client 1 has an empty code."),
    ("anchor", lambda d: d["marks"][0].update(anchor_start=5, anchor_end=2),
     "Mark 1 ends its passage before it starts."),
]


@pytest.mark.parametrize(("change", "message"), [(c, m) for _, c, m in BAD],
                         ids=[name for name, _, _ in BAD])
def test_each_problem_is_one_clear_sentence(document: Doc, change: Callable[[Doc], None],
                                            message: str) -> None:
    bad = copy.deepcopy(document)
    change(bad)
    with pytest.raises(InterchangeError) as caught:
        read_bytes(json.dumps(bad).encode())
    assert caught.value.problems[0] == message
    assert str(caught.value).startswith(message)


def test_duplicate_ids_and_codes(document: Doc) -> None:
    bad = copy.deepcopy(document)
    bad["sessions"][1]["id"] = bad["sessions"][0]["id"]
    bad["clients"][1]["code"] = bad["clients"][0]["code"].lower()
    with pytest.raises(InterchangeError) as caught:
        read_bytes(json.dumps(bad).encode())
    assert caught.value.problems == ["Client 1 and client 2 have the same code.",
                                     "Session 1 and session 2 have the same id."]
    assert str(caught.value) == "Client 1 and client 2 have the same code. (1 more problem found.)"


@pytest.mark.parametrize("data", [b"", b"\xff\xfe", b"[]", b"{", b'{"format": NaN}',
                                  b'{"a": 1, "a": 2}', b"[" * 100000])
def test_not_an_export(data: bytes) -> None:
    with pytest.raises(InterchangeError, match="not a Threadline export"):
        read_bytes(data)


def test_clash_imports_nothing(vault: Vault, tmp_path: Path) -> None:
    fill(vault)
    data = dumps(export_document(vault.database))
    before = dumps({k: v for k, v in export_document(vault.database).items()
                    if k != "exported_at"})
    with pytest.raises(ImportClash) as caught:
        import_document(vault.database, read_bytes(data))
    document = json.loads(data)
    expected = len(document["clients"]) + sum(  # codes, and ids of everything but taxonomy
        len(document[r.name]) for r in RECORDS if r.key == ("id",)
        and r.name not in ("theme_categories", "themes", "audit_events"))
    assert str(caught.value) == (f"{expected} records of this export are already in the "
                                 "vault, so nothing was imported.")
    assert "The vault already has a client with the code ÉL-07." in caught.value.problems
    after = dumps({k: v for k, v in export_document(vault.database).items()
                   if k != "exported_at"})
    assert after == before


def test_one_clash_among_new_records_imports_nothing(vault: Vault, tmp_path: Path) -> None:
    fill(vault)
    document = export_document(vault.database)
    other, _ = make_vault(tmp_path / "other")
    try:
        fill_ids = {c["code"] for c in document["clients"]}
        from db.services.dto import ClientInput
        from db.services.hub import Services
        Services.for_vault(other).clients.create(ClientInput(code="KM-2"))
        before = export_document(other.database)
        with pytest.raises(ImportClash, match="1 record of this export is already"):
            import_document(other.database, read_bytes(dumps(document)))
        after = export_document(other.database)
        assert {k: v for k, v in after.items() if k != "exported_at"} == \
            {k: v for k, v in before.items() if k != "exported_at"}
        assert "KM-2" in fill_ids
    finally:
        other.close()


def test_every_column_of_every_model_is_exported() -> None:
    covered = {record.model.__tablename__: {f.name for f in record.fields}
               for record in RECORDS}
    for table in Base.metadata.sorted_tables:
        if table.name in BOOKKEEPING_TABLES:
            assert table.name not in covered
            continue
        assert table.name in covered, f"{table.name} is not in the interchange format"
        assert {c.name for c in table.columns} == covered[table.name], table.name
