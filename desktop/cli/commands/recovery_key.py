"""``threadline recovery-key new``: make a new recovery key; the old one stops working."""

from __future__ import annotations

import argparse
import sys

from db.vault.vault import Vault
from desktop.cli.common import add_vault_options, print_recovery_key, vault_dir
from desktop.cli.passphrases import ask


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("recovery-key", help="make a new recovery key")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = actions.add_parser("new", help="make a new recovery key and retire the old one")
    add_vault_options(new)
    new.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Vault.open(vault_dir(args)) as vault:
        passphrase = ask("Passphrase", args.passphrase_file)
        recovery_key = vault.new_recovery_key(passphrase)
    sys.stdout.write("A new recovery key was made; the old one no longer works.\n\n")
    print_recovery_key(recovery_key)
    return 0
