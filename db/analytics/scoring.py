"""The three ways Threadline can count the defenses behind ODF and the DMRS profile.

Every export names the one used (``SCORING_RULES``); the reasons for the default and the
published sources are in ``docs/timeline.md`` ("Scoring").

- **presence**: each defense counts once per session, however often and strongly it was
  marked. A presence/absence variant, not the published formula: suited to tags that are
  not exhaustive. The default.
- **occurrences**: every mark is one occurrence: the session mark and each passage mark.
  The transcript DMRS rule (Perry 1990; Perry & Henry 2004).
- **intensity**: each defense of a session weighs its intensity (1–3, the highest of its
  marks there). The closest analogue of the DMRS-Q (Di Giuseppe et al. 2014) and of the
  DMRS-SR-30's frequency ratings (Di Giuseppe et al. 2020), not either of them.
"""

from __future__ import annotations

from db.analytics.dto import ThemeRow
from db.vocabulary import OdfScoring

DEFAULT_SCORING = OdfScoring.PRESENCE
#: Fewer defenses than this behind a point: the point is shown greyed (a vault setting).
DEFAULT_MIN_DEFENSES = 2

#: Short names, for titles, menus and the one-page summary.
SCORING_NAMES: dict[str, str] = {
    OdfScoring.PRESENCE: "presence per session",
    OdfScoring.OCCURRENCES: "occurrences (transcript DMRS)",
    OdfScoring.INTENSITY: "intensity-weighted",
}

SCORING_RULES: dict[str, str] = {
    OdfScoring.PRESENCE: ("presence per session: each defense marked in a session counts "
                          "once (a presence/absence variant, not the published formula)"),
    OdfScoring.OCCURRENCES: ("occurrences: every session mark and passage mark of a defense "
                             "is one occurrence (the transcript DMRS rule)"),
    OdfScoring.INTENSITY: ("intensity-weighted: each defense of a session weighs its "
                           "intensity 1-3 (closest to DMRS-Q / DMRS-SR-30, not either)"),
}


def weights(row: ThemeRow, scoring: OdfScoring) -> tuple[int, ...]:
    """What each cell of a defense row contributes, in the row's cell order."""
    if scoring is OdfScoring.OCCURRENCES:
        return row.marks or (1,) * len(row.columns)
    if scoring is OdfScoring.INTENSITY:
        return row.intensities
    return (1,) * len(row.columns)
