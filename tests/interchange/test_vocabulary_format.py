"""The vocabulary's members travel as the plain strings the format has always used."""

from __future__ import annotations

import json
from datetime import date

from db.interchange import dumps, export_document
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vault.vault import Vault
from db.vocabulary import Attendance, ClientStatus, GoalStatus, NoteKind, SessionKind


def test_every_word_is_exported_as_its_string(vault: Vault) -> None:
    services = Services.for_vault(vault)
    for status in ClientStatus:
        client = services.clients.create(ClientInput(code=f"VC-{status}", status=status)).value
    goal = services.clients.add_goal(client.id, "Keep the frame").value
    services.clients.review_goal(goal.id, date(2024, 5, 1), "", GoalStatus.ACHIEVED)
    for day, (kind, attendance) in enumerate(zip(SessionKind, Attendance, strict=False), 1):
        session = services.sessions.create(client.id, SessionInput(
            date(2024, 5, day), kind=kind, attendance=attendance)).value
        services.notes.save(session.id, NoteKind.PROGRESS, "Brief.", reason="manual")

    document = json.loads(dumps(export_document(vault.database)))

    assert sorted(c["status"] for c in document["clients"]) == ["active", "closed", "paused"]
    assert [g["status"] for g in document["goals"]] == ["achieved"]
    sessions = sorted(document["sessions"], key=lambda s: s["date"])
    assert [(s["kind"], s["attendance"]) for s in sessions] == [
        ("individual", "attended"), ("couple", "cancelled"), ("family", "no_show")]
    assert {r["kind"] for r in document["note_revisions"]} == {"progress"}
    assert all(type(c["status"]) is str for c in document["clients"])
