"""Search with measure conditions (``phq9>=15``) on a real vault."""

from __future__ import annotations

from datetime import date, timedelta

from db.measures.search_filter import split
from db.search.dto import SearchFilters
from db.services.dto import ClientInput, SessionDTO, SessionInput
from db.services.hub import Services


def _vault_with_scores(services: Services) -> list[SessionDTO]:
    robin = services.clients.create(ClientInput("RB-07")).value
    kit = services.clients.create(ClientInput("KL-12")).value
    made = []
    for client, totals in ((robin, (18, 12, 16)), (kit, (20,))):
        for week, total in enumerate(totals):
            session = services.sessions.create(
                client.id, SessionInput(date(2026, 1, 5) + timedelta(weeks=week))).value
            services.notes.save(session.id, "process", f"She spoke of the lighthouse {total}.",
                                reason="manual")
            services.measures.record(session.id, "phq9", total=total)
            made.append(session)
    services.measures.record(made[0].id, "gad7", total=4)
    services.indexer.catch_up()
    return made


def test_conditions_are_taken_out_of_the_words() -> None:
    words, found = split("lighthouse phq9>=15 GAD-7<5")
    assert words.split() == ["lighthouse"]
    assert [(c.measure, c.op, c.value) for c in found.conditions] == [
        ("phq9", ">=", 15), ("gad7", "<", 5)]
    assert split("phq9 is a word")[1].conditions == ()


def test_words_and_a_condition(services: Services) -> None:
    made = _vault_with_scores(services)
    results = services.search.search("lighthouse phq9>=15")
    assert results.message is None
    assert {h.session_id for h in results.hits} == {made[0].id, made[2].id, made[3].id}


def test_a_condition_alone_lists_the_sessions_and_honours_the_filters(
        services: Services) -> None:
    made = _vault_with_scores(services)
    robin = services.clients.by_code("RB-07")
    results = services.search.search("phq9>=15", SearchFilters(client_id=robin.id))
    assert [h.number for h in results.hits] == [3, 1]  # newest first
    both = services.search.search("phq9>=15 gad7<5")
    assert [h.session_id for h in both.hits] == [made[0].id]
    assert services.search.search("gad7>30").hits == ()
    too_many = services.search.search("phq9>1 phq9>2 phq9>3 phq9>4 phq9>5")
    assert too_many.message == "Use at most 4 measure conditions in one search."
