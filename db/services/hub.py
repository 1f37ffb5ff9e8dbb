"""All services of one vault, built once and handed to the front ends."""

from __future__ import annotations

from dataclasses import dataclass

from db.analytics.service import AnalyticsService
from db.services import audit
from db.services.audit import AuditService
from db.services.base import DatabaseProvider
from db.services.clients import ClientService
from db.services.notes import NoteService
from db.services.sessions import SessionService
from db.services.settings import SettingsService
from db.vault.database import Database


@dataclass(frozen=True)
class Services:
    clients: ClientService
    sessions: SessionService
    notes: NoteService
    audit: AuditService
    settings: SettingsService
    analytics: AnalyticsService

    @classmethod
    def for_vault(cls, vault: DatabaseProvider) -> Services:
        return cls(ClientService(vault), SessionService(vault), NoteService(vault),
                   AuditService(vault), SettingsService(vault),
                   AnalyticsService(vault))


def initialize_vault(database: Database) -> None:
    """Fill a brand-new vault: its first audit event (and, later, the default taxonomy)."""
    with database.write() as session:
        audit.record(session, "vault_created")
