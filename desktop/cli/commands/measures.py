"""``threadline measures``: a client's outcome measures per session (CSV or JSON), and
recording a score from a script."""

from __future__ import annotations

import argparse
import csv
import io
import json
from typing import Any

from db.errors import NotFound, ValidationError
from db.measures.dto import MeasureSeries
from db.services.hub import Services
from desktop.cli.common import add_vault_options, unlocked_vault
from desktop.cli.output import out

COLUMNS = ("measure", "session", "date", "total", "band", "rci", "change", "items")
DECIMALS = 2


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "measures", help="print a client's outcome measures, or record one")
    add_vault_options(parser)
    parser.add_argument("--client", required=True, metavar="CODE", help="the client's code")
    parser.add_argument("--format", choices=("csv", "json"), default="csv",
                        help="csv (one row per score) or json (default: csv)")
    parser.add_argument("--record", default=None, metavar="MEASURE",
                        help="record a score of MEASURE (phq9, gad7 or a scale's name) "
                             "at --session")
    parser.add_argument("--session", type=int, default=None, metavar="N",
                        help="the session's number, with --record")
    parser.add_argument("--items", default=None, metavar="DIGITS",
                        help="the item answers, e.g. 210121001 for the PHQ-9")
    parser.add_argument("--total", type=int, default=None, help="the total, without items")
    parser.set_defaults(func=run)


def _rows(series: list[MeasureSeries]) -> list[dict[str, Any]]:
    return [{"measure": s.measure.name, "session": p.number, "date": p.date.isoformat(),
             "total": p.score.total, "band": p.score.band,
             "rci": None if p.score.rci is None else round(p.score.rci, DECIMALS),
             "change": p.score.change, "items": "".join(map(str, p.score.items)) or None}
            for s in series for p in s.points]


def _record(services: Services, args: argparse.Namespace) -> None:
    client = services.clients.by_code(args.client)
    if args.session is None:
        raise ValidationError("Say which session with --session N.")
    session = next((s for s in services.sessions.list_for_client(client.id)
                    if s.number == args.session), None)
    if session is None:
        raise NotFound(f"{args.client} has no session {args.session}.")
    items = None
    if args.items is not None:
        if not args.items.isdigit():
            raise ValidationError("Give the item answers as digits, e.g. 210121001.")
        items = [int(c) for c in args.items]
    measure = services.measures.find(args.record)
    services.measures.record(session.id, measure.key, items=items, total=args.total)


def run(args: argparse.Namespace) -> int:
    with unlocked_vault(args) as vault:
        services = Services.for_vault(vault)
        if args.record is not None:
            _record(services, args)
        client = services.clients.by_code(args.client)
        rows = _rows(services.measures.series(client.id))
    if args.format == "json":
        out(json.dumps({"client": client.code, "rci_rule": "Jacobson & Truax 1991, against "
                        "the first score; |RCI| > 1.96 is reliable", "scores": rows},
                       indent=2, ensure_ascii=False) + "\n")
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
        out(buffer.getvalue())
    return 0
