"""Entry point of ``threadline`` and ``python -m desktop``.

Start-up speed matters: without a sub-command, only Qt and the first window are
imported before that window paints; the core (SQLAlchemy, Alembic, cryptography) is
imported afterwards. The command line builds its full parser only when a sub-command,
``--help`` or ``--version`` is given.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _wants_cli(argv: Sequence[str]) -> bool:
    """True unless the arguments are only the GUI's own options."""
    gui_flags = {"--quit-after-show"}
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--vault" and i + 1 < len(args):
            i += 2
            continue
        if arg.startswith("--vault=") or arg in gui_flags:
            i += 1
            continue
        return True  # a sub-command, --help, --version, or something to complain about
    return False


def _gui_args(argv: Sequence[str]) -> argparse.Namespace:
    """The GUI's two options, parsed by hand (``_wants_cli`` has vetted them)."""
    args = argparse.Namespace(vault=None, quit_after_show=False, command=None)
    items = list(argv)
    while items:
        arg = items.pop(0)
        if arg == "--vault" and items:
            args.vault = items.pop(0)
        elif arg.startswith("--vault="):
            args.vault = arg.partition("=")[2]
        elif arg == "--quit-after-show":
            args.quit_after_show = True
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from desktop.hardening import harden_process

    harden_process()  # before any key or note can be in memory
    if _wants_cli(argv):
        from desktop import logging_setup
        from desktop.cli.main import parse, run_command

        args = parse(argv)
        logging_setup.configure()
        if args.command is not None:
            return run_command(args)
    else:
        args = _gui_args(argv)  # the GUI configures logging after its first paint
    from desktop.gui.launch import launch

    return launch(args)


if __name__ == "__main__":
    sys.exit(main())
