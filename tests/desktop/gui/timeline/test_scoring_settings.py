"""Settings ▸ Timeline: the ODF scoring and the minimum n are chosen in the Settings
dialog, stored in the vault, the timeline redraws at once, and its exports name the rule."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from db.analytics.scoring import SCORING_NAMES
from db.analytics.summary import case_summary
from db.vocabulary import OdfScoring
from desktop.gui.settings_dialog import SettingsDialog
from desktop.gui.timeline.settings_group import EXPLANATIONS, MINIMUM_EXPLANATION
from tests.conftest import make_vault
from tests.db.analytics_fixtures import Fixture
from tests.desktop.gui.timeline.test_install import _timeline, _window


@pytest.fixture
def client(vault_dir: Path) -> uuid.UUID:
    vault, _ = make_vault(vault_dir)
    try:
        with vault.database.write() as s:
            f = Fixture(s)
            client = f.client("SC-01")
            first = f.session_on(client, 1, date(2025, 2, 3))
            second = f.session_on(client, 2, date(2025, 2, 10))
            # Humor (7) at 3 on the session and on a passage, acting out (1) at 1.
            f.mark(first, "dmrs.humor", 3)
            f.mark(first, "dmrs.humor", 3, passage=(0, "laughed at the long wait"))
            f.mark(first, "dmrs.acting_out", 1)
            f.mark(second, "dmrs.repression", 2)  # one defense: below a minimum of 2
    finally:
        vault.close()
    return client


def test_scoring_and_minimum_are_set_in_settings_and_the_timeline_follows(
        qtbot: QtBot, vault_dir: Path, tmp_path: Path, client: uuid.UUID) -> None:
    window = _window(qtbot, vault_dir, tmp_path)
    view = _timeline(qtbot, window, client)
    assert view.analytics is not None
    # Presence: (7 + 1) / 2 = 4; session 2 rests on one defense, below the minimum of 2.
    assert [(p.odf, p.sparse) for p in view.analytics.defenses] == [(4.0, False), (5.0, True)]

    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    group = dialog.scoring
    assert group.buttons["presence"].isChecked()
    assert group.minimum.value() == 2
    for value, label in group.explanations.items():  # one line under each choice
        assert label.text() == EXPLANATIONS[value]
    assert group.minimum_explanation.text() == MINIMUM_EXPLANATION
    button = group.buttons["occurrences"]  # clicked on its indicator
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert group.buttons["occurrences"].isChecked()
    group.minimum.setValue(1)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stored = window.context.services.settings.load()
    assert (stored.odf_scoring, stored.odf_min_defenses) == ("occurrences", 1)

    # The timeline redraws without being asked: occurrences, (7·2 + 1) / 3 = 5.
    qtbot.waitUntil(lambda: view.analytics is not None
                    and view.analytics.choices.scoring is OdfScoring.OCCURRENCES)
    analytics = view.analytics
    assert analytics.choices.min_defenses == 1
    assert [(p.odf, p.sparse) for p in analytics.defenses] == [(5.0, False), (5.0, False)]
    assert view.scoring_bar.scoring.currentData() == "occurrences"
    assert view.scoring_bar.minimum.value() == 1
    # Every export names the rule: the chart (PNG and PDF), the CSV tables with an ODF,
    # the one-page summary.
    assert SCORING_NAMES[OdfScoring.OCCURRENCES] in view.charts.odf_plot.titleLabel.text
    for _label, name, build in view._csv_tables()[:2]:
        header, rows = build(analytics)
        assert header[-1] == "scoring", name
        assert {row[-1] for row in rows} == {"occurrences"}, name
    summary = case_summary(analytics, window.context.services.clients.get(client))
    assert summary["scoring"] == "occurrences"
    assert "every session mark and passage mark" in summary["odf_rule"]

    # Back to presence from the dialog: the view follows again.
    window.open_settings()
    dialog = window.settings_dialog
    qtbot.waitExposed(dialog)
    assert dialog.scoring.buttons["occurrences"].isChecked()
    dialog.scoring.buttons["intensity"].click()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: view.analytics is not None
                    and view.analytics.choices.scoring is OdfScoring.INTENSITY)
    # Intensity-weighted: (7·3 + 1·1) / 4 = 5.5.
    assert view.analytics.defenses[0].odf == 5.5


def test_the_choices_are_named_as_written_and_explained_in_one_line(
        qtbot: QtBot, vault_dir: Path, tmp_path: Path, client: uuid.UUID) -> None:
    window = _window(qtbot, vault_dir, tmp_path)
    window.open_settings()
    dialog = window.settings_dialog
    qtbot.waitExposed(dialog)
    group = dialog.scoring
    assert group.buttons["occurrences"].text() == "Occurrences (transcript DMRS)"
    for label in (*group.explanations.values(), group.minimum_explanation):
        assert not label.wordWrap()
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()
        assert label.height() >= label.fontMetrics().height()
