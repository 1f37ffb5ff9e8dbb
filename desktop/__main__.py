"""Entry point of ``threadline`` and ``python -m desktop``."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from desktop import logging_setup
from desktop.cli.main import parse, run_command


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    logging_setup.configure()
    if args.command is not None:
        return run_command(args)
    # The GUI is imported only when needed, so the command line starts fast without Qt.
    from desktop.gui.launch import launch

    return launch(args)


if __name__ == "__main__":
    sys.exit(main())
