"""Load the shipped taxonomy into a vault: all of it into a new vault, new keys on upgrade.

The rules are those of ``docs/taxonomy-format.md`` ("Upgrading the taxonomy of an
existing vault"): rows are matched by stable key; keys the vault never received are added
under their parents (after the siblings already there); nothing the clinician renamed,
recoloured, moved, archived or made is read or written; every shipped key ever received is
remembered, so a theme the clinician deleted is not added back; the applied revision is
recorded in the same commit.

Two vault settings hold the bookkeeping (JSON values in ``vault_setting``):
``taxonomy.revision`` (an integer) and ``taxonomy.received_keys`` (a sorted list).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Theme, ThemeCategory, VaultSetting
from db.services.theme_edits import next_category_position, next_theme_position
from db.sync.state import deleted_ids
from db.taxonomy.file import TaxonomyFileError, default_taxonomy_path, load_taxonomy
from db.taxonomy.schema import CategorySpec, Taxonomy, ThemeSpec
from db.vault.database import Database

log = logging.getLogger(__name__)
R = TypeVar("R", CategorySpec, ThemeSpec)

#: Shipped categories and themes get ids derived from their stable keys, the same in every
#: vault: two devices of one clinician that take the same upgrade on their own make the
#: same rows, which sync then knows as one (docs/sync.md, "Shipped themes").
SHIPPED_IDS = uuid.UUID("2f6c1a4e-8d1b-5c37-a0e2-6b9d4f1c7e58")

REVISION_SETTING = "taxonomy.revision"
RECEIVED_SETTING = "taxonomy.received_keys"


@dataclass(frozen=True)
class SeedReport:
    """What one application of a shipped taxonomy did.

    ``error`` is a one-sentence message when the shipped file could not be read; the
    vault's taxonomy was then left exactly as it was.
    """

    revision_before: int
    revision_after: int
    added_categories: tuple[str, ...] = ()
    added_themes: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    error: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.added_categories or self.added_themes)


def shipped_id(kind: str, key: str) -> uuid.UUID:
    """The id every vault gives the shipped category or theme ``key``."""
    return uuid.uuid5(SHIPPED_IDS, f"{kind}:{key}")


def recorded_revision(session: Session) -> int:
    value = _read_setting(session, REVISION_SETTING)
    return value if isinstance(value, int) else 0


def received_keys(session: Session) -> set[str]:
    value = _read_setting(session, RECEIVED_SETTING)
    return {k for k in value if isinstance(k, str)} if isinstance(value, list) else set()


def apply_taxonomy(session: Session, taxonomy: Taxonomy) -> SeedReport:
    """Apply ``taxonomy`` inside the caller's unit of work (see the module rules)."""
    before = recorded_revision(session)
    if taxonomy.revision <= before:
        return SeedReport(before, before)
    received = received_keys(session)
    categories = {c.key: c for c in session.scalars(select(ThemeCategory)) if c.key}
    themes = {t.key: t for t in session.scalars(select(Theme)) if t.key}
    received |= set(categories) | set(themes)  # rows present were received, whatever the list
    # A shipped row deleted on another device of a sync group (its tombstone is here)
    # was received too, and a row already holding the key's id (its key moved elsewhere).
    taken = {str(i.hex) for i in session.scalars(select(Theme.id))} | {
        str(i.hex) for i in session.scalars(select(ThemeCategory.id))}
    taken |= deleted_ids(session, "theme") | deleted_ids(session, "theme_category")
    received |= {c.key for c in taxonomy.categories if shipped_id("category", c.key).hex in taken}
    received |= {t.key for t in taxonomy.themes if shipped_id("theme", t.key).hex in taken}
    added_categories: list[str] = []
    added_themes: list[str] = []
    skipped: list[str] = []

    for spec in _parents_first(taxonomy.categories):
        if spec.key in received:
            continue
        parent = categories.get(spec.parent) if spec.parent else None
        if spec.parent is not None and parent is None:
            skipped.append(spec.key)  # the clinician deleted the branch it belongs to
            continue
        parent_id = parent.id if parent else None
        category_row = ThemeCategory(id=shipped_id("category", spec.key), key=spec.key,
                                     parent_id=parent_id, name=spec.name,
                                     description=spec.description, source=spec.source,
                                     position=next_category_position(session, parent_id))
        session.add(category_row)
        session.flush()
        categories[spec.key] = category_row
        added_categories.append(spec.key)

    for theme in _parents_first(taxonomy.themes):
        if theme.key in received:
            continue
        category = categories.get(theme.category)
        parent_theme = themes.get(theme.parent) if theme.parent else None
        if category is None or (theme.parent is not None and parent_theme is None):
            skipped.append(theme.key)
            continue
        parent_id = parent_theme.id if parent_theme else None
        theme_row = Theme(id=shipped_id("theme", theme.key), key=theme.key,
                          category_id=category.id, parent_id=parent_id,
                          name=theme.name, definition=theme.definition, source=theme.source,
                          color=theme.color, dmrs_level=theme.dmrs_level,
                          ccrt_component=theme.ccrt_component,
                          position=next_theme_position(session, category.id, parent_id))
        session.add(theme_row)
        session.flush()
        themes[theme.key] = theme_row
        added_themes.append(theme.key)

    received |= {c.key for c in taxonomy.categories} | {t.key for t in taxonomy.themes}
    _write_setting(session, RECEIVED_SETTING, sorted(received))
    _write_setting(session, REVISION_SETTING, taxonomy.revision)
    return SeedReport(before, taxonomy.revision, tuple(added_categories), tuple(added_themes),
                      tuple(skipped))


def upgrade_taxonomy(database: Database, path: Path | None = None) -> SeedReport:
    """Bring an unlocked vault up to the shipped taxonomy revision; run on every unlock.

    Cheap when there is nothing to do (one read). A malformed or too-new shipped file
    changes nothing: the vault keeps the taxonomy it had, and ``error`` says why.
    """
    try:
        taxonomy = load_taxonomy(path or default_taxonomy_path())
    except TaxonomyFileError as error:
        log.warning("shipped taxonomy not applied: %s", error)
        with database.read() as session:
            revision = recorded_revision(session)
        return SeedReport(revision, revision, error=str(error))
    with database.read() as session:
        revision = recorded_revision(session)
    if taxonomy.revision <= revision:
        return SeedReport(revision, revision)
    with database.write() as session:
        report = apply_taxonomy(session, taxonomy)
    log.info("taxonomy upgraded to revision %d: %d categories and %d themes added",
             report.revision_after, len(report.added_categories), len(report.added_themes))
    return report


def _parents_first(records: Iterable[R]) -> list[R]:
    """Records in file order, except that a parent always comes before its children."""
    pending = list(records)
    keys = {r.key for r in pending}
    done: set[str] = set()
    ordered: list[R] = []
    while pending:
        rest = []
        for record in pending:
            if record.parent is None or record.parent in done or record.parent not in keys:
                ordered.append(record)
                done.add(record.key)
            else:
                rest.append(record)
        if len(rest) == len(pending):  # a cycle; the reader refuses those, so never here
            ordered.extend(rest)
            break
        pending = rest
    return ordered


def _read_setting(session: Session, key: str) -> object:
    row = session.get(VaultSetting, key)
    if row is None:
        return None
    try:
        value: object = json.loads(row.value)
    except ValueError:
        return None
    return value


def _write_setting(session: Session, key: str, value: object) -> None:
    text = json.dumps(value, separators=(",", ":"))
    row = session.get(VaultSetting, key)
    if row is None:
        session.add(VaultSetting(key=key, value=text))
    else:
        row.value = text
