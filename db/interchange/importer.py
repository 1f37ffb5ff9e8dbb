"""Add a validated interchange document to a vault: all of it, or nothing.

Rules (also in ``docs/file-formats.md``):

* Nothing already in the vault is ever changed. A client, goal, session, note revision,
  addendum, mark or episode whose id is already there, or a client whose code is already
  taken, is a clash: every clash is reported and nothing at all is imported.
* Taxonomy items the vault already has (same id, or same shipped ``key``) are kept as
  they are, and the document's marks and episodes are pointed at them.
* Vault settings the vault already has are kept; missing ones are added.
* The audit log is imported as it is when the vault's own log is empty (a restore or a
  move to a new vault), so its hash chain stays intact; otherwise the vault's chain gets
  one ``import`` event with the counts instead.

Rows go in with one prepared INSERT per table in one transaction (db.interchange.table_rows);
the full-text index of the new rows is built in one pass at the end, inside the same
transaction (db.search.bulk), so a failure or a cancel anywhere rolls everything back.
Progress: :data:`Step.IMPORTING` (share of the rows written), then :data:`Step.INDEXING`.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from db.interchange import table_rows
from db.interchange.errors import ImportClash
from db.interchange.records import PRIVATE_SETTINGS, RECORDS, Record
from db.interchange.v1.reader import Document
from db.models import AuditEvent, Client, Theme, ThemeCategory, VaultSetting
from db.plural import count
from db.progress import Cancel, Progress, Step, silent
from db.search import bulk as search_bulk
from db.services import audit
from db.services.dto import Changed
from db.sync import schema as sync_schema
from db.vault.database import Database

_THEME_REFS = ("parent_id", "merged_into_id", "theme_id", "wish_theme_id",
               "response_of_other_theme_id", "response_of_self_theme_id",
               "wish_theme_2_id", "wish_theme_3_id", "response_of_other_theme_2_id",
               "response_of_other_theme_3_id", "response_of_self_theme_2_id",
               "response_of_self_theme_3_id")
MAX_CLASHES_LISTED = 20
#: The page cache while an import writes (KiB, as SQLite counts a negative cache_size):
#: the tables' id indexes are written in random order, and SQLite's default 2 MB cache
#: made most of those writes read a page back first.
IMPORT_CACHE_KIB = 65536


@dataclass(frozen=True)
class ImportReport:
    """What an import added (per list), and what it kept as the vault already had it."""

    added: dict[str, int]
    taxonomy_kept: int
    settings_kept: int
    audit_log_imported: bool
    changed: Changed

    def summary(self) -> str:
        parts = [count(self.added["clients"], "client"),
                 count(self.added["sessions"], "session"), count(self.added["marks"], "mark"),
                 count(self.added["relational_episodes"], "episode")]
        return "Imported " + ", ".join(parts) + "."


def _existing_ids(session: Session, record: Record) -> set[Any]:
    table = record.model.__table__
    return set(session.scalars(select(table.c.id)))


def _map_taxonomy(session: Session, document: Document) -> tuple[dict[uuid.UUID, uuid.UUID],
                                                                  set[uuid.UUID], int]:
    """Map document taxonomy ids onto items the vault already has; return what to skip."""
    mapping: dict[uuid.UUID, uuid.UUID] = {}
    skip: set[uuid.UUID] = set()
    for model, name in ((ThemeCategory, "theme_categories"), (Theme, "themes")):
        by_key = {key: ident for key, ident in session.execute(
            select(model.key, model.id).where(model.key.is_not(None)))}
        ids = set(session.scalars(select(model.id)))
        for row in document.rows[name]:
            if row["id"] in ids:
                skip.add(row["id"])
            elif row["key"] is not None and row["key"] in by_key:
                mapping[row["id"]] = by_key[row["key"]]
                skip.add(row["id"])
    return mapping, skip, len(skip)


def _clashes(session: Session, document: Document) -> list[str]:
    problems: list[str] = []
    codes = {code.casefold(): code for code in session.scalars(select(Client.code))}
    for row in document.rows["clients"]:
        if row["code"].casefold() in codes:
            problems.append(f"The vault already has a client with the code {row['code']}.")
    for record in RECORDS:
        if record.key != ("id",) or record.name in ("theme_categories", "themes",
                                                     "audit_events"):
            continue
        rows = document.rows[record.name]
        if not rows:
            continue
        existing = _existing_ids(session, record)
        for index, row in enumerate(rows):
            if row["id"] in existing:
                problems.append(f"{record.noun[0].upper()}{record.noun[1:]} {index + 1} of the "
                                f"export is already in the vault (same id {row['id']}).")
    return problems


def _remap(rows: Iterable[dict[str, Any]], mapping: dict[uuid.UUID, uuid.UUID],
           fields: Iterable[str]) -> list[dict[str, Any]]:
    wanted = [f for f in fields if f in _THEME_REFS or f in ("category_id",)]
    out = []
    for row in rows:
        changed = {f: mapping.get(row[f], row[f]) for f in wanted if row.get(f) is not None}
        out.append({**row, **changed} if changed else row)
    return out


def _rows_to_write(session: Session, document: Document, skip: set[uuid.UUID],
                   mapping: dict[uuid.UUID, uuid.UUID], had_audit: bool
                   ) -> tuple[list[tuple[Record, list[dict[str, Any]]]], int]:
    present_settings = set(session.scalars(select(VaultSetting.key)))
    settings_kept = 0
    plan = []
    for record in RECORDS:
        rows = document.rows[record.name]
        if record.name in ("theme_categories", "themes"):
            rows = [row for row in rows if row["id"] not in skip]
        if record.name == "vault_settings":
            fresh = [row for row in rows if row["key"] not in present_settings
                     and row["key"] not in PRIVATE_SETTINGS]
            settings_kept = len(rows) - len(fresh)
            rows = [{"key": row["key"], "value": json.dumps(row["value"])} for row in fresh]
        if record.name == "audit_events" and had_audit:
            rows = []
        if mapping:
            rows = _remap(rows, mapping, (f.name for f in record.fields))
        plan.append((record, rows))
    return plan, settings_kept


def import_document(database: Database, document: Document, *, progress: Progress = silent,
                    cancel: Cancel | None = None, release: bool = False) -> ImportReport:
    """Import ``document`` in one transaction; raises :class:`ImportClash` if anything of
    it is already in the vault (then nothing is imported), :class:`db.errors.Cancelled`
    when ``cancel`` is set before the commit (then nothing is imported either).

    ``release``: the caller gives ``document`` up, and each list's rows are let go once
    written (so they are gone before the index is built and the transaction commits,
    which is when SQLite needs most memory); the document is empty afterwards.
    """
    check = cancel.check if cancel is not None else (lambda: None)
    changed = Changed(
        clients=frozenset(row["id"] for row in document.rows["clients"]),
        sessions=frozenset(row["id"] for row in document.rows["sessions"]),
        themes=False, settings=False)
    audit_events = len(document.rows["audit_events"])
    added: dict[str, int] = {record.name: 0 for record in RECORDS}
    progress(Step.IMPORTING, 0.0)
    with database.write() as session:
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        problems = _clashes(session, document)
        if problems:
            raise ImportClash(len(problems), problems[:MAX_CLASHES_LISTED])
        mapping, skip, kept = _map_taxonomy(session, document)
        had_audit = bool(session.scalar(select(func.count()).select_from(AuditEvent)))
        plan, settings_kept = _rows_to_write(session, document, skip, mapping, had_audit)
        total = max(1, sum(len(rows) for _, rows in plan))
        driver = session.connection().connection.driver_connection
        assert driver is not None
        cache = int(driver.execute("PRAGMA cache_size").fetchone()[0])
        driver.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
        try:
            written = 0
            def indexing(done: float) -> None:
                check()
                progress(Step.INDEXING, done)

            with sync_schema.idle_inserts(session), search_bulk.deferred(session, indexing):
                connection = session.connection()
                for index, (record, rows) in enumerate(plan):
                    for count in table_rows.slices(connection, record, rows, release=release):
                        check()
                        progress(Step.IMPORTING, (written + count) / total)
                    written += len(rows)
                    added[record.name] = len(rows)
                    if release:
                        plan[index] = (record, [])
                        document.rows[record.name] = []
                        del rows
                progress(Step.INDEXING, 0.0)
            if had_audit:
                audit.record(session, "import", detail={
                    "clients": added["clients"], "sessions": added["sessions"],
                    "audit_events_not_merged": audit_events,
                })
            check()  # the last moment to stop: after this, the commit
        finally:  # the connection goes back to the pool with its usual cache
            driver.execute(f"PRAGMA cache_size = {cache}")
    changed = dataclasses.replace(
        changed, themes=bool(added["themes"] or added["theme_categories"] or added["marks"]),
        settings=bool(added["vault_settings"]))
    return ImportReport(added, kept, settings_kept, not had_audit, changed)
