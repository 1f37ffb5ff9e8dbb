"""Compare periods… in the timeline: the table shows what ``threadline compare --format
json`` prints for the same two periods, names the client and both ranges, and refuses a
period that ends before it begins without losing what it showed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from db.analytics.compare_rows import compare_lines
from db.services.hub import Services
from db.vault.vault import Vault
from desktop.__main__ import main
from desktop.gui.timeline.compare_dialog import CompareDialog
from desktop.gui.timeline.view import TimelineView
from tests.conftest import PASSPHRASE, make_vault
from tests.db.analytics_fixtures import Fixture

START = date(2025, 1, 6)
#: Sessions 1-6 weekly, a break of six weeks, then sessions 7-10 weekly.
DAYS = [START + timedelta(weeks=w) for w in (0, 1, 2, 3, 4, 5, 11, 12, 13, 14)]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cmp"
    vault, _ = make_vault(folder)
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("CP-02")
        ids = [f.session_on(client, n + 1, day) for n, day in enumerate(DAYS)]
        # Before the break: acting out (1) and denial (3) in 1-2; anxious (PRQ) in 1-3.
        f.mark(ids[0], "dmrs.acting_out", 2)
        f.mark(ids[1], "dmrs.denial", 3)
        for i in (0, 1, 2):
            f.mark(ids[i], "prq.anxious_preoccupied", 2)
        f.mark(ids[3], "ctq.positive", 1)
        f.episode(ids[0], "ccrt.w.be_loved", "ccrt.ro.rejecting", None,
                  other_kind="therapist")
        f.episode(ids[2], "ccrt.w.be_loved", "ccrt.ro.rejecting", None)
        # After: humor (7) and undoing (6) in 7, humor in 9; secure (PRQ) in 8 and 9.
        f.mark(ids[6], "dmrs.humor", 2)
        f.mark(ids[6], "dmrs.undoing", 1)
        f.mark(ids[8], "dmrs.humor", 3)
        f.mark(ids[7], "prq.secure_engaged", 2)
        f.mark(ids[8], "prq.secure_engaged", 1)
        f.episode(ids[7], "ccrt.w.be_close", "ccrt.ro.understanding", None,
                  other_kind="therapist")
    vault.close()
    return folder


def _cli(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
         first: str, second: str) -> dict[str, object]:
    secret = tmp_path / "pw"
    secret.write_text(PASSPHRASE + "\n")
    assert main(["compare", "--vault", str(folder), "--passphrase-file", str(secret),
                 "--client", "CP-02", "--period", first, "--period", second,
                 "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def opened(folder: Path) -> Iterator[Services]:
    vault = Vault.open(folder)
    vault.unlock(PASSPHRASE)
    yield Services.for_vault(vault)
    vault.close()


def _dialog(qtbot: QtBot, services: Services) -> tuple[TimelineView, CompareDialog]:
    view = TimelineView(services)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    client = services.clients.by_code("CP-02").id
    with qtbot.waitSignal(view.loaded):
        view.show_client(client)
    assert view.compare_button.isEnabled()
    qtbot.mouseClick(view.compare_button, Qt.MouseButton.LeftButton)
    dialog = view.compare_dialog
    assert dialog is not None
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.data is not None)
    return view, dialog


def test_the_table_shows_what_the_command_line_prints(
        qtbot: QtBot, folder: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    printed = _cli(folder, tmp_path, capsys, "2025-01-06..2025-02-10", "2025-03-24..2025-04-14")
    vault = Vault.open(folder)
    vault.unlock(PASSPHRASE)
    try:
        view, dialog = _dialog(qtbot, Services.for_vault(vault))
        dialog.preset.setCurrentIndex(1)  # before and after the longest break
        assert dialog.periods() == ((DAYS[0], DAYS[5]), (DAYS[6], DAYS[9]))
        with qtbot.waitSignal(dialog.compared):
            qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
        assert dialog.data == printed
        assert dialog.model.lines() == list(compare_lines(printed))
        shown = {(line.section, line.label.strip()): (line.first, line.second, line.difference)
                 for line in dialog.model.lines()}
        # Written from the definitions: before, (1 + 3) / 2 = 2 from 2 defenses; after,
        # under presence, humor (7) in two sessions and undoing (6) once: 20 / 3 = 6.67.
        assert shown[("ODF", "Overall defensive functioning")] == (
            "2.00 (n = 2)", "6.67 (n = 3)", "+4.67")
        assert shown[("Sessions", "Sessions seen")] == ("6", "4", "-2")
        assert shown[("DMRS levels", "7 High adaptive")][2] == "+67 pts"
        assert shown[("Most frequent PRQ", "Anxious/preoccupied")] == ("50%", "0%", "-50 pts")
        assert shown[("Most frequent PRQ", "Secure/engaged")] == ("0%", "50%", "+50 pts")
        assert shown[("CCRT with the therapist", "Wish")][:2] == (
            "To be loved and understood (100%)", "To be close and accepting (100%)")
        assert shown[("CCRT with others", "Wish")][:2] == (
            "To be loved and understood (100%)", "no episodes")
        assert shown[("CCRT", "Episodes")] == ("2 (fewer than 10)", "1 (fewer than 10)", "-1")
        # Every cell of the table is one of those lines, section headings between them.
        model = dialog.model
        texts = [[model.data(model.index(r, c)) for c in range(4)]
                 for r in range(model.rowCount())]
        assert [t for t in texts if t[1]] == [
            [f"    {x.label}", x.first, x.second, x.difference] for x in compare_lines(printed)]
        # It names the client and both ranges.
        assert "CP-02" in dialog.windowTitle()
        assert dialog.first_caption.text().startswith("First: 2025-01-06 to 2025-02-10: CP-02")
        assert dialog.second_caption.text().startswith("Second: 2025-03-24 to 2025-04-14: "
                                                       "CP-02")
        assert "presence per session" in dialog.rule.text()
        view.close()
    finally:
        vault.close()


def test_intake_and_now_and_a_reversed_period(qtbot: QtBot, opened: Services) -> None:
    view, dialog = _dialog(qtbot, opened)
    # The treatment spans 14 weeks, under six months: intake and now are its two halves.
    (a, b), (c, d) = dialog.periods()
    assert (a, d) == (DAYS[0], DAYS[9])
    assert c == b + timedelta(days=1)
    before = dialog.model.lines()
    assert before
    dialog.edits[0].setDate(QDate(2025, 4, 1))  # the first period now ends before it begins
    with qtbot.waitSignal(dialog.compared):
        dialog.compare_button.click()
    assert dialog.error.text() == "The first period ends before it begins."
    assert dialog.model.lines() == before  # what was shown stays
    view.close()
