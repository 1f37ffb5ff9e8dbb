"""The marks the suggestions learn from, read from the vault (a read only, any thread)."""

from __future__ import annotations

from sqlalchemy import select

from db.models import Mark, Theme
from db.progress import Cancel
from db.services.base import DatabaseProvider
from db.suggestions.learn import MarkedPassage, Report, Suggester, train


class SuggestionService:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def marked_passages(self) -> list[MarkedPassage]:
        """Every mark on a passage whose theme is in use (not archived), oldest first."""
        with self._vault.database.read() as session:
            rows = session.execute(
                select(Mark.theme_id, Mark.anchor_text)
                .join(Theme, Mark.theme_id == Theme.id)
                .where(Mark.anchor_text.is_not(None), Mark.anchor_text != "",
                       Theme.archived_at.is_(None))
                .order_by(Mark.created_at, Mark.id)).all()
        return [MarkedPassage(theme_id, text or "") for theme_id, text in rows]

    def train(self, cancel: Cancel | None = None) -> Suggester | Report:
        """A model of this vault's marks, in memory (see :func:`db.suggestions.learn.train`)."""
        return train(self.marked_passages(), cancel)
