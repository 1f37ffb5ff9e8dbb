"""Every panel of the timeline view as one JSON-ready dict: what
``threadline timeline --format json`` prints and what the view's tables show.

Rounded like the CSV tables (``DECIMALS``); a missing value is ``null``, never 0.
"""

from __future__ import annotations

from typing import Any

from db.analytics.compare import Comparison, Period
from db.analytics.dto import (
    Caseload,
    CcrtSummary,
    CcrtWindow,
    CoOccurrence,
    DefensePoint,
    Timeline,
)
from db.analytics.profile import DefenseProfile, ProfileShare
from db.analytics.scoring import SCORING_RULES
from db.analytics.service import ClientAnalytics
from db.analytics.tables import DECIMALS

INDICATIVE = ("indicative: a summary of the clinician's own tags, not a validated rating "
              "with a published instrument")


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, DECIMALS)


def range_of(timeline: Timeline) -> dict[str, Any]:
    """The sessions a panel was computed from: first and last date and how many."""
    sessions = timeline.sessions
    return {"from": sessions[0].date.isoformat() if sessions else None,
            "to": sessions[-1].date.isoformat() if sessions else None,
            "sessions": len(sessions),
            "first_session": sessions[0].number if sessions else None,
            "last_session": sessions[-1].number if sessions else None}


def caption(timeline: Timeline) -> str:
    """Who and which sessions a panel shows: "MT-07 · sessions 1–12 (2025-01-06 to
    2025-03-24)", said on every panel and export."""
    sessions = timeline.sessions
    if not sessions:
        return f"{timeline.client_code} · no attended sessions in this range"
    first, last = sessions[0], sessions[-1]
    return (f"{timeline.client_code} · sessions {first.number}–{last.number} "
            f"({first.date.isoformat()} to {last.date.isoformat()}, {len(sessions)} seen)")


def point_json(point: DefensePoint) -> dict[str, Any]:
    return {"defenses": point.defenses, "weight": rounded(point.weight),
            "odf": rounded(point.odf), "mature": rounded(point.mature),
            "neurotic": rounded(point.neurotic), "immature": rounded(point.immature),
            "rolling_odf": rounded(point.rolling_odf),
            "rolling_defenses": point.rolling_defenses, "below_minimum": point.sparse}


def _share(item: ProfileShare) -> dict[str, Any]:
    data: dict[str, Any] = {"level": item.level, "name": item.name, "defenses": item.defenses,
                            "weight": rounded(item.weight), "share": rounded(item.share)}
    if item.theme is not None:
        data["key"] = item.theme.key
    return data


def profile_json(profile: DefenseProfile) -> dict[str, Any]:
    return {"scoring": profile.scoring, "defenses": profile.defenses,
            "weight": rounded(profile.weight), "odf": rounded(profile.odf),
            "summary": {k: rounded(v) for k, v in profile.summary.items()},
            "levels": [_share(lv) for lv in profile.levels],
            "by_defense": [_share(d) for d in profile.by_defense]}


def ccrt_window_json(window: CcrtWindow) -> dict[str, Any]:
    return {"label": window.label, "episodes": window.episodes,
            "therapist_episodes": window.transference_episodes,
            "fewer_than_10_episodes": window.few,
            "valence": {c: {"positive": p, "negative": n, "unrated": u}
                        for c, (p, n, u) in window.valence.items()},
            "ties": {c.component: [t.theme.name for t in c.tied]
                     for c in window.components if len(c.tied) > 1},
            "components": {c.component: [
                {"key": count.theme.key, "theme": count.theme.name,
                 "episodes": count.episodes, "pervasiveness": rounded(count.pervasiveness)}
                for count in c.counts] for c in window.components}}


def ccrt_json(summary: CcrtSummary) -> dict[str, Any]:
    return {"n": summary.n, "overlapping": summary.overlapping,
            "overall": ccrt_window_json(summary.overall),
            "first": ccrt_window_json(summary.first), "last": ccrt_window_json(summary.last),
            "therapist": ccrt_window_json(summary.therapist) if summary.therapist else None,
            "others": ccrt_window_json(summary.others) if summary.others else None}


def co_occurrence_json(matrix: CoOccurrence) -> dict[str, Any]:
    return {"rows_category": matrix.row_category, "columns_category": matrix.column_category,
            "sessions": matrix.sessions, "rows": [t.name for t in matrix.rows],
            "columns": [t.name for t in matrix.columns],
            "lag": matrix.lag, "counts": [list(row) for row in matrix.counts],
            "expected": [[rounded(v) for v in row] for row in matrix.expected],
            "lift": [[rounded(matrix.lift(i, j)) for j in range(len(matrix.columns))]
                     for i in range(len(matrix.rows))]}


def client_json(analytics: ClientAnalytics) -> dict[str, Any]:
    """The whole view of one client: sessions with ODF and themes, the DMRS profile,
    recurrence, CCRT and co-occurrence, each over the same sessions."""
    grid, scope = analytics.grid, analytics.scope
    themes: list[list[dict[str, Any]]] = [[] for _ in grid.sessions]
    for row in grid.rows:
        marks = row.marks or (0,) * len(row.columns)
        for cell, count in zip(row.cells, marks, strict=True):
            themes[cell.column].append({
                "key": row.key, "theme": row.name, "category": row.group_name,
                "intensity": cell.intensity, "marks": count,
                "passage_marks": cell.passage_marks})
    scoring = analytics.choices.scoring
    return {
        "client": scope.client_code,
        "range": range_of(scope),
        "caption": caption(scope),
        "indicative": INDICATIVE,
        "scoring": str(scoring),
        "odf_rule": SCORING_RULES[scoring],
        "min_defenses": analytics.choices.min_defenses,
        "rolling_window": analytics.window,
        "overall_odf": rounded(analytics.overall_odf),
        "overall_defenses": analytics.overall_defenses,
        "sessions": [
            {"number": column.number, "date": column.date.isoformat(), **point_json(point),
             "themes": themes[index]}
            for index, (column, point) in enumerate(zip(scope.sessions, analytics.defenses,
                                                        strict=True))],
        "profile": profile_json(analytics.profile) if analytics.profile else None,
        "recurrence": [{
            "theme": r.name, "category": r.group_name, "first_session": r.first_number,
            "first_date": r.first_date.isoformat(), "last_session": r.last_number,
            "last_date": r.last_date.isoformat(), "sessions": r.sessions,
            "share": rounded(r.share), "longest_run": r.longest_run,
            "longest_gap": r.longest_gap,
            "reemergences": [{"session": e.number, "after_sessions": e.after_sessions}
                             for e in r.reemergences]} for r in analytics.recurrence],
        "ccrt": ccrt_json(analytics.ccrt),
        "co_occurrence": co_occurrence_json(analytics.co_occurrence),
    }


def caseload_json(caseload: Caseload) -> dict[str, Any]:
    """The caseload tab as JSON: themes ranked by the mean share of each active client's
    sessions (the same order and numbers as the tab and its CSV)."""
    return {"active_clients": caseload.active_clients, "sessions": caseload.sessions,
            "ranked_by": "mean_session_share",
            "themes": [{"rank": rank, "key": r.theme.key, "theme": r.theme.name,
                        "category": r.group_name,
                        "mean_session_share": rounded(r.mean_session_share),
                        "sessions": r.sessions, "session_share": rounded(r.session_share),
                        "clients": r.clients, "client_share": rounded(r.client_share)}
                       for rank, r in enumerate(caseload.rows, start=1)]}


def compare_json(comparison: Comparison, scoring: str) -> dict[str, Any]:
    """Two periods and their difference, as ``threadline compare --format json`` prints."""
    def period(p: Period) -> dict[str, Any]:
        return {"from": p.date_from.isoformat() if p.date_from else None,
                "to": p.date_to.isoformat() if p.date_to else None,
                "range": range_of(p.scope), "caption": caption(p.scope),
                "odf": rounded(p.profile.odf), "defenses": p.profile.defenses,
                "profile": profile_json(p.profile),
                "ccrt": ccrt_window_json(p.ccrt.overall),
                "ccrt_therapist": (ccrt_window_json(p.ccrt.therapist)
                                   if p.ccrt.therapist else None),
                "ccrt_others": ccrt_window_json(p.ccrt.others) if p.ccrt.others else None,
                "top": {k: [{"key": t.theme.key, "theme": t.theme.name,
                             "sessions": t.sessions, "share": rounded(t.share)}
                            for t in shares] for k, shares in p.top.items()}}

    return {"client": comparison.first.scope.client_code, "scoring": scoring,
            "odf_rule": SCORING_RULES[scoring], "indicative": INDICATIVE,
            "first": period(comparison.first), "second": period(comparison.second),
            "difference": {
                "odf": rounded(comparison.odf_change),
                "levels": {str(level): rounded(d) for level, d in comparison.level_change},
                "ccrt": {c: [{"theme": ref.name, "first": rounded(a), "second": rounded(b),
                              "change": rounded(b - a)} for ref, a, b in rows]
                         for c, rows in comparison.ccrt_change.items()},
                "top": {k: [{"key": ref.key, "theme": ref.name, "first": rounded(a),
                             "second": rounded(b), "change": rounded(b - a)}
                            for ref, a, b in rows]
                        for k, rows in comparison.theme_change.items()}}}
