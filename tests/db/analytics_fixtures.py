"""Build clients, sessions, marks and episodes straight into a real vault for analytics tests.

Used inside one ``vault.database.write()`` unit of work, so a large client (the benchmark)
is written in a single transaction.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Client, Mark, RelationalEpisode, Theme, ThemeCategory, TherapySession
from db.taxonomy.file import default_taxonomy_path, load_taxonomy


class Fixture:
    """Writes with an open ORM session; themes and categories are addressed by key."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.themes: dict[str, uuid.UUID] = {
            key: ident for key, ident in session.execute(select(Theme.key, Theme.id))}
        self.categories: dict[str, uuid.UUID] = {
            key: ident for key, ident in session.execute(
                select(ThemeCategory.key, ThemeCategory.id))}
        if not self.categories:
            self._seed_taxonomy()

    def _seed_taxonomy(self) -> None:
        taxonomy = load_taxonomy(default_taxonomy_path())
        for position, spec in enumerate(taxonomy.categories):
            row = ThemeCategory(key=spec.key, name=spec.name, position=position,
                                parent_id=self.categories.get(spec.parent or ""))
            self.session.add(row)
            self.session.flush()
            self.categories[spec.key] = row.id
        for position, theme in enumerate(taxonomy.themes):
            row = Theme(key=theme.key, name=theme.name, color=theme.color,
                        category_id=self.categories[theme.category], position=position,
                        dmrs_level=theme.dmrs_level, ccrt_component=theme.ccrt_component)
            self.session.add(row)
            self.session.flush()
            self.themes[theme.key] = row.id

    def client(self, code: str, status: str = "active") -> uuid.UUID:
        row = Client(code=code, status=status)
        self.session.add(row)
        self.session.flush()
        return row.id

    def sessions(self, client_id: uuid.UUID, count: int, start: date = date(2025, 1, 6),
                 every_days: int = 7, attendance: dict[int, str] | None = None
                 ) -> list[uuid.UUID]:
        """Sessions 1..count, weekly from ``start``; ``attendance`` overrides by number."""
        rows = [TherapySession(client_id=client_id, number=n,
                               date=start + timedelta(days=every_days * (n - 1)),
                               attendance=(attendance or {}).get(n, "attended"))
                for n in range(1, count + 1)]
        self.session.add_all(rows)
        self.session.flush()
        return [row.id for row in rows]

    def session_on(self, client_id: uuid.UUID, number: int, day: date,
                   attendance: str = "attended") -> uuid.UUID:
        row = TherapySession(client_id=client_id, number=number, date=day,
                             attendance=attendance)
        self.session.add(row)
        self.session.flush()
        return row.id

    def mark(self, session_id: uuid.UUID, theme: str, intensity: int = 2,
             passage: tuple[int, str] | None = None, lost: bool = False) -> uuid.UUID:
        """A session mark, or a passage mark when ``passage`` = (start offset, quoted text)."""
        row = Mark(session_id=session_id, theme_id=self.themes[theme], intensity=intensity)
        if passage is not None:
            start, text = passage
            row.note_kind = "process"
            row.anchor_start, row.anchor_end, row.anchor_text = start, start + len(text), text
            if lost:
                row.anchor_lost_at = datetime.now(UTC)
        self.session.add(row)
        self.session.flush()
        return row.id

    def episode(self, session_id: uuid.UUID, w: str | None, ro: str | None, rs: str | None,
                other_kind: str = "other") -> uuid.UUID:
        row = RelationalEpisode(
            session_id=session_id, other_person="a fictional other", other_kind=other_kind,
            wish_theme_id=self.themes[w] if w else None,
            response_of_other_theme_id=self.themes[ro] if ro else None,
            response_of_self_theme_id=self.themes[rs] if rs else None)
        self.session.add(row)
        self.session.flush()
        return row.id

    def theme(self, key: str, name: str, category: str, color: str = "#aa6633",
              client_id: uuid.UUID | None = None, dmrs_level: int | None = None) -> uuid.UUID:
        row = Theme(key=key, name=name, category_id=self.categories[category], color=color,
                    client_id=client_id, dmrs_level=dmrs_level)
        self.session.add(row)
        self.session.flush()
        self.themes[key] = row.id
        return row.id

    def archive(self, theme: str) -> None:
        self.session.get_one(Theme, self.themes[theme]).archived_at = datetime.now(UTC)

    def merge(self, source: str, target: str) -> None:
        row = self.session.get_one(Theme, self.themes[source])
        row.merged_into_id = self.themes[target]
        row.archived_at = datetime.now(UTC)
