"""A crafted ``vault.key`` gets one sentence, quickly: no hang, no traceback."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from db.errors import KeyFileDamaged, VaultError
from db.vault.files import DB_NAME, KEY_NAME
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE, make_vault

#: Generous: the point is "no hang" (these used to take minutes or never end).
NO_HANG_SECONDS = 5.0

NOT_ORDINARY = "not an ordinary file"
DAMAGED = "The vault key file is damaged"


def _doc(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(path.read_text())


def _costly(path: Path) -> None:
    doc = _doc(path)
    doc["slots"]["passphrase"]["kdf"].update(memory_kib=4 * 1024 * 1024, iterations=64)
    path.write_text(json.dumps(doc))


def _short_nonce(path: Path) -> None:
    doc = _doc(path)
    doc["slots"]["passphrase"]["nonce"] = "AA=="
    path.write_text(json.dumps(doc))


def _deep(path: Path) -> None:
    path.write_text("[" * 100_000 + "]" * 100_000)


def _deep_but_small(path: Path) -> None:
    path.write_text("[" * 30_000 + "]" * 30_000)  # under the size bound; depth stops it


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _zero_link(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/zero")


def _link_to_a_real_key_file(path: Path) -> None:
    moved = path.with_name("elsewhere.key")
    path.rename(moved)
    path.symlink_to(moved)


def _huge(path: Path) -> None:
    doc = _doc(path)
    doc["padding"] = "x" * 200_000
    path.write_text(json.dumps(doc))


def _types(path: Path) -> None:
    doc = _doc(path)
    doc["slots"]["passphrase"]["kdf"]["lanes"] = True
    path.write_text(json.dumps(doc))


def _null_slots(path: Path) -> None:
    doc = _doc(path)
    doc["slots"] = None
    path.write_text(json.dumps(doc))


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "argon2 at 4 GiB and 64 passes": (_costly, "more key-derivation work than Threadline"),
    "a 1-byte nonce": (_short_nonce, DAMAGED),
    "100,000-deep JSON": (_deep, "far larger than a Threadline key file"),
    "30,000-deep JSON": (_deep_but_small, DAMAGED),
    "a FIFO": (_fifo, NOT_ORDINARY),
    "a symlink to /dev/zero": (_zero_link, NOT_ORDINARY),
    "a symlink to a real key file": (_link_to_a_real_key_file, NOT_ORDINARY),
    "200 KB of padding": (_huge, "far larger than a Threadline key file"),
    "a flag where a number belongs": (_types, DAMAGED),
    "no slots": (_null_slots, DAMAGED),
}


@pytest.mark.parametrize("case", list(CASES))
def test_crafted_key_file_is_refused_in_one_sentence(vault_dir: Path, case: str) -> None:
    craft, sentence = CASES[case]
    vault, _ = make_vault(vault_dir)
    vault.close()
    craft(vault_dir / KEY_NAME)
    before = (vault_dir / DB_NAME).read_bytes()
    start = time.monotonic()
    with pytest.raises(KeyFileDamaged) as caught, Vault.open(vault_dir) as opened:
        opened.unlock(PASSPHRASE)
    assert time.monotonic() - start < NO_HANG_SECONDS
    message = str(caught.value)
    assert sentence in message
    assert message.count(". ") == 0
    assert message.endswith(".")
    assert (vault_dir / DB_NAME).read_bytes() == before


def test_every_refusal_is_a_vault_error() -> None:
    """The front ends turn VaultError into one line; nothing here escapes as a traceback."""
    assert issubclass(KeyFileDamaged, VaultError)
