"""``threadline init``: create a new, empty vault."""

from __future__ import annotations

import argparse

from db.services.hub import initialize_vault
from db.vault.vault import Vault
from desktop.cli.common import add_vault_options, vault_dir
from desktop.cli.output import out
from desktop.cli.passphrases import ask


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("init", help="create a new vault")
    add_vault_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder = vault_dir(args)
    passphrase = ask("New passphrase", args.passphrase_file, confirm=True)
    vault, recovery_key = Vault.create(folder, passphrase, initialize=initialize_vault)
    vault.close()
    out(
        f"Created a vault in {folder}.\n\n"
        f"Recovery key (shown only now — write it down and keep it somewhere safe):\n\n"
        f"    {recovery_key}\n\n"
        "With it you can open the vault if you ever forget the passphrase.\n"
    )
    return 0
