"""The marks the suggestions learn from, read from the vault (a read only, any thread)."""

from __future__ import annotations

from sqlalchemy import String, select, type_coerce

from db.models import Mark, Theme
from db.progress import Cancel, checked
from db.services.base import DatabaseProvider
from db.suggestions.learn import MarkedPassage, Report, Suggester, train


class SuggestionService:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def marked_passages(self, cancel: Cancel | None = None) -> list[MarkedPassage]:
        """Every mark on a passage whose theme is in use (not archived).

        Read for speed (every mark of the vault, 135,000 in the large demo vault): a Core
        query of two columns, no sort (the table's order, the same for the same vault),
        and the theme ids as stored, each distinct one made a UUID once — the ORM's rows,
        an ORDER BY and a UUID per row each cost more than the read itself.
        """
        marks = Mark.__table__.c
        with self._vault.database.read() as session:
            in_use = {theme.hex: theme for theme in session.scalars(
                select(Theme.id).where(Theme.archived_at.is_(None)))}
            rows = session.connection().execute(
                select(type_coerce(marks.theme_id, String), marks.anchor_text)
                .where(marks.anchor_text.is_not(None), marks.anchor_text != "")).all()
        return [MarkedPassage(in_use[raw], text)
                for raw, text in checked(rows, cancel or Cancel()) if raw in in_use]

    def train(self, cancel: Cancel | None = None) -> Suggester | Report:
        """A model of this vault's marks, in memory (see :func:`db.suggestions.learn.train`)."""
        return train(self.marked_passages(cancel), cancel)
