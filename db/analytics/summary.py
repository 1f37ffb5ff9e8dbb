"""What the one-page case summary says, computed here so the page, the command line and
the view agree: the timeline JSON of the range, the ODF trend in thirds with its n, and
the client's goals. The page itself is drawn in ``desktop/gui/timeline/summary_pdf.py``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from db.analytics.defenses import defenses_observed, overall_odf
from db.analytics.dto import TimelineFilter
from db.analytics.grid import apply_filter
from db.analytics.report import client_json
from db.analytics.service import ClientAnalytics
from db.services.dto import ClientDTO

PARTS = 3


@dataclass(frozen=True)
class TrendPart:
    label: str  # "sessions 1–20"
    odf: float | None
    defenses: int


def odf_trend(analytics: ClientAnalytics, parts: int = PARTS) -> tuple[TrendPart, ...]:
    """The pooled ODF of the first, middle and last third of the sessions in view."""
    sessions = analytics.scope.sessions
    if not sessions:
        return ()
    size = max(1, -(-len(sessions) // parts))
    trend = []
    for start in range(0, len(sessions), size):
        chunk = sessions[start:start + size]
        part = apply_filter(analytics.scope, TimelineFilter(
            date_from=chunk[0].date, date_to=chunk[-1].date, include_archived=True))
        trend.append(TrendPart(f"sessions {chunk[0].number}–{chunk[-1].number}",
                               overall_odf(part, analytics.choices.scoring),
                               defenses_observed(part)))
    return tuple(trend)


def case_summary(analytics: ClientAnalytics, client: ClientDTO) -> dict[str, Any]:
    """Everything the page prints, as plain data."""
    data = client_json(analytics)
    data["trend"] = [{"label": p.label, "odf": None if p.odf is None else round(p.odf, 2),
                      "defenses": p.defenses} for p in odf_trend(analytics)]
    data["status"] = client.status
    data["goals"] = [{"title": g.title, "status": g.status} for g in client.goals]
    dominant: dict[str, list[dict[str, Any]]] = {"prq": [], "ctq": []}
    sessions = len(analytics.scope.sessions) or 1
    for key in dominant:
        rows = sorted((r for r in analytics.scope.rows if r.group_key == key),
                      key=lambda r: (-len(r.columns), r.name.casefold()))[:3]
        dominant[key] = [{"theme": r.name, "sessions": len(r.columns),
                          "share": round(len(r.columns) / sessions, 4)} for r in rows]
    data["dominant"] = dominant
    data["recurring"] = sorted(data["recurrence"], key=lambda r: -r["sessions"])[:6]
    return data
