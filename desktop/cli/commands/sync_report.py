"""How ``threadline sync`` words its reports and the status (no client data in either)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from db.sync.dto import Problem, SyncReport, SyncStatus

PROBLEMS = {
    Problem.FOLDER_MISSING: "the sync folder cannot be found",
    Problem.FOLDER_FOREIGN: "the sync folder holds another vault's files",
    Problem.DEVICE_SILENT: "a device has not been seen for 30 days",
    Problem.FILE_REFUSED: "a file in the folder was refused (damaged or not this vault's)",
    Problem.WAITING: "files are waiting for others to arrive (an earlier file is missing)",
}


def report_line(report: SyncReport) -> str:
    parts = [f"Sent {report.exported} changes ({report.files_written} files), "
             f"applied {report.applied} changes ({report.files_applied} files)"]
    for count, words in ((report.conflicts, "edited on two devices (both texts kept)"),
                         (report.addenda, "edits of finalized notes kept as addenda"),
                         (report.kept, "kept although deleted on another device"),
                         (report.restored, "brought back for new work"),
                         (report.renamed, "codes or numbers changed to avoid a clash"),
                         (len(report.refused), "files refused"),
                         (report.waiting, "files waiting")):
        if count:
            parts.append(f"{count} {words}")
    return "; ".join(parts) + ".\n"


def _when(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def status_json(status: SyncStatus) -> dict[str, Any]:
    return {
        "syncing": status.syncing, "folder": status.folder, "device": status.device_name,
        "last_sync_at": _when(status.last_sync_at), "unsent": status.unsent,
        "problems": [str(p) for p in status.problems],
        "devices": [{"id": d.id, "name": d.name, "this_device": d.this_device,
                     "last_seen_at": _when(d.last_seen_at), "applied": d.applied,
                     "waiting": d.waiting, "refused": d.refused, "missing": d.missing}
                    for d in status.devices],
    }


def status_text(status: SyncStatus) -> str:
    if not status.syncing:
        return "This vault does not sync.\n"
    lines = [f"Syncing through {status.folder} as “{status.device_name}”; "
             f"last synced {_when(status.last_sync_at) or 'never'}; "
             f"{status.unsent} changes not sent yet."]
    for device in status.devices:
        seen = _when(device.last_seen_at) or "not yet"
        tail = " (this computer)" if device.this_device else (
            f", {device.waiting} files waiting"
            + (f", refused: {device.refused}" if device.refused else "")
            + (f" (an earlier file has not arrived: number {device.missing})"
               if device.missing is not None and not device.refused else ""))
        lines.append(f"  {device.name or device.id[:8]}: last seen {seen}{tail}")
    lines += [f"Problem: {PROBLEMS[p]}." for p in status.problems]
    return "\n".join(lines) + "\n"
