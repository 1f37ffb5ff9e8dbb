"""The bundle's entry script: PyInstaller freezes this file as the ``threadline`` program.

It only hands over to :func:`desktop.__main__.main`, exactly as the ``threadline`` console
script of a pip install does, so the bundle and a developer install behave the same.
"""

from __future__ import annotations

import sys

from desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
