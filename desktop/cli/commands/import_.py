"""``threadline import``: an interchange JSON file, or a folder of notes (``--preview``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from db.interchange import folder_import
from db.interchange.files import import_json
from desktop.cli.common import add_vault_options, unlocked_vault


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
                sys.stdout.write(f"  {skipped.sentence()}\n")
            if args.preview:
                for s in plan.sessions:
                    sys.stdout.write(f"{s.client_code}\t{s.date}\t{s.source}\n")
                sys.stdout.write(f"Would import {plan.summary()}\n")
                return 0
            folder_import.apply(plan, vault.database)
            sys.stdout.write(f"Imported {plan.summary()}\n")
            return 0
        if args.preview:
            sys.stderr.write("threadline: --preview is for a folder of notes.\n")
            return 2
        report = import_json(vault.database, args.file)
    sys.stdout.write(report.summary() + "\n")
    return 0
