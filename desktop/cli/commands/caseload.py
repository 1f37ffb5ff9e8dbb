"""``threadline caseload``: themes across active clients, as the Caseload tab ranks them."""

from __future__ import annotations

import argparse
import json

from db.analytics.report import caseload_json
from db.analytics.tables import caseload_table, to_csv
from db.services.hub import Services
from desktop.cli.commands.timeline import a_date
from desktop.cli.common import add_vault_options, unlocked_vault
from desktop.cli.output import out


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "caseload", help="print themes across active clients, by share of their sessions")
    add_vault_options(parser)
    parser.add_argument("--format", choices=("csv", "json"), default="csv",
                        help="csv or json (default: csv)")
    parser.add_argument("--since", type=a_date, metavar="YYYY-MM-DD",
                        help="only sessions on or after this date")
    parser.add_argument("--include-archived", action="store_true",
                        help="also count archived themes")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with unlocked_vault(args) as vault:
        caseload = Services.for_vault(vault).analytics.caseload(
            include_archived=args.include_archived, since=args.since)
    if args.format == "json":
        out(json.dumps(caseload_json(caseload), indent=2, ensure_ascii=False) + "\n")
    else:
        out(to_csv(caseload_table(caseload), line_end="\n"))
    return 0
