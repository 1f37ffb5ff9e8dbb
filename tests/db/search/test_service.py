"""SearchService: ranking, accents, filters, snippets and bad input on a real vault."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.errors import ValidationError
from db.models import Mark, Theme, ThemeCategory
from db.search.dto import SearchFilters
from db.search.query import NOTHING, ONLY_EXCLUDED, TOO_LONG
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vault.vault import Vault
from tests.db.search.index_check import caught_up


def add_session(services: Services, client_id: uuid.UUID, day: date, process: str,
                progress: str = "") -> uuid.UUID:
    session_id = services.sessions.create(client_id, SessionInput(date=day)).value.id
    services.notes.save(session_id, "process", process)
    if progress:
        services.notes.save(session_id, "progress", progress)
    return session_id


@pytest.fixture
def client_id(services: Services) -> uuid.UUID:
    return services.clients.create(ClientInput(code="MOTH", display_name="Ida Example")).value.id


def test_more_hits_rank_higher(services: Services, client_id: uuid.UUID) -> None:
    filler = " ".join(["the weather was grey and the bus was late"] * 3)
    once = add_session(services, client_id, date(2025, 1, 1), f"{filler} lantern {filler}")
    thrice = add_session(services, client_id, date(2024, 1, 1),
                         f"lantern {filler} lantern {filler} lantern")
    hits = caught_up(services).search.search("lantern").hits
    assert [h.session_id for h in hits] == [thrice, once]


def test_the_client_heading_outranks_a_mention_in_a_note(services: Services,
                                                         client_id: uuid.UUID) -> None:
    add_session(services, client_id, date(2025, 1, 1), "Ida said her sister Ida was named "
                "after their grandmother; Ida again and again.")
    kinds = [h.kind for h in caught_up(services).search.search("ida").hits]
    assert kinds == ["client", "process"]


def test_recency_breaks_ties(services: Services, client_id: uuid.UUID) -> None:
    days = [date(2023, 4, 1), date(2025, 4, 1), date(2024, 4, 1)]
    ids = {day: add_session(services, client_id, day, "The same words about the kite.")
           for day in days}
    hits = caught_up(services).search.search("kite").hits
    assert [h.date for h in hits] == sorted(days, reverse=True)
    assert [h.session_id for h in hits] == [ids[d] for d in sorted(days, reverse=True)]
    assert [h.number for h in hits] == [2, 3, 1]


@pytest.mark.parametrize(("stored", "typed"), [
    ("Le café était fermé", "cafe"), ("Le cafe etait ferme", "café"),
    ("Sie war böse auf ihn", "bose"), ("Sie war bose", "böse"),
    ("El niño en la montaña", "nino montana"), ("El nino", "NIÑO"),
    ("Zoë und Chloë", '"zoe und chloe"'), ("SCHÖN", "schön"),
])
def test_accents_and_case_do_not_matter(services: Services, client_id: uuid.UUID,
                                        stored: str, typed: str) -> None:
    add_session(services, client_id, date(2025, 1, 1), stored)
    hits = caught_up(services).search.search(typed).hits
    assert [h.kind for h in hits] == ["process"]
    assert hits[0].spans  # the hit is marked in the snippet despite the accents


def test_snippet_is_plain_text_with_spans(services: Services, client_id: uuid.UUID) -> None:
    add_session(services, client_id, date(2025, 1, 1),
                "Line one.\nShe described <b>the</b> locked room & the key.")
    hit = caught_up(services).search.search("locked room").hits[0]
    assert "\n" not in hit.snippet
    assert "<b>the</b>" in hit.snippet  # note text is returned as typed, never as markup
    assert [hit.snippet[s:e] for s, e in hit.spans] == ["locked", "room"]
    phrase = caught_up(services).search.search('"locked room"').hits[0]
    assert [phrase.snippet[s:e] for s, e in phrase.spans] == ["locked room"]


def test_language_features_against_the_index(services: Services,
                                             client_id: uuid.UUID) -> None:
    a = add_session(services, client_id, date(2025, 1, 1), "the locked room upstairs")
    b = add_session(services, client_id, date(2025, 1, 2), "the room was locked")
    c = add_session(services, client_id, date(2025, 1, 3), "a locksmith came")

    def found(query: str) -> set[uuid.UUID | None]:
        return {h.session_id for h in caught_up(services).search.search(query).hits}

    assert found("locked room") == {a, b}
    assert found('"locked room"') == {a}
    assert found("lock*") == {a, b, c}
    assert found("upstairs OR locksmith") == {a, c}
    assert found("room -upstairs") == {b}


def test_filters(services: Services, vault: Vault, client_id: uuid.UUID) -> None:
    other = services.clients.create(ClientInput(code="WASP")).value.id
    early = add_session(services, client_id, date(2024, 1, 1), "river", "river progress")
    late = add_session(services, client_id, date(2025, 6, 1), "river")
    elsewhere = add_session(services, other, date(2025, 6, 1), "river")
    with vault.database.write() as session:
        category = ThemeCategory(name="Defenses")
        session.add(category)
        session.flush()
        theme = Theme(category_id=category.id, name="Denial")
        session.add(theme)
        session.flush()
        session.add(Mark(session_id=late, theme_id=theme.id))
        theme_id = theme.id

    def found(**filters: object) -> list[tuple[uuid.UUID | None, str]]:
        hits = caught_up(services).search.search("river", SearchFilters(**filters)).hits  # type: ignore[arg-type]
        return sorted((h.session_id, h.kind) for h in hits)

    assert found(client_id=other) == [(elsewhere, "process")]
    assert found(client_id=client_id, date_to=date(2024, 12, 31)) == sorted(
        [(early, "process"), (early, "progress")])
    assert found(date_from=date(2025, 1, 1)) == sorted(
        [(late, "process"), (elsewhere, "process")])
    assert found(theme_id=theme_id) == [(late, "process")]
    assert found(kinds=frozenset({"progress"})) == [(early, "progress")]
    with pytest.raises(ValidationError):
        caught_up(services).search.search("river", SearchFilters(date_from=date(2025, 1, 2),
                                                      date_to=date(2025, 1, 1)))
    with pytest.raises(ValidationError):
        caught_up(services).search.search("river", SearchFilters(kinds=frozenset({"letters"})))


def test_limit_and_more(services: Services, client_id: uuid.UUID) -> None:
    for day in range(1, 6):
        add_session(services, client_id, date(2025, 1, day), "swallow")
    found = caught_up(services).search.search("swallow", limit=3)
    assert (len(found.hits), found.more) == (3, True)
    found = caught_up(services).search.search("swallow", limit=5)
    assert (len(found.hits), found.more) == (5, False)


@pytest.mark.parametrize(("typed", "message"), [
    ('"unbalanced quote', None), ("-", NOTHING), ("*", NOTHING), ("NEAR(a b", None),
    ("body:x", None), ("^x", None), ("🙂🙂", NOTHING), ("x\x00\x07", None), ('"', NOTHING),
    ("(((", NOTHING), ("AND OR NOT", None), ("-x", ONLY_EXCLUDED), ("x" * 600, TOO_LONG),
    ("a* b* c* d* e*", None), ("\ud800", NOTHING),
])
def test_bad_input_never_raises(services: Services, client_id: uuid.UUID, typed: str,
                                message: str | None) -> None:
    add_session(services, client_id, date(2025, 1, 1), "an ordinary note about x and a")
    found = caught_up(services).search.search(typed)
    assert found.message == message


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.text(max_size=80))
def test_any_text_is_searchable_without_error(services: Services, typed: str) -> None:
    found = caught_up(services).search.search(typed)
    assert found.hits == ()


def test_very_common_words_rank_the_most_recent_texts(vault: Vault, services: Services,
                                                      client_id: uuid.UUID) -> None:
    from db.search.service import SearchService

    ids = [add_session(services, client_id, date(2025, 1, day), "heron " * day)
           for day in range(1, 7)]
    narrow = SearchService(vault, rank_window=3)
    services.indexer.catch_up()
    found = narrow.search("heron", limit=10)
    assert found.windowed
    assert found.more
    # Only the three most recently written sessions were ranked (more herons rank higher).
    assert [h.session_id for h in found.hits] == [ids[5], ids[4], ids[3]]
    assert not narrow.search("heron", SearchFilters(date_to=date(2025, 1, 3))).windowed
    full = caught_up(services).search.search("heron", limit=10)
    assert not full.windowed
    assert not full.more
    assert [h.session_id for h in full.hits] == ids[::-1]
