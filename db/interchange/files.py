"""Interchange on disk: write exports atomically, read imports with clear errors."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from typing import Any

from db.atomic import atomic_writer, fsync_dir, write_atomic
from db.errors import FileTooLarge, ThreadlineError
from db.interchange.errors import InterchangeError
from db.interchange.importer import ImportReport, import_document
from db.interchange.markdown import render_notes
from db.interchange.reader import PIECE, read_chunks
from db.interchange.records import RECORDS
from db.interchange.v1.writer import export_document, write_document
from db.progress import Cancel, Progress, Step, silent
from db.safe_read import RegularFile
from db.services import audit
from db.sync.state import GROUP_SETTING
from db.vault.database import Database

MAX_IMPORT_BYTES = 4 * 1024**3


def _log_export(database: Database, kind: str, sessions: int) -> None:
    with database.write() as session:
        audit.record(session, "export", detail={"format": kind, "sessions": sessions})


def _exported(name: str, row: dict[str, Any]) -> bool:
    # The sync key goes into backups (a restored backup joins its group), never into a
    # plaintext export: with it anyone could write change files the vaults would accept.
    return name != "vault_settings" or row["key"] != GROUP_SETTING


def export_json(database: Database, out: Path, progress: Progress = silent) -> dict[str, int]:
    """Write the whole vault to ``out`` (atomically); ``progress`` hears exporting (the
    share of the lists read and written) and writing (the file made durable).

    Written list by list as it is read (:func:`write_document`): the whole document
    never exists in memory, as objects or as text.
    """
    with atomic_writer(Path(out)) as handle:
        counts = write_document(database, handle.write, progress=progress, keep=_exported)
        progress(Step.WRITING, None)
    _log_export(database, "json", counts["sessions"])
    return counts


def export_markdown(database: Database, out: Path) -> dict[str, int]:
    """One ``.md`` per session under a folder per client, in a new folder ``out``.

    Built in a hidden sibling folder and renamed when complete.
    """
    out = Path(out).absolute()
    if out.exists():
        raise ThreadlineError("Markdown is exported into a new folder; that one exists.")
    document = export_document(database)
    building = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
    try:
        building.mkdir(mode=0o700)
        for relative, text in render_notes(document):
            path = building / relative
            path.parent.mkdir(mode=0o700, exist_ok=True)
            write_atomic(path, text.encode("utf-8"))
        os.rename(building, out)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    fsync_dir(out.parent)
    counts = {r.name: len(document[r.name]) for r in RECORDS}
    _log_export(database, "markdown", counts["sessions"])
    return counts


def import_json(database: Database, path: Path, progress: Progress = silent,
                cancel: Cancel | None = None) -> ImportReport:
    """Read, check and import an export; all of it or nothing (see :mod:`importer`)."""
    progress(Step.READING, None)
    try:
        source = RegularFile(Path(path), MAX_IMPORT_BYTES)
    except FileTooLarge as error:
        raise InterchangeError(["This file is too large to be a Threadline export."]) from error
    except FileNotFoundError as error:
        raise ThreadlineError("That file does not exist.") from error
    except IsADirectoryError as error:
        raise ThreadlineError("That is a folder, not a Threadline export.") from error
    progress(Step.CHECKING, None)
    with source:  # read, parsed and checked a piece at a time; nothing is written
        document = read_chunks(source.chunks(PIECE))
    if cancel is not None:
        cancel.check()
    return import_document(database, document, progress=progress, cancel=cancel, release=True)
