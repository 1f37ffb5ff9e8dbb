"""Every analytics result as a plain table (header + rows of text), for CSV and the CLI.

One function per table, so the command line, the CSV exports and the GUI tables agree on
columns, order and rounding. Numbers are rounded to ``DECIMALS`` places; a missing value
(e.g. a session without defenses) is an empty field, never 0.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from db.analytics.dto import (
    Caseload,
    CcrtSummary,
    CoOccurrence,
    DefensePoint,
    RecurrenceRow,
    Timeline,
)
from db.analytics.scoring import DEFAULT_SCORING

DECIMALS = 4
Table = tuple[tuple[str, ...], list[tuple[str, ...]]]


def number(value: float | None) -> str:
    """A rounded number, or "" for "not enough data"."""
    return "" if value is None else f"{round(value, DECIMALS):g}"


def _point_fields(point: DefensePoint | None) -> tuple[str, ...]:
    if point is None:
        return ("",) * len(POINT_HEADER)
    return (str(point.defenses), number(point.weight) if point.defenses else "0",
            number(point.odf), number(point.mature), number(point.neurotic),
            number(point.immature), number(point.rolling_odf), str(point.rolling_defenses),
            "yes" if point.sparse else "no")


#: What every table with an ODF carries about it: the n, the weight, the shares, the
#: rolling value with its n, and whether the point rests on fewer defenses than the minimum.
POINT_HEADER = ("defenses", "weight", "odf", "mature", "neurotic", "immature", "rolling_odf",
                "rolling_defenses", "below_minimum")


def grid_table(timeline: Timeline, defenses: Sequence[DefensePoint],
               scoring: str = DEFAULT_SCORING) -> Table:
    """One row per marked theme per session (long format), sessions in order, with the
    session's ODF, its n and shares on each row; a session without marks still gets one
    row. The last column names the scoring."""
    header = ("session", "date", "theme_key", "theme", "category", "intensity", "marks",
              "passage_marks", *POINT_HEADER, "scoring")
    by_column: dict[int, list[tuple[str, ...]]] = {}
    for row in timeline.rows:
        marks = row.marks or (0,) * len(row.columns)
        for cell, count in zip(row.cells, marks, strict=True):
            by_column.setdefault(cell.column, []).append(
                (row.key or "", row.name, row.group_name, str(cell.intensity), str(count),
                 str(cell.passage_marks)))
    odf = {p.session_id: p for p in defenses}
    rows: list[tuple[str, ...]] = []
    for index, column in enumerate(timeline.sessions):
        tail = (*_point_fields(odf.get(column.session_id)), str(scoring))
        head = (str(column.number), column.date.isoformat())
        for theme in by_column.get(index, [("",) * 6]):
            rows.append((*head, *theme, *tail))
    return header, rows


def defenses_table(points: Sequence[DefensePoint], scoring: str = DEFAULT_SCORING) -> Table:
    header = ("session", "date", *POINT_HEADER, "scoring")
    return header, [(str(p.number), p.date.isoformat(), *_point_fields(p), str(scoring))
                    for p in points]


def recurrence_table(rows: Sequence[RecurrenceRow]) -> Table:
    header: tuple[str, ...] = ("theme", "category", "first_session", "first_date", "last_session",
              "last_date", "sessions", "share", "longest_run", "longest_gap",
              "reemerged_at", "reemerged_after")
    result: list[tuple[str, ...]] = []
    for r in rows:
        back = r.latest_reemergence
        result.append((r.name, r.group_name, str(r.first_number), r.first_date.isoformat(),
                       str(r.last_number), r.last_date.isoformat(), str(r.sessions),
                       number(r.share), str(r.longest_run), str(r.longest_gap),
                       str(back.number) if back else "", str(back.after_sessions) if back else ""))
    return header, result


def ccrt_table(summary: CcrtSummary) -> Table:
    """Every theme of every component with its share overall, early and late."""
    header: tuple[str, ...] = ("component", "theme", "episodes", "pervasiveness",
              f"first_{summary.n}", f"last_{summary.n}")
    rows: list[tuple[str, ...]] = []
    for component in summary.overall.components:
        first = {c.theme.theme_id: c for c in summary.first.component(component.component).counts}
        last = {c.theme.theme_id: c for c in summary.last.component(component.component).counts}
        for count in component.counts:
            early, late = first.get(count.theme.theme_id), last.get(count.theme.theme_id)
            rows.append((component.component, count.theme.name, str(count.episodes),
                         number(count.pervasiveness),
                         number(early.pervasiveness if early else 0.0),
                         number(late.pervasiveness if late else 0.0)))
    return header, rows


def co_occurrence_table(matrix: CoOccurrence) -> Table:
    """Long format: one row per pair, observed beside expected by chance and the lift."""
    header = ("row_category", "row_theme", "column_category", "column_theme", "lag",
              "observed", "expected", "lift", "sessions")
    rows: list[tuple[str, ...]] = []
    for i, theme in enumerate(matrix.rows):
        for j, other in enumerate(matrix.columns):
            rows.append((matrix.row_category, theme.name, matrix.column_category, other.name,
                         str(matrix.lag), str(matrix.counts[i][j]),
                         number(matrix.expected[i][j] if matrix.expected else None),
                         number(matrix.lift(i, j)), str(matrix.sessions)))
    return header, rows


def caseload_table(caseload: Caseload) -> Table:
    """Ranked by the mean share of each active client's sessions with the theme."""
    header = ("rank", "theme", "category", "mean_session_share", "sessions", "session_share",
              "clients", "client_share", "active_clients", "all_sessions")
    return header, [(str(rank), r.theme.name, r.group_name, number(r.mean_session_share),
                     str(r.sessions), number(r.session_share), str(r.clients),
                     number(r.client_share), str(caseload.active_clients),
                     str(caseload.sessions))
                    for rank, r in enumerate(caseload.rows, start=1)]


def to_csv(table: Table, line_end: str = "\r\n") -> str:
    """RFC 4180 CSV text (CRLF line ends, or ``line_end`` for a terminal), header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    writer.writerow(table[0])
    writer.writerows(table[1])
    return buffer.getvalue()
