"""``threadline export|import|backup``: exit 0 ok, 1 with one line on stderr, 2 usage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyrage import x25519

from db.vault.vault import Vault
from desktop.__main__ import main
from tests.conftest import PASSPHRASE, make_vault
from tests.interchange.fill import fill

NEW = "amber meadow 71 distant kettle"


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, str]:
    vault, _ = make_vault(tmp_path / "vault")
    fill(vault)
    vault.close()
    (tmp_path / "pw").write_text(PASSPHRASE + "\n")
    (tmp_path / "new").write_text(NEW + "\n")
    (tmp_path / "bpw").write_text("a backup passphrase 42\n")
    identity = x25519.Identity.generate()
    (tmp_path / "id.txt").write_text(f"# a comment\n{identity}\n")
    return {"vault": str(tmp_path / "vault"), "pw": str(tmp_path / "pw"),
            "new": str(tmp_path / "new"), "bpw": str(tmp_path / "bpw"),
            "id": str(tmp_path / "id.txt"), "public": str(identity.to_public())}


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("threadline: ")
    assert "Traceback" not in err
    return err


def test_export_needs_yes_without_a_terminal(setup: dict[str, str], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "--vault", setup["vault"], "--passphrase-file", setup["pw"],
                 "--out", str(tmp_path / "e.json")])
    assert code == 2
    assert "--yes" in one_error_line(capsys)
    assert not (tmp_path / "e.json").exists()


def test_export_then_import_into_a_new_vault(setup: dict[str, str], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "e.json"
    assert main(["export", "--yes", "--vault", setup["vault"], "--passphrase-file",
                 setup["pw"], "--out", str(out)]) == 0
    assert "not encrypted" in capsys.readouterr().out
    assert json.loads(out.read_text())["format"] == "threadline-interchange"
    assert out.stat().st_mode & 0o077 == 0
    make_vault(tmp_path / "second")[0].close()
    assert main(["import", str(out), "--vault", str(tmp_path / "second"), "--passphrase-file",
                 setup["pw"]]) == 0
    assert "2 clients, 2 sessions" in capsys.readouterr().out
    # the same again clashes: exit 1, one line, nothing changed
    assert main(["import", str(out), "--vault", str(tmp_path / "second"), "--passphrase-file",
                 setup["pw"]]) == 1
    assert "already in the vault, so nothing was imported" in one_error_line(capsys)


def test_import_of_a_broken_file(setup: dict[str, str], tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.json").write_text('{"format": "threadline-interchange", "format_version": 7}')
    assert main(["import", str(tmp_path / "bad.json"), "--vault", setup["vault"],
                 "--passphrase-file", setup["pw"]]) == 1
    assert "format version 7" in one_error_line(capsys)


def test_markdown_export(setup: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "md"
    assert main(["export", "--yes", "--format", "markdown", "--vault", setup["vault"],
                 "--passphrase-file", setup["pw"], "--out", str(out)]) == 0
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*.md"))
    assert files == ["ÉL-07/2024-01-16-1.md", "ÉL-07/2024-01-23-2.md"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_backup_to_a_key_verify_and_restore(setup: dict[str, str], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "b.age"
    assert main(["backup", "create", "--vault", setup["vault"], "--passphrase-file",
                 setup["pw"], "--out", str(out), "--recipient", setup["public"]]) == 0
    signer = capsys.readouterr().out.split("this vault's key ")[1].split()[0].rstrip(".")
    assert main(["backup", "verify", str(out), "--identity", setup["id"]]) == 0
    assert "intact: 2 clients, 2 sessions" in capsys.readouterr().out
    # without the identity, or with a wrong one: exit 1, one line
    assert main(["backup", "verify", str(out)]) == 1
    assert "--identity" in one_error_line(capsys)
    (tmp_path / "other.txt").write_text(str(x25519.Identity.generate()) + "\n")
    assert main(["backup", "verify", str(out), "--identity", str(tmp_path / "other.txt")]) == 1
    assert "None of the given keys" in one_error_line(capsys)
    assert main(["backup", "restore", str(out), "--identity", setup["id"], "--vault",
                 str(tmp_path / "restored"), "--passphrase-file", setup["new"],
                 "--signer", signer]) == 0
    assert "Recovery key" in capsys.readouterr().out
    with Vault.open(tmp_path / "restored") as restored:
        restored.unlock(NEW)


def test_passphrase_backup_and_damaged_restore(setup: dict[str, str], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "b.age"
    assert main(["backup", "create", "--vault", setup["vault"], "--passphrase-file",
                 setup["pw"], "--out", str(out), "--backup-passphrase-file", setup["bpw"]]) == 0
    data = out.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    assert main(["backup", "restore", str(out), "--backup-passphrase-file", setup["bpw"],
                 "--vault", str(tmp_path / "restored"), "--passphrase-file", setup["new"]]) == 1
    assert "damaged" in one_error_line(capsys)
    assert not (tmp_path / "restored").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_bad_recipient_and_missing_file(setup: dict[str, str], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "create", "--vault", setup["vault"], "--passphrase-file",
                 setup["pw"], "--out", str(tmp_path / "b.age"), "--recipient", "age1nope"]) == 1
    assert "not an age public key" in one_error_line(capsys)
    assert main(["backup", "verify", str(tmp_path / "nothing.age"), "--backup-passphrase-file",
                 setup["bpw"]]) == 1
    assert "does not exist" in one_error_line(capsys)


def test_folder_import_preview_then_apply(setup: dict[str, str], tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes" / "Mira S"
    notes.mkdir(parents=True)
    (notes / "2023-11-02.md").write_text("Erste Stunde. Sie sprach über ihren Bruder.\n")
    (notes / "2023-11-02-2.txt").write_bytes("Zweite Sitzung am selben Tag – café.\r\n"
                                             .encode("cp1252"))
    (notes / "intake.txt").write_text("09.10.2023\nIntake: referred by her GP.\n")
    (notes / "todo.txt").write_text("no date here\n")
    (notes / "scan.pdf").write_bytes(b"%PDF")
    args = ["--vault", setup["vault"], "--passphrase-file", setup["pw"]]
    assert main(["import", str(tmp_path / "notes"), "--preview", *args]) == 0
    out = capsys.readouterr().out
    assert "3 sessions for 1 client (1 new); 2 files skipped." in out
    assert "todo.txt has no date" in out
    assert main(["import", str(tmp_path / "notes"), *args]) == 0
    assert main(["export", "--yes", "--out", str(tmp_path / "e.json"), *args]) == 0
    document = json.loads((tmp_path / "e.json").read_text())
    client = next(c for c in document["clients"] if c["code"] == "Mira S")
    sessions = [s for s in document["sessions"] if s["client_id"] == client["id"]]
    assert [(s["number"], s["date"]) for s in sessions] == [
        (1, "2023-10-09"), (2, "2023-11-02"), (3, "2023-11-02")]
    assert sessions[0]["process_note"] == "Intake: referred by her GP.\n"
    assert "café" in sessions[2]["process_note"]


def test_backup_passphrase_without_a_terminal_or_file_is_usage(
        setup: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "create", "--vault", setup["vault"], "--passphrase-file",
                 setup["pw"], "--out", str(tmp_path / "b.age")]) == 2
    assert "--backup-passphrase-file" in one_error_line(capsys)
    assert list(tmp_path.glob("*.age")) == []


def test_restore_names_the_signer_and_refuses_another_vaults_backup(
        setup: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A forger with only the public key: another vault's backup, encrypted to our key."""
    forger, _ = make_vault(tmp_path / "forger")
    forger.close()
    (tmp_path / "fpw").write_text(PASSPHRASE + "\n")
    out = tmp_path / "forged.age"
    assert main(["backup", "create", "--vault", str(tmp_path / "forger"), "--passphrase-file",
                 str(tmp_path / "fpw"), "--out", str(out), "--recipient", setup["public"]]) == 0
    assert main(["backup", "create", "--vault", setup["vault"], "--passphrase-file",
                 setup["pw"], "--out", str(tmp_path / "ours.age"),
                 "--recipient", setup["public"]]) == 0
    ours = capsys.readouterr().out.split("this vault's key ")[-1].split()[0].rstrip(".")
    with_signer = Path(setup["id"]).read_text() + f"# threadline signer: {ours}\n"
    Path(setup["id"]).write_text(with_signer)
    restore = ["backup", "restore", "--identity", setup["id"], "--passphrase-file",
               setup["new"]]
    assert main([*restore, str(out), "--vault", str(tmp_path / "r1")]) == 1
    assert "signed by another vault" in one_error_line(capsys)
    assert not (tmp_path / "r1").exists()
    assert main([*restore, str(out), "--vault", str(tmp_path / "r2"), "--accept-unsigned"]) == 0
    capsys.readouterr()
    assert main([*restore, str(tmp_path / "ours.age"), "--vault", str(tmp_path / "r3")]) == 0
    assert "made by this vault" in capsys.readouterr().out
