"""What this device last saw of a vault: its commit counter, outside the vault folder.

A copy of the whole vault folder (database, log, seal and key file together) is
consistent with itself, so nothing inside it can tell that it is older than the vault
this computer had open yesterday. The device record can: one small file per vault in the
user's state folder (``~/.local/state/Threadline/seen/<hash of the vault id>`` on Linux),
holding only the hash of the vault id, the last commit counter this device saw and an
HMAC-SHA256 over both (a key derived from the data key, info ``threadline device record
v1``). No client data, no name, no path. It is written after every unlock and when the
vault locks or closes.

A record that fails its HMAC (or cannot be read) is logged and treated as absent: whoever
can change it can as well delete it, so it could never be more than a warning.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from pathlib import Path

from platformdirs import user_state_dir

from db.atomic import write_atomic

log = logging.getLogger(__name__)

FORMAT = "threadline-seen"
VERSION = 1
INFO = b"threadline device record v1"


def default_seen_dir() -> Path:
    """Where this device's records live (the tests' private HOME moves it with XDG)."""
    return Path(user_state_dir("Threadline", appauthor=False)) / "seen"


class DeviceRecord:
    """The record of one vault on this device."""

    def __init__(self, folder: Path, vault_id: str, key: bytearray) -> None:
        self._vault = hashlib.sha256(b"threadline vault " + vault_id.encode()).hexdigest()
        self.path = Path(folder) / self._vault[:32]
        self._key = key

    def _mac(self, counter: int) -> str:
        message = f"{FORMAT}\n{VERSION}\n{self._vault}\n{counter}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def last_seen(self) -> int | None:
        """The counter this device last saw, or ``None`` (no record, or not a valid one)."""
        try:
            doc = json.loads(self.path.read_text(encoding="ascii"))
            counter = doc["counter"]
            valid = (doc["format"] == FORMAT and doc["version"] == VERSION
                     and doc["vault"] == self._vault and isinstance(counter, int)
                     and hmac.compare_digest(str(doc["mac"]), self._mac(counter)))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("device record unreadable: %s", type(error).__name__)
            return None
        if not valid:
            log.warning("device record failed authentication; ignored")
            return None
        return int(counter)

    def remember(self, counter: int) -> None:
        """Record ``counter`` (atomically); a failure is logged, never raised."""
        doc = {"format": FORMAT, "version": VERSION, "vault": self._vault,
               "counter": counter, "mac": self._mac(counter)}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_atomic(self.path, json.dumps(doc).encode("ascii"))
        except OSError as error:
            log.warning("device record not written: %s", type(error).__name__)

    def close(self) -> None:
        self._key[:] = bytes(len(self._key))
