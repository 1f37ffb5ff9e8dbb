"""``threadline passwd --rekey``, ``threadline recovery-key new`` and the unlock notice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.errors import DatabaseDamaged, WrongPassphrase, WrongRecoveryKey
from db.vault.files import KEY_NAME
from db.vault.vault import Vault
from desktop.__main__ import main
from tests.conftest import PASSPHRASE, make_vault
from tests.desktop.test_cli import run_cli, secret_file

NEW = "moonlit orchard gate nine"


def _recovery_line(out: str) -> str:
    return [line.strip() for line in out.splitlines() if line.count("-") == 8][0]


def test_passwd_rekey_retires_every_old_key(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    vault, old_recovery = make_vault(tmp_path / "v")
    vault.close()
    retired = (tmp_path / "v" / KEY_NAME).read_bytes()
    pw, new = secret_file(tmp_path, "pw", PASSPHRASE), secret_file(tmp_path, "new", NEW)
    assert main(["passwd", "--vault", str(tmp_path / "v"), "--passphrase-file", str(pw),
                 "--new-passphrase-file", str(new), "--rekey"]) == 0
    fresh = _recovery_line(capsys.readouterr().out)
    with Vault.open(tmp_path / "v") as opened:
        with pytest.raises(WrongPassphrase):
            opened.unlock(PASSPHRASE)
        with pytest.raises(WrongRecoveryKey):
            opened.unlock_with_recovery_key(old_recovery)
        opened.unlock_with_recovery_key(fresh)
    (tmp_path / "v" / KEY_NAME).write_bytes(retired)
    with Vault.open(tmp_path / "v") as opened, pytest.raises(DatabaseDamaged):
        opened.unlock(PASSPHRASE)


def test_passwd_without_a_terminal_rewraps_only(tmp_path: Path) -> None:
    vault, old_recovery = make_vault(tmp_path / "v")
    vault.close()
    pw, new = secret_file(tmp_path, "pw", PASSPHRASE), secret_file(tmp_path, "new", NEW)
    assert main(["passwd", "--vault", str(tmp_path / "v"), "--passphrase-file", str(pw),
                 "--new-passphrase-file", str(new)]) == 0
    with Vault.open(tmp_path / "v") as opened:
        opened.unlock_with_recovery_key(old_recovery)  # same data key: still works


def test_recovery_key_new_retires_the_old_one(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    vault, old_recovery = make_vault(tmp_path / "v")
    vault.close()
    pw = secret_file(tmp_path, "pw", PASSPHRASE)
    assert main(["recovery-key", "new", "--vault", str(tmp_path / "v"),
                 "--passphrase-file", str(pw)]) == 0
    fresh = _recovery_line(capsys.readouterr().out)
    with Vault.open(tmp_path / "v") as opened:
        with pytest.raises(WrongRecoveryKey):
            opened.unlock_with_recovery_key(old_recovery)
        opened.unlock_with_recovery_key(fresh)


def test_a_command_says_when_the_recovery_key_no_longer_works(tmp_path: Path) -> None:
    make_vault(tmp_path / "v")[0].close()
    path = tmp_path / "v" / KEY_NAME
    doc = json.loads(path.read_text())
    doc["slots"]["recovery"]["kdf"]["salt"] = "A" * 22 + "=="
    path.write_text(json.dumps(doc))
    pw = secret_file(tmp_path, "pw", PASSPHRASE)
    result = run_cli("search", "harbour", "--vault", str(tmp_path / "v"),
                     "--passphrase-file", str(pw))
    assert result.returncode == 0, result.stderr
    assert "recovery key of this vault no longer works" in result.stderr
    assert "threadline recovery-key new" in result.stderr
    assert "Traceback" not in result.stderr
