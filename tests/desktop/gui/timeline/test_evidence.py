"""The evidence behind each ODF point: its size and tooltip give the n, points below the
vault's minimum are greyed, points on one defense hollow; the scoring is chosen in the
view and stored as a vault setting."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from db.analytics.choices import Choices
from db.services.hub import Services
from db.vault.vault import Vault
from db.vocabulary import OdfScoring
from desktop.gui.common import dialogs
from desktop.gui.timeline.defenses_chart import SPARSE
from desktop.gui.timeline.view import TimelineView
from tests.db.analytics_fixtures import Fixture


@pytest.fixture
def client(vault: Vault) -> uuid.UUID:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("EV-01")
        one = f.session_on(client, 1, date(2025, 1, 6))
        two = f.session_on(client, 2, date(2025, 1, 13))
        three = f.session_on(client, 3, date(2025, 1, 20))
        f.mark(one, "dmrs.humor", 2)  # one defense: hollow, below a minimum of 2
        for key in ("dmrs.humor", "dmrs.denial", "dmrs.undoing"):
            f.mark(two, key, 2)  # three defenses
        f.mark(three, "dmrs.acting_out", 3)
        f.mark(three, "dmrs.acting_out", 1, passage=(0, "left early"))
        f.mark(three, "dmrs.repression", 1)
    return client


def _view(qtbot: QtBot, services: Services, client: uuid.UUID) -> TimelineView:
    view = TimelineView(services)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.loaded):
        view.show_client(client)
    return view


def test_points_show_their_n(qtbot: QtBot, services: Services, client: uuid.UUID) -> None:
    view = _view(qtbot, services, client)
    spots = view.charts._odf.points()
    assert len(spots) == 3
    sizes = [spot.size() for spot in spots]
    assert sizes[0] < sizes[2] < sizes[1]  # 1, 2 and 3 defenses
    assert spots[0].brush().color().alpha() == 0  # one defense: hollow
    assert spots[1].brush().color() != SPARSE
    tip = spots[1].data()
    # Session 2: humor (7), denial (3), undoing (6): (7 + 3 + 6) / 3 = 5.33 from 3.
    assert "Session 2" in tip
    assert "ODF 5.33 from 3 defenses" in tip
    # Rolling over sessions 1-2 pools 7 | 7, 3, 6: 23 / 4 = 5.75 from 4 defenses.
    assert "Rolling 5.75 from 4 defenses" in tip
    title = view.charts.odf_plot.titleLabel.text
    # Pooled: 7 + (7 + 3 + 6) + (1 + 5) = 29 over 6 pairs = 4.83.
    assert "overall 4.83 (n = 6)" in title
    assert "EV-01" in title
    assert "sessions 1–3" in title


def test_a_higher_minimum_greys_points_and_the_choice_is_offered_to_store(
        qtbot: QtBot, services: Services, client: uuid.UUID) -> None:
    view = _view(qtbot, services, client)
    with qtbot.waitSignal(view.loaded), qtbot.waitSignal(view.choices_changed) as asked:
        view.scoring_bar.minimum.setValue(3)
    assert asked.args == [Choices(OdfScoring.PRESENCE, 3)]
    assert [p.sparse for p in view.analytics.defenses] == [True, False, True]
    spots = view.charts._odf.points()
    assert spots[2].brush().color() == SPARSE
    with qtbot.waitSignal(view.loaded):
        view.scoring_bar.scoring.setCurrentIndex(
            view.scoring_bar.scoring.findData(OdfScoring.OCCURRENCES.value))
    assert view.analytics is not None
    # Occurrences, session 3: acting out twice (1 · 2) and repression once (5): 7 / 3.
    assert view.analytics.defenses[2].odf == pytest.approx(7 / 3)
    assert "occurrences" in view.charts.odf_plot.titleLabel.text


def test_the_view_opens_with_the_vault_setting(
        qtbot: QtBot, services: Services, client: uuid.UUID) -> None:
    services.settings.update(odf_scoring="intensity")
    view = _view(qtbot, services, client)
    # The view opens with the vault's setting.
    assert view.scoring_bar.choices().scoring is OdfScoring.INTENSITY
    assert view.analytics is not None
    assert view.analytics.choices.scoring is OdfScoring.INTENSITY


def test_the_profile_tab_lists_levels_then_their_defenses(
        qtbot: QtBot, qtmodeltester: ModelTester, services: Services, client: uuid.UUID
) -> None:
    view = _view(qtbot, services, client)
    view.tabs.setCurrentWidget(view.profile)
    model = view.profile.profile_model
    assert model.rowCount() == 37  # 7 levels and 30 defenses
    texts = [model.text(row, 0).strip() for row in model.rows]
    assert texts[0] == "High adaptive"
    # Presence over the 3 sessions: 6 (session, defense) pairs; level 7: humor twice = 2/6.
    assert model.text(model.rows[0], 3) == "33%"
    assert model.text(model.rows[0], 2) == "2"
    humor = next(r for r in model.rows if r.theme and r.theme.key == "dmrs.humor")
    assert model.text(humor, 3) == "33%"
    assert "EV-01" in view.profile.caption.text()
    level_shares = [model.text(r, 3) for r in model.rows if r.theme is None]
    # Levels 7..1: humor 2; undoing 1; repression 1; none; denial 1; none; acting out 1.
    assert level_shares == ["33%", "17%", "17%", "0%", "17%", "0%", "17%"]
    qtmodeltester.check(model)


def test_the_ccrt_tab_sets_the_therapist_beside_others_and_says_ties_and_few(
        qtbot: QtBot, services: Services, vault: Vault) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("EV-02")
        one, two = f.sessions(client, 2)
        f.episode(one, "ccrt.w.be_close", None, None, other_kind="therapist")
        f.episode(two, "ccrt.w.be_loved", None, None)
        f.episode(two, "ccrt.w.be_distant", None, None)
    view = _view(qtbot, services, client)
    view.tabs.setCurrentWidget(view.ccrt)
    text = view.ccrt.summary_label.text()
    assert "With the therapist (1): Wish: <b>To be close and accepting</b>" in text
    # With others: loved 1/2 and distant 1/2, a tie said as one.
    assert ("With others (2): Wish: <b>To be loved and understood</b> = "
            "<b>To be distant and avoid conflicts</b> (a tie) (50%)") in text
    assert "fewer than 10 episodes" in text
    assert "EV-02" in view.ccrt.caption.text()


def test_the_case_summary_is_saved_from_the_view(
        qtbot: QtBot, services: Services, client: uuid.UUID, tmp_path: Path) -> None:
    view = _view(qtbot, services, client)
    target = tmp_path / "summary.pdf"
    with dialogs.answering(("save_file", target), ("confirm", True)):
        view.export_summary()
    assert target.read_bytes().startswith(b"%PDF")
