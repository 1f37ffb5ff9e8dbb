"""The write pipeline on a real vault: order, superseding, one announcement, one error path."""

from __future__ import annotations

import threading
import uuid
from datetime import date
from typing import Any

from pytestqt.qtbot import QtBot

from db.errors import ValidationError
from db.services.dto import Changed, ClientInput, SessionInput
from db.services.hub import Services
from db.vault.vault import Vault
from desktop.gui.common.operations import Operation, OperationQueue


def queue_for(services: Services, heard: list[tuple[Any, object]]) -> OperationQueue:
    return OperationQueue(lambda: services, lambda changed, by: heard.append((changed, by)),
                          idle_s=0.05)


def session(services: Services) -> uuid.UUID:
    client = services.clients.create(ClientInput("WREN")).value
    return services.sessions.create(client.id, SessionInput(date(2026, 3, 2))).value.id


def test_operations_run_in_order_and_are_announced_once_with_their_initiator(
        qtbot: QtBot, services: Services) -> None:
    heard: list[tuple[Any, object]] = []
    queue = queue_for(services, heard)
    sid = session(services)
    view = object()
    done: list[str] = []
    for n in range(5):
        queue.submit(Operation(lambda s, n=n: s.notes.save(sid, "process", f"text {n}",
                                                             "manual"),
                               view, on_done=lambda note: done.append(note.process_note)))
    queue.drain()
    assert done == [f"text {n}" for n in range(5)]
    assert [by for _, by in heard] == [view] * 5
    assert all(sid in changed.sessions for changed, _ in heard)
    assert services.notes.load(sid).process_note == "text 4"
    queue.stop()


def test_a_queued_draft_or_autosave_is_dropped_by_the_next_write_of_its_note(
        qtbot: QtBot, services: Services, vault: Vault) -> None:
    heard: list[tuple[Any, object]] = []
    queue = queue_for(services, heard)
    sid = session(services)
    gate = threading.Event()
    queue.submit(Operation(lambda s: gate.wait(10)))  # the writer is busy meanwhile
    ran: list[str] = []
    key = ("note", sid, "process")
    for name, weight, droppable in (("draft", 0, True), ("autosave", 1, True),
                                    ("manual", 2, False), ("draft again", 0, True),
                                    ("close", 2, False)):
        queue.submit(Operation(lambda s, name=name: ran.append(name), key=key,
                               weight=weight, droppable=droppable))
    gate.set()
    queue.drain()
    assert ran == ["manual", "close"]  # each later write holds all the text
    queue.stop()


def test_a_refused_operation_reports_its_sentence_through_one_path(
        qtbot: QtBot, services: Services) -> None:
    queue = queue_for(services, [])
    failures: list[BaseException] = []
    queue.submit(Operation(lambda s: s.clients.create(ClientInput("")),
                           on_error=failures.append))
    with qtbot.waitSignal(queue.failed) as said:
        queue.submit(Operation(lambda s: s.clients.create(ClientInput(""))))
    assert isinstance(failures[0], ValidationError)
    assert said.args[0] == str(failures[0])
    with qtbot.waitSignal(queue.failed) as said:
        queue.submit(Operation(lambda s: 1 / 0))  # not a typed error: a calm sentence
    assert said.args[0] == "The change could not be written to the disk."
    assert [c.code for c in services.clients.list_clients()] == []
    queue.stop()


def test_idle_work_runs_once_writing_pauses_and_nothing_changed_announces_nothing(
        qtbot: QtBot, services: Services) -> None:
    heard: list[tuple[Any, object]] = []
    queue = queue_for(services, heard)
    idle = threading.Event()
    queue.idle_work = lambda s: idle.set()
    queue.submit(Operation(lambda s: Changed()))
    queue.drain()
    assert heard == []
    assert idle.wait(10)
    queue.stop()
