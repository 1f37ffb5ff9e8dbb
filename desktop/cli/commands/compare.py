"""``threadline compare``: two periods of one client side by side, and their difference."""

from __future__ import annotations

import argparse
import json
from datetime import date

from db.analytics.compare import compare_periods
from db.analytics.report import compare_json
from db.services.hub import Services
from db.vocabulary import OdfScoring
from desktop.cli.common import add_vault_options, unlocked_vault
from desktop.cli.output import out
from desktop.cli.passphrases import UsageError


def a_period(text: str) -> tuple[date | None, date | None]:
    """``2024-01-01..2024-06-30``; either end may be left open (``..2024-06-30``)."""
    start, sep, end = text.partition("..")
    try:
        if not sep:
            raise ValueError
        return (date.fromisoformat(start) if start else None,
                date.fromisoformat(end) if end else None)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a period (YYYY-MM-DD..YYYY-MM-DD)") from None


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("compare", help="compare two periods of a client")
    add_vault_options(parser)
    parser.add_argument("--client", required=True, metavar="CODE", help="the client's code")
    parser.add_argument("--period", type=a_period, action="append", required=True,
                        metavar="FROM..TO", help="a date range; give it twice")
    parser.add_argument("--format", choices=("json",), default="json", help="json")
    parser.add_argument("--scoring", choices=[s.value for s in OdfScoring], default=None,
                        help="how defenses are counted (default: the vault's setting)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if len(args.period) != 2:
        raise UsageError("give --period exactly twice")
    scoring = OdfScoring(args.scoring) if args.scoring else None
    with unlocked_vault(args) as vault:
        services = Services.for_vault(vault)
        client = services.clients.by_code(args.client)
        comparison = compare_periods(services.analytics, client.id, *args.period,
                                     scoring=scoring)
    text = json.dumps(compare_json(comparison, comparison.first.profile.scoring),
                      indent=2, ensure_ascii=False)
    out(text + "\n")
    return 0
