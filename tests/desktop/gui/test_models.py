"""Every item model of the workspace passes Qt's model tester, with and without rows."""

from __future__ import annotations

import uuid
from datetime import date

from pytestqt.modeltest import ModelTester

from db.services.dto import ClientDTO, SessionDTO, ThemeChip
from desktop.gui.workspace.clients_model import ClientColumn, ClientFilter, ClientsModel
from desktop.gui.workspace.sessions_model import SessionColumn, SessionsModel


def client(code: str, name: str, status: str = "active") -> ClientDTO:
    return ClientDTO(uuid.uuid4(), code, name, status, None, None, "", "", None, None, "",
                     3, date(2026, 3, 9))


def session(number: int, day: int, chips: tuple[ThemeChip, ...] = ()) -> SessionDTO:
    return SessionDTO(uuid.uuid4(), uuid.uuid4(), number, date(2026, 3, day), None, 50,
                      "individual", "attended", None, True, chips)


def test_clients_model(qtmodeltester: ModelTester) -> None:
    model = ClientsModel()
    qtmodeltester.check(model)
    model.set_rows([client("RB-07", "Robin Example"), client("KL-12", "Kit Lorem", "paused")])
    qtmodeltester.check(model)
    assert model.index(0, ClientColumn.NAME).data() == ""
    model.set_privacy(False)
    assert model.index(0, ClientColumn.NAME).data() == "Robin Example"
    qtmodeltester.check(model)


def test_client_filter(qtmodeltester: ModelTester) -> None:
    model = ClientsModel()
    model.set_rows([client("RB-07", "Robin Example"), client("KL-12", "Kit Lorem", "paused")])
    proxy = ClientFilter()
    proxy.setSourceModel(model)
    proxy.set_statuses(frozenset({"paused"}))
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1
    proxy.set_statuses(frozenset())
    proxy.set_text("kl")
    assert proxy.rowCount() == 1
    qtmodeltester.check(proxy)


def test_sessions_model(qtmodeltester: ModelTester) -> None:
    model = SessionsModel()
    qtmodeltester.check(model)
    chip = ThemeChip(uuid.uuid4(), "Idealization", "#c0504d", 2)
    model.set_rows([session(1, 2), session(3, 16, (chip,)), session(2, 9)])
    qtmodeltester.check(model)
    assert [model.index(r, SessionColumn.NUMBER).data() for r in range(3)] == [3, 2, 1]
    assert model.index(0, SessionColumn.THEMES).data(SessionsModel.ChipsRole) == (chip,)
    assert model.index(0, SessionColumn.THEMES).data() == "Idealization"


def test_the_caseload_and_the_sessions_list_write_a_date_alike() -> None:
    clients, sessions = ClientsModel(), SessionsModel()
    clients.set_rows([client("RB-07", "Robin Example")])  # last session 9 March 2026
    sessions.set_rows([session(1, 9)])
    assert clients.index(0, ClientColumn.LAST).data() == "9 Mar 2026"
    assert sessions.index(0, SessionColumn.DATE).data() == "9 Mar 2026"
