"""Session service: numbering, validation, listing newest first."""

from __future__ import annotations

import uuid
from datetime import date, time

import pytest

from db.errors import ValidationError
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services


@pytest.fixture
def client_id(services: Services) -> uuid.UUID:
    return services.clients.create(ClientInput(code="MOSS")).value.id


def test_numbers_follow_on_and_list_is_newest_first(services: Services,
                                                    client_id: uuid.UUID) -> None:
    for day in (5, 12, 19):
        services.sessions.create(client_id, SessionInput(date=date(2026, 1, day)))
    sessions = services.sessions.list_for_client(client_id)
    assert [s.number for s in sessions] == [3, 2, 1]
    assert services.sessions.next_number(client_id) == 4
    assert services.clients.get(client_id).session_count == 3


def test_same_number_twice_is_refused(services: Services, client_id: uuid.UUID) -> None:
    services.sessions.create(client_id, SessionInput(date=date(2026, 1, 5), number=7))
    with pytest.raises(ValidationError, match="already has a session number 7") as caught:
        services.sessions.create(client_id, SessionInput(date=date(2026, 1, 6), number=7))
    assert caught.value.field == "number"
    assert len(services.sessions.list_for_client(client_id)) == 1


@pytest.mark.parametrize(("data", "field"), [
    (SessionInput(date=date(1850, 1, 1)), "date"),
    (SessionInput(date=date(2026, 1, 1), duration_minutes=-5), "duration_minutes"),
    (SessionInput(date=date(2026, 1, 1), kind="telepathic"), "kind"),
    (SessionInput(date=date(2026, 1, 1), attendance="maybe"), "attendance"),
    (SessionInput(date=date(2026, 1, 1), number=0), "number"),
])
def test_invalid_sessions_save_nothing(services: Services, client_id: uuid.UUID,
                                      data: SessionInput, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        services.sessions.create(client_id, data)
    assert caught.value.field == field
    assert services.sessions.list_for_client(client_id) == []


def test_edit_session(services: Services, client_id: uuid.UUID) -> None:
    created = services.sessions.create(client_id, SessionInput(date=date(2026, 1, 5))).value
    services.sessions.update(created.id, SessionInput(
        date=date(2026, 1, 6), start_time=time(17, 30), duration_minutes=45, kind="couple",
        attendance="no_show"))
    loaded = services.sessions.get(created.id)
    assert (loaded.date, loaded.start_time, loaded.duration_minutes, loaded.kind,
            loaded.attendance, loaded.number) == (date(2026, 1, 6), time(17, 30), 45, "couple",
                                                  "no_show", 1)
