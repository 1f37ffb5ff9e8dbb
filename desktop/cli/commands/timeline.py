"""``threadline timeline``: a client's theme grid and per-session ODF, as CSV or JSON.

The numbers are the ones the timeline view shows: the same services, the same rounding.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from db.analytics.defenses import defensive_functioning
from db.analytics.dto import RowOrder, TimelineFilter
from db.analytics.grid import apply_filter
from db.analytics.tables import DECIMALS, grid_table, to_csv
from db.services.hub import Services
from desktop.cli.common import add_vault_options, unlocked_vault
from desktop.cli.output import out


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "timeline", help="print a client's theme timeline and indicative ODF per session")
    add_vault_options(parser)
    parser.add_argument("--client", required=True, metavar="CODE", help="the client's code")
    parser.add_argument("--format", choices=("csv", "json"), default="csv",
                        help="csv (one row per theme per session) or json (default: csv)")
    parser.add_argument("--include-archived", action="store_true",
                        help="also show archived themes")
    parser.add_argument("--order", choices=[o.value for o in RowOrder],
                        default=RowOrder.APPEARANCE.value,
                        help="order of themes inside a session (default: appearance)")
    parser.set_defaults(func=run)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, DECIMALS)


def as_json(services: Services, client_code: str, include_archived: bool,
            order: RowOrder) -> dict[str, Any]:
    """The timeline of one client as a JSON-ready dict (sessions in order)."""
    client = services.clients.by_code(client_code)
    full = services.analytics.timeline(client.id, order)
    grid = apply_filter(full, TimelineFilter(include_archived=include_archived))
    points = defensive_functioning(grid)
    themes: list[list[dict[str, Any]]] = [[] for _ in grid.sessions]
    for row in grid.rows:
        for cell in row.cells:
            themes[cell.column].append({
                "key": row.key, "theme": row.name, "category": row.group_name,
                "intensity": cell.intensity, "passage_marks": cell.passage_marks})
    return {
        "client": grid.client_code,
        "odf_rule": "indicative; mean DMRS level of the defenses marked, each defense once",
        "sessions": [
            {"number": column.number, "date": column.date.isoformat(),
             "odf": _rounded(point.odf), "rolling_odf": _rounded(point.rolling_odf),
             "mature": _rounded(point.mature), "neurotic": _rounded(point.neurotic),
             "immature": _rounded(point.immature), "themes": themes[index]}
            for index, (column, point) in enumerate(zip(grid.sessions, points, strict=True))
        ],
    }


def run(args: argparse.Namespace) -> int:
    order = RowOrder(args.order)
    with unlocked_vault(args) as vault:
        services = Services.for_vault(vault)
        if args.format == "json":
            text = json.dumps(as_json(services, args.client, args.include_archived, order),
                              indent=2, ensure_ascii=False) + "\n"
        else:
            client = services.clients.by_code(args.client)
            grid = apply_filter(services.analytics.timeline(client.id, order),
                                TimelineFilter(include_archived=args.include_archived))
            text = to_csv(grid_table(grid, defensive_functioning(grid)))
    out(text)
    return 0
