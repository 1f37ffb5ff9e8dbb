"""The large demo vault every benchmark shares, built once and kept in build/bench.

It is rebuilt only when the seed, the schema head, the taxonomy or the generator changed
(recorded in ``stamp.json`` beside it); building it is itself a recorded figure.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from datetime import date
from pathlib import Path

from db.crypto import kdf
from db.demo.generator import build_demo
from db.services.hub import Services, initialize_vault
from db.vault.migrate import head_revision
from db.vault.vault import Vault
from tests.bench.harness import ROOT
from tests.conftest import PASSPHRASE

LARGE_DIR = ROOT / "build" / "bench" / "large-vault"
SEED = 8
#: A fixed end date, so that the same stamp always means the same caseload.
TODAY = date(2026, 11, 20)
#: What decides the caseload's content (the services only store it).
_SOURCES = ("db/demo", "resources/taxonomy")


def stamp(size: str) -> dict[str, str]:
    digest = hashlib.sha256()
    for folder in _SOURCES:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".json"):
                digest.update(path.read_bytes())
    return {"size": size, "seed": str(SEED), "schema": head_revision(),
            "sources": digest.hexdigest()}


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
