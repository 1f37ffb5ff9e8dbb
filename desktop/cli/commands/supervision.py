"""``threadline supervision``: a pseudonymised summary of one client for supervision, as
a PDF or an age file to the supervisor's public key, after a preview that marks every
replacement («…») and every capitalised word to look at (⟦…⟧)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from db.atomic import write_atomic
from db.backup.age import encrypt, parse_recipient
from db.errors import ValidationError
from db.services.hub import Services
from db.supervision.document import SupervisionChoice
from db.supervision.service import SupervisionService
from desktop.cli.common import add_vault_options, unlocked_vault
from desktop.cli.output import err, out

NOT_WRITTEN = "Nothing was written."


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("give a date like 2026-03-05") from None


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "supervision", help="write a pseudonymised summary of a client for supervision")
    add_vault_options(parser)
    parser.add_argument("--client", required=True, metavar="CODE")
    parser.add_argument("--from", dest="date_from", type=_day, default=None, metavar="DATE")
    parser.add_argument("--to", dest="date_to", type=_day, default=None, metavar="DATE")
    parser.add_argument("--include-notes", action="store_true",
                        help="also the process notes and marked passages of the period")
    parser.add_argument("--recipient", default=None, metavar="AGE_PUBLIC_KEY",
                        help="encrypt to the supervisor's age public key (default: a PDF)")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE")
    parser.add_argument("--yes", action="store_true",
                        help="write without showing the preview and asking")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    recipient = parse_recipient(args.recipient) if args.recipient else None
    target: Path = args.out
    if target.exists():
        raise ValidationError(f"{target} already exists; choose another file name.")
    if not target.parent.is_dir():
        raise ValidationError(f"The folder {target.parent} does not exist.")
    with unlocked_vault(args) as vault:
        services = Services.for_vault(vault)
        supervision = SupervisionService(vault)
        client = services.clients.by_code(args.client)
        document = supervision.prepare(SupervisionChoice(
            client.id, args.date_from, args.date_to, include_notes=args.include_notes,
            include_passages=args.include_notes))
        if not args.yes:
            out(document.marked_text() + "\n")
            sys.stdout.write(f"{document.replaced_count()} replacements («…»); "
                             f"{document.flagged_count()} words to look at (⟦…⟧).\n")
            sys.stdout.write(f"Write {target}? [y/N] ")
            sys.stdout.flush()
            if sys.stdin.readline().strip().lower() not in ("y", "yes"):
                err(f"threadline: {NOT_WRITTEN}\n")
                return 1
        from desktop.gui.supervision.pdf import pdf_bytes

        data = pdf_bytes(document)
        kind = "pdf"
        if recipient is not None:
            data, kind = encrypt(data, recipients=[recipient]), "age"
        write_atomic(target, data)
        supervision.record_export(document, kind)
    out(f"Supervision export written to {target} (client shown as {document.code}).\n")
    return 0
