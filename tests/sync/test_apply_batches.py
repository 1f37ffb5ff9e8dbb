"""A large file is applied in batches (db.sync.batch) and its new rows are indexed for
search in one pass (db.search.bulk): the vault ends as row-by-row applying leaves it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from db.services.dto import ClientInput, SessionInput
from db.services.marks import MarkInput
from db.sync.service import BULK_INDEX_AT
from db.vocabulary import NoteKind
from tests.db.search.index_check import assert_index_matches_sources
from tests.sync.helpers import first_device, group_of, joined_device, settle, shared_bytes


def test_a_large_file_applies_whole_and_its_rows_are_found_by_search(tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    a = first_device(tmp_path / "a", folder)
    b = joined_device(tmp_path / "b", folder, group_of(a), "Laptop")
    try:
        themes = list(a.services.themes.ids_by_key().values())
        client = a.services.clients.create(ClientInput(code="BT-01")).value
        made = a.services.sessions.create_many(client.id, [
            SessionInput(date=date(2026, 1, 5) + timedelta(days=7 * k)) for k in range(60)
        ]).value
        a.services.notes.save_many([(s.id, NoteKind.PROCESS, f"Session {s.number}: the "
                                     f"lighthouse keeper{s.number}.") for s in made])
        a.services.marks.add_many([(s.id, MarkInput(theme_id=themes[(s.number + m) % 40],
                                                    comment=f"harbour{s.number}-{m}"))
                                   for s in made for m in range(2)])
        report = a.sync.run()
        assert report.exported >= BULK_INDEX_AT  # one file, indexed in one pass
        settle([a, b])
        assert b.services.search.search("keeper17").hits[0].session_id == made[16].id
        assert b.services.search.search("harbour33-1").hits
        assert_index_matches_sources(b.vault)
        b.services.notes.save(made[3].id, NoteKind.PROCESS, "Now the tide.")  # and back
        settle([a, b])
        assert a.services.search.search("tide").hits[0].session_id == made[3].id
        assert_index_matches_sources(a.vault)
        assert shared_bytes(a) == shared_bytes(b)
    finally:
        a.close()
        b.close()
