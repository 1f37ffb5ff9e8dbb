"""The Core Conflictual Relationship Theme of a client, from their relational episodes.

The CCRT is the most frequent wish (W), response of other (RO) and response of self (RS),
counting each category an episode holds (up to three per component) once per episode;
a theme's pervasiveness is the share of episodes in which it appears (all episodes of the
window are the denominator, so an episode without an RS counts against every RS). The
change over treatment compares the first N episodes with the last N.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.analytics.dto import CcrtComponent, CcrtCount, CcrtSummary, CcrtWindow, ThemeRef
from db.analytics.grid import client_code
from db.analytics.taxonomy import TaxonomyIndex
from db.models import RelationalEpisode, TherapySession
from db.services.theme_edits import EPISODE_FIELDS, EPISODE_MORE_FIELDS
from db.vocabulary import Attendance, Ccrt, OtherPerson, Valence

COMPONENTS = tuple(Ccrt)
#: The three category slots of W, then RO, then RS (migration 0006 added the 2nd and 3rd).
SLOTS = tuple(f for component in COMPONENTS
              for f in (EPISODE_FIELDS[component], *EPISODE_MORE_FIELDS[component]))
DEFAULT_N = 10
TRANSFERENCE_KIND = OtherPerson.THERAPIST


@dataclass(frozen=True)
class Episode:
    """One episode reduced to what the CCRT needs; a component is None when not scored."""

    session_number: int
    transference: bool
    #: Every category scored per component (up to three), merges followed, archived left
    #: out unless included; a theme appears once however many slots hold it.
    themes: dict[str, tuple[ThemeRef, ...]]
    #: The rating of RO and RS: "positive", "negative" or None (not rated).
    valence: dict[str, str | None] = field(default_factory=dict)


def load_episodes(session: Session, client_id: uuid.UUID, *, include_archived: bool = False,
                  date_from: date | None = None, date_to: date | None = None,
                  taxonomy: TaxonomyIndex | None = None) -> list[Episode]:
    """The client's episodes of attended sessions in session order (then in the order
    they were written).

    Raises :class:`~db.errors.NotFound` if the client does not exist.
    """
    client_code(session, client_id)
    taxonomy = taxonomy or TaxonomyIndex.load(session)
    query = (
        select(TherapySession.number, RelationalEpisode.other_kind,
               RelationalEpisode.response_of_other_valence,
               RelationalEpisode.response_of_self_valence,
               *(getattr(RelationalEpisode, f) for f in SLOTS))
        .join(TherapySession, TherapySession.id == RelationalEpisode.session_id)
        # Cancelled and no-show sessions are left out of every measure (docs/timeline.md).
        .where(TherapySession.client_id == client_id,
               TherapySession.attendance == Attendance.ATTENDED)
        .order_by(TherapySession.number, RelationalEpisode.created_at, RelationalEpisode.id)
    )
    if date_from is not None:
        query = query.where(TherapySession.date >= date_from)
    if date_to is not None:
        query = query.where(TherapySession.date <= date_to)

    def ref(theme_id: uuid.UUID | None) -> ThemeRef | None:
        if theme_id is None:
            return None
        theme = taxonomy.target(theme_id)
        if theme.archived and not include_archived:
            return None
        return ThemeRef(theme.id, theme.key, theme.name, theme.color)

    def refs(ids: tuple[uuid.UUID | None, ...]) -> tuple[ThemeRef, ...]:
        found: dict[uuid.UUID, ThemeRef] = {}
        for theme_id in ids:
            theme = ref(theme_id)
            if theme is not None:
                found.setdefault(theme.theme_id, theme)
        return tuple(found.values())

    episodes = []
    for number, kind, ro_valence, rs_valence, *slots in session.execute(query):
        themes: dict[str, tuple[ThemeRef, ...]] = {component: refs(tuple(slots[3 * i:3 * i + 3]))
                  for i, component in enumerate(COMPONENTS)}
        episodes.append(Episode(number, kind == TRANSFERENCE_KIND, themes,
                                {Ccrt.RESPONSE_OF_OTHER: ro_valence,
                                 Ccrt.RESPONSE_OF_SELF: rs_valence}))
    return episodes


def ccrt_window(episodes: list[Episode], label: str) -> CcrtWindow:
    """Counts and pervasiveness of every W, RO and RS theme over ``episodes``."""
    total = len(episodes) or 1  # no episodes: no counts, so no share is ever divided
    components = []
    for component in COMPONENTS:
        counter: Counter[uuid.UUID] = Counter()
        refs: dict[uuid.UUID, ThemeRef] = {}
        first_seen: dict[uuid.UUID, int] = {}
        for index, episode in enumerate(episodes):
            for theme in episode.themes.get(component, ()):
                counter[theme.theme_id] += 1
                refs[theme.theme_id] = theme
                first_seen.setdefault(theme.theme_id, index)
        # Ties go to the theme that appeared first, then by name: stable and explainable.
        ranked = sorted(counter, key=lambda t: (-counter[t], first_seen[t], refs[t].name))
        components.append(CcrtComponent(component, tuple(
            CcrtCount(refs[t], counter[t], counter[t] / total) for t in ranked)))
    valence: dict[str, tuple[int, int, int]] = {component: (
        sum(e.valence.get(component) == Valence.POSITIVE for e in episodes),
        sum(e.valence.get(component) == Valence.NEGATIVE for e in episodes),
        sum(bool(e.themes.get(component)) and e.valence.get(component) is None
            for e in episodes))
        for component in (Ccrt.RESPONSE_OF_OTHER, Ccrt.RESPONSE_OF_SELF)}
    return CcrtWindow(label, len(episodes), sum(e.transference for e in episodes),
                      tuple(components), valence)


def ccrt_summary(episodes: list[Episode], n: int = DEFAULT_N) -> CcrtSummary:
    """The CCRT overall, over the first ``n`` and over the last ``n`` episodes."""
    if n < 1:
        raise ValueError("compare at least one episode")
    return CcrtSummary(n, ccrt_window(episodes, "All episodes"),
                       ccrt_window(episodes[:n], f"First {n}"),
                       ccrt_window(episodes[-n:], f"Last {n}"),
                       overlapping=len(episodes) < 2 * n,
                       therapist=ccrt_window([e for e in episodes if e.transference],
                                             "With the therapist"),
                       others=ccrt_window([e for e in episodes if not e.transference],
                                          "With others"))
