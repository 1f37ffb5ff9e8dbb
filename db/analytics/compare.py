"""Two periods of one client side by side (intake against now, or any two date ranges):
ODF with its n, the 7-level profile, the CCRT, the most frequent PRQ and CTQ themes, and
the difference. Every figure is the one the timeline shows for that range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.analytics.dto import CcrtSummary, ThemeRef, Timeline
from db.analytics.profile import DefenseProfile
from db.analytics.service import ClientAnalytics

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
    category seen in either period: (theme, first, second pervasiveness)."""

    first: Period
    second: Period
    odf_change: float | None
    level_change: tuple[tuple[int, float | None], ...]
    ccrt_change: dict[str, tuple[tuple[ThemeRef, float, float], ...]]


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
    return Comparison(a, b, odf, levels, change)
