"""``threadline sync start|join|now|status|pair``: keep vaults in step through a folder."""

from __future__ import annotations

import argparse
import json
import platform
from pathlib import Path

from db.atomic import write_atomic
from db.errors import SyncNotStarted
from db.sync import joining, pairing
from db.sync.service import SyncService
from db.sync.state import read_group
from desktop.cli.commands.backup import _key_for, _key_options
from desktop.cli.commands.sync_report import report_line, status_json, status_text
from desktop.cli.common import add_vault_options, print_recovery_key, unlocked_vault
from desktop.cli.output import err, out
from desktop.cli.passphrases import ask


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("sync", help="keep this vault in step with your other "
                                              "computers through a synced folder")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    start = actions.add_parser("start", help="start syncing this vault through a folder")
    add_vault_options(start)
    start.add_argument("--folder", type=Path, required=True, metavar="DIR")
    start.add_argument("--device-name", default=None, metavar="NAME")
    start.set_defaults(func=run_start)

    join = actions.add_parser("join", help="make a new vault here that syncs with the others")
    join.add_argument("--folder", type=Path, required=True, metavar="DIR")
    join.add_argument("--vault", type=Path, required=True, metavar="NEW_DIR", dest="new_vault")
    how = join.add_mutually_exclusive_group(required=True)
    how.add_argument("--backup", type=Path, metavar="FILE", dest="file")
    how.add_argument("--pairing", type=Path, metavar="FILE")
    join.add_argument("--pairing-passphrase-file", type=Path, default=None, metavar="FILE")
    join.add_argument("--passphrase-file", type=Path, default=None, metavar="FILE",
                      help="the new vault's passphrase (default: ask)")
    join.add_argument("--device-name", default=None, metavar="NAME")
    _key_options(join)
    join.set_defaults(func=run_join)

    now = actions.add_parser("now", help="send what is new, apply what arrived")
    add_vault_options(now)
    now.set_defaults(func=run_now)

    status = actions.add_parser("status", help="devices, when each was last seen, what waits")
    add_vault_options(status)
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=run_status)

    pair = actions.add_parser("pair", help="write a pairing file for a new computer")
    add_vault_options(pair)
    pair.add_argument("--out", type=Path, required=True, metavar="FILE")
    pair.set_defaults(func=run_pair)


def _name(args: argparse.Namespace) -> str:
    return args.device_name or platform.node() or "This computer"


def run_start(args: argparse.Namespace) -> int:
    with unlocked_vault(args) as vault:
        report = SyncService(vault).start(args.folder.absolute(), _name(args))
    out(f"This vault now syncs through {args.folder}. " + report_line(report))
    return 0


def run_join(args: argparse.Namespace) -> int:
    folder = args.folder.absolute()
    if args.pairing is not None:
        secret = ask("Pairing passphrase", args.pairing_passphrase_file,
                     option="--pairing-passphrase-file")
        group = joining.pairing_group(args.pairing, secret, folder)  # before a vault is made
        passphrase = ask("New vault passphrase", args.passphrase_file, confirm=True)
        joined = joining.with_group(args.new_vault, passphrase, folder, _name(args), group)
    else:
        key = _key_for(args)
        passphrase = ask("New vault passphrase", args.passphrase_file, confirm=True)
        joined = joining.with_backup(args.new_vault, passphrase, folder, _name(args),
                                     args.file, key)
    joined.vault.close()
    if joined.report is None:  # the vault was made (or restored): its key is shown anyway
        out(f"The new vault in {args.new_vault} was made, but it does not sync yet.\n")
        print_recovery_key(joined.recovery_key)
        err(f"threadline: {joined.problem}\n")
        return 1
    out(f"The new vault in {args.new_vault} syncs through {args.folder}. "
        + report_line(joined.report))
    print_recovery_key(joined.recovery_key)
    return 0


def run_now(args: argparse.Namespace) -> int:
    with unlocked_vault(args) as vault:
        report = SyncService(vault).run()
    out(report_line(report))
    return 0


def run_status(args: argparse.Namespace) -> int:
    with unlocked_vault(args) as vault:
        status = SyncService(vault).status()
    if args.json:
        out(json.dumps(status_json(status), indent=1) + "\n")
    else:
        out(status_text(status))
    return 0


def run_pair(args: argparse.Namespace) -> int:
    with unlocked_vault(args) as vault, vault.database.read() as session:
        group = read_group(session)
    if group is None:
        raise SyncNotStarted
    secret = pairing.one_time_passphrase()
    write_atomic(args.out, pairing.make(group, secret))
    out(f"Wrote {args.out}. Its one-time passphrase (shown only now):\n\n    {secret}\n\n"
        "On the new computer: threadline sync join --pairing FILE --folder DIR "
        "--vault NEW_DIR\n")
    return 0
