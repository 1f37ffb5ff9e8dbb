"""A write-ahead log damaged after a crash never costs an acknowledged session silently.

A worker adds sessions (acknowledging each) with its checkpointer stopped and is killed
with SIGKILL: every acknowledged session is in ``threadline.db-wal`` only. Then the log
is flipped or cut at a deterministic spread of offsets (the log header, every frame's
header fields, page bodies, frame boundaries, inside frames) plus a few seeded random
ones, and each damaged copy is unlocked as the app would. The vault must either open with
every acknowledged session or refuse with :class:`ChangesMissing`, leaving the database
file and the log as they were and a copy of both in ``recovery-*``.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from db.errors import ChangesMissing
from db.services.dto import ClientInput
from db.services.hub import Services
from db.vault.vault import DB_NAME, Vault
from tests.conftest import PASSPHRASE, make_vault

ROOT = Path(__file__).resolve().parents[2]
SESSIONS = 8
WAL_HEADER = 32
FRAME_HEADER = 24


@dataclass
class Crashed:
    folder: Path
    client_id: str
    recovery_key: str
    acknowledged: int


@dataclass
class Tally:
    tried: int = 0
    refused: int = 0
    opened_complete: int = 0
    silent: list[str] = field(default_factory=list)


def crash_with_sessions_in_the_log(folder: Path, count: int = SESSIONS) -> Crashed:
    vault, recovery_key = make_vault(folder)
    client = Services.for_vault(vault).clients.create(ClientInput(code="WREN")).value
    vault.close()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "db" / "wal_worker.py"), str(folder),
         PASSPHRASE, str(client.id), str(count)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    acknowledged = 0
    for line in proc.stdout:
        if line.startswith("ACK "):
            acknowledged = int(line.split()[1])
        if line.strip() == "DONE":
            break
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert acknowledged == count
    assert (folder / f"{DB_NAME}-wal").stat().st_size > WAL_HEADER
    return Crashed(folder, str(client.id), recovery_key, acknowledged)


def damage_spread(wal: bytes, seed: int = 20261203) -> list[tuple[str, int]]:
    """("flip"|"cut", offset) pairs: a deterministic spread, then a few seeded random ones."""
    page_size = struct.unpack(">I", wal[8:12])[0]
    frame = FRAME_HEADER + page_size
    frames = (len(wal) - WAL_HEADER) // frame
    cases: list[tuple[str, int]] = [("flip", at) for at in range(0, WAL_HEADER, 4)]
    every = {0, 1, frames // 2, frames - 2, frames - 1}
    for i in range(frames):
        start = WAL_HEADER + i * frame
        fields = (0, 4, 8, 16, FRAME_HEADER, FRAME_HEADER + page_size // 2,
                  frame - 1) if i in every else (4 + 12 * (i % 2), FRAME_HEADER + 97 * i)
        cases += [("flip", start + at) for at in fields if start + at < len(wal)]
        cases.append(("cut", start))  # a frame boundary
        if i in every:
            cases.append(("cut", start + FRAME_HEADER + page_size // 3))
    cases += [("cut", 0), ("cut", WAL_HEADER // 2)]
    rng = random.Random(seed)
    cases += [(rng.choice(("flip", "cut")), rng.randrange(len(wal))) for _ in range(10)]
    return cases


def damage(path: Path, kind: str, offset: int) -> None:
    data = bytearray(path.read_bytes())
    if kind == "flip":
        data[offset] ^= 0x5A
    else:
        del data[offset:]
    path.write_bytes(bytes(data))


def try_case(crashed: Crashed, work: Path, kind: str, offset: int, tally: Tally) -> None:
    case = work / "case"
    shutil.rmtree(case, ignore_errors=True)
    shutil.copytree(crashed.folder, case)
    wal = case / f"{DB_NAME}-wal"
    damage(wal, kind, offset)
    database_before, wal_before = (case / DB_NAME).read_bytes(), wal.read_bytes()
    tally.tried += 1
    vault = Vault.open(case)
    vault.seen_dir = work / f"seen-{tally.tried}"  # each copy is a vault of its own here
    try:
        vault.unlock_with_recovery_key(crashed.recovery_key)
    except ChangesMissing as error:
        tally.refused += 1
        vault.close()
        sentence = str(error)
        assert sentence.count(". ") == 0  # one sentence
        assert sentence.endswith(".")
        assert "damaged after a crash" in sentence or (kind, offset) == ("cut", 0)
        # Nothing was checkpointed or changed, and both files were kept.
        assert (case / DB_NAME).read_bytes() == database_before
        assert wal.read_bytes() == wal_before
        kept = list(case.glob("recovery-*"))
        assert len(kept) == 1
        assert (kept[0] / f"{DB_NAME}-wal").read_bytes() == wal_before
        assert (kept[0] / DB_NAME).stat().st_mode & 0o777 == 0o600
        return
    try:
        sessions = Services.for_vault(vault).sessions.list_for_client(
            uuid.UUID(crashed.client_id))
        if len(sessions) < crashed.acknowledged:
            tally.silent.append(f"{kind}@{offset}: {len(sessions)} sessions")
        else:
            tally.opened_complete += 1
    finally:
        vault.close()


def test_damaged_log_after_a_kill_is_refused_never_silent(tmp_path: Path) -> None:
    crashed = crash_with_sessions_in_the_log(tmp_path / "vault")
    wal = (crashed.folder / f"{DB_NAME}-wal").read_bytes()
    cases = damage_spread(wal)
    tally = Tally()
    for kind, offset in cases:
        try_case(crashed, tmp_path, kind, offset, tally)
    # The figures in docs/architecture-notes.md (shown with -rP).
    sys.stdout.write(f"WAL damage: tried {tally.tried}, refused {tally.refused}, opened with "
                     f"every session {tally.opened_complete}, silent {len(tally.silent)}\n")
    assert tally.silent == []
    assert tally.tried == len(cases) >= 100
    assert tally.refused > 0


def test_undamaged_log_after_a_kill_opens_with_every_session(tmp_path: Path) -> None:
    crashed = crash_with_sessions_in_the_log(tmp_path / "vault")
    with Vault.open(crashed.folder) as vault:
        vault.unlock(PASSPHRASE)
        sessions = Services.for_vault(vault).sessions.list_for_client(
            uuid.UUID(crashed.client_id))
        assert len(sessions) == crashed.acknowledged
    assert not list(crashed.folder.glob("recovery-*"))
    with Vault.open(crashed.folder) as vault:  # and again, after the clean close
        vault.unlock(PASSPHRASE)


@pytest.mark.parametrize("cut_frames", [1, 3])
def test_refusal_lasts_and_the_cli_says_one_line(tmp_path: Path, cut_frames: int) -> None:
    crashed = crash_with_sessions_in_the_log(tmp_path / "vault")
    wal = crashed.folder / f"{DB_NAME}-wal"
    data = wal.read_bytes()
    frame = FRAME_HEADER + struct.unpack(">I", data[8:12])[0]
    wal.write_bytes(data[:len(data) - cut_frames * frame])
    database_before = (crashed.folder / DB_NAME).read_bytes()
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE)
    for _attempt in range(2):
        done = subprocess.run(
            [sys.executable, "-m", "desktop", "--vault", str(crashed.folder), "search", "x",
             "--passphrase-file", str(secret)],
            capture_output=True, text=True, cwd=ROOT, timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert done.returncode == 1
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        assert "log was damaged after a crash" in lines[0]
        assert "Traceback" not in done.stderr
    assert (crashed.folder / DB_NAME).read_bytes() == database_before
    assert len(list(crashed.folder.glob("recovery-*"))) == 1
