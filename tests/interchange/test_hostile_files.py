"""Hostile files given to ``threadline import``: each is refused with one sentence.

The catalogue below is what the figures in docs/architecture-notes.md count: *tried*,
*refused* (exit 1 and one sentence, or the file listed as skipped and nothing read from
it), *silent* (a hang, a traceback, a crash, or a file read from outside the chosen
folder). Run ``pytest tests/interchange/test_hostile_files.py -s`` to print them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, make_vault

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Outside-the-folder canary 5521"
HANG_SECONDS = 30

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux files")


def fifo(path: Path) -> None:
    os.mkfifo(path)


def sock(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays


def link(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(size)
    return make


def data(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content)


#: name → how to make the file given to ``threadline import FILE``.
JSON_CASES: dict[str, Callable[[Path], None]] = {
    "fifo": fifo,
    "dev_zero": link("/dev/zero"),
    "dev_null": link("/dev/null"),
    "dev_urandom": link("/dev/urandom"),
    "socket": sock,
    "proc_file": link("/proc/self/status"),
    "sparse_5_gib": sparse(5 * 1024**3),
    "dangling_link": link("/nonexistent/threadline"),
    "link_loop": lambda path: (path.with_name("loop-b").symlink_to(path),
                               path.symlink_to(path.with_name("loop-b"))),
    "empty": data(b""),
    "binary": data(os.urandom(4096)),
    "deep_nesting": data(b"[" * 200_000 + b"]" * 200_000),
    "truncated_json": data(b'{"format": "threadline-interchange", "clients": [{"id"'),
    "bad_utf8": data(b'{"format": "\xff\xfe\xfa"}'),
}

#: name → how to make ``<client folder>/2024-03-0N.txt`` in a folder import.
FOLDER_CASES: dict[str, Callable[[Path], None]] = {
    "link_to_outside_file": lambda path: path.symlink_to(path.parents[2] / "outside.txt"),
    "link_to_outside_via_dotdot": lambda path: path.symlink_to(Path("..") / ".."
                                                               / "outside.txt"),
    "fifo": fifo,
    "socket": sock,
    "dev_zero": link("/dev/zero"),
    "proc_file": link("/proc/self/environ"),
    "dangling_link": link("/nonexistent/threadline"),
    "link_loop": lambda path: path.symlink_to(path),
    "sparse_3_mib": sparse(3 * 1024**2),
}


@pytest.fixture(scope="module")
def vault_and_pw(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    make_vault(folder / "v")[0].close()
    pw = folder / "pw"
    pw.write_text(PASSPHRASE + "\n")
    return folder / "v", pw


def cli(vault: Path, pw: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    """The import as a person runs it; ``None`` if it hangs."""
    try:
        return subprocess.run(
            [sys.executable, "-m", "desktop", "import", "--vault", str(vault),
             "--passphrase-file", str(pw), *args], capture_output=True, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.DEVNULL,
            timeout=HANG_SECONDS)
    except subprocess.TimeoutExpired:
        return None


FIGURES: dict[str, list[str]] = {"tried": [], "refused": [], "silent": []}


def _count(name: str, refused: bool) -> None:
    FIGURES["tried"].append(name)
    FIGURES["refused" if refused else "silent"].append(name)


@pytest.mark.parametrize("case", sorted(JSON_CASES))
def test_a_hostile_file_is_refused_with_one_sentence(
        vault_and_pw: tuple[Path, Path], tmp_path: Path, case: str) -> None:
    path = tmp_path / "export.json"
    JSON_CASES[case](path)
    result = cli(*vault_and_pw, str(path))
    refused = (result is not None and result.returncode == 1
               and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr)
    _count(f"json:{case}", refused)
    assert result is not None, "the import hung"
    assert refused, result.stderr[-400:]


@pytest.mark.parametrize("case", sorted(FOLDER_CASES))
def test_a_hostile_file_in_a_notes_folder_is_skipped(
        vault_and_pw: tuple[Path, Path], tmp_path: Path, case: str) -> None:
    (tmp_path / "outside.txt").write_text(f"2024-03-09\n{SECRET}\n")
    client = tmp_path / "notes" / "Client A"
    client.mkdir(parents=True)
    (client / "2024-03-01.txt").write_text("An ordinary note.\n")
    FOLDER_CASES[case](client / "2024-03-02.txt")
    result = cli(*vault_and_pw, str(tmp_path / "notes"), "--preview")
    refused = (result is not None and result.returncode == 0
               and "Client A/2024-03-02.txt" in result.stdout
               and "skipped" in result.stdout.split("Client A/2024-03-02.txt")[1][:80]
               and "Would import 1 session" in result.stdout
               and SECRET not in result.stdout and "Traceback" not in result.stderr)
    _count(f"folder:{case}", refused)
    assert result is not None, "the preview hung"
    assert refused, (result.stdout[-600:], result.stderr[-400:])


@pytest.mark.parametrize("case", ["fifo", "dev_zero", "socket"])
def test_a_hostile_file_given_as_a_backup_is_refused(tmp_path: Path, case: str) -> None:
    path = tmp_path / "backup.age"
    JSON_CASES[case](path)
    pw = tmp_path / "pw"
    pw.write_text("anything\n")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "desktop", "backup", "verify", str(path),
             "--backup-passphrase-file", str(pw)], capture_output=True, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.DEVNULL,
            timeout=HANG_SECONDS)
    except subprocess.TimeoutExpired:
        result = None
    refused = result is not None and result.returncode == 1 and \
        result.stderr.count("\n") == 1
    _count(f"backup:{case}", refused)
    assert result is not None, "verify hung"
    assert refused, result.stderr[-400:]


def test_zzz_figures() -> None:
    """Prints the figures (last in this file: after the cases above have run)."""
    tried = len(FIGURES["tried"])
    sys.stdout.write(f"\nhostile imports: tried {tried}, refused {len(FIGURES['refused'])}, "
                     f"silent {len(FIGURES['silent'])}: "
                     f"{', '.join(FIGURES['silent']) or 'none'}\n")
    assert not FIGURES["silent"]
