"""``threadline sync start|pair|join|now|status`` from the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from db.services.dto import ClientInput
from db.services.hub import Services
from db.vault.vault import Vault
from desktop.__main__ import main
from tests.conftest import PASSPHRASE, make_vault


def test_start_pair_join_now_and_status(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    vault, _ = make_vault(tmp_path / "office")
    Services.for_vault(vault).clients.create(ClientInput(code="CL-01"))
    vault.close()
    (tmp_path / "pw").write_text(PASSPHRASE + "\n")
    common = ["--passphrase-file", str(tmp_path / "pw")]
    folder = tmp_path / "Sync"
    assert main(["sync", "start", "--vault", str(tmp_path / "office"), *common,
                 "--folder", str(folder), "--device-name", "Office"]) == 0
    assert "syncs through" in capsys.readouterr().out
    assert main(["sync", "pair", "--vault", str(tmp_path / "office"), *common,
                 "--out", str(tmp_path / "pair.age")]) == 0
    secret = re.search(r"\n    (\S+)\n", capsys.readouterr().out)
    assert secret is not None
    (tmp_path / "pairpw").write_text(secret.group(1) + "\n")
    assert main(["sync", "join", "--folder", str(folder), "--vault", str(tmp_path / "laptop"),
                 "--pairing", str(tmp_path / "pair.age"), "--pairing-passphrase-file",
                 str(tmp_path / "pairpw"), *common, "--device-name", "Laptop"]) == 0
    assert "applied" in capsys.readouterr().out
    with Vault.open(tmp_path / "laptop") as laptop:
        laptop.unlock(PASSPHRASE)
        assert Services.for_vault(laptop).clients.by_code("CL-01")
    assert main(["sync", "now", "--vault", str(tmp_path / "office"), *common]) == 0
    assert "Sent" in capsys.readouterr().out
    assert main(["sync", "status", "--json", "--vault", str(tmp_path / "office"), *common]) == 0
    status = json.loads(capsys.readouterr().out)
    assert {d["name"] for d in status["devices"]} == {"Office", "Laptop"}
    assert status["problems"] == []


def test_a_wrong_pairing_passphrase_is_one_sentence_and_makes_no_vault(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    vault, _ = make_vault(tmp_path / "office")
    vault.close()
    (tmp_path / "pw").write_text(PASSPHRASE + "\n")
    (tmp_path / "bad").write_text("AAAA-BBBB-CCCC-DDDD-EEEE\n")
    common = ["--passphrase-file", str(tmp_path / "pw")]
    assert main(["sync", "start", "--vault", str(tmp_path / "office"), *common,
                 "--folder", str(tmp_path / "Sync")]) == 0
    assert main(["sync", "pair", "--vault", str(tmp_path / "office"), *common,
                 "--out", str(tmp_path / "pair.age")]) == 0
    capsys.readouterr()
    assert main(["sync", "join", "--folder", str(tmp_path / "Sync"), "--vault",
                 str(tmp_path / "laptop"), "--pairing", str(tmp_path / "pair.age"),
                 "--pairing-passphrase-file", str(tmp_path / "bad"), *common]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "pairing file" in err
    assert "Traceback" not in err
    assert not (tmp_path / "laptop").exists()


def test_sync_now_on_a_vault_that_does_not_sync(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    make_vault(tmp_path / "v")[0].close()
    (tmp_path / "pw").write_text(PASSPHRASE + "\n")
    assert main(["sync", "now", "--vault", str(tmp_path / "v"), "--passphrase-file",
                 str(tmp_path / "pw")]) == 1
    assert "does not sync yet" in capsys.readouterr().err


def _office_with_a_client(tmp_path: Path, code: str) -> tuple[list[str], list[str]]:
    """An office vault holding one client, and passphrase files for it and its backups:
    the options naming the passphrase file, and those naming the vault too."""
    vault, _ = make_vault(tmp_path / "office")
    Services.for_vault(vault).clients.create(ClientInput(code=code))
    vault.close()
    (tmp_path / "pw").write_text(PASSPHRASE + "\n")
    (tmp_path / "bpw").write_text("a backup passphrase 42\n")
    common = ["--passphrase-file", str(tmp_path / "pw")]
    return common, ["--vault", str(tmp_path / "office"), *common]


def test_join_from_a_backup_made_after_syncing_started(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    common, office = _office_with_a_client(tmp_path, "BK-01")
    folder = tmp_path / "Sync"
    assert main(["sync", "start", *office, "--folder", str(folder)]) == 0
    assert main(["backup", "create", *office, "--out", str(tmp_path / "b.age"),
                 "--backup-passphrase-file", str(tmp_path / "bpw")]) == 0
    with Vault.open(tmp_path / "office") as opened:  # work done after the backup
        opened.unlock(PASSPHRASE)
        Services.for_vault(opened).clients.create(ClientInput(code="BK-02"))
    assert main(["sync", "now", *office]) == 0
    capsys.readouterr()
    assert main(["sync", "join", "--folder", str(folder), "--vault", str(tmp_path / "laptop"),
                 "--backup", str(tmp_path / "b.age"), "--backup-passphrase-file",
                 str(tmp_path / "bpw"), *common, "--device-name", "Laptop"]) == 0
    with Vault.open(tmp_path / "laptop") as laptop:
        laptop.unlock(PASSPHRASE)
        clients = Services.for_vault(laptop).clients
        assert clients.by_code("BK-01")
        assert clients.by_code("BK-02")


def test_a_plaintext_export_leaves_the_sync_key_out(tmp_path: Path) -> None:
    make_vault(tmp_path / "v")[0].close()
    (tmp_path / "pw").write_text(PASSPHRASE + "\n")
    common = ["--vault", str(tmp_path / "v"), "--passphrase-file", str(tmp_path / "pw")]
    assert main(["sync", "start", *common, "--folder", str(tmp_path / "Sync")]) == 0
    assert main(["export", "--yes", *common, "--out", str(tmp_path / "e.json")]) == 0
    settings = json.loads((tmp_path / "e.json").read_text())["vault_settings"]
    assert "sync_group" not in {item["key"] for item in settings}


def test_joining_from_a_backup_of_a_vault_that_did_not_sync_keeps_the_vault_and_its_key(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The restored vault exists once the backup is read; its recovery key is shown even
    though it cannot join, and the reason is one sentence."""
    common, office = _office_with_a_client(tmp_path, "NS-01")
    assert main(["backup", "create", *office, "--out", str(tmp_path / "b.age"),
                 "--backup-passphrase-file", str(tmp_path / "bpw")]) == 0
    assert main(["sync", "start", *office, "--folder", str(tmp_path / "Sync")]) == 0
    capsys.readouterr()
    assert main(["sync", "join", "--folder", str(tmp_path / "Sync"), "--vault",
                 str(tmp_path / "laptop"), "--backup", str(tmp_path / "b.age"),
                 "--backup-passphrase-file", str(tmp_path / "bpw"), *common]) == 1
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1
    assert "was not syncing when the backup was made" in captured.err
    assert "Recovery key" in captured.out
    with Vault.open(tmp_path / "laptop") as laptop:
        laptop.unlock(PASSPHRASE)
        assert Services.for_vault(laptop).clients.by_code("NS-01")
