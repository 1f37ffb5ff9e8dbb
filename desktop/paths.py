"""Where things live on this machine (no client data is ever part of a path)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

APP_NAME = "Threadline"


def default_vault_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "vault"


def log_dir() -> Path:
    return Path(user_log_dir(APP_NAME, appauthor=False))
