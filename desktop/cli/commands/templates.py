"""``threadline templates``: list, show, add, edit and delete note templates, and choose
the ones a client's new sessions start from."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from db.errors import ValidationError
from db.safe_read import read_regular
from db.services.hub import Services
from db.templates.dto import TemplateDTO
from db.vocabulary import NoteKind
from desktop.cli.common import add_vault_options, unlocked_vault
from desktop.cli.output import out

MAX_TEMPLATE_FILE = 2 * 1024 * 1024


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("templates", help="note templates and client defaults")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list the templates")
    listing.add_argument("--json", action="store_true", help="print JSON")
    show = actions.add_parser("show", help="print one template's text")
    show.add_argument("name", help="the template's name (or its id)")
    add = actions.add_parser("add", help="add a template of your own")
    add.add_argument("--name", required=True)
    add.add_argument("--kind", choices=tuple(NoteKind), default=NoteKind.PROCESS)
    add.add_argument("--file", type=Path, required=True, metavar="FILE",
                     help="a UTF-8 text file with the template's text")
    edit = actions.add_parser("edit", help="change a template (a shipped one too)")
    edit.add_argument("name", help="the template's name (or its id)")
    edit.add_argument("--new-name", default=None)
    edit.add_argument("--file", type=Path, default=None, metavar="FILE")
    delete = actions.add_parser("delete", help="delete a template (a shipped one is hidden)")
    delete.add_argument("name")
    default = actions.add_parser("default", help="the template a client's new sessions "
                                                 "start from")
    default.add_argument("--client", required=True, metavar="CODE")
    default.add_argument("--kind", choices=tuple(NoteKind), default=NoteKind.PROCESS)
    default.add_argument("template", nargs="?", default=None,
                         help="the template's name; leave out to start from an empty note")
    for sub in (listing, show, add, edit, delete, default):
        add_vault_options(sub)
        sub.set_defaults(func=run)


def _text_of(path: Path) -> str:
    try:
        return read_regular(path, MAX_TEMPLATE_FILE).decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError("The template file is not UTF-8 text.") from None


def _as_json(item: TemplateDTO) -> dict[str, object]:
    return {"id": item.ref, "name": item.name, "kind": item.kind, "shipped": item.shipped,
            "edited": item.edited, "text": item.body}


def run(args: argparse.Namespace) -> int:
    body = _text_of(args.file) if getattr(args, "file", None) else None  # before unlocking
    with unlocked_vault(args) as vault:
        services = Services.for_vault(vault)
        templates = services.templates
        if args.action == "list":
            items = templates.list()
            if args.json:
                out(json.dumps([_as_json(i) for i in items], indent=2, ensure_ascii=False)
                    + "\n")
            else:
                out("".join(f"{i.name}\t{i.kind}\t{i.ref}\n"
                            for i in items))
        elif args.action == "show":
            out(templates.find(args.name).body)
        elif args.action == "add":
            templates.create(args.name, args.kind, body or "")
            out(f"Template “{args.name}” added.\n")
        elif args.action == "edit":
            item = templates.find(args.name)
            templates.save(item.ref, args.new_name or item.name, item.kind,
                           item.body if body is None else body)
            out("Template saved.\n")
        elif args.action == "delete":
            templates.delete(templates.find(args.name).ref)
            out("Template deleted.\n")
        else:
            client = services.clients.by_code(args.client)
            ref = templates.find(args.template).ref if args.template else None
            templates.set_default(client.id, args.kind, ref)
            out("Default template set.\n" if ref else "Default template removed.\n")
    return 0
