"""Word forms: "irritation" finds "irritated"; quoted words are exact; 0007 keeps the index.

Bug: the index matched whole words only, so a search for *irritation* did not find a note
that said *irritated*.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from pathlib import Path

import pytest

from db.search.hits import find_hits, make_snippet
from db.search.query import parse
from db.search.stem import stem
from db.search.suggest import nothing_found
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vault.engine import sqlcipher_module
from db.vault.migrate import alembic_config
from db.vault.vault import Vault
from tests.db.search.index_check import caught_up

ROOT = Path(__file__).resolve().parents[3]


def add(services: Services, client_id: uuid.UUID, day: date, text: str) -> uuid.UUID:
    session_id = services.sessions.create(client_id, SessionInput(date=day)).value.id
    services.notes.save(session_id, "process", text)
    return session_id


@pytest.fixture
def notes(services: Services) -> dict[str, uuid.UUID]:
    client = services.clients.create(ClientInput(code="AB-01")).value.id
    found = {
        "irritated": add(services, client, date(2026, 1, 5),
                         "She was irritated when I mentioned the holiday."),
        "irritation": add(services, client, date(2026, 1, 12),
                          "Irritation again, and a long silence about her mother."),
        "dreams": add(services, client, date(2026, 1, 19), "Two dreams about locked rooms."),
    }
    caught_up(services)
    return found


def sessions(services: Services, query: str) -> set[uuid.UUID]:
    return {hit.session_id for hit in services.search.search(query).hits
            if hit.session_id is not None}


def test_a_word_finds_its_other_forms(services: Services, notes: dict[str, uuid.UUID]) -> None:
    assert sessions(services, "irritation") == {notes["irritated"], notes["irritation"]}
    assert sessions(services, "irritating") == {notes["irritated"], notes["irritation"]}
    assert sessions(services, "dream locked room") == {notes["dreams"]}


def test_quoted_words_are_exact(services: Services, notes: dict[str, uuid.UUID]) -> None:
    assert sessions(services, '"irritated"') == {notes["irritated"]}
    assert sessions(services, '"locked rooms"') == {notes["dreams"]}
    assert sessions(services, '"locked room"') == set()
    assert sessions(services, 'irritation -"irritated"') == {notes["irritation"]}
    assert sessions(services, '"irritated" OR silence') == {notes["irritated"],
                                                              notes["irritation"]}


def test_snippets_mark_the_forms_the_index_found(services: Services,
                                                 notes: dict[str, uuid.UUID]) -> None:
    hits = {hit.session_id: hit for hit in services.search.search("irritation").hits}
    hit = hits[notes["irritated"]]
    assert [hit.snippet[s:e] for s, e in hit.spans] == ["irritated"]
    text, spans = make_snippet("Irritation, irritably irritated.",
                               parse('"irritated"').terms)
    assert [text[s:e] for s, e in spans] == ["irritated"]
    assert find_hits("Locked rooms, lóckéd room.", parse("locked room").terms) == [(0, 6), (7, 12),
        (14, 20), (21, 25)]


def test_nothing_found_suggests_what_to_try(services: Services,
                                            notes: dict[str, uuid.UUID]) -> None:
    assert services.search.search("sunflower").hits == ()
    assert nothing_found("sunflower") == "Nothing matches. Try: type the start of a word " \
        "with * (sunf*)."
    assert nothing_found('"sunflower fields"') == ("Nothing matches. Try: remove the quotes to "
                                                   "find other forms of the words.")
    assert nothing_found("sunflower meadow", filtered=True) == (
        "Nothing matches. Try: use fewer words; search all clients and dates.")
    assert nothing_found("sun") == "Nothing matches."


def test_the_stemmer_agrees_with_fts5_word_for_word() -> None:
    """Highlighting uses db.search.stem; FTS5's own porter tokenizer is the reference."""
    words: set[str] = set()
    for path in (ROOT / "db" / "demo").glob("*.py"):
        words |= set(re.findall(r"[a-z]+", path.read_text(encoding="utf-8").lower()))
    words |= {"irritation", "irritated", "generalization", "oscillators", "hopefulness",
              "relational", "psychology", "conditional", "agreed", "feed", "caresses"}
    ordered = sorted(words)
    connection = sqlcipher_module().connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(x, "
                       "tokenize = 'porter unicode61 remove_diacritics 2')")
    connection.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    connection.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)",
                           [(i + 1, w) for i, w in enumerate(ordered)])
    indexed = {ordered[doc - 1]: term
               for term, doc, _, _ in connection.execute("SELECT * FROM v")}
    assert len(ordered) > 1000
    assert {w: stem(w) for w in ordered} == indexed


def test_migration_0007_rebuilds_the_index_and_keeps_every_row(
        vault: Vault, services: Services, notes: dict[str, uuid.UUID]) -> None:
    from alembic import command

    def rows() -> list[tuple[int, str, str]]:
        with vault.database.engine.connect() as conn:
            return [tuple(r) for r in conn.exec_driver_sql(
                "SELECT rowid, heading, body FROM search_fts ORDER BY rowid")]

    before = rows()
    assert len(before) >= 4  # the client and three notes
    with vault.database.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0005")
    assert rows() == before
    assert sessions(services, "irritation") == {notes["irritation"]}  # words only, as before
    with vault.database.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    assert rows() == before
    assert sessions(services, "irritation") == {notes["irritated"], notes["irritation"]}
