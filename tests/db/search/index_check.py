"""Compare the search index with the rows it was built from."""

from __future__ import annotations

from sqlalchemy import text

from db.search.pending import catch_up
from db.services.hub import Services
from db.vault.vault import Vault

# kind -> SQL giving (source id, session id, client id, date, heading, body) per source row
SOURCES = {
    "process": "SELECT id, id, client_id, date, '', process_note FROM therapy_session",
    "progress": "SELECT id, id, client_id, date, '', progress_note FROM therapy_session",
    "addendum": "SELECT a.id, s.id, s.client_id, s.date, '', a.text FROM addendum a "
                "JOIN therapy_session s ON s.id = a.session_id",
    "mark": "SELECT m.id, s.id, s.client_id, s.date, '', m.comment FROM mark m "
            "JOIN therapy_session s ON s.id = m.session_id",
    "episode": "SELECT e.id, s.id, s.client_id, s.date, e.other_person, e.narrative "
               "FROM relational_episode e JOIN therapy_session s ON s.id = e.session_id",
    "client": "SELECT id, NULL, id, NULL, code || ' ' || display_name, '' FROM client",
}


def assert_index_matches_sources(vault: Vault) -> None:
    """Every source text is indexed exactly once, with its current text and labels, once
    the notes waiting in ``search_pending`` are caught up (as every search does first).

    An entry missing from the pending table is not caught up here, so it still fails.
    """
    with vault.database.write() as session:
        catch_up(session)
    with vault.database.read() as session:
        expected = set()
        for kind, sql in SOURCES.items():
            expected |= {(kind, *row) for row in session.execute(text(sql))}
        indexed = set(session.execute(text(
            "SELECT d.kind, d.source_id, d.session_id, d.client_id, d.date, f.heading, f.body "
            "FROM search_doc d JOIN search_fts f ON f.rowid = d.id")))
        docs = session.execute(text("SELECT count(*) FROM search_doc")).scalar_one()
        fts = session.execute(text("SELECT count(*) FROM search_fts")).scalar_one()
    assert indexed == expected
    assert docs == fts == len(expected)


def caught_up(services: Services) -> Services:
    """``services`` with the index brought up to date, as every front end does before a
    search reads (a search itself never writes)."""
    services.indexer.catch_up()
    return services
