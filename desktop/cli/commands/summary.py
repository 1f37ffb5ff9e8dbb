"""``threadline summary --client CODE --out FILE.pdf``: the one-page case summary."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from db.analytics.dto import TimelineFilter
from db.analytics.summary import case_summary
from db.atomic import write_atomic
from db.services.hub import Services
from desktop.cli.commands.timeline import a_date
from desktop.cli.common import add_vault_options, unlocked_vault
from desktop.cli.output import out, safe_text


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("summary", help="write a one-page case summary as PDF")
    add_vault_options(parser)
    parser.add_argument("--client", required=True, metavar="CODE", help="the client's code")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write it")
    parser.add_argument("--from", dest="date_from", type=a_date, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=a_date, metavar="YYYY-MM-DD")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with unlocked_vault(args) as vault:
        services = Services.for_vault(vault)
        client = services.clients.by_code(args.client)
        _, analytics = services.analytics.client(
            client.id, TimelineFilter(date_from=args.date_from, date_to=args.date_to))
        data = case_summary(analytics, services.clients.get(client.id))
    # Qt draws the page; offscreen, so the command needs no display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from desktop.gui.timeline.summary_pdf import summary_pdf

    app = QGuiApplication.instance() or QGuiApplication([])
    pdf = summary_pdf(data)
    del app
    write_atomic(Path(args.out), pdf)
    out(f"Wrote the case summary to {safe_text(args.out)} (not encrypted).\n")
    return 0
