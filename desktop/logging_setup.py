"""The debug log: rotating file, no client data.

Only the Threadline core and front ends log, and they log ids, counts and error class
names, never note text, names or codes. SQLAlchemy runs with ``hide_parameters`` so
that database errors never carry values into a message.
"""

from __future__ import annotations

import logging
import logging.handlers
import os

from desktop.paths import log_dir


def configure(verbose: bool = False) -> None:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    handler = logging.handlers.RotatingFileHandler(
        folder / "threadline.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    os.chmod(folder / "threadline.log", 0o600)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for noisy in ("sqlalchemy", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
