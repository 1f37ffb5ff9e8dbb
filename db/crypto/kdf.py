"""Argon2id key derivation with calibrated, authenticated parameters."""

from __future__ import annotations

import os
import time
import unicodedata
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

#: RFC 9106, second recommended option; Threadline never derives with less.
MIN_MEMORY_KIB = 64 * 1024
MIN_ITERATIONS = 3
MIN_LANES = 4
#: Upper bounds: what :func:`calibrate` can produce, and no more. A key file asking for
#: more was not written by Threadline, and deriving with it would hang unlock (4 GiB and
#: 64 passes took minutes). Calibration stops raising memory at 256 MiB and then raises
#: passes to reach about 0.75 s; 16 passes at 256 MiB is what a machine about ten times
#: faster than a 2026 two-core laptop would be given (docs/architecture-notes.md).
MAX_MEMORY_KIB = 256 * 1024
MAX_ITERATIONS = 16
MAX_LANES = 16
SALT_BYTES = 16
KEY_BYTES = 32

#: Unlocking should take about this long on the machine that created the vault.
TARGET_SECONDS = (0.5, 1.0)
CALIBRATION_MEMORY_CAP_KIB = MAX_MEMORY_KIB


@dataclass(frozen=True)
class Argon2Params:
    memory_kib: int
    iterations: int
    lanes: int
    salt: bytes

    @classmethod
    def minimum(cls) -> Argon2Params:
        """The floor parameters with a fresh salt (used where calibration is not wanted)."""
        return cls(MIN_MEMORY_KIB, MIN_ITERATIONS, MIN_LANES, os.urandom(SALT_BYTES))

    def is_acceptable(self) -> bool:
        return (
            MIN_MEMORY_KIB <= self.memory_kib <= MAX_MEMORY_KIB
            and MIN_ITERATIONS <= self.iterations <= MAX_ITERATIONS
            and MIN_LANES <= self.lanes <= MAX_LANES
            and len(self.salt) >= SALT_BYTES
        )

    def with_new_salt(self) -> Argon2Params:
        return Argon2Params(self.memory_kib, self.iterations, self.lanes, os.urandom(SALT_BYTES))


def normalized(passphrase: str) -> str:
    """The form a passphrase is derived from: Unicode NFC, so that "é" typed as one
    character or as "e" plus a combining accent is the same passphrase."""
    return unicodedata.normalize("NFC", passphrase)


def derive(passphrase: str, params: Argon2Params) -> bytes:
    """Derive a 256-bit wrapping key from ``passphrase`` exactly as given (callers
    normalise first; see :func:`normalized`)."""
    kdf = Argon2id(
        salt=params.salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(passphrase.encode("utf-8"))


def _time_once(params: Argon2Params) -> float:
    start = time.perf_counter()
    derive("calibration", params)
    return time.perf_counter() - start


def calibrate(target: tuple[float, float] = TARGET_SECONDS) -> Argon2Params:
    """Raise memory, then iterations, from the floor until one derivation takes ``target``.

    Memory is raised first (it is what makes GPU guessing expensive) up to 256 MiB, then
    iterations. Never returns parameters below the floor, whatever the machine's speed.
    """
    low, high = target
    params = Argon2Params.minimum()
    elapsed = _time_once(params)
    while elapsed < low and params.memory_kib < CALIBRATION_MEMORY_CAP_KIB:
        params = Argon2Params(params.memory_kib * 2, params.iterations, params.lanes, params.salt)
        elapsed = _time_once(params)
    while elapsed < low and params.iterations < MAX_ITERATIONS:
        # Scale iterations toward the middle of the window in one step, then check.
        wanted = (low + high) / 2
        factor = max(wanted / max(elapsed, 1e-3), 1.25)
        grown = max(params.iterations + 1, int(params.iterations * factor))
        iterations = min(MAX_ITERATIONS, grown)
        params = Argon2Params(params.memory_kib, iterations, params.lanes, params.salt)
        elapsed = _time_once(params)
    return params.with_new_salt()
