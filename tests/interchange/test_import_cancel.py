"""Cancel or SIGKILL in the middle of an import or a restore: no half-made vault, the open
vault as it was, and the long steps report their progress."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from db.backup.service import Key, create_backup, restore_backup
from db.crypto.kdf import Argon2Params
from db.errors import Cancelled
from db.interchange import dumps, export_document
from db.interchange.files import export_json, import_json
from db.progress import Cancel, Step
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE, make_vault
from tests.interchange.fill import fill

ROOT = Path(__file__).resolve().parents[2]
_TRIGGERS = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"


def _state(vault: Vault) -> tuple[bytes, list[object]]:
    """What a clinician has (the export without its time stamp) and the index's triggers."""
    document = {k: v for k, v in export_document(vault.database).items() if k != "exported_at"}
    with vault.database.read() as session:
        triggers = list(session.execute(text(_TRIGGERS)))
    return dumps(document), triggers


@pytest.fixture
def files(vault: Vault, tmp_path: Path) -> tuple[Path, Path]:
    """An export and a passphrase backup of a vault holding every kind of record."""
    fill(vault)
    export, backup = tmp_path / "export.json", tmp_path / "backup.age"
    export_json(vault.database, export)
    create_backup(vault.database, backup, passphrase=PASSPHRASE)
    return export, backup


def _stopping_at(step: Step, cancel: Cancel, heard: list[Step]) -> object:
    def progress(now: Step, done: float | None) -> None:
        heard.append(now)
        if now == step and done:
            cancel.set()
    return progress


@pytest.mark.parametrize("step", [Step.IMPORTING, Step.INDEXING])
def test_cancel_during_import_changes_nothing(files: tuple[Path, Path], tmp_path: Path,
                                              step: Step) -> None:
    target, _ = make_vault(tmp_path / "target")
    try:
        before = _state(target)
        cancel, heard = Cancel(), []
        with pytest.raises(Cancelled):
            import_json(target.database, files[0], _stopping_at(step, cancel, heard),  # type: ignore[arg-type]
                        cancel)
        assert _state(target) == before
        assert heard[:2] == [Step.READING, Step.CHECKING]
        assert step in heard
    finally:
        target.close()


def test_an_import_reports_each_step_in_order(files: tuple[Path, Path], tmp_path: Path) -> None:
    target, _ = make_vault(tmp_path / "target")
    heard: list[tuple[Step, float | None]] = []
    try:
        import_json(target.database, files[0], lambda s, d: heard.append((s, d)))
    finally:
        target.close()
    steps = list(dict.fromkeys(step for step, _ in heard))
    assert steps == [Step.READING, Step.CHECKING, Step.IMPORTING, Step.INDEXING]
    importing = [d for s, d in heard if s == Step.IMPORTING]
    assert importing == sorted(importing)  # type: ignore[type-var]
    assert importing[-1] == 1.0
    assert [d for s, d in heard if s == Step.INDEXING][-1] == 1.0


@pytest.mark.parametrize("step", [Step.IMPORTING, Step.INDEXING])
def test_cancel_during_restore_leaves_nothing(files: tuple[Path, Path], tmp_path: Path,
                                              step: Step) -> None:
    folder = tmp_path / "restores"
    folder.mkdir()
    cancel, heard = Cancel(), []
    with pytest.raises(Cancelled):
        restore_backup(files[1], Key(passphrase=PASSPHRASE), folder / "restored", PASSPHRASE,
                       params=Argon2Params.minimum(),
                       progress=_stopping_at(step, cancel, heard),  # type: ignore[arg-type]
                       cancel=cancel)
    assert list(folder.iterdir()) == []
    assert heard[:4] == [Step.READING, Step.DECRYPTING, Step.CHECKING, Step.CREATING_VAULT]


def _kill_inside(args: list[str], step: Step) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "tests.interchange.kill_import_worker",
                             *args, str(step)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == f"IN {step}"
        proc.kill()
    finally:
        proc.kill()
        proc.wait(timeout=30)


@pytest.mark.parametrize("step", [Step.IMPORTING, Step.INDEXING])
def test_sigkill_during_import_leaves_the_vault_as_it_was(files: tuple[Path, Path],
                                                         tmp_path: Path, step: Step) -> None:
    target, _ = make_vault(tmp_path / "target")
    before = _state(target)
    target.close()
    _kill_inside(["import", str(tmp_path / "target"), str(files[0])], step)
    with Vault.open(tmp_path / "target") as reopened:
        reopened.unlock(PASSPHRASE)  # verifies every page
        assert _state(reopened) == before


def test_sigkill_during_restore_leaves_no_vault(files: tuple[Path, Path], tmp_path: Path) -> None:
    folder = tmp_path / "restores"
    folder.mkdir()
    _kill_inside(["restore", str(files[1]), str(folder / "restored")], Step.INDEXING)
    assert not (folder / "restored").exists()
    # What the killed restore was building is hidden, and the next restore removes it.
    restore_backup(files[1], Key(passphrase=PASSPHRASE), folder / "restored", PASSPHRASE,
                   params=Argon2Params.minimum())
    assert [p.name for p in folder.iterdir()] == ["restored"]
