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


def test_each_listed_session_shows_its_strongest_themes_first(services: Services) -> None:
    from db.services.marks import MarkInput
    from tests.db.themes_helpers import new_session, theme_id

    first, second = new_session(services, day=5), new_session(services, day=12)
    keys = ["dmrs.denial", "dmrs.humor", "dmrs.projection", "dmrs.isolation_of_affects",
            "dmrs.intellectualization", "dmrs.rationalization", "dmrs.omnipotence"]
    marks = [(first, MarkInput(theme_id(services, key), intensity))
             for key, intensity in zip(keys, (1, 3, 2, 2, 1, 1, 3), strict=True)]
    marks.append((first, MarkInput(theme_id(services, "dmrs.denial"), 3)))  # its strongest
    services.marks.add_many(marks)
    client = services.clients.by_code("WREN").id
    listed = {s.id: s for s in services.sessions.list_for_client(client)}
    chips = listed[first].chips
    assert len(chips) == 6
    assert [c.intensity for c in chips] == [3, 3, 3, 2, 2, 1]
    assert chips[0].name < chips[1].name < chips[2].name  # equals by name
    assert {c.name for c in chips[:3]} == {services.themes.theme(theme_id(services, k)).name
                                          for k in ("dmrs.denial", "dmrs.humor",
                                                    "dmrs.omnipotence")}
    assert listed[second].chips == ()
    assert services.sessions.get(first) == listed[first]


def test_the_lists_read_indexes_not_the_rows_that_hold_the_notes(services: Services,
                                                                 client_id: uuid.UUID) -> None:
    """The client list's counts and a session list's chips come from indexes alone: session
    rows carry the notes, so reading them would read every note's pages."""
    from sqlalchemy import event

    services.sessions.create(client_id, SessionInput(date=date(2026, 1, 5)))
    engine = services.sessions._vault.database.engine  # type: ignore[attr-defined]
    statements: list[tuple[str, object]] = []

    def seen(conn: object, cursor: object, statement: str, parameters: object,
             context: object, executemany: bool) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        services.clients.list_clients()
        services.sessions.list_for_client(client_id)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    plans = []
    with engine.connect() as conn:
        for statement, parameters in statements:
            if statement.lstrip().upper().startswith("SELECT"):
                plans += [row[3] for row in conn.exec_driver_sql(
                    f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()]  # type: ignore[arg-type]
    assert "SCAN therapy_session USING COVERING INDEX ix_therapy_session_client_id_date" in plans
    assert any(p.startswith("SEARCH mark USING COVERING INDEX ix_mark_session_id_theme_id")
               for p in plans)
    assert not any(p.startswith("SCAN therapy_session") and "COVERING" not in p for p in plans)
