"""``threadline demo``: a vault of fictional clients, said so plainly."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.services.hub import Services
from db.vault.vault import Vault
from desktop.__main__ import main
from tests.conftest import PASSPHRASE, make_vault


def _pw(tmp_path: Path) -> Path:
    path = tmp_path / "pw"
    path.write_text(PASSPHRASE + "\n")
    return path


def test_demo_creates_a_vault_of_fictional_clients(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "demo"
    assert main(["demo", "--vault", str(folder), "--passphrase-file", str(_pw(tmp_path)),
                 "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "FICTIONAL" in out
    assert "6 clients" in out
    with Vault.open(folder) as vault:
        vault.unlock(PASSPHRASE)
        services = Services.for_vault(vault)
        assert services.settings.load().demo_vault is True
        assert len(services.clients.list_clients()) == 6


def test_demo_into_an_existing_vault_changes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_vault(tmp_path / "v")[0].close()
    before = sorted(p.name for p in (tmp_path / "v").iterdir())
    assert main(["demo", "--vault", str(tmp_path / "v"), "--passphrase-file",
                 str(_pw(tmp_path))]) == 1
    assert capsys.readouterr().err == "threadline: That folder already holds a Threadline vault.\n"
    assert sorted(p.name for p in (tmp_path / "v").iterdir()) == before


def test_unknown_size_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--vault", str(tmp_path / "v"), "--size", "huge"])
    assert exit_info.value.code == 2
    assert not (tmp_path / "v").exists()
