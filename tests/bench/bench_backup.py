"""Backups of a large vault (24,000 sessions of ~600 words), next to the age tool.

Each Threadline figure is compared with the ``age`` command-line tool doing only the
encryption (or decryption) of the same plaintext tar, so the ratio shows what the export,
the manifest checks, the verification and the import add on top of the cryptography.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pyrage import x25519
from sqlalchemy import insert

from db.backup.service import Key, build_archive, create_backup, restore_backup, verify_backup
from db.crypto.kdf import Argon2Params
from db.interchange import dumps, export_document, import_document, read_bytes
from db.models import Client, Mark, Theme, TherapySession
from db.vault.vault import Vault
from tests.bench.harness import Figure, Recorder
from tests.conftest import make_vault

SESSIONS = int(os.environ.get("THREADLINE_BENCH_SESSIONS", "24000"))
RUNS = int(os.environ.get("THREADLINE_BENCH_BACKUP_RUNS", "3"))
#: Restore and import each take over a minute at 24,000 sessions on a shared two-CPU
#: machine, so they run once there unless asked otherwise.
HEAVY_RUNS = int(os.environ.get("THREADLINE_BENCH_RESTORE_RUNS",
                                "1" if SESSIONS > 5000 else str(RUNS)))
WORDS = ("she", "spoke", "about", "her", "mother", "again", "and", "then", "fell", "silent",
         "I", "noticed", "a", "pull", "to", "reassure", "which", "felt", "familiar", "the",
         "session", "ended", "with", "anger", "at", "being", "left", "waiting", "dream",
         "of", "a", "house", "with", "many", "rooms", "locked", "door", "father", "late")
SECTION = "Backups"


def _note(rng: random.Random) -> str:
    sentences = []
    for _ in range(60):  # 60 sentences of 10 words: about 600 words
        words = [rng.choice(WORDS) for _ in range(10)]
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def fill_large(vault: Vault, sessions: int) -> None:
    rng = random.Random(7)
    notes = [_note(rng) for _ in range(200)]  # varied but cheap to make
    now = datetime(2025, 1, 1, tzinfo=UTC)
    per_client = 200
    with vault.database.write() as session:
        theme_id = session.query(Theme.id).first()[0]  # type: ignore[index]
        clients = [{"id": uuid.uuid4(), "code": f"C-{n:04d}", "created_at": now,
                    "updated_at": now} for n in range(sessions // per_client + 1)]
        session.execute(insert(Client), clients)
        rows, marks = [], []
        for n in range(sessions):
            client = clients[n // per_client]
            ident = uuid.uuid4()
            rows.append({"id": ident, "client_id": client["id"], "number": n % per_client + 1,
                         "date": date(2015, 1, 1) + timedelta(days=n % 3650),
                         "process_note": notes[n % len(notes)] + f" ({n})",
                         "progress_note": "Alliance steady.", "created_at": now,
                         "updated_at": now})
            marks.append({"id": uuid.uuid4(), "session_id": ident, "theme_id": theme_id,
                          "note_kind": "process", "anchor_start": 0, "anchor_end": 3,
                          "anchor_text": "She", "created_at": now, "updated_at": now})
        session.execute(insert(TherapySession), rows)
        session.execute(insert(Mark), marks)


def _seconds(fn) -> float:  # noqa: ANN001
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


@pytest.mark.bench
@pytest.mark.skipif(shutil.which("age") is None, reason="the age tool is not installed")
def test_backup_create_verify_restore(bench: Recorder, tmp_path: Path) -> None:
    load = os.getloadavg()[0]
    vault, _ = make_vault(tmp_path / "vault")
    identity = x25519.Identity.generate()
    (tmp_path / "id.txt").write_text(f"{identity}\n")
    public = str(identity.to_public())
    key = Key(identities=(identity,))
    try:
        filled = _seconds(lambda: fill_large(vault, SESSIONS))
        tar, _ = build_archive(vault.database, datetime.now(UTC))
        (tmp_path / "plain.tar").write_bytes(tar)  # for the age floor only (a test folder)
        size_mb = len(tar) / 1e6
        del tar
        create, age_enc, verify, age_dec, restore = [], [], [], [], []
        for run in range(RUNS):
            out = tmp_path / f"b{run}.age"
            create.append(_seconds(lambda: create_backup(  # noqa: B023
                vault.database, out, recipients=[identity.to_public()])))  # noqa: B023
            age_enc.append(_seconds(lambda: subprocess.run(
                ["age", "-r", public, "-o", str(tmp_path / "cli.age"),
                 str(tmp_path / "plain.tar")], check=True)))
            verify.append(_seconds(lambda: verify_backup(out, key)))  # noqa: B023
            age_dec.append(_seconds(lambda: subprocess.run(
                ["age", "-d", "-i", str(tmp_path / "id.txt"), "-o", str(tmp_path / "dec.tar"),
                 str(tmp_path / "cli.age")], check=True)))
            if run < HEAVY_RUNS:
                target = tmp_path / f"restored{run}"
                restore.append(_seconds(lambda: restore_backup(  # noqa: B023
                    out, key, target, "amber meadow 71 distant kettle",  # noqa: B023
                    params=Argon2Params.minimum())))
                shutil.rmtree(target)
            if run:
                out.unlink()
        data = dumps(export_document(vault.database))
    finally:
        vault.close()
    shutil.rmtree(tmp_path / "vault")
    imports = []
    for run in range(HEAVY_RUNS):
        empty, _ = Vault.create(tmp_path / f"import{run}", "amber meadow 71 distant kettle",
                                params=Argon2Params.minimum())
        try:
            imports.append(_seconds(lambda: import_document(
                empty.database, read_bytes(data))))  # noqa: B023
        finally:
            empty.close()
        shutil.rmtree(tmp_path / f"import{run}")
    note = (f"{SESSIONS:,} sessions of ~600 words and one mark each; plaintext tar "
            f"{size_mb:,.0f} MB (vault.json plus one Markdown file per session); "
            f"{RUNS} runs; load average {load:.1f} at the start.")
    heavy = f"{HEAVY_RUNS} run{'s' if HEAVY_RUNS != 1 else ''}"
    figures = [
        Figure(SECTION, "backup create (export, tar, encrypt, write, verify)", "s",
               tuple(create), floor_name="age -r (encrypt)", floor_samples=tuple(age_enc),
               note=note),
        Figure(SECTION, "backup verify (decrypt, checksums, validate)", "s", tuple(verify),
               floor_name="age -d (decrypt)", floor_samples=tuple(age_dec)),
        Figure(SECTION, "backup restore (verify, new vault, import)", "s", tuple(restore),
               floor_name="age -d (decrypt)", floor_samples=tuple(age_dec),
               note=f"{heavy}. Restore uses the minimum Argon2id parameters here; a real "
                    "restore adds the calibrated key derivation (about a second). Nearly all "
                    "of the time is the import (see the import figure)."),
        Figure(SECTION, "import of the large export (parse, validate, insert)", "s",
               tuple(imports), floor_name="plain INSERTs of the same rows",
               floor_samples=(filled,),
               note=f"{heavy}: vault.json of {len(data) / 1e6:,.0f} MB into an empty vault "
                    "in one transaction; the floor writes the same sessions and marks with "
                    "bare INSERT statements (one run). Both are bound by SQLCipher writing "
                    "the full-text index (see the notes on backups)."),
    ]
    for figure in figures:
        bench.record(figure)
    assert all(f.median > 0 for f in figures)
