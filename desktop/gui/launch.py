"""Start the Qt application: check the display, make the app, show the first window."""

from __future__ import annotations

import argparse
import sys

from desktop import qtcheck


def launch(args: argparse.Namespace) -> int:
    found = qtcheck.problems()
    if found:
        for sentence in found:
            sys.stderr.write(f"threadline: {sentence}\n")
        return 1
    from desktop.app import run_gui

    return run_gui(args)
