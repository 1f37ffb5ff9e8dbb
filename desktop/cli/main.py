"""The ``threadline`` command line: a thin front end over the services in ``db``.

Exit status: 0 success; 1 a user error, reported as one line on stderr; 2 wrong usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

from db.errors import ThreadlineError
from desktop import __version__
from desktop.cli.commands import (
    backup,
    demo,
    export,
    import_,
    init,
    passwd,
    recovery_key,
    search,
    taxonomy,
    timeline,
)
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
    demo,
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


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed sub-command, turning expected failures into one line and exit 1."""
    try:
        status: int = args.func(args)
    except UsageError as error:
        sys.stderr.write(f"threadline: {error}\n")
        return 2
    except ThreadlineError as error:
        log.info("command failed: %s %s", type(error).__name__, error.detail)
        sys.stderr.write(f"threadline: {error}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("threadline: interrupted; nothing was changed.\n")
        return 1
    except OSError as error:
        log.info("command failed: %s errno=%s", type(error).__name__, error.errno)
        sys.stderr.write(f"threadline: {error.strerror or 'a file could not be used'}.\n")
        return 1
    return status


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(argv)
