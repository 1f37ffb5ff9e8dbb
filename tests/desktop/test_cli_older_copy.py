"""The command line on a vault older than this computer has seen: one line, exit 1, and
``--accept-older-copy`` opens it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.__main__ import main
from tests.conftest import PASSPHRASE, make_vault
from tests.db.test_rollback import add_sessions, reopen


def test_the_cli_refuses_an_older_copy_in_one_line_and_opens_it_when_told(
        vault_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    vault, _ = make_vault(vault_dir)
    add_sessions(vault, 1)
    vault.close()
    shutil.copytree(vault_dir, tmp_path / "old")
    with reopen(vault_dir) as vault:
        add_sessions(vault, 1, first_day=10)
    shutil.rmtree(vault_dir)
    shutil.copytree(tmp_path / "old", vault_dir)
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE)
    command = ["search", "anything", "--vault", str(vault_dir), "--passphrase-file", str(secret)]
    assert main(command) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "older than the one last opened" in err[0]
    assert "--accept-older-copy" in err[0]
    assert main([*command, "--accept-older-copy"]) == 0
    assert main(command) == 0
