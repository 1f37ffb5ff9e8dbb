"""A new, empty vault made to join a group from a pairing file.

A new vault is normally seeded with the shipped taxonomy, under ids of its own; the
group's taxonomy (with the ids its marks use) arrives with the first files instead, so
the joining vault starts with none.
"""

from __future__ import annotations

from db.services import audit
from db.vault.database import Database


def initialize_for_joining(database: Database) -> None:
    with database.write() as session:
        audit.record(session, "vault_created")
