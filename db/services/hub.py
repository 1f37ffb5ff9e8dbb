"""All services of one vault, built once and handed to the front ends."""

from __future__ import annotations

from dataclasses import dataclass

from db.analytics.service import AnalyticsService
from db.clock import Clock, utcnow
from db.measures.service import MeasureService
from db.search.indexer import Indexer
from db.search.service import SearchService
from db.services import audit
from db.services.audit import AuditService
from db.services.base import DatabaseProvider
from db.services.clients import ClientService
from db.services.episodes import EpisodeService
from db.services.marks import MarkService
from db.services.notes import NoteService
from db.services.passages import PassageService
from db.services.sessions import SessionService
from db.services.settings import SettingsService
from db.services.theme_passages import ThemePassageService
from db.services.themes import ThemeService
from db.suggestions.service import SuggestionService
from db.supervision.service import SupervisionService
from db.taxonomy.file import default_taxonomy_path, load_taxonomy
from db.taxonomy.seed import SeedReport, apply_taxonomy, upgrade_taxonomy
from db.templates.service import TemplateService
from db.vault.database import Database


@dataclass(frozen=True)
class Services:
    clients: ClientService
    sessions: SessionService
    notes: NoteService
    audit: AuditService
    settings: SettingsService
    themes: ThemeService
    marks: MarkService
    episodes: EpisodeService
    passages: PassageService
    search: SearchService
    indexer: Indexer
    analytics: AnalyticsService
    templates: TemplateService
    measures: MeasureService
    supervision: SupervisionService
    theme_passages: ThemePassageService
    suggestions: SuggestionService

    @classmethod
    def for_vault(cls, vault: DatabaseProvider, clock: Clock = utcnow) -> Services:
        """``clock``: the time the services stamp their writes with (tests move it on)."""
        # One keyword per line, so that new services merge without conflicts.
        return cls(
            clients=ClientService(vault),
            sessions=SessionService(vault),
            notes=NoteService(vault, clock),
            audit=AuditService(vault),
            settings=SettingsService(vault),
            themes=ThemeService(vault),
            marks=MarkService(vault),
            episodes=EpisodeService(vault),
            passages=PassageService(vault),
            search=SearchService(vault),
            indexer=Indexer(vault),
            analytics=AnalyticsService(vault),
            templates=TemplateService(vault),
            measures=MeasureService(vault),
            supervision=SupervisionService(vault),
            theme_passages=ThemePassageService(vault),
            suggestions=SuggestionService(vault),
        )


def initialize_vault(database: Database) -> None:
    """Fill a brand-new vault: its first audit event and the default taxonomy."""
    taxonomy = load_taxonomy(default_taxonomy_path())
    with database.write() as session:
        audit.record(session, "vault_created")
        apply_taxonomy(session, taxonomy)


def after_unlock(database: Database) -> SeedReport:
    """Run on every unlock: add themes a newer shipped taxonomy brings (never raises for a
    bad shipped file; the report's ``error`` says why nothing changed)."""
    return upgrade_taxonomy(database)
