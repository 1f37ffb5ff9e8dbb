"""``threadline backup create|verify|restore``: encrypted age backups of the vault."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from db.backup import age, signing
from db.backup.errors import BackupError
from db.backup.service import (
    BackupSummary,
    Key,
    create_backup,
    restore_backup,
    verify_backup,
)
from db.plural import count
from db.safe_read import read_start
from desktop.cli.common import add_vault_options, unlocked_vault
from desktop.cli.output import out, safe_text
from desktop.cli.passphrases import ask
from desktop.cli.progress import shown_progress


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("backup", help="make, check or restore encrypted backups")
    actions = parser.add_subparsers(dest="backup_command", metavar="ACTION", required=True)

    create = actions.add_parser("create", help="write an encrypted backup of the vault")
    add_vault_options(create)
    create.add_argument("--out", type=Path, required=True, metavar="FILE")
    create.add_argument("--recipient", action="append", default=[], metavar="AGE_PUBLIC_KEY",
                        help="encrypt to this age public key (repeatable) instead of a "
                             "passphrase")
    create.add_argument("--backup-passphrase-file", type=Path, default=None, metavar="FILE",
                        help="read the backup's passphrase from FILE instead of asking")
    create.set_defaults(func=run_create)

    verify = actions.add_parser("verify", help="decrypt and check a backup; writes nothing")
    verify.add_argument("file", type=Path, metavar="FILE")
    _key_options(verify)
    verify.set_defaults(func=run_verify)

    restore = actions.add_parser("restore", help="restore a backup into a new vault")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument("--vault", type=Path, required=True, metavar="NEW_DIR",
                         dest="new_vault", help="a new (or empty) folder for the vault")
    restore.add_argument("--passphrase-file", type=Path, default=None, metavar="FILE",
                         help="the new vault's passphrase (default: ask)")
    _key_options(restore)
    restore.set_defaults(func=run_restore)


def _key_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--identity", type=Path, action="append", default=[],
                        metavar="AGE_IDENTITY_FILE",
                        help="an age identity file holding the private key")
    parser.add_argument("--backup-passphrase-file", type=Path, default=None, metavar="FILE",
                        help="read the backup's passphrase from FILE instead of asking")
    parser.add_argument("--signer", action="append", default=[], metavar="SIGNING_KEY",
                        help="the signing key (threadline-ed25519:…) of the vault that made "
                             "the backup, as shown in its backup settings (repeatable)")
    parser.add_argument("--accept-unsigned", action="store_true",
                        help="accept a backup whose maker cannot be confirmed (unsigned, "
                             "as from Threadline 0.1, or signed by another vault)")


def _key_for(args: argparse.Namespace) -> Key:
    """How to open the backup, and which signers the clinician vouches for."""
    key = _opening_key(args)
    signers = [signing.parse_key(text) for text in args.signer]
    for path in args.identity:  # the identity file Threadline saves names the signer
        signers += signing.signers_in_identity_file(path.read_text(encoding="utf-8"))
    return dataclasses.replace(key, signers=tuple(signers),
                               accept_unsigned=args.accept_unsigned)


def _opening_key(args: argparse.Namespace) -> Key:
    """Identities if given; else the passphrase, asked only if the backup needs one."""
    if args.identity:
        identities = []
        for path in args.identity:
            try:
                identities += age.parse_identities(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as error:
                raise BackupError(f"Cannot read the identity file {path}.") from error
        return Key(identities=tuple(identities))
    try:
        head = read_start(args.file, age.MAX_HEADER)
    except FileNotFoundError as error:
        raise BackupError("That backup file does not exist.") from error
    except IsADirectoryError as error:
        raise BackupError("That is a folder, not a backup file.") from error
    if age.read_header(head).uses_passphrase:
        return Key(passphrase=ask("Backup passphrase", args.backup_passphrase_file,
                              option="--backup-passphrase-file"))
    raise BackupError("This backup was encrypted to an age key; give its identity file "
                      "with --identity.")


def _describe(counts: dict[str, int]) -> str:
    return (f"{count(counts.get('clients', 0), 'client')}, "
            f"{count(counts.get('sessions', 0), 'session')}, "
            f"{count(counts.get('marks', 0), 'mark')}")


def run_create(args: argparse.Namespace) -> int:
    recipients = [age.parse_recipient(text) for text in args.recipient]
    secret = None
    if not recipients:
        secret = ask("Backup passphrase", args.backup_passphrase_file, confirm=True,
                     option="--backup-passphrase-file")
    with unlocked_vault(args) as vault, shown_progress() as progress:
        summary = create_backup(vault.database, args.out, passphrase=secret,
                                recipients=recipients, progress=progress)
    signer = summary.verdict.signer if summary.verdict else ""
    out(f"Backed up {_describe(summary.counts)} to {args.out} (verified), signed with this "
        f"vault's key {signer}.\n")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    key = _key_for(args)
    with shown_progress() as progress:
        summary = verify_backup(args.file, key, progress)
    out(f"The backup is intact: {_describe(summary.counts)}, made "
        f"{safe_text(summary.created_at)}. {_signed(summary)}\n")
    return 0


def _signed(summary: BackupSummary) -> str:
    return summary.verdict.describe() if summary.verdict else ""


def run_restore(args: argparse.Namespace) -> int:
    key = _key_for(args)
    new = ask("New vault passphrase", args.passphrase_file, confirm=True)
    with shown_progress() as progress:
        summary, recovery_key = restore_backup(args.file, key, args.new_vault, new,
                                               progress=progress)
    out(
        f"Restored {_describe(summary.counts)} into a new vault in {args.new_vault}. "
        f"{_signed(summary)}\n\n"
        "Recovery key of the new vault (shown only now — write it down and keep it "
        f"somewhere safe):\n\n    {recovery_key}\n"
    )
    return 0
