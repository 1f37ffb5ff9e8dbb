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


PASSAGES = (
    "He arrived late and said the traffic was the city's fault, not his",
    "She described her sister's call as if reading a weather report",
    "Long silence, then a joke about my new chair being a throne",
    "When I mentioned the summer break she changed the subject at once",
    "He said everyone at the office is either brilliant or useless",
    "She apologised three times for crying and then laughed",
    "A dream of a house with a locked room upstairs",
    "He wondered aloud whether I really remember what he tells me",
)


def story_client(f: Fixture, code: str, sessions: int, themes: list[str], *, seed: int = 7,
                 start: date = date(2023, 9, 4), episodes: bool = True) -> uuid.UUID:
    """A fictional long treatment: themes come and go in runs, immature defenses give way
    to mature ones over time, and a few breaks in the calendar. Deterministic per seed."""
    import random

    rng = random.Random(seed)
    client = f.client(code)
    day = start
    ids: list[uuid.UUID] = []
    for number in range(1, sessions + 1):
        ids.append(f.session_on(client, number, day))
        # weekly, with the odd holiday break of three to five weeks
        day += timedelta(days=7 * (rng.choice((3, 4, 5)) if rng.random() < 0.03 else 1))
    active = dict.fromkeys(themes, False)
    for index, sid in enumerate(ids):
        progress = index / max(1, sessions - 1)
        for key in themes:
            level = _dmrs_level(key)
            base = 0.18
            if level is not None:
                base = 0.08 + (0.22 * progress if level >= 5 else 0.22 * (1 - progress))
            stay = 0.72 if active[key] else base
            active[key] = rng.random() < stay
            if active[key]:
                intensity = rng.choices((1, 2, 3), weights=(4, 3, 2))[0]
                passage = None
                if rng.random() < 0.35:
                    passage = (rng.randrange(0, 2000), rng.choice(PASSAGES))
                f.mark(sid, key, intensity, passage=passage)
        if episodes and rng.random() < 0.4:
            early = progress < 0.5
            wishes = (("ccrt.w.be_loved", "ccrt.w.be_close") if early
                      else ("ccrt.w.be_loved", "ccrt.w.assert_independent"))
            f.episode(sid, rng.choice(wishes),
                      rng.choice(("ccrt.ro.rejecting", "ccrt.ro.controlling") if early
                                 else ("ccrt.ro.understanding", "ccrt.ro.rejecting")),
                      rng.choice(("ccrt.rs.helpless", "ccrt.rs.anxious_ashamed") if early
                                 else ("ccrt.rs.self_confident", "ccrt.rs.respected")),
                      other_kind="therapist" if rng.random() < 0.25 else "other")
    return client


def _dmrs_level(key: str) -> int | None:
    levels = {"dmrs.humor": 7, "dmrs.anticipation": 7, "dmrs.self_observation": 7,
              "dmrs.suppression": 7, "dmrs.affiliation": 7, "dmrs.intellectualization": 6,
              "dmrs.isolation_of_affects": 6, "dmrs.undoing": 6, "dmrs.repression": 5,
              "dmrs.displacement": 5, "dmrs.reaction_formation": 5,
              "dmrs.devaluation_of_others_image": 4, "dmrs.idealization_of_others_image": 4,
              "dmrs.omnipotence": 4, "dmrs.denial": 3, "dmrs.rationalization": 3,
              "dmrs.projection": 3, "dmrs.splitting_of_others_image": 2,
              "dmrs.projective_identification": 2, "dmrs.acting_out": 1,
              "dmrs.passive_aggression": 1, "dmrs.help_rejecting_complaining": 1}
    return levels.get(key) if key.startswith("dmrs.") else None


STORY_THEMES = [
    "dmrs.humor", "dmrs.self_observation", "dmrs.anticipation", "dmrs.intellectualization",
    "dmrs.isolation_of_affects", "dmrs.repression", "dmrs.displacement",
    "dmrs.devaluation_of_others_image", "dmrs.idealization_of_others_image", "dmrs.denial",
    "dmrs.rationalization", "dmrs.projection", "dmrs.splitting_of_others_image",
    "dmrs.acting_out", "dmrs.passive_aggression",
    "prq.angry_entitled", "prq.anxious_preoccupied", "prq.avoidant_counterdependent",
    "prq.secure_engaged",
    "ctq.helpless_inadequate", "ctq.positive", "ctq.parental_protective",
    "ctq.criticized_mistreated", "ctq.disengaged",
    "process.resistance", "process.interpretation", "process.dream_material",
    "process.working_through", "process.alliance_rupture", "process.alliance_repair",
]
