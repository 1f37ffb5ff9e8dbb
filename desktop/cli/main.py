"""The ``threadline`` command line: a thin front end over the services in ``db``.

Exit status: 0 success; 1 a user error, reported as one line on stderr; 2 wrong usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from db.errors import ThreadlineError
from desktop import __version__
from desktop.cli.commands import (
    backup,
    caseload,
    compare,
    demo,
    export,
    import_,
    init,
    measures,
    passwd,
    recovery_key,
    search,
    suggestions,
    summary,
    supervision,
    sync,
    taxonomy,
    templates,
    timeline,
)
from desktop.cli.output import err, safe_text
from desktop.cli.passphrases import UsageError

log = logging.getLogger(__name__)

#: Each module has ``register(subparsers)``, which sets ``func`` on its parser.
COMMANDS: tuple[ModuleType, ...] = (
    init,
    passwd,
    recovery_key,
    taxonomy,
    search,
    export,
    import_,
    backup,
    timeline,
    caseload,
    templates,
    measures,
    supervision,
    compare,
    summary,
    demo,
    sync,
    suggestions,
)


class Parser(argparse.ArgumentParser):
    """No abbreviated options: ``--passphrase x`` must never pass for ``--passphrase-file``."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="threadline",
        description="Threadline: an encrypted notebook for psychodynamic process notes.",
    )
    parser.add_argument("--version", action="version", version=f"Threadline {__version__}")
    parser.add_argument("--vault", default=None, metavar="DIR",
                        help="the vault folder (default: the platform data folder)")
    parser.add_argument("--quit-after-show", action="store_true",
                        help="open the window, exit 0 as soon as it has painted")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in COMMANDS:
        module.register(commands)
    return parser


UNEXPECTED = ("threadline: Something went wrong and the command stopped; nothing more was "
              "done (details in the log).\n")


def _where(error: BaseException) -> str:
    """Where ``error`` was raised (file and line): the log's clue, without any values."""
    frames = traceback.extract_tb(error.__traceback__)
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed sub-command, turning every failure into one line and exit 1.

    The message of an unexpected exception may hold client text, so only its class and
    where it was raised reach the log, and the person reads one sentence.
    """
    try:
        status: int = args.func(args)
    except UsageError as error:
        err(f"threadline: {safe_text(error)}\n")
        return 2
    except ThreadlineError as error:
        log.info("command failed: %s %s", type(error).__name__, error.detail)
        err(f"threadline: {safe_text(error)}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("threadline: interrupted; nothing was changed.\n")
        return 1
    except OSError as error:
        log.info("command failed: %s errno=%s", type(error).__name__, error.errno)
        err(f"threadline: {safe_text(error.strerror or 'a file could not be used')}.\n")
        return 1
    except Exception as error:
        log.error("command failed unexpectedly: %s at %s", type(error).__name__,
                  _where(error))
        sys.stderr.write(UNEXPECTED)
        return 1
    return status


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(argv)
