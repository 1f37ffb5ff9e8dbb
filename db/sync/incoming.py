"""Reading other devices' files: in order per device, each checked before it is applied.

A file is applied only when it is the next number of its device, authenticates under
this group's key for exactly that device and number, and says so inside as well. Files
already applied (a duplicate, a replay) are skipped; a missing number makes that device
wait (files arrive late and out of order); a file that does not authenticate (cut short,
altered, another group's) is refused with its reason logged — never its content — and
changes nothing; it is tried again at the next run, since a file still being copied in
becomes whole.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from db.sync import export, keys, sealing
from db.sync.state import Group
from db.vault.migrate import head_revision

log = logging.getLogger(__name__)


class Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Incoming:
    device: str
    seq: int
    name: str
    written_at: str
    changes: list[dict[str, Any]]


def _check_change(change: Any) -> None:
    if not (isinstance(change, dict) and isinstance(change.get("t"), str)
            and isinstance(change.get("id"), str) and change.get("op") in ("u", "d")
            and isinstance(change.get("v"), int) and isinstance(change.get("r"), dict)):
        raise Refused("change")
    from db.sync.schema import SYNCED

    if change["t"] not in SYNCED:
        raise Refused("table")
    if keys.has_id(change["t"]):
        if change["r"].get("id", change["id"]) != change["id"]:
            raise Refused("table")
    elif keys.row_id(change["t"], change["r"]) != change["id"]:
        raise Refused("table")


def open_file(group: Group, device: str, seq: int, data: bytes) -> Incoming:
    """The checked content of one file, or :class:`Refused` with a reason for the log."""
    try:
        payload = json.loads(sealing.unseal(group.key, group.id, device, seq, data))
    except sealing.Unreadable as error:
        raise Refused(error.reason) from None
    except ValueError:
        raise Refused("json") from None
    if not isinstance(payload, dict) or payload.get("format") != export.PAYLOAD_FORMAT:
        raise Refused("format")
    if payload.get("version") != export.PAYLOAD_VERSION or not isinstance(
            payload.get("schema"), str) or payload["schema"] > head_revision():
        raise Refused("newer")
    if (payload.get("group"), payload.get("device"), payload.get("seq")) != (
            group.id, device, seq):
        raise Refused("binding")
    changes = payload.get("changes")
    if not isinstance(changes, list):
        raise Refused("changes")
    for change in changes:
        _check_change(change)
    name = payload.get("name")
    written = payload.get("written_at")
    return Incoming(device, seq, name if isinstance(name, str) else "",
                    written if isinstance(written, str) else "", changes)
