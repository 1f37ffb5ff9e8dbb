"""The DMRS profile of a range of sessions: the share of each of the 7 levels and of each
defense, counted under the chosen scoring (transcript DMRS reports both; Perry 1990,
Di Giuseppe & Perry 2021). Pure functions over a :class:`~db.analytics.dto.Timeline`."""

from __future__ import annotations

from dataclasses import dataclass

from db.analytics.defenses import defense_category
from db.analytics.dto import ThemeRef, Timeline
from db.analytics.scoring import DEFAULT_SCORING, weights
from db.analytics.taxonomy import TaxonomyIndex
from db.vocabulary import DefenseLevel, OdfScoring

LEVEL_NAMES: dict[int, str] = {
    7: "High adaptive", 6: "Obsessional", 5: "Other neurotic",
    4: "Minor image-distorting", 3: "Disavowal", 2: "Major image-distorting", 1: "Action"}


@dataclass(frozen=True)
class ProfileShare:
    """A level or a defense: the (session, defense) pairs marked, their weight and share."""

    level: int
    name: str
    defenses: int
    weight: float
    share: float | None  # None when nothing at all was marked
    theme: ThemeRef | None = None  # set for a defense, None for a level


@dataclass(frozen=True)
class DefenseProfile:
    """Levels 7 → 1, defenses by level then name (every defense of the taxonomy, marked or
    not), the three summary shares, ODF and the n behind all of it."""

    scoring: str
    defenses: int
    weight: float
    odf: float | None
    levels: tuple[ProfileShare, ...]
    by_defense: tuple[ProfileShare, ...]
    summary: dict[str, float | None]


def defense_themes(taxonomy: TaxonomyIndex, include_archived: bool = False
                   ) -> tuple[tuple[ThemeRef, int], ...]:
    """Every defense theme a mark can count for (merge targets), by level 7 → 1, then name."""
    found = [(ThemeRef(t.id, t.key, t.name, t.color), t.dmrs_level)
             for t in taxonomy.themes.values()
             if t.dmrs_level is not None and t.merged_into_id is None
             and (include_archived or not t.archived)]
    return tuple(sorted(((ref, level) for ref, level in found if level is not None),
                        key=lambda item: (-item[1], item[0].name.casefold())))


def defense_profile(timeline: Timeline, themes: tuple[tuple[ThemeRef, int], ...] = (),
                    scoring: OdfScoring = DEFAULT_SCORING) -> DefenseProfile:
    """The profile of every session of ``timeline`` together."""
    weight_of: dict[object, float] = {}
    count_of: dict[object, int] = {}
    refs: dict[object, tuple[ThemeRef, int]] = {ref.theme_id: (ref, lv) for ref, lv in themes}
    for row in timeline.rows:
        if row.dmrs_level is None:
            continue
        weight_of[row.theme_id] = weight_of.get(row.theme_id, 0.0) + sum(weights(row, scoring))
        count_of[row.theme_id] = count_of.get(row.theme_id, 0) + len(row.columns)
        refs.setdefault(row.theme_id, (ThemeRef(row.theme_id, row.key, row.name, row.color),
                                       row.dmrs_level))
    total = sum(weight_of.values())
    n = sum(count_of.values())

    def share(value: float) -> float | None:
        return value / total if total else None

    by_defense = tuple(
        ProfileShare(level, ref.name, count_of.get(tid, 0), weight_of.get(tid, 0.0),
                     share(weight_of.get(tid, 0.0)), ref)
        for tid, (ref, level) in sorted(refs.items(),
                                        key=lambda i: (-i[1][1], i[1][0].name.casefold())))
    levels = []
    for level in range(7, 0, -1):
        members = [d for d in by_defense if d.level == level]
        weight = sum(d.weight for d in members)
        levels.append(ProfileShare(level, LEVEL_NAMES[level], sum(d.defenses for d in members),
                                   weight, share(weight)))
    summary: dict[str, float | None] = {
        kind: share(sum(lv.weight for lv in levels if defense_category(lv.level) is kind))
        for kind in DefenseLevel}
    odf = sum(lv.level * lv.weight for lv in levels) / total if total else None
    return DefenseProfile(str(scoring), n, total, odf, tuple(levels), by_defense, summary)
