"""``threadline passwd``: change the vault's passphrase (re-wraps the key only)."""

from __future__ import annotations

import argparse
from pathlib import Path

from db.vault.vault import Vault
from desktop.cli.common import add_vault_options, vault_dir
from desktop.cli.output import out
from desktop.cli.passphrases import ask


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("passwd", help="change the vault's passphrase")
    add_vault_options(parser)
    parser.add_argument("--new-passphrase-file", type=Path, default=None, metavar="FILE",
                        help="read the new passphrase from FILE instead of asking")
    parser.add_argument("--recovery-key-file", type=Path, default=None, metavar="FILE",
                        help="use the recovery key in FILE instead of the current passphrase")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Vault.open(vault_dir(args)) as vault:
        if args.recovery_key_file is not None:
            recovery_key = ask("Recovery key", args.recovery_key_file)
            vault.keyfile.open_with_recovery_key(recovery_key)[:] = b"\0" * 32
            new = ask("New passphrase", args.new_passphrase_file, confirm=True)
            vault.reset_passphrase(recovery_key, new)
        else:
            current = ask("Current passphrase", args.passphrase_file)
            vault.keyfile.open_with_passphrase(current)[:] = b"\0" * 32
            new = ask("New passphrase", args.new_passphrase_file, confirm=True)
            vault.change_passphrase(current, new)
    out("The passphrase was changed.\n")
    return 0
