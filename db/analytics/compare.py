"""Two periods of one client side by side (intake against now, or any two date ranges):
ODF with its n, the 7-level profile, the CCRT, the most frequent PRQ and CTQ themes, and
the difference. Every figure is the one the timeline shows for that range."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from db.analytics.dto import CcrtSummary, ThemeRef, Timeline, TimelineFilter
from db.analytics.profile import DefenseProfile
from db.analytics.service import AnalyticsService, ClientAnalytics
from db.errors import ValidationError
from db.vocabulary import OdfScoring

#: A period as two ends, either of which may be open (None).
Range = tuple[date | None, date | None]

#: How many PRQ and CTQ themes a period lists, most sessions first.
TOP_THEMES = 3


@dataclass(frozen=True)
class ThemeShare:
    theme: ThemeRef
    sessions: int
    share: float  # of the period's sessions


@dataclass(frozen=True)
class Period:
    date_from: date | None
    date_to: date | None
    scope: Timeline
    profile: DefenseProfile
    ccrt: CcrtSummary
    top: dict[str, tuple[ThemeShare, ...]]  # "prq", "ctq"


@dataclass(frozen=True)
class Comparison:
    """``odf_change`` is second − first (None if either has no defense); ``level_change``
    the change in share of each level 7 → 1; ``ccrt_change`` per component, for every
    category seen in either period: (theme, first, second pervasiveness);
    ``theme_change`` for "prq" and "ctq", every theme among either period's most frequent:
    (theme, first, second share of the period's sessions)."""

    first: Period
    second: Period
    odf_change: float | None
    level_change: tuple[tuple[int, float | None], ...]
    ccrt_change: dict[str, tuple[tuple[ThemeRef, float, float], ...]]
    theme_change: dict[str, tuple[tuple[ThemeRef, float, float], ...]] = field(
        default_factory=dict)


def top_themes(scope: Timeline, group_key: str, count: int = TOP_THEMES
               ) -> tuple[ThemeShare, ...]:
    sessions = len(scope.sessions)
    rows = sorted((r for r in scope.rows if r.group_key == group_key),
                  key=lambda r: (-len(r.columns), r.name.casefold()))[:count]
    return tuple(ThemeShare(ThemeRef(r.theme_id, r.key, r.name, r.color), len(r.columns),
                            len(r.columns) / sessions if sessions else 0.0) for r in rows)


def period(analytics: ClientAnalytics) -> Period:
    assert analytics.profile is not None
    chosen = analytics.chosen
    return Period(chosen.date_from, chosen.date_to, analytics.scope, analytics.profile,
                  analytics.ccrt, {k: top_themes(analytics.scope, k) for k in ("prq", "ctq")})


def compare(first: ClientAnalytics, second: ClientAnalytics) -> Comparison:
    a, b = period(first), period(second)
    odf = (b.profile.odf - a.profile.odf
           if a.profile.odf is not None and b.profile.odf is not None else None)
    levels = tuple(
        (x.level, (y.share - x.share) if x.share is not None and y.share is not None else None)
        for x, y in zip(a.profile.levels, b.profile.levels, strict=True))
    change: dict[str, tuple[tuple[ThemeRef, float, float], ...]] = {}
    for component in a.ccrt.overall.components:
        early = {c.theme.theme_id: c for c in component.counts}
        late = {c.theme.theme_id: c for c in b.ccrt.overall.component(
            component.component).counts}
        themes = {**{t: c.theme for t, c in early.items()},
                  **{t: c.theme for t, c in late.items()}}
        change[component.component] = tuple(
            (ref, early[t].pervasiveness if t in early else 0.0,
             late[t].pervasiveness if t in late else 0.0) for t, ref in themes.items())
    themes_change = {key: _theme_change(a, b, key) for key in ("prq", "ctq")}
    return Comparison(a, b, odf, levels, change, themes_change)


def _share(scope: Timeline, theme_id: uuid.UUID) -> float:
    sessions = len(scope.sessions)
    row = next((r for r in scope.rows if r.theme_id == theme_id), None)
    return len(row.columns) / sessions if row is not None and sessions else 0.0


def _theme_change(a: Period, b: Period, key: str
                  ) -> tuple[tuple[ThemeRef, float, float], ...]:
    refs: dict[uuid.UUID, ThemeRef] = {}
    for shares in (a.top[key], b.top[key]):
        for item in shares:
            refs.setdefault(item.theme.theme_id, item.theme)
    return tuple((ref, _share(a.scope, t), _share(b.scope, t)) for t, ref in refs.items())


def compare_periods(service: AnalyticsService, client_id: uuid.UUID, first: Range,
                    second: Range, *, scoring: OdfScoring | None = None) -> Comparison:
    """The comparison ``threadline compare`` prints and the window's Compare periods…
    shows: each period read exactly as the timeline reads that date range. A period that
    ends before it begins is refused with one sentence."""
    for name, (start, end) in (("first", first), ("second", second)):
        if start is not None and end is not None and end < start:
            raise ValidationError(f"The {name} period ends before it begins.", field=name)
    one, two = (service.client(client_id, TimelineFilter(date_from=start, date_to=end),
                               scoring=scoring)[1] for start, end in (first, second))
    return compare(one, two)


#: How long "intake" and "now" are when comparing the start of treatment with today.
EDGE_DAYS = 90


def intake_and_now(scope: Timeline) -> tuple[Range, Range]:
    """The first and the last three months of the attended sessions (None, None without
    sessions); the two halves when the treatment is shorter than six months."""
    sessions = scope.sessions
    if not sessions:
        return (None, None), (None, None)
    start, end = sessions[0].date, sessions[-1].date
    if (end - start).days < 2 * EDGE_DAYS:
        middle = start + (end - start) / 2
        return (start, middle), (middle + timedelta(days=1), end)
    return ((start, start + timedelta(days=EDGE_DAYS - 1)),
            (end - timedelta(days=EDGE_DAYS - 1), end))


def around_longest_break(scope: Timeline) -> tuple[Range, Range] | None:
    """Before and after the longest gap between two attended sessions (None with fewer
    than two sessions)."""
    sessions = scope.sessions
    if len(sessions) < 2:
        return None
    gap = max(range(1, len(sessions)),
              key=lambda i: (sessions[i].date - sessions[i - 1].date, -i))
    return ((sessions[0].date, sessions[gap - 1].date),
            (sessions[gap].date, sessions[-1].date))
