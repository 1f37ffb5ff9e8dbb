"""Sync as a service: start, join, run once (``sync now``) and report the status.

Each ``run`` exports this device's changes first, then applies what arrived from the
others, one file per transaction, so a process killed at any point leaves every file
either applied with its cursor moved on, or not applied at all.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from db.clock import Clock, utcnow
from db.errors import (
    SyncAlreadyStarted,
    SyncError,
    SyncFolderForeign,
    SyncFolderInUse,
    SyncFolderMissing,
)
from db.search.bulk import deferred
from db.search.pending import catch_up
from db.services import audit
from db.services.base import DatabaseProvider
from db.sync import apply, export, folder, incoming, schema, state
from db.sync.dto import DeviceStatus, Problem, SyncReport, SyncStatus
from db.sync.state import Group

log = logging.getLogger(__name__)

#: A device not heard from for this long is named in the status.
SILENT_AFTER = timedelta(days=30)
#: With nothing to send, a device still writes an empty file this often ("last seen").
HEARTBEAT = timedelta(hours=12)
_DB_TIME = "%Y-%m-%d %H:%M:%S.%f"
#: A file with this many changes has its new rows indexed for search in one pass at the
#: end (db.search.bulk), rather than row by row: that pass reads every indexed table once,
#: which a small file does not repay.
BULK_INDEX_AT = 200


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _gap(numbers: dict[int, Path], applied: int) -> int | None:
    """The number a device's later files wait for: its next one, when that is not in the
    folder although later ones are (late or out-of-order delivery); else None."""
    following = applied + 1
    if following in numbers or not any(n > following for n in numbers):
        return None
    return following


class SyncService:
    def __init__(self, vault: DatabaseProvider, clock: Clock = utcnow) -> None:
        self._vault = vault
        self._clock = clock

    # --- setting up -------------------------------------------------------------------

    def start(self, target: Path, device_name: str) -> SyncReport:
        """Start a new group with this vault: claim ``target`` and send everything."""
        group = state.new_group()
        self._begin(target, device_name, group, snapshot=True)
        return self.run()

    def join(self, target: Path, device_name: str, group: Group | None = None) -> SyncReport:
        """Join the group whose key the vault holds (a restored backup) or ``group`` (a
        pairing file), syncing through ``target``, which must already be that group's."""
        if group is None:
            with self._vault.database.read() as session:
                group = state.read_group(session)
        if group is None:
            raise SyncError("This vault was not syncing when the backup was made; join "
                            "with a pairing file from the first computer instead.")
        if folder.read_group(target) != group.id:
            raise SyncFolderForeign
        folder.check_marker(target, group.id, group.key)
        self._begin(target, device_name, group, snapshot=False)
        return self.run()

    def _begin(self, target: Path, device_name: str, group: Group, *, snapshot: bool) -> None:
        now = self._clock()
        with self._vault.database.write() as session:
            if state.read_state(session) is not None:
                raise SyncAlreadyStarted
            state.store_group(session, group)
            if snapshot:
                try:
                    folder.claim(target, group.id, group.key)
                except SyncFolderForeign:
                    raise SyncFolderInUse from None
            session.execute(text(
                f"INSERT INTO {schema.STATE} (id, capture, device_id, device_name, folder) "
                f"VALUES (1, 1, :d, :n, :f)"),
                {"d": uuid.uuid4().hex, "n": device_name.strip()[:80] or "This computer",
                 "f": str(target)})
            schema.ensure_triggers(session)
            if snapshot:
                schema.queue_all(session, schema.SYNCED, _ms(now))
            audit.record(session, "sync_started" if snapshot else "sync_joined")

    # --- one run ----------------------------------------------------------------------

    def run(self) -> SyncReport:
        """Export what is new, apply what arrived. Raises :class:`SyncFolderMissing` or
        :class:`SyncFolderForeign` (after staging this device's changes in the vault)."""
        database = self._vault.database
        now = self._clock()
        with database.write() as session:
            schema.ensure_triggers(session)
            current, group = state.require(session)
            last = _parse(session.execute(text(
                f"SELECT last_file_at FROM {schema.STATE} WHERE id = 1")).scalar())
            exported = export.stage(session, now, heartbeat=last is None
                                    or now - last > HEARTBEAT)
            staged = export.staged(session)
            if staged:
                session.execute(text(f"UPDATE {schema.STATE} SET last_file_at = :t "
                                     f"WHERE id = 1"), {"t": now.isoformat()})
        target = Path(current.folder)
        folder.check_marker(target, group.id, group.key)
        if not target.is_dir():
            raise SyncFolderMissing
        written = export.publish(target, current.device_id, staged)
        with database.write() as session:
            export.forget(session, written)
        report = self._apply_arrived(target, current.device_id, group)
        with database.write() as session:
            session.execute(text(f"UPDATE {schema.STATE} SET last_sync_at = :t WHERE id = 1"),
                            {"t": now.isoformat()})
        return replace(report, exported=exported, files_written=len(written))

    def _apply_arrived(self, target: Path, me: str, group: Group) -> SyncReport:
        listing = folder.listing(target)
        totals = apply.Applied()
        files = 0
        refused: list[str] = []
        sessions: set[str] = set()
        with self._vault.database.read() as session:
            applied = {row[0]: row[1] for row in session.execute(text(
                f"SELECT id, applied_seq FROM {schema.DEVICES}"))}
        progress = True
        blocked: set[str] = set()
        while progress:
            progress = False
            for device, numbers in sorted(listing.files.items()):
                if device == me or device in blocked:
                    continue
                seq = applied.get(device, 0) + 1
                while seq in numbers:
                    outcome = self._apply_one(device, seq, numbers[seq], group, totals,
                                              sessions)
                    if outcome is None:
                        files += 1
                        applied[device] = seq
                        seq += 1
                        progress = True
                        continue
                    if outcome != "blocked":
                        blocked.add(device)
                        refused.append(outcome)
                    break
        waiting = sum(len([n for n in numbers if n > applied.get(device, 0)])
                      for device, numbers in listing.files.items() if device != me)
        return SyncReport(files_applied=files, applied=totals.changes, kept=totals.kept,
                          restored=totals.restored, conflicts=totals.conflicts,
                          addenda=totals.addenda, renamed=totals.renamed,
                          refused=tuple(refused), waiting=waiting,
                          changed_sessions=tuple(sorted(s for s in sessions if ":" not in s)),
                          changed_clients=tuple(sorted(s.removeprefix("client:")
                                                       for s in sessions if ":" in s)))

    def _apply_one(self, device: str, seq: int, path: Path, group: Group,
                   totals: apply.Applied, sessions: set[str]) -> str | None:
        """Apply one file; ``None`` when applied, else ``"blocked"`` or a refusal reason."""
        data = folder.read_file(path)
        try:
            if data is None:
                raise incoming.Refused("unreadable")
            content = incoming.open_file(group, device, seq, data)
        except incoming.Refused as error:
            log.warning("sync file of device %s number %d refused: %s", device[:8], seq,
                        error.reason)
            self._mark_refused(device, error.reason)
            return error.reason
        now = self._clock()
        result = apply.Applied()
        try:
            with self._vault.database.write() as session:
                me = state.require(session)[0].device_id
                state.set_capture(session, False)
                session.execute(text("PRAGMA defer_foreign_keys = ON"))
                ctx = apply.Context(session, me, _ms(now),
                                    now.replace(tzinfo=None).strftime(_DB_TIME), result)
                if len(content.changes) >= BULK_INDEX_AT:  # index new rows in one pass
                    with deferred(session):
                        apply.apply_changes(ctx, content.changes, device)
                else:
                    apply.apply_changes(ctx, content.changes, device)
                tables = {change["t"] for change in content.changes}
                for table in sorted(tables | {"addendum", "note_revision", schema.CONFLICTS}):
                    if table != schema.CONFLICTS and session.execute(
                            text(f"PRAGMA foreign_key_check({table})")).first():
                        raise apply.Blocked
                session.execute(text(f"UPDATE {schema.STATE} SET hlc = max(hlc, :h) "
                                     f"WHERE id = 1"), {"h": result.max_hlc})
                session.execute(text(
                    f"INSERT INTO {schema.DEVICES} (id, name, applied_seq, last_seen_at, "
                    f"blocked) VALUES (:id, :n, :s, :w, NULL) ON CONFLICT(id) DO UPDATE SET "
                    f"name = excluded.name, applied_seq = excluded.applied_seq, "
                    f"last_seen_at = excluded.last_seen_at, blocked = NULL"),
                    {"id": device, "n": content.name[:80], "s": seq, "w": content.written_at})
                catch_up(session)
                audit.record(session, "sync_applied", "device", device, {
                    "seq": seq, "changes": result.changes, "kept": result.kept,
                    "restored": result.restored, "conflicts": result.conflicts,
                    "addenda": result.addenda})
                state.set_capture(session, True)
        except apply.Blocked:
            return "blocked"
        for name in ("changes", "won", "kept", "restored", "conflicts", "addenda", "renamed"):
            setattr(totals, name, getattr(totals, name) + getattr(result, name))
        sessions.update(str(c["id"]) for c in content.changes if c["t"] == apply.SESSION)
        sessions.update(f"client:{c['id']}" for c in content.changes if c["t"] == "client")
        return None

    def _mark_refused(self, device: str, reason: str) -> None:
        with self._vault.database.write() as session:
            session.execute(text(
                f"INSERT INTO {schema.DEVICES} (id, blocked) VALUES (:id, :r) "
                f"ON CONFLICT(id) DO UPDATE SET blocked = excluded.blocked"),
                {"id": device, "r": reason})

    # --- status -----------------------------------------------------------------------

    def status(self) -> SyncStatus:
        with self._vault.database.read() as session:
            current = state.read_state(session)
            group = state.read_group(session)
            if current is None or group is None:
                return SyncStatus(syncing=False)
            unsent = session.execute(text(
                f"SELECT count(DISTINCT tbl || row_id) FROM {schema.OUTBOX}")).scalar_one()
            known = session.execute(text(
                f"SELECT id, name, applied_seq, last_seen_at, blocked FROM {schema.DEVICES}"
                f" ORDER BY name, id")).all()
        problems: list[Problem] = []
        target = Path(current.folder)
        files: dict[str, dict[int, Path]] = {}
        try:
            folder.check_marker(target, group.id, group.key)
            files = folder.listing(target).files
        except SyncFolderMissing:
            problems.append(Problem.FOLDER_MISSING)
        except SyncFolderForeign:
            problems.append(Problem.FOLDER_FOREIGN)
        now = self._clock()
        devices = [DeviceStatus(current.device_id, current.device_name, True,
                                _parse(current.last_sync_at), current.next_seq - 1, 0, None)]
        seen = {current.device_id}
        for ident, name, applied_seq, last_seen, blocked in known:
            waiting = len([n for n in files.get(ident, {}) if n > applied_seq])
            when = _parse(last_seen)
            missing = _gap(files.get(ident, {}), applied_seq)
            devices.append(DeviceStatus(ident, name or "", False, when, applied_seq, waiting,
                                        blocked, missing))
            seen.add(ident)
            if blocked:
                problems.append(Problem.FILE_REFUSED)
            elif missing is not None:
                problems.append(Problem.WAITING)
            if when is not None and now - when > SILENT_AFTER:
                problems.append(Problem.DEVICE_SILENT)
        for ident, numbers in files.items():
            if ident not in seen:
                missing = _gap(numbers, 0)
                devices.append(DeviceStatus(ident, "", False, None, 0, len(numbers), None,
                                            missing))
                if missing is not None:
                    problems.append(Problem.WAITING)
        return SyncStatus(True, current.folder, current.device_name,
                          _parse(current.last_sync_at), int(unsent), tuple(devices),
                          tuple(dict.fromkeys(problems)))
