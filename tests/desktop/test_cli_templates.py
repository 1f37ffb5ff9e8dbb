"""``threadline templates`` on a real vault: list, add, edit, default, and refusals."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from db.interchange import export_document
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vault.vault import Vault
from desktop.__main__ import main
from tests.conftest import PASSPHRASE, make_vault


@pytest.fixture
def cli_vault(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "vault"
    vault, _ = make_vault(folder)
    Services.for_vault(vault).clients.create(ClientInput("RB-07"))
    vault.close()
    secret = tmp_path / "pw"
    secret.write_text(PASSPHRASE + "\n")
    return folder, secret


def _run(folder: Path, secret: Path, *args: str) -> int:
    return main(["--vault", str(folder), "templates", args[0], "--passphrase-file",
                 str(secret), *args[1:]])


def test_add_edit_and_default_then_a_new_session_starts_from_it(
        cli_vault: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, secret = cli_vault
    text = tmp_path / "shape.txt"
    text.write_text("Frame:\n\nDream:\n", encoding="utf-8")
    assert _run(folder, secret, "add", "--name", "Dream first", "--file", str(text)) == 0
    assert _run(folder, secret, "default", "--client", "RB-07", "Dream first") == 0
    assert _run(folder, secret, "edit", "SOAP", "--new-name", "SOAP (mine)") == 0
    capsys.readouterr()
    assert _run(folder, secret, "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [t["name"] for t in listed] == ["Process note", "DAP", "SOAP (mine)", "BIRP",
                                           "Dream first"]
    assert _run(folder, secret, "show", "dream first") == 0
    assert capsys.readouterr().out == "Frame:\n\nDream:\n"
    with Vault.open(folder) as vault:
        vault.unlock(PASSPHRASE)
        services = Services.for_vault(vault)
        robin = services.clients.by_code("RB-07")
        made = services.sessions.create(robin.id, SessionInput(date(2026, 3, 2))).value
        assert services.notes.load(made.id).process_note == "Frame:\n\nDream:\n"


def test_refusals_are_one_sentence_and_change_nothing(
        cli_vault: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, secret = cli_vault
    with Vault.open(folder) as vault:
        vault.unlock(PASSPHRASE)
        before = export_document(vault.database)
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    capsys.readouterr()
    cases = [
        (("add", "--name", "X", "--file", str(binary)), "The template file is not UTF-8 text."),
        (("add", "--name", "  ", "--file", str(tmp_path / "pw")), "Give the template a name."),
        (("show", "nothing like it"), "There is no template called that."),
        (("default", "--client", "RB-07", "nothing like it"),
         "There is no template called that."),
    ]
    for args, sentence in cases:
        assert _run(folder, secret, *args) == 1
        assert capsys.readouterr().err == f"threadline: {sentence}\n"
    with Vault.open(folder) as vault:
        vault.unlock(PASSPHRASE)
        after = export_document(vault.database)
    assert {**before, "exported_at": "", "audit_events": []} == {
        **after, "exported_at": "", "audit_events": []}
