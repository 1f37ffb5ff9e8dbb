"""``threadline import``: an interchange JSON file, or a folder of notes (``--preview``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from db.interchange import folder_import
from db.interchange.files import import_json
from desktop.cli.common import add_vault_options, unlocked_vault
from desktop.cli.output import err, out, safe_text
from desktop.cli.progress import shown_progress


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("import", help="import a Threadline JSON export, or a folder "
                                                "of notes (one file per session)")
    add_vault_options(parser)
    parser.add_argument("file", type=Path, metavar="FILE",
                        help="a JSON export, or a folder with one sub-folder per client")
    parser.add_argument("--preview", action="store_true",
                        help="for a folder: show what would be created, change nothing")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with unlocked_vault(args) as vault:
        if args.file.is_dir():
            plan = folder_import.preview(args.file, vault.database)
            for skipped in plan.skipped:
                out(f"  {safe_text(skipped.sentence())}\n")
            if args.preview:
                for s in plan.sessions:
                    out(f"{safe_text(s.client_code)}\t{s.date}\t{safe_text(s.source)}\n")
                out(f"Would import {plan.summary()}\n")
                return 0
            folder_import.apply(plan, vault.database)
            out(f"Imported {plan.summary()}\n")
            return 0
        if args.preview:
            err("threadline: --preview is for a folder of notes.\n")
            return 2
        with shown_progress() as progress:
            report = import_json(vault.database, args.file, progress)
    out(report.summary() + "\n")
    return 0
