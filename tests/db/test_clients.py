"""Client service: the caseload, treatment frame and goals."""

from __future__ import annotations

from datetime import date

import pytest

from db.errors import ValidationError
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services


def test_create_list_and_search(services: Services) -> None:
    services.clients.create(ClientInput(code="OAK", display_name="Márta Kovács"))
    services.clients.create(ClientInput(code="birch", display_name="Jonas Weber",
                                        status="paused"))
    assert [c.code for c in services.clients.list_clients()] == ["birch", "OAK"]
    assert [c.code for c in services.clients.list_clients(status="paused")] == ["birch"]
    assert [c.code for c in services.clients.list_clients(query="márta")] == ["OAK"]
    assert [c.code for c in services.clients.list_clients(query="WEB")] == ["birch"]


@pytest.mark.parametrize(("data", "field"), [
    (ClientInput(code="   "), "code"),
    (ClientInput(code="X" * 41), "code"),
    (ClientInput(code="A", status="gone"), "status"),
    (ClientInput(code="A", intake_date=date(2026, 5, 1), closing_date=date(2026, 4, 1)),
     "closing_date"),
    (ClientInput(code="A", planned_sessions=0), "planned_sessions"),
])
def test_invalid_client_saves_nothing(services: Services, data: ClientInput, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        services.clients.create(data)
    assert caught.value.field == field
    assert services.clients.list_clients() == []


def test_duplicate_codes_are_refused_case_insensitively(services: Services) -> None:
    first = services.clients.create(ClientInput(code="Lark")).value
    with pytest.raises(ValidationError, match="already has the code") as caught:
        services.clients.create(ClientInput(code="LARK"))
    assert caught.value.field == "code"
    other = services.clients.create(ClientInput(code="Finch")).value
    with pytest.raises(ValidationError):
        services.clients.update(other.id, ClientInput(code="lark"))
    services.clients.update(first.id, ClientInput(code="Lark", display_name="Renamed"))
    assert services.clients.get(first.id).display_name == "Renamed"


def test_close_and_reopen(services: Services) -> None:
    client = services.clients.create(ClientInput(code="ELM")).value
    closed = services.clients.set_status(client.id, "closed", on=date(2026, 6, 30)).value
    assert (closed.status, closed.closing_date) == ("closed", date(2026, 6, 30))
    reopened = services.clients.set_status(client.id, "active").value
    assert (reopened.status, reopened.closing_date) == ("active", None)


def test_frame_and_goals_with_dated_reviews(services: Services) -> None:
    client = services.clients.create(ClientInput(
        code="IVY", modality="fixed 16-session course", frequency="weekly",
        frame_start_date=date(2026, 2, 2), planned_sessions=16)).value
    goal = services.clients.add_goal(client.id, "Tolerate being alone in the evenings").value
    services.clients.review_goal(goal.id, date(2026, 3, 2), "Two calm evenings reported.",
                                 status="progressing")
    services.clients.review_goal(goal.id, date(2026, 4, 6), "Mostly manageable now.")
    loaded = services.clients.get(client.id)
    assert loaded.planned_sessions == 16
    assert loaded.goals[0].status == "progressing"
    assert [r.reviewed_on for r in loaded.goals[0].reviews] == [date(2026, 3, 2),
                                                                date(2026, 4, 6)]
    with pytest.raises(ValidationError):
        services.clients.add_goal(client.id, "  ")


def test_delete_client_removes_sessions_and_is_audited(services: Services) -> None:
    client = services.clients.create(ClientInput(code="ASH")).value
    services.sessions.create(client.id, SessionInput(date=date(2026, 1, 1)))
    services.clients.delete(client.id)
    assert services.clients.list_clients() == []
    assert services.audit.events(limit=1)[0].action == "delete"


def test_codes_with_accents_are_found_and_unique_in_any_case(services: Services) -> None:
    """SQLite's lower() folds ASCII only; codes like "Él-07" must still match "ÉL-07"."""
    client = services.clients.create(ClientInput(code="Él-07")).value
    assert services.clients.by_code("ÉL-07").id == client.id
    assert services.clients.by_code(" él-07 ").id == client.id
    with pytest.raises(ValidationError, match="already has the code"):
        services.clients.create(ClientInput(code="éL-07"))
    with pytest.raises(ValidationError, match="no client with the code"):
        services.clients.by_code("EL-07")


def test_the_client_filter_folds_case_beyond_ascii(services: Services) -> None:
    services.clients.create(ClientInput(code="ÖZ-3", display_name="Ágota Szép"))
    services.clients.create(ClientInput(code="oak", display_name="Ian Moss"))
    assert [c.code for c in services.clients.list_clients(query="ÁGOTA")] == ["ÖZ-3"]
    assert [c.code for c in services.clients.list_clients(query="öz")] == ["ÖZ-3"]
    assert [c.code for c in services.clients.list_clients()] == ["oak", "ÖZ-3"]
