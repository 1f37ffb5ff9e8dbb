"""Any standard age client reads a Threadline backup, and Threadline reads theirs.

Uses the ``age`` command-line tool (installed by .ci/run). ``age -p`` reads the passphrase
from a terminal only, so it is run on a pseudo-terminal (tests/backup/age_tty.py).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from pyrage import passphrase as age_passphrase

from db.backup import scrypt_stream, signing
from db.backup.age import parse_identities
from db.backup.service import Key, create_backup, restore_backup, verify_backup
from db.crypto.kdf import Argon2Params
from db.interchange import dumps, export_document
from db.vault.vault import Vault
from tests.backup import age_tty

# Under CI (.ci/run installs age) a missing tool fails these tests instead of skipping them.
pytestmark = pytest.mark.skipif(
    (shutil.which("age") is None or shutil.which("age-keygen") is None)
    and not os.environ.get("CI"), reason="the age command-line tool is not installed")
NEW_PASSPHRASE = "amber meadow 71 distant kettle"


def keygen(folder: Path) -> tuple[Path, str]:
    identity = folder / "identity.txt"
    subprocess.run(["age-keygen", "-o", str(identity)], check=True, capture_output=True)
    public = next(line.split(": ")[1] for line in identity.read_text().splitlines()
                  if line.startswith("# public key: "))
    return identity, public


def test_age_cli_decrypts_a_threadline_backup(filled: Vault, tmp_path: Path) -> None:
    identity, public = keygen(tmp_path)
    from db.backup.age import parse_recipient
    create_backup(filled.database, tmp_path / "b.age", recipients=[parse_recipient(public)])
    out = tmp_path / "out"
    out.mkdir()
    subprocess.run(["age", "-d", "-i", str(identity), "-o", str(out / "b.tar"),
                    str(tmp_path / "b.age")], check=True)
    with tarfile.open(out / "b.tar") as tar:
        tar.extractall(out / "x", filter="data")
    manifest = json.loads((out / "x" / "manifest.json").read_text())
    assert set(manifest["members"]) >= {"vault.json", "notes/ÉL-07/2024-01-16-1.md"}
    assert "Élodie arrived late" in (out / "x/notes/ÉL-07/2024-01-16-1.md").read_text()
    assert json.loads((out / "x" / "vault.json").read_text())["sessions"][0]["number"] == 1


def _threadline_tar(filled: Vault, folder: Path) -> Path:
    """A backup's plaintext tar, rebuilt with the system ``tar`` from extracted files."""
    from db.backup.service import build_archive
    from db.clock import utcnow
    tar_bytes, _ = build_archive(filled.database, utcnow())
    source = folder / "src"
    source.mkdir()
    (folder / "orig.tar").write_bytes(tar_bytes)
    with tarfile.open(folder / "orig.tar") as tar:
        names = tar.getnames()
        tar.extractall(source, filter="data")
    subprocess.run(["tar", "-cf", str(folder / "plain.tar"), "-C", str(source), *names],
                   check=True)
    return folder / "plain.tar"


def test_threadline_restores_what_the_age_cli_encrypted(filled: Vault, tmp_path: Path) -> None:
    identity, public = keygen(tmp_path)
    plain = _threadline_tar(filled, tmp_path)
    subprocess.run(["age", "-r", public, "-o", str(tmp_path / "cli.age"), str(plain)],
                   check=True)
    key = Key(identities=tuple(parse_identities(identity.read_text())),
              signers=(signing.vault_key(filled.database).public_key(),))
    assert verify_backup(tmp_path / "cli.age", key).counts["sessions"] == 2
    restore_backup(tmp_path / "cli.age", key, tmp_path / "restored", NEW_PASSPHRASE,
                   params=Argon2Params.minimum())
    with Vault.open(tmp_path / "restored") as restored:
        restored.unlock(NEW_PASSPHRASE)
        sessions = export_document(restored.database)["sessions"]
    assert dumps({"s": sessions}) == dumps({"s": export_document(filled.database)["sessions"]})


def test_threadline_reads_a_plain_pyrage_passphrase_file(filled: Vault, tmp_path: Path) -> None:
    plain = _threadline_tar(filled, tmp_path)
    (tmp_path / "p.age").write_bytes(age_passphrase.encrypt(plain.read_bytes(), "sea glass 8"))
    assert verify_backup(tmp_path / "p.age", Key(passphrase="sea glass 8")).counts["clients"] == 2


PASSPHRASE = "sea glass 8 lantern"
needs_a_terminal = pytest.mark.skipif(not age_tty.available, reason="no pseudo-terminals")


@needs_a_terminal
def test_a_file_the_age_cli_sealed_with_a_passphrase_streams(tmp_path: Path) -> None:
    plain = os.urandom(3 * 65536 + 7)
    (tmp_path / "plain.bin").write_bytes(plain)
    age_tty.run(["-p", "-o", str(tmp_path / "cli.age"), str(tmp_path / "plain.bin")],
                PASSPHRASE)
    data = (tmp_path / "cli.age").read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n-> scrypt ")
    streamed = b"".join(scrypt_stream.decrypt(io.BytesIO(data), PASSPHRASE))
    assert streamed == age_passphrase.decrypt(data, PASSPHRASE) == plain


@needs_a_terminal
def test_threadline_restores_a_tar_the_age_cli_sealed_with_a_passphrase(
        filled: Vault, tmp_path: Path) -> None:
    plain = _threadline_tar(filled, tmp_path)
    age_tty.run(["-p", "-o", str(tmp_path / "cli.age"), str(plain)], PASSPHRASE)
    key = Key(passphrase=PASSPHRASE)
    assert verify_backup(tmp_path / "cli.age", key).counts["sessions"] == 2
    restore_backup(tmp_path / "cli.age", key, tmp_path / "restored", NEW_PASSPHRASE,
                   params=Argon2Params.minimum())
    assert Vault.exists(tmp_path / "restored")


@needs_a_terminal
def test_age_cli_decrypts_a_threadline_passphrase_backup(filled: Vault, tmp_path: Path) -> None:
    create_backup(filled.database, tmp_path / "b.age", passphrase=PASSPHRASE)
    age_tty.run(["-d", "-o", str(tmp_path / "b.tar"), str(tmp_path / "b.age")], PASSPHRASE)
    with tarfile.open(tmp_path / "b.tar") as tar:
        assert tar.getnames()[:2] == ["manifest.json", "vault.json"]
