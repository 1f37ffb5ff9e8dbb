"""The command line: exit codes, one-line errors, passphrases only from files or prompts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from db.vault.vault import DB_NAME, Vault
from desktop.__main__ import main
from tests.conftest import PASSPHRASE, make_vault

ROOT = Path(__file__).resolve().parents[2]


def secret_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text + "\n")
    return path


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.DEVNULL, timeout=120,
    )


def test_init_creates_a_vault_and_shows_the_recovery_key(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pw = secret_file(tmp_path, "pw", PASSPHRASE)
    assert main(["init", "--vault", str(tmp_path / "v"), "--passphrase-file", str(pw)]) == 0
    out = capsys.readouterr().out
    recovery_line = [line.strip() for line in out.splitlines() if line.count("-") == 8][0]
    with Vault.open(tmp_path / "v") as vault:
        vault.unlock_with_recovery_key(recovery_line)


def test_vault_option_before_the_command_is_honoured(tmp_path: Path) -> None:
    pw = secret_file(tmp_path, "pw", PASSPHRASE)
    assert main(["--vault", str(tmp_path / "v"), "init", "--passphrase-file", str(pw)]) == 0
    assert (tmp_path / "v" / DB_NAME).exists()


def test_init_on_an_existing_vault_is_a_user_error(tmp_path: Path) -> None:
    make_vault(tmp_path / "v")[0].close()
    pw = secret_file(tmp_path, "pw", PASSPHRASE)
    result = run_cli("init", "--vault", str(tmp_path / "v"), "--passphrase-file", str(pw))
    assert result.returncode == 1
    assert result.stderr == "threadline: That folder already holds a Threadline vault.\n"


def test_weak_passphrase_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pw = secret_file(tmp_path, "pw", "password")
    assert main(["init", "--vault", str(tmp_path / "v"), "--passphrase-file", str(pw)]) == 1
    assert "common" in capsys.readouterr().err
    assert not (tmp_path / "v" / DB_NAME).exists()


def test_passwd_with_wrong_then_right_passphrase(tmp_path: Path) -> None:
    make_vault(tmp_path / "v")[0].close()
    wrong = secret_file(tmp_path, "wrong", "not my passphrase at all")
    new = secret_file(tmp_path, "new", "moonlit orchard gate nine")
    result = run_cli("passwd", "--vault", str(tmp_path / "v"), "--passphrase-file", str(wrong),
                     "--new-passphrase-file", str(new))
    assert (result.returncode, result.stderr) == (1, "threadline: Wrong passphrase.\n")
    assert "Traceback" not in result.stderr
    right = secret_file(tmp_path, "right", PASSPHRASE)
    result = run_cli("passwd", "--vault", str(tmp_path / "v"), "--passphrase-file", str(right),
                     "--new-passphrase-file", str(new))
    assert result.returncode == 0, result.stderr
    with Vault.open(tmp_path / "v") as vault:
        vault.unlock("moonlit orchard gate nine")


def test_passwd_with_the_recovery_key(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    vault, recovery_key = make_vault(tmp_path / "v")
    vault.close()
    key = secret_file(tmp_path, "key", recovery_key)
    new = secret_file(tmp_path, "new", "lilac ferry at dawn twelve")
    assert main(["passwd", "--vault", str(tmp_path / "v"), "--recovery-key-file", str(key),
                 "--new-passphrase-file", str(new)]) == 0
    with Vault.open(tmp_path / "v") as opened:
        opened.unlock("lilac ferry at dawn twelve")


def test_no_terminal_and_no_passphrase_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("init", "--vault", str(tmp_path / "v"))
    assert result.returncode == 2
    assert "--passphrase-file" in result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    result = run_cli("frobnicate")
    assert result.returncode == 2


def test_passphrase_is_never_an_argument() -> None:
    result = run_cli("init", "--passphrase", "hunter2hunter2")
    assert result.returncode == 2


def test_no_display_gives_one_sentence(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY",
                                                            "QT_QPA_PLATFORM"}}
    result = subprocess.run([sys.executable, "-m", "desktop", "--vault", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=60,
                            env={**env, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1
    assert "No display was found" in result.stderr
    assert "Traceback" not in result.stderr


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("Threadline ")
