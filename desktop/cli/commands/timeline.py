"""``threadline timeline``: a client's timeline and every panel of its view, as CSV or JSON.

The numbers are the ones the timeline view shows: the same service call
(``AnalyticsService.client``), the same rounding (``db.analytics.tables``/``report``).
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from db.analytics.dto import RowOrder, TimelineFilter
from db.analytics.report import client_json
from db.analytics.tables import grid_table, to_csv
from db.services.hub import Services
from db.vocabulary import OdfScoring
from desktop.cli.common import add_vault_options, unlocked_vault
from desktop.cli.output import out


def a_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def add_range_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", type=a_date, metavar="YYYY-MM-DD",
                        help="only sessions on or after this date")
    parser.add_argument("--to", dest="date_to", type=a_date, metavar="YYYY-MM-DD",
                        help="only sessions on or before this date")
    parser.add_argument("--include-archived", action="store_true",
                        help="also count archived themes")
    parser.add_argument("--scoring", choices=[s.value for s in OdfScoring], default=None,
                        help="how defenses are counted (default: the vault's setting)")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "timeline", help="print a client's theme timeline, ODF and every panel of its view")
    add_vault_options(parser)
    parser.add_argument("--client", required=True, metavar="CODE", help="the client's code")
    parser.add_argument("--format", choices=("csv", "json"), default="csv",
                        help="csv (one row per theme per session) or json (every panel; "
                             "default: csv)")
    add_range_options(parser)
    parser.add_argument("--order", choices=[o.value for o in RowOrder],
                        default=RowOrder.APPEARANCE.value,
                        help="order of themes inside a session (default: appearance)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    chosen = TimelineFilter(date_from=args.date_from, date_to=args.date_to,
                            include_archived=args.include_archived)
    with unlocked_vault(args) as vault:
        services = Services.for_vault(vault)
        client = services.clients.by_code(args.client)
        _, analytics = services.analytics.client(
            client.id, chosen, order=RowOrder(args.order),
            scoring=OdfScoring(args.scoring) if args.scoring else None)
    if args.format == "json":
        text = json.dumps(client_json(analytics), indent=2, ensure_ascii=False) + "\n"
    else:
        # "\n": a CR would reach the terminal escaped, as "\x0d" in the last field.
        text = to_csv(grid_table(analytics.grid, analytics.defenses,
                                 analytics.choices.scoring), line_end="\n")
    out(text)
    return 0
