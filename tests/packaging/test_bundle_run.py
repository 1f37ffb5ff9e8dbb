"""The built bundle runs: version, window, vault commands, no display, a second instance."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import time
import tomllib
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop import qtcheck
from tests.packaging.conftest import REPO, TIMEOUT, bundle_env, run_bundle

pytestmark = pytest.mark.dist

IN_USE = "threadline: This vault is already open in another Threadline window or process.\n"


def test_version_is_the_project_version(bundle: Path) -> None:
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    result = run_bundle(bundle, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Threadline {version['project']['version']}\n"


def test_window_opens_and_quits_offscreen(bundle: Path, tmp_path: Path) -> None:
    result = run_bundle(bundle, "--vault", tmp_path / "vault", "--quit-after-show",
                        env=bundle_env(QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_init_then_the_vault_unlocks_with_the_bundle(bundle: Path, bundle_vault: Path,
                                                     passphrase_file: Path,
                                                     tmp_path: Path) -> None:
    # passwd unlocks the key file and rewrites it: the whole vault stack, frozen.
    new = tmp_path / "new-passphrase"
    new.write_text("amber orchard window 7 heron\n", encoding="utf-8")
    result = run_bundle(bundle, "passwd", "--vault", bundle_vault,
                        "--passphrase-file", passphrase_file, "--new-passphrase-file", new)
    assert result.returncode == 0, result.stderr
    assert (bundle_vault / "threadline.db").is_file()
    wrong = run_bundle(bundle, "passwd", "--vault", bundle_vault,
                       "--passphrase-file", passphrase_file, "--new-passphrase-file", new)
    assert wrong.returncode == 1
    assert wrong.stderr == "threadline: Wrong passphrase.\n"


def test_a_new_vault_holds_the_shipped_taxonomy(bundle: Path, bundle_vault: Path,
                                               passphrase_file: Path) -> None:
    shipped = json.loads((REPO / "resources" / "taxonomy" / "default-taxonomy.json")
                         .read_text(encoding="utf-8"))
    result = run_bundle(bundle, "taxonomy", "--json", "--vault", bundle_vault,
                        "--passphrase-file", passphrase_file)
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed["taxonomy_revision"] == shipped["taxonomy_revision"]
    assert {t["key"] for t in printed["themes"]} == {t["key"] for t in shipped["themes"]}


def test_full_text_search_runs_in_the_bundled_sqlcipher(bundle: Path, bundle_vault: Path,
                                                        passphrase_file: Path) -> None:
    result = run_bundle(bundle, "search", "sister", "--json", "--vault", bundle_vault,
                        "--passphrase-file", passphrase_file)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["hits"] == []


@pytest.mark.skipif(not (REPO / "desktop" / "cli" / "commands" / "backup.py").exists(),
                    reason="the backup commands are not part of this source tree yet")
def test_backup_create_and_verify_work_from_the_bundle(bundle: Path, bundle_vault: Path,
                                                       passphrase_file: Path,
                                                       tmp_path: Path) -> None:
    backup = tmp_path / "vault.age"
    secret = tmp_path / "backup-passphrase"
    secret.write_text("cedar lighthouse ribbon 5 otter\n", encoding="utf-8")
    created = run_bundle(bundle, "backup", "create", "--vault", bundle_vault,
                         "--passphrase-file", passphrase_file, "--out", backup,
                         "--backup-passphrase-file", secret)
    assert created.returncode == 0, created.stderr
    assert backup.read_bytes().startswith(b"age-encryption.org/v1\n")
    verified = run_bundle(bundle, "backup", "verify", backup, "--backup-passphrase-file", secret)
    assert verified.returncode == 0, verified.stderr


def test_without_a_display_one_clear_sentence_and_exit_1(bundle: Path, tmp_path: Path) -> None:
    env = bundle_env(DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None)
    result = run_bundle(bundle, "--vault", tmp_path / "vault", env=env)
    assert result.returncode == 1
    assert result.stderr == f"threadline: {qtcheck.problems({})[0]}\n"


def read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    """Read a pseudo-terminal until ``wanted`` appears (waiting in select, never sleeping)."""
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(left, 0))
        if not ready:
            raise AssertionError(f"no {wanted!r} within {seconds} s; got {seen!r}")
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the other side closed: the process ended
            chunk = b""
        if not chunk:
            raise AssertionError(f"the process ended before {wanted!r}; got {seen!r}")
        seen += chunk
    return seen


def test_a_second_instance_is_told_the_vault_is_open(bundle: Path, bundle_vault: Path,
                                                     passphrase_file: Path,
                                                     tmp_path: Path) -> None:
    # The first instance unlocks the vault's key and then waits at its terminal prompt for
    # the new passphrase, holding the vault the whole time.
    controller, terminal = pty.openpty()
    first = subprocess.Popen(
        [str(bundle / "threadline"), "passwd", "--vault", str(bundle_vault),
         "--passphrase-file", str(passphrase_file)],
        stdin=terminal, stdout=terminal, stderr=terminal, env=bundle_env(),
        start_new_session=True,  # no controlling terminal: the prompt goes to the pty
    )
    os.close(terminal)
    try:
        read_until(controller, b"New passphrase", TIMEOUT)
        new = tmp_path / "new-passphrase"
        new.write_text("amber orchard window 7 heron\n", encoding="utf-8")
        second = run_bundle(bundle, "passwd", "--vault", bundle_vault,
                            "--passphrase-file", passphrase_file, "--new-passphrase-file", new)
    finally:
        first.kill()
        first.wait(timeout=TIMEOUT)
        os.close(controller)
    assert second.returncode == 1
    assert second.stderr == IN_USE
    # Once the first is gone, the vault opens again.
    after = run_bundle(bundle, "passwd", "--vault", bundle_vault,
                       "--passphrase-file", passphrase_file, "--new-passphrase-file", new)
    assert after.returncode == 0, after.stderr


def test_beside_a_window_at_its_unlock_screen_the_command_line_backs_up(
        bundle: Path, bundle_vault: Path, passphrase_file: Path, tmp_path: Path,
        qtbot: QtBot) -> None:
    """A window waiting for its passphrase holds nothing (tests/desktop/gui/
    test_locked_window_lets_go.py): beside the bundled window, the bundled command line
    backs the vault up, and the window is still there afterwards."""
    log = Path(os.environ["XDG_STATE_HOME"]) / "Threadline" / "log" / "threadline.log"
    window = subprocess.Popen([str(bundle / "threadline"), "--vault", str(bundle_vault)],
                              env=bundle_env(QT_QPA_PLATFORM="offscreen"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        # The window starts its log once it has painted its unlock screen.
        qtbot.waitUntil(lambda: log.exists() or window.poll() is not None,
                        timeout=TIMEOUT * 1000)
        assert window.poll() is None, window.communicate()[1]
        secret = tmp_path / "backup-passphrase"
        secret.write_text("cedar lighthouse ribbon 5 otter\n", encoding="utf-8")
        created = run_bundle(bundle, "backup", "create", "--vault", bundle_vault,
                             "--passphrase-file", passphrase_file,
                             "--out", tmp_path / "vault.age", "--backup-passphrase-file", secret)
        assert window.poll() is None
    finally:
        window.terminate()
        _, stderr = window.communicate(timeout=TIMEOUT)
    assert created.returncode == 0, created.stderr
    assert "Traceback" not in stderr
