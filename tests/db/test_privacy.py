"""Nothing a clinician writes is ever stored in plaintext."""

from __future__ import annotations

import secrets
import tempfile
from datetime import date
from pathlib import Path

from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE

# Made at run time, so that not even this source file contains it.
CANARY = "Quillfeather-" + secrets.token_hex(6)


def files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def test_canary_is_in_no_file(vault: Vault, vault_dir: Path, tmp_path: Path) -> None:
    services = Services.for_vault(vault)
    client = services.clients.create(
        ClientInput(code="WREN", display_name=f"Ada {CANARY}")).value
    session = services.sessions.create(client.id, SessionInput(date=date(2026, 3, 2))).value
    services.notes.save(session.id, "process", f"She spoke of {CANARY} twice.", "manual")
    services.notes.save_draft(session.id, "progress", f"draft {CANARY}")
    services.notes.finalize(session.id)
    services.notes.add_addendum(session.id, f"Later: {CANARY}.")
    services.clients.add_goal(client.id, f"Goal {CANARY}")
    services.audit.record("export", "client", client.id, {"format": "json"})

    def assert_clean() -> None:
        needles = (CANARY.encode(), CANARY.encode("utf-16-le"))
        for path in files_under(vault_dir, Path(tempfile.gettempdir())):
            try:
                data = path.read_bytes()
            except OSError:
                continue  # other users' temp files
            for needle in needles:
                assert needle not in data, f"plaintext found in {path.name}"

    assert_clean()  # while open, with the WAL in use
    vault.close()
    assert_clean()  # after the WAL has been checkpointed
    with Vault.open(vault_dir) as reopened:
        reopened.unlock(PASSPHRASE)
        note = Services.for_vault(reopened).notes.load(session.id)
        assert CANARY in note.process_note  # the canary really was stored
