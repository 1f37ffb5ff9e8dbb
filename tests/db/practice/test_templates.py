"""Note templates in a real vault: shipped ones, own ones, edits and their inverses,
per-client defaults, and new sessions that start from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from db.errors import NotFound, ValidationError
from db.interchange import dumps, export_document, import_document, read_bytes
from db.services.dto import ClientDTO, ClientInput, SessionInput
from db.services.hub import Services
from db.vault.vault import Vault
from tests.conftest import make_vault


def _client(services: Services, code: str = "RB-07") -> ClientDTO:
    return services.clients.create(ClientInput(code)).value


def test_shipped_templates_are_there_with_their_headings(services: Services) -> None:
    names = [t.name for t in services.templates.list()]
    assert names == ["Process note", "DAP", "SOAP", "BIRP"]
    process = services.templates.get("process.psychodynamic")
    for heading in ("Presentation and frame", "Content and associations", "Dreams",
                    "Transference", "Countertransference", "Defenses and resistance noticed",
                    "Interventions and response", "Plan"):
        assert f"{heading}:" in process.body
    assert [t.name for t in services.templates.list("progress")] == ["DAP", "SOAP", "BIRP"]


def test_editing_a_shipped_template_and_undoing_it(services: Services) -> None:
    result = services.templates.save("progress.soap", "SOAP short", "progress", "S:\nP:\n")
    edited = services.templates.get("progress.soap")
    assert (edited.name, edited.body, edited.edited) == ("SOAP short", "S:\nP:\n", True)
    redo = services.templates.apply(result.value.inverse).value.inverse  # undo
    assert services.templates.get("progress.soap").name == "SOAP"
    assert not services.templates.get("progress.soap").edited
    services.templates.apply(redo)  # redo
    assert services.templates.get("progress.soap").name == "SOAP short"


def test_own_template_create_delete_undo(services: Services) -> None:
    made = services.templates.create("Dreams first", "process", "Dream:\n")
    ref = made.value.ref
    assert ref is not None
    assert services.templates.get(ref).name == "Dreams first"
    gone = services.templates.delete(ref)
    with pytest.raises(NotFound):
        services.templates.get(ref)
    services.templates.apply(gone.value.inverse)  # undo the delete: same id again
    assert services.templates.get(ref).body == "Dream:\n"
    hidden = services.templates.delete("progress.birp")
    assert "BIRP" not in [t.name for t in services.templates.list()]
    services.templates.apply(hidden.value.inverse)
    assert "BIRP" in [t.name for t in services.templates.list()]


@pytest.mark.parametrize(("name", "kind", "body", "sentence"), [
    ("  ", "process", "", "Give the template a name."),
    ("x" * 121, "process", "", "A template's name can have at most 120 characters."),
    ("Mine", "record", "", "A template is for the process note or the progress note."),
    ("Mine", "process", "y" * 20_001, "A template can hold at most 20,000 characters."),
])
def test_bad_templates_are_refused_in_one_sentence_and_change_nothing(
        services: Services, vault: Vault, name: str, kind: str, body: str,
        sentence: str) -> None:
    before = export_document(vault.database)
    with pytest.raises(ValidationError) as caught:
        services.templates.create(name, kind, body)
    assert str(caught.value) == sentence
    after = export_document(vault.database)
    assert {**before, "exported_at": ""} == {**after, "exported_at": ""}


def test_a_new_session_starts_from_the_clients_defaults(services: Services) -> None:
    robin, kit = _client(services), _client(services, "KL-12")
    own = services.templates.create("Short", "process", "Frame:\n\nDreams:\n").value.ref
    assert own is not None
    services.templates.set_default(robin.id, "process", own)
    services.templates.set_default(robin.id, "progress", "progress.dap")
    first = services.sessions.create(robin.id, SessionInput(date(2026, 3, 2))).value
    note = services.notes.load(first.id)
    assert note.process_note == "Frame:\n\nDreams:\n"
    assert note.progress_note.startswith("Data:")
    other = services.sessions.create(kit.id, SessionInput(date(2026, 3, 2))).value
    assert services.notes.load(other.id).process_note == ""
    # a default whose template was deleted gives an empty note, not an error
    services.templates.delete(own)
    later = services.sessions.create(robin.id, SessionInput(date(2026, 3, 9))).value
    assert services.notes.load(later.id).process_note == ""
    undo = services.templates.set_default(robin.id, "progress", None)
    assert "progress" not in services.templates.defaults(robin.id)
    services.templates.apply(undo.value.inverse)
    assert services.templates.defaults(robin.id)["progress"] == "progress.dap"


def test_default_must_name_a_template(services: Services) -> None:
    robin = _client(services)
    with pytest.raises(NotFound):
        services.templates.set_default(robin.id, "process", "no-such")
    assert services.templates.defaults(robin.id) == {}


def test_templates_travel_in_the_interchange_format(services: Services, vault: Vault,
                                                    tmp_path: Path) -> None:
    robin = _client(services)
    own = services.templates.create("Mine", "process", "Träume:\n").value.ref
    assert own is not None
    services.templates.set_default(robin.id, "process", own)
    services.templates.save("progress.dap", "DAP+", "progress", "D:\nA:\nP:\n")
    data = dumps(export_document(vault.database))
    other, _ = make_vault(tmp_path / "other")
    try:
        import_document(other.database, read_bytes(data))
        there = Services.for_vault(other)
        assert there.templates.get(own).body == "Träume:\n"
        assert there.templates.get("progress.dap").name == "DAP+"
        moved = there.clients.by_code("RB-07")
        assert there.templates.defaults(moved.id) == {"process": own}
    finally:
        other.close()


def test_an_export_from_before_templates_still_reads(services: Services, vault: Vault) -> None:
    import json

    document = json.loads(dumps(export_document(vault.database)))
    for name in ("note_templates", "client_templates", "measure_scales", "measure_scores"):
        del document[name]
    read = read_bytes(json.dumps(document).encode())
    assert read.rows["note_templates"] == []
