"""``threadline export``: the whole vault as interchange JSON, or as Markdown files.

Both are plaintext, so the command asks first (or takes ``--yes``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from db.interchange.files import export_json, export_markdown
from db.plural import count
from desktop.cli.common import add_vault_options, unlocked_vault
from desktop.cli.output import out
from desktop.cli.passphrases import confirm
from desktop.cli.progress import shown_progress


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("export", help="export the vault as JSON or Markdown "
                                                "(not encrypted)")
    add_vault_options(parser)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help="the JSON file, or for Markdown a new folder")
    parser.add_argument("--format", choices=("json", "markdown"), default="json")
    parser.add_argument("--yes", action="store_true",
                        help="do not ask before writing notes unencrypted")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.yes:
        confirm(f"{args.out} will NOT be encrypted: anyone who can read it can read every "
                "note. Write it?")
    with unlocked_vault(args) as vault:
        if args.format == "json":
            with shown_progress() as progress:
                counts = export_json(vault.database, args.out, progress)
        else:
            counts = export_markdown(vault.database, args.out)
    out(f"Exported {count(counts['clients'], 'client')} and "
        f"{count(counts['sessions'], 'session')} "
                     f"to {args.out} (not encrypted).\n")
    return 0
