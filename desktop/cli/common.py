"""Options and helpers shared by the commands that open a vault."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from db.errors import VaultOlderThanSeen
from db.services.hub import after_unlock
from db.vault.vault import Vault
from desktop.cli.passphrases import ask
from desktop.paths import default_vault_dir


def add_vault_options(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS keeps a sub-command from resetting a --vault given before its name.
    parser.add_argument("--vault", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                        help="the vault folder (default: the platform data folder)")
    parser.add_argument("--passphrase-file", type=Path, default=None, metavar="FILE",
                        help="read the passphrase from FILE instead of asking")
    parser.add_argument("--accept-older-copy", action="store_true", default=argparse.SUPPRESS,
                        help="open a vault older than the one last opened on this computer "
                             "(an old copy restored on purpose)")


def vault_dir(args: argparse.Namespace) -> Path:
    folder = getattr(args, "vault", None)
    return Path(folder) if folder else default_vault_dir()


@contextlib.contextmanager
def unlocked_vault(args: argparse.Namespace) -> Iterator[Vault]:
    """Open and unlock the vault named by ``--vault``; always closes it."""
    vault = Vault.open(vault_dir(args))
    try:
        try:
            vault.unlock(ask("Passphrase", args.passphrase_file),
                         accept_older=getattr(args, "accept_older_copy", False))
        except VaultOlderThanSeen as error:
            raise VaultOlderThanSeen(error.behind, how=" (run the command again with "
                                     "--accept-older-copy)", detail=error.detail) from error
        after_unlock(vault.database)
        notice = vault.recovery_notice
        if notice is not None:
            sys.stderr.write(f"threadline: {notice} Run: threadline recovery-key new\n")
        yield vault
    finally:
        vault.close()


def print_recovery_key(recovery_key: str) -> None:
    """Show a recovery key, once, the way ``threadline init`` does."""
    sys.stdout.write(
        "Recovery key (shown only now — write it down and keep it somewhere safe):\n\n"
        f"    {recovery_key}\n\n"
        "With it you can open the vault if you ever forget the passphrase.\n"
    )
