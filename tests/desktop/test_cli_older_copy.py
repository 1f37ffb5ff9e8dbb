"""The command line on a vault older than this computer has seen: one line, exit 1, and
``--accept-older-copy`` opens it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.__main__ import main
from tests.conftest import PASSPHRASE
from tests.db.test_rollback import make_older_copy


def test_the_cli_refuses_an_older_copy_in_one_line_and_opens_it_when_told(
        vault_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_older_copy(vault_dir, tmp_path)
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
