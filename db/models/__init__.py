"""SQLAlchemy 2.0 typed models of the vault. Import this package to register them all."""

from db.models.audit import AuditEvent, CommitCounter, VaultSetting
from db.models.base import Base
from db.models.clients import Client, Goal, GoalReview
from db.models.practice import ClientTemplate, MeasureScale, MeasureScore, NoteTemplate
from db.models.sessions import Addendum, NoteDraft, NoteRevision, TherapySession
from db.models.themes import Mark, RelationalEpisode, Theme, ThemeCategory

__all__ = [
    "Addendum", "AuditEvent", "Base", "Client", "ClientTemplate", "CommitCounter", "Goal",
    "GoalReview", "Mark", "MeasureScale", "MeasureScore", "NoteDraft", "NoteRevision",
    "NoteTemplate", "RelationalEpisode", "TherapySession", "Theme", "ThemeCategory",
    "VaultSetting",
]
