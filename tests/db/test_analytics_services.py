"""The analytics over marks and merges written by the themes services themselves."""

from __future__ import annotations

from datetime import date

from db.analytics.defenses import defensive_functioning
from db.analytics.dto import TimelineFilter
from db.analytics.grid import apply_filter
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.services.marks import MarkInput
from db.vault.vault import Vault
from tests.db.analytics_fixtures import Fixture


def test_marks_and_a_merge_made_through_the_services(services: Services, vault: Vault
                                                      ) -> None:
    with vault.database.write() as s:  # seeds the shipped taxonomy if the vault has none
        Fixture(s)
    ids = services.themes.ids_by_key()
    client = services.clients.create(ClientInput("SV-01")).value
    first = services.sessions.create(client.id, SessionInput(date(2025, 2, 3))).value
    second = services.sessions.create(client.id, SessionInput(date(2025, 2, 10))).value
    services.marks.add(first.id, MarkInput(ids["dmrs.denial"], 3))
    services.marks.add(first.id, MarkInput(ids["dmrs.humor"], 1))
    services.marks.add(second.id, MarkInput(ids["dmrs.projection"], 2))
    services.themes.merge(ids["dmrs.denial"], ids["dmrs.projection"])
    grid = apply_filter(services.analytics.timeline(client.id), TimelineFilter())
    assert [(r.key, [(c.column, c.intensity) for c in r.cells]) for r in grid.rows] == [
        ("dmrs.projection", [(0, 3), (1, 2)]), ("dmrs.humor", [(0, 1)])]
    # Session 1: projection (level 3, standing in for denial) and humor (7): (3 + 7) / 2.
    assert [p.odf for p in defensive_functioning(grid)] == [5.0, 3.0]
