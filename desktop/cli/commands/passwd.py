"""``threadline passwd``: change the vault's passphrase, and re-encrypt under a new key.

Re-wrapping alone is instant, but a retired passphrase together with a copy of the old
``vault.key`` would still open notes written later; ``--rekey`` re-encrypts the database
under a new data key (and makes a new recovery key) so that it opens nothing new.
Interactively the command asks (default yes); without a terminal it re-wraps only unless
``--rekey`` is given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from db.services.hub import after_unlock
from db.vault.vault import Vault
from desktop.cli.common import add_vault_options, print_recovery_key, vault_dir
from desktop.cli.output import out
from desktop.cli.passphrases import ask, ask_yes_no


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("passwd", help="change the vault's passphrase")
    add_vault_options(parser)
    parser.add_argument("--new-passphrase-file", type=Path, default=None, metavar="FILE",
                        help="read the new passphrase from FILE instead of asking")
    parser.add_argument("--recovery-key-file", type=Path, default=None, metavar="FILE",
                        help="use the recovery key in FILE instead of the current passphrase")
    rekey = parser.add_mutually_exclusive_group()
    rekey.add_argument("--rekey", dest="rekey", action="store_true", default=None,
                       help="also re-encrypt the database under a new key (recommended; "
                            "makes a new recovery key)")
    rekey.add_argument("--no-rekey", dest="rekey", action="store_false",
                       help="only re-wrap the key (instant; old copies of vault.key keep "
                            "working with the old passphrase)")
    parser.set_defaults(func=run)


def _progress(fraction: float) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\rRe-encrypting the vault… {fraction:4.0%}")
        sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    with Vault.open(vault_dir(args)) as vault:
        by_recovery = args.recovery_key_file is not None
        if by_recovery:
            secret = ask("Recovery key", args.recovery_key_file)
            vault.keyfile.open_with_recovery_key(secret)[:] = b"\0" * 32
        else:
            secret = ask("Current passphrase", args.passphrase_file)
            vault.keyfile.open_with_passphrase(secret)[:] = b"\0" * 32
        new = ask("New passphrase", args.new_passphrase_file, confirm=True)
        rekey = args.rekey
        if rekey is None:
            rekey = sys.stdin.isatty() and ask_yes_no(
                "Also re-encrypt the database with a new key (recommended)?", default=True)
        if not rekey:
            if by_recovery:
                vault.reset_passphrase(secret, new)
            else:
                vault.change_passphrase(secret, new)
            out("The passphrase was changed.\n")
            return 0
        if by_recovery:
            vault.unlock_with_recovery_key(secret)
        else:
            vault.unlock(secret)
        after_unlock(vault.database)
        recovery_key = vault.rekey(new, _progress)
        if sys.stderr.isatty():
            sys.stderr.write("\n")
    out("The passphrase was changed and the vault re-encrypted under a new key; "
                     "the old passphrase, recovery key and key file no longer open it.\n\n")
    print_recovery_key(recovery_key)
    return 0
