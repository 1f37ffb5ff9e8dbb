"""``threadline demo``: a new vault full of fictional clients, to try Threadline out."""

from __future__ import annotations

import argparse
import contextlib
import sys
from datetime import date
from pathlib import Path

from db.demo.generator import SIZES, build_demo
from db.plural import count
from db.services.hub import Services, initialize_vault
from db.vault.lockfile import LOCK_NAME
from db.vault.vault import DB_NAME, KEY_NAME, Vault
from desktop.cli.common import add_vault_options, vault_dir
from desktop.cli.output import err, out
from desktop.cli.passphrases import ask

FICTIONAL = ("All clients in this demo vault are FICTIONAL: invented people with invented "
             "notes. Do not use it for real clients.")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("demo", help="create a demo vault of fictional clients")
    add_vault_options(parser)
    parser.add_argument("--size", choices=tuple(SIZES), default="small",
                        help="small: 6 clients; large: 60 clients and 24,000 sessions")
    parser.add_argument("--seed", type=int, default=1, metavar="N",
                        help="the same seed gives the same caseload (default 1)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder = vault_dir(args)
    passphrase = ask("New passphrase", args.passphrase_file, confirm=True)
    existed = folder.exists()
    vault, recovery_key = Vault.create(folder, passphrase, initialize=initialize_vault)
    try:
        summary = build_demo(Services.for_vault(vault), args.size, args.seed, date.today(),
                             progress=_progress)
    except BaseException:
        vault.close()
        _remove(folder, existed)
        err("\n")
        raise
    vault.close()
    err("\n")
    out(
        f"Created a demo vault in {folder}: {count(summary.clients, 'client')}, "
        f"{count(summary.sessions, 'session', thousands=True)}, "
        f"{count(summary.marks, 'mark', thousands=True)}, "
        f"{count(summary.episodes, 'relational episode', thousands=True)} "
        f"({summary.seconds:.0f} s).\n\n"
        f"{FICTIONAL}\n\n"
        f"Recovery key (shown only now):\n\n    {recovery_key}\n"
    )
    return 0


def _progress(done: int, total: int) -> None:
    sys.stderr.write(f"\rWriting fictional sessions: {done:,} of {total:,}")
    sys.stderr.flush()


def _remove(folder: Path, existed: bool) -> None:
    """Take away a half-filled demo vault, so that a failed run leaves nothing behind."""
    for name in (KEY_NAME, DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", LOCK_NAME):
        (folder / name).unlink(missing_ok=True)
    if not existed:
        with contextlib.suppress(OSError):
            folder.rmdir()
