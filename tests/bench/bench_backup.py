"""Backups of the large demo vault (24,000 sessions of ~600 words, 220,334 marks, 21,132
relational episodes), each beside its floor.

Floors, measured in the same run: for create, ``json.dumps`` of the same records plus the
``age`` tool encrypting the same plaintext tar; for verify, the same encode plus ``age``
decrypting it; for restore, ``age`` decrypting plus SQLite alone writing the rows
(:mod:`tests.bench.import_floor`). Every figure is CPU time. Peak memory of a create and
of a restore is measured in processes of their own (:mod:`tests.bench.backup_probe`).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest
from pyrage import x25519

from db.backup.service import Key, build_archive, create_backup, restore_backup, verify_backup
from db.crypto.kdf import Argon2Params
from db.interchange import dumps, export_document
from db.vault.vault import Vault
from tests.bench.harness import ROOT, Figure, Recorder
from tests.bench.import_floor import floor_seconds
from tests.conftest import PASSPHRASE

RUNS = int(os.environ.get("THREADLINE_BENCH_BACKUP_RUNS", "3"))
#: A restore of the large vault takes most of a minute on a shared two-CPU machine, so it
#: runs once unless asked otherwise.
HEAVY_RUNS = int(os.environ.get("THREADLINE_BENCH_RESTORE_RUNS", "1"))
SECTION = "Backups"


def _cpu(fn) -> float:  # noqa: ANN001
    """CPU seconds of ``fn()`` in this process (all its threads)."""
    start = time.process_time()
    fn()
    return time.process_time() - start


def _child_cpu(command: list[str]) -> float:
    """CPU seconds (user + system) of a child process running ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _probe(*args: str) -> tuple[float, float]:
    """(CPU seconds, peak MB) of :mod:`tests.bench.backup_probe` in a process of its own."""
    done = subprocess.run([sys.executable, "-m", "tests.bench.backup_probe", *args], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    cpu, peak = done.stdout.split()[-2:]
    return float(cpu), float(peak)


@pytest.mark.bench
@pytest.mark.skipif(shutil.which("age") is None, reason="the age tool is not installed")
def test_backup_create_verify_restore(bench: Recorder, large_vault: Path,
                                      tmp_path: Path) -> None:
    for figure in backup_figures(large_vault, tmp_path, RUNS, HEAVY_RUNS):
        bench.record(figure)


def backup_figures(folder: Path, tmp_path: Path, runs: int, heavy_runs: int) -> list[Figure]:
    """Create, verify and restore of the vault in ``folder`` (the tests' passphrase), each
    beside its floor (CPU time), and the peak memory of a create and of a restore in
    processes of their own."""
    load = os.getloadavg()[0]
    vault = Vault.open(folder)
    vault.unlock(PASSPHRASE, verify=False)
    identity = x25519.Identity.generate()
    (tmp_path / "id.txt").write_text(f"{identity}\n")
    public = str(identity.to_public())
    # The bench's backups are its own; it does not ask whose signature they carry.
    key = Key(identities=(identity,), accept_unsigned=True)
    try:
        tar, _ = build_archive(vault.database, datetime.now(UTC))
        (tmp_path / "plain.tar").write_bytes(tar)  # for the age floor only (a test folder)
        size_mb = len(tar) / 1e6
        del tar
        document = export_document(vault.database)
        sessions, marks = len(document["sessions"]), len(document["marks"])
        encode = [_cpu(partial(dumps, document)) for _ in range(runs)]
        data = dumps(document)
        del document
        create, age_enc, verify, age_dec, restore = [], [], [], [], []
        for run in range(runs):
            out = tmp_path / f"b{run}.age"
            create.append(_cpu(lambda: create_backup(  # noqa: B023
                vault.database, out, recipients=[identity.to_public()])))  # noqa: B023
            age_enc.append(_child_cpu(["age", "-r", public, "-o", str(tmp_path / "cli.age"),
                                       str(tmp_path / "plain.tar")]))
            verify.append(_cpu(lambda: verify_backup(out, key)))  # noqa: B023
            age_dec.append(_child_cpu(["age", "-d", "-i", str(tmp_path / "id.txt"), "-o",
                                       str(tmp_path / "dec.tar"), str(tmp_path / "cli.age")]))
            if run < heavy_runs:
                target = tmp_path / f"restored{run}"
                restore.append(_cpu(lambda: restore_backup(  # noqa: B023
                    out, key, target, "amber meadow 71 distant kettle",  # noqa: B023
                    params=Argon2Params.minimum())))
                shutil.rmtree(target)
            if run:
                out.unlink()
    finally:
        vault.close()
    floor = floor_seconds(data, tmp_path)
    _, create_peak = _probe("create", str(folder), str(tmp_path / "peak.age"),
                            str(tmp_path / "id.txt"))
    _, restore_peak = _probe("restore", str(tmp_path / "peak.age"), str(tmp_path / "id.txt"),
                             str(tmp_path / "peak-restored"))
    export_mb = len(data) / 1e6
    enc = [e + a for e, a in zip(encode, age_enc, strict=True)]
    dec = [e + a for e, a in zip(encode, age_dec, strict=True)]
    note = (f"The large demo vault: {sessions:,} sessions of ~600 words, {marks:,} marks; "
            f"plaintext tar "
            f"{size_mb:,.0f} MB (vault.json of {export_mb:,.0f} MB plus one Markdown file per "
            f"session); {runs} runs; CPU time (time.process_time, and getrusage of the age "
            f"child process), since other programs on this shared machine inflate wall time; "
            f"load average {load:.1f} at the start.")
    heavy = f"{heavy_runs} run{'s' if heavy_runs != 1 else ''}"
    peak_note = (f"VmHWM of a fresh process (python -m tests.bench.backup_probe), against "
                 f"the {export_mb:,.0f} MB plaintext export; it includes unlocking with the "
                 "minimum Argon2id parameters (64 MiB, freed before the work).")
    return [
        Figure(SECTION, "backup create (export, tar, encrypt, write, verify), CPU time", "s",
               tuple(create), target="≤ 3 × floor", max_ratio=3.0,
               floor_name="json.dumps of the records + age -r of the tar",
               floor_samples=tuple(enc), note=note),
        Figure(SECTION, "backup verify (decrypt, checksums, validate), CPU time", "s",
               tuple(verify), target="≤ 3 × floor", max_ratio=3.0,
               floor_name="json.dumps of the records + age -d of the tar",
               floor_samples=tuple(dec)),
        Figure(SECTION, "backup restore (verify, new vault, import), CPU time", "s",
               tuple(restore), target="≤ 3 × floor and < 60 s", max_ratio=3.0, max_value=60.0,
               floor_name="age -d + SQLite alone writing the rows",
               floor_samples=tuple(a + floor for a in age_dec),
               note=f"{heavy}. Restore uses the minimum Argon2id parameters here; a real "
                    "restore adds the calibrated key derivation (about a second). The import "
                    "floor is tests/bench/import_floor.py on the same vault.json."),
        Figure(SECTION, "peak memory of a backup create", "MB", (create_peak,),
               target="≤ 2 × the export", max_value=2 * export_mb, note=peak_note),
        Figure(SECTION, "peak memory of a restore", "MB", (restore_peak,),
               target="≤ 2 × the export", max_value=2 * export_mb, note=peak_note),
    ]
