"""The large demo vault every benchmark shares, built once and kept in build/bench.

It is rebuilt only when the seed, the taxonomy or the generator's version changed (recorded
in ``stamp.json`` beside it; a newer schema head is migrated into it); building it is itself
a recorded figure.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from datetime import date
from pathlib import Path

from db.crypto import kdf
from db.demo.generator import GENERATOR_VERSION, build_demo
from db.services.hub import Services, initialize_vault
from db.taxonomy.file import default_taxonomy_path
from db.vault.migrate import head_revision
from db.vault.vault import Vault
from tests.bench.harness import ROOT
from tests.conftest import PASSPHRASE

BENCH_DIR = ROOT / "build" / "bench"
LARGE_DIR = BENCH_DIR / "large-vault"
SEED = 8
#: A fixed end date, so that the same stamp always means the same caseload.
TODAY = date(2026, 11, 20)


def stamp(size: str) -> dict[str, str]:
    """What decides the caseload's content: size, seed, generator, taxonomy and schema."""
    taxonomy = hashlib.sha256(default_taxonomy_path().read_bytes()).hexdigest()
    return {"size": size, "seed": str(SEED), "generator": str(GENERATOR_VERSION),
            "taxonomy": taxonomy, "schema": head_revision()}


def ensure_demo_vault(folder: Path, size: str = "large",
                      params: kdf.Argon2Params | None = None) -> tuple[Path, float | None]:
    """The folder of a ready demo vault; with the build time in seconds if it was built.

    ``params`` defaults to the calibrated key derivation a real vault gets, so that the
    unlock figures measure what a clinician waits for.
    """
    stamp_path = folder / "stamp.json"
    wanted = stamp(size)
    if stamp_path.exists() and Vault.exists(folder / "vault"):
        recorded = json.loads(stamp_path.read_text())
        if {k: recorded.get(k) for k in wanted} == wanted:
            return folder / "vault", None
        if all(recorded.get(k) == v for k, v in wanted.items() if k != "schema"):
            # Only the schema moved on: opening migrates the same caseload in place.
            with Vault.open(folder / "vault") as vault:
                vault.unlock(PASSPHRASE)
            stamp_path.write_text(json.dumps({**recorded, "schema": wanted["schema"]},
                                             indent=1))
            return folder / "vault", None
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    vault, _ = Vault.create(folder / "vault", PASSPHRASE, params=params or kdf.calibrate(),
                            initialize=initialize_vault)
    try:
        result = build_demo(Services.for_vault(vault), size, SEED, TODAY)
    finally:
        vault.close()
    seconds = time.perf_counter() - started
    stamp_path.write_text(json.dumps({**wanted, "build_seconds": f"{seconds:.1f}",
                                      "sessions": str(result.sessions),
                                      "marks": str(result.marks),
                                      "episodes": str(result.episodes)}, indent=1))
    return folder / "vault", seconds


def census(folder: Path) -> tuple[int, int, int]:
    """Clients, sessions and marks in the vault at ``folder``."""
    with Vault.open(folder) as vault:
        vault.unlock(PASSPHRASE, verify=False)
        services = Services.for_vault(vault)
        clients = services.clients.list_clients()
        marks = sum(t.mark_count for t in services.themes.taxonomy().themes)
        return len(clients), sum(c.session_count for c in clients), marks
