"""The marks behind one timeline cell: what a click on it opens."""

from __future__ import annotations

import uuid

import pytest

from db.errors import NotFound
from db.models import Theme
from db.services.hub import Services
from db.vault.vault import Vault
from tests.db.analytics_fixtures import Fixture


def test_passages_come_in_note_order_and_merged_themes_count_as_their_target(
        vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("CM-01")
        session, other = f.sessions(client, 2)
        late = f.mark(session, "dmrs.humor", 2, passage=(300, "a joke about the weather"))
        early = f.mark(session, "dmrs.anticipation", 3, passage=(40, "planned the holiday"))
        f.mark(session, "dmrs.humor", 1)  # the whole session too
        f.mark(session, "dmrs.humor", 2, passage=(90, "words since deleted"), lost=True)
        f.mark(session, "prq.secure_engaged", 2, passage=(10, "another theme"))
        f.mark(other, "dmrs.humor", 3, passage=(5, "another session"))
        f.merge("dmrs.anticipation", "dmrs.humor")
        humor = f.themes["dmrs.humor"]
        color = s.get_one(Theme, humor).color
    marks = services.analytics.cell_marks(session, humor)
    assert (marks.client_id, marks.session_id, marks.theme_id) == (client, session, humor)
    assert (marks.theme_name, marks.theme_color) == ("Humor", color)
    assert [(p.mark_id, p.note_kind, p.anchor.start, p.anchor.text) for p in marks.passages] == [
        (early, "process", 40, "planned the holiday"),
        (late, "process", 300, "a joke about the weather")]
    # The session mark and the passage whose words are gone count for the whole session.
    assert marks.session_marks == 2
    # Asking for the merged theme shows the same cell: the one it counts for.
    assert services.analytics.cell_marks(session, f.themes["dmrs.anticipation"]) == marks


def test_a_theme_marked_on_the_whole_session_only_has_no_passages(
        vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        (session,) = f.sessions(f.client("CM-02"), 1)
        f.mark(session, "ctq.positive", 2)
    marks = services.analytics.cell_marks(session, f.themes["ctq.positive"])
    assert (marks.passages, marks.session_marks) == ((), 1)


def test_an_unknown_session_or_theme_is_not_found(vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        (session,) = f.sessions(f.client("CM-03"), 1)
    with pytest.raises(NotFound):
        services.analytics.cell_marks(uuid.uuid4(), f.themes["dmrs.humor"])
    with pytest.raises(NotFound):
        services.analytics.cell_marks(session, uuid.uuid4())
