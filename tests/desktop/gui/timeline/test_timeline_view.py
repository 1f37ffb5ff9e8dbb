"""The timeline view driven like a clinician would: click, hover, filter, fold, switch axis."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.analytics.tables import grid_table
from db.services.hub import Services
from db.vault.vault import Vault
from desktop.gui.common import dialogs
from desktop.gui.timeline.export import UNENCRYPTED_WARNING
from desktop.gui.timeline.layout import XMode
from desktop.gui.timeline.view import TimelineView
from tests.db.analytics_fixtures import Fixture


@pytest.fixture
def client(vault: Vault) -> dict[str, uuid.UUID]:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("VW-04")
        s1 = f.session_on(client, 1, date(2025, 1, 6))
        s2 = f.session_on(client, 2, date(2025, 1, 13))
        s3 = f.session_on(client, 3, date(2025, 3, 3))  # after a seven-week break
        f.mark(s1, "dmrs.humor", 3,
               passage=(40, "She joked that the waiting room felt like a dentist's"))
        f.mark(s2, "prq.anxious_preoccupied", 1)
        f.mark(s3, "dmrs.humor", 2)
        f.mark(s3, "process.resistance", 1)
        f.archive("process.resistance")
    return {"client": client, "s1": s1, "s2": s2, "s3": s3, "humor": f.themes["dmrs.humor"]}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def _view(qtbot: QtBot, services: Services) -> TimelineView:
    view = TimelineView(services)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def _show(qtbot: QtBot, view: TimelineView, client_id: uuid.UUID) -> None:
    """Choose a client and wait until the view shows it (it loads off the GUI thread)."""
    with qtbot.waitSignal(view.loaded):
        view.show_client(client_id)


def _display_row(view: TimelineView, name: str) -> int:
    return next(i for i, r in enumerate(view.strip.rows) if r.label == name)


def test_a_click_on_a_cell_asks_for_that_session_and_theme(
        qtbot: QtBot, services: Services, client: dict[str, uuid.UUID]) -> None:
    view = _view(qtbot, services)
    _show(qtbot, view, client["client"])
    row = _display_row(view, "Humor")
    with qtbot.waitSignal(view.session_requested) as signal:
        qtbot.mouseClick(view.strip.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.strip.view_point(2, row))
    assert signal.args == [client["s3"], client["humor"]]


def test_a_click_on_an_empty_cell_opens_nothing_and_a_header_folds_its_group(
        qtbot: QtBot, services: Services, client: dict[str, uuid.UUID]) -> None:
    view = _view(qtbot, services)
    _show(qtbot, view, client["client"])
    emitted: list[object] = []
    view.session_requested.connect(lambda *a: emitted.append(a))
    humor = _display_row(view, "Humor")
    qtbot.mouseClick(view.strip.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.strip.view_point(1, humor))
    assert emitted == []
    rows_before = len(view.strip.rows)
    with qtbot.waitSignal(view.strip.collapsed_changed):
        qtbot.mouseClick(view.strip.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.strip.view_point(0, 0))
    assert len(view.strip.rows) == rows_before - 1
    assert view.strip.rows[0].label.startswith("▸ DEFENSES")
    assert "Humor" in view.strip.tooltip_at(0, 0)


def test_hover_text_names_date_theme_intensity_and_passage(
        qtbot: QtBot, services: Services, client: dict[str, uuid.UUID]) -> None:
    view = _view(qtbot, services)
    _show(qtbot, view, client["client"])
    text = view.strip.tooltip_at(_display_row(view, "Humor"), 0)
    assert text == ("Session 1 · 6 Jan 2025\nHumor — intensity 3 of 3\n"
                    "1 marked passage: “She joked that the waiting room felt like a dentist's”")
    assert view.strip.tooltip_at(_display_row(view, "Humor"), 1).endswith("Humor: not marked")


def test_filters_change_the_grid_and_the_panels(
        qtbot: QtBot, services: Services, client: dict[str, uuid.UUID]) -> None:
    view = _view(qtbot, services)
    _show(qtbot, view, client["client"])
    assert view.analytics is not None
    assert [r.name for r in view.analytics.grid.rows] == ["Humor", "Anxious/preoccupied"]
    with qtbot.waitSignal(view.loaded):
        view.filters.archived.setChecked(True)
    assert "Resistance" in [r.name for r in view.analytics.grid.rows]
    with qtbot.waitSignal(view.loaded):
        view.filters.min_intensity.setCurrentIndex(1)  # intensity ≥ 2
    assert [r.name for r in view.analytics.grid.rows] == ["Humor"]
    assert view.recurrence_model.rowCount() == 1
    # Panels keep every row of the chosen sessions: ODF of session 3 is humor alone.
    assert [p.odf for p in view.analytics.defenses] == [7.0, None, 7.0]


def test_the_date_axis_leaves_the_break_empty(
        qtbot: QtBot, services: Services, client: dict[str, uuid.UUID]) -> None:
    view = _view(qtbot, services)
    _show(qtbot, view, client["client"])
    with qtbot.waitSignal(view.loaded):
        view.filters.x_mode.setCurrentIndex(1)
    assert view.strip.mode is XMode.DATE
    scale = view.strip.scale_x
    week = 7 * 86_400
    assert scale.column_at(scale.starts[1] + 3 * 86_400) == 1
    assert scale.column_at(scale.starts[1] + week + 86_400) is None  # inside the break
    assert scale.column_at(scale.starts[2] + 86_400) == 2
    row = _display_row(view, "Humor")
    with qtbot.waitSignal(view.session_requested) as signal:
        qtbot.mouseClick(view.strip.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.strip.view_point(0, row))
    assert signal.args[0] == client["s1"]


def test_no_defenses_marked_shows_not_enough_data(
        qtbot: QtBot, services: Services, vault: Vault) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("VW-05")
        (s1,) = f.sessions(client, 1)
        f.mark(s1, "ctq.positive", 2)
    view = _view(qtbot, services)
    _show(qtbot, view, client)
    assert view.analytics is not None
    assert [p.odf for p in view.analytics.defenses] == [None]
    assert view.charts.empty_message_visible()


def test_an_empty_client_and_an_unknown_client_explain_themselves(
        qtbot: QtBot, services: Services, vault: Vault) -> None:
    with vault.database.write() as s:
        client = Fixture(s).client("VW-06")
    view = _view(qtbot, services)
    _show(qtbot, view, client)
    assert view.empty.isVisible()
    _show(qtbot, view, uuid.uuid4())
    assert view.empty.text() == "That item no longer exists."


def test_exports_go_only_where_chosen_after_the_warning(
        qtbot: QtBot, services: Services, client: dict[str, uuid.UUID], out: Path) -> None:
    view = _view(qtbot, services)
    _show(qtbot, view, client["client"])
    with dialogs.answering(("save_file", out / "chosen.csv"), ("confirm", True)):
        view.export_table("timeline-grid", lambda a: grid_table(a.grid, a.defenses))
    assert [a.kind for a in dialogs.asked()] == ["save_file", "confirm"]
    assert dialogs.asked()[1].text == UNENCRYPTED_WARNING
    text = (out / "chosen.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("session,date,theme_key,theme")
    assert text.splitlines()[1].startswith(
        "1,2025-01-06,dmrs.humor,Humor,Defenses (DMRS),3,1,1,1,1,7")  # marks 1, passages 1, n 1
    for kind, magic in (("png", b"\x89PNG"), ("pdf", b"%PDF")):
        with dialogs.answering(("save_file", out / f"chosen.{kind}"), ("confirm", True)):
            view.export_image(kind)
        assert (out / f"chosen.{kind}").read_bytes().startswith(magic)
    assert sorted(p.name for p in out.iterdir()) == ["chosen.csv", "chosen.pdf", "chosen.png"]


def test_a_declined_warning_or_a_cancel_writes_nothing(
        qtbot: QtBot, services: Services, client: dict[str, uuid.UUID], out: Path) -> None:
    view = _view(qtbot, services)
    _show(qtbot, view, client["client"])
    with dialogs.answering(("save_file", out / "no.png"), ("confirm", False)):
        view.export_image("png")
    with dialogs.answering(("save_file", None)):
        view.export_caseload()
    assert list(out.iterdir()) == []


def test_an_unwritable_folder_is_one_sentence_and_no_file(
        qtbot: QtBot, services: Services, client: dict[str, uuid.UUID], out: Path) -> None:
    view = _view(qtbot, services)
    _show(qtbot, view, client["client"])
    with dialogs.answering(("save_file", out / "missing" / "grid.csv"), ("confirm", True)):
        view.export_caseload()
    assert dialogs.asked()[-1].kind == "warning"
    assert dialogs.asked()[-1].text == "The file could not be written: No such file or directory."
    assert list(out.iterdir()) == []


def test_every_row_in_view_is_named_and_the_rest_scroll(
        qtbot: QtBot, vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        crowded = f.client("MANY-1")
        session = f.session_on(crowded, 1, date(2025, 1, 6))
        keys = sorted(k for k in f.themes if k.startswith("dmrs."))
        for key in keys:
            f.mark(session, key, 2)
    view = _view(qtbot, services)
    view.resize(1400, 420)
    _show(qtbot, view, crowded)
    strip = view.strip
    left = strip.getPlotItem().getAxis("left")

    def named() -> dict[float, str]:
        return dict(left._tickLevels[0])  # row centres, in rows

    rows = len(strip.rows)
    box = strip.getPlotItem().getViewBox()
    y0, y1 = box.viewRange()[1]
    per_row = box.height() / (y1 - y0)
    # A short strip shows fewer rows, each tall enough for its name, and scrolls.
    assert y1 - y0 < rows
    assert per_row >= strip._label_height
    assert strip.rows_bar.isVisible()
    assert sorted(named()) == [i + 0.5 for i in range(rows)]  # every row has its name
    assert [named()[i + 0.5].strip() for i in range(rows)] == [r.label for r in strip.rows]
    box.setYRange(0, rows, padding=0)  # zooming out never shows more than fit with names
    y0, y1 = box.viewRange()[1]
    assert y1 - y0 <= strip.rows_that_fit() + 1e-6
    strip.rows_bar.setValue(strip.rows_bar.maximum())  # scrolled to the end
    assert box.viewRange()[1][1] == pytest.approx(rows)
    view.resize(1400, 1400)  # room for every row: nothing to scroll
    qtbot.waitUntil(lambda: not strip.rows_bar.isVisible())


def test_the_filter_row_never_makes_the_window_wider_than_a_laptop_screen(
        qtbot: QtBot, services: Services, client: dict[str, uuid.UUID]) -> None:
    """At 1366 pixels the timeline sits beside the marks panel: its filters scroll rather
    than push the window past the screen's edge."""
    view = _view(qtbot, services)
    _show(qtbot, view, client["client"])
    qtbot.wait(100)
    view.layout().activate()
    assert view.minimumSizeHint().width() <= 900
    assert view.filters.isVisible()
