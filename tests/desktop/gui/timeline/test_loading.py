"""The timeline loads off the GUI thread: stale answers are dropped, hidden panels wait."""

from __future__ import annotations

import uuid

import shiboken6
from PySide6.QtCore import QEvent, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from db.services.hub import Services
from db.vault.vault import Vault
from desktop.gui.common.jobs import Jobs, every_jobs
from desktop.gui.timeline.view import LOADING, TimelineView
from tests.db.analytics_fixtures import Fixture


def _two_clients(vault: Vault) -> tuple[uuid.UUID, uuid.UUID]:
    with vault.database.write() as s:
        f = Fixture(s)
        first, second = f.client("LD-01"), f.client("LD-02")
        (a,) = f.sessions(first, 1)
        b1, b2 = f.sessions(second, 2)
        f.mark(a, "dmrs.humor", 2)
        f.mark(b1, "prq.secure_engaged", 3)
        f.mark(b2, "prq.secure_engaged", 1)
        s.flush()
        f.episode(b1, "ccrt.w.be_loved", "ccrt.ro.rejecting", "ccrt.rs.helpless")
    return first, second


def _view(qtbot: QtBot, services: Services) -> TimelineView:
    view = TimelineView(services)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_answer_for_a_client_left_meanwhile_is_dropped(
        qtbot: QtBot, services: Services, vault: Vault) -> None:
    first, second = _two_clients(vault)
    view = _view(qtbot, services)
    threads: list[QThread] = []
    shown: list[uuid.UUID] = []
    view.loaded.connect(lambda: threads.append(QThread.currentThread()))
    view.loaded.connect(lambda: shown.append(view.analytics.grid.client_id
                                             if view.analytics else uuid.UUID(int=0)))
    view.show_client(first)
    assert view.loading.text() == LOADING  # the work runs elsewhere; the view says so
    with qtbot.waitSignal(view.loaded):
        view.show_client(second)
    # the first client's answer arrives too (and is dropped)
    qtbot.waitUntil(lambda: not any(jobs.running() for jobs in every_jobs()))
    assert shown == [second]  # the first client's answer never reached the screen
    assert threads == [QApplication.instance().thread()]
    assert view.loading.text() == ""
    assert [r.name for r in view.strip.timeline.rows] == ["Secure/engaged"]


def test_a_view_closed_while_loading_takes_no_answer(
        qtbot: QtBot, services: Services, vault: Vault) -> None:
    first, _ = _two_clients(vault)
    jobs = Jobs()
    view = TimelineView(services, jobs=jobs)
    view.show_client(first)
    [job] = jobs.running()
    view.deleteLater()
    # Deleted now: processEvents() outside an event loop leaves a deferred delete pending,
    # and the answer could then reach the view that still existed (seen in a serial run).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(view)
    assert jobs.wait_all()
    qtbot.waitUntil(lambda: not job.running)  # the answer arrived for nobody; nothing raised
    assert not job.wanted
    jobs.shut_down()


def test_hidden_tabs_are_filled_when_shown(
        qtbot: QtBot, services: Services, vault: Vault) -> None:
    _, second = _two_clients(vault)
    view = _view(qtbot, services)
    with qtbot.waitSignal(view.loaded):
        view.show_client(second)
    assert view.recurrence_model.rowCount() == 1  # the tab in front is filled at once
    assert view.ccrt.ccrt_model.rowCount() == 0  # the CCRT tab waits until it is opened
    view.tabs.setCurrentWidget(view.ccrt)
    assert view.ccrt.ccrt_model.rowCount() == 3  # W, RO and RS of the one episode
    view.tabs.setCurrentWidget(view.co_occurrence)
    assert view.co_occurrence.matrix_model.rowCount() == 1  # secure/engaged, no CTQ
    # Without CTQ the pair the client has is computed next: let it land before the vault
    # closes (the measures beside the strip are read when it does).
    qtbot.waitUntil(lambda: not view.loader.busy)


def test_folded_charts_are_drawn_when_unfolded(
        qtbot: QtBot, services: Services, vault: Vault) -> None:
    first, _ = _two_clients(vault)
    view = _view(qtbot, services)
    view.chart_area.setSizes([600, 0])  # the clinician folds the charts away
    with qtbot.waitSignal(view.loaded):
        view.show_client(first)
    assert view.charts.points == ()
    view.chart_area.setSizes([400, 200])
    qtbot.waitUntil(lambda: len(view.charts.points) == 1)
    assert view.charts.points[0].odf == 7.0


def test_the_caseload_is_read_in_the_background_when_its_tab_is_opened(
        qtbot: QtBot, services: Services, vault: Vault) -> None:
    _two_clients(vault)
    view = _view(qtbot, services)
    assert view.caseload_model.rowCount() == 0
    view.tabs.setCurrentWidget(view.caseload)
    assert view.caseload.note.text() == LOADING
    qtbot.waitUntil(lambda: view.caseload_model.rowCount() == 2)  # humor, secure/engaged
    assert view.caseload.note.text().startswith("Themes marked with your active clients")
