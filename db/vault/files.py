"""The files of a vault folder, and whether a folder holds a vault.

Free of heavy imports on purpose: the first window asks :func:`vault_exists` before it
paints, long before SQLAlchemy or SQLCipher are loaded.
"""

from __future__ import annotations

from pathlib import Path

DB_NAME = "threadline.db"
KEY_NAME = "vault.key"


def vault_exists(folder: Path) -> bool:
    """True when ``folder`` holds a vault (its key file is what makes it one)."""
    return (Path(folder) / KEY_NAME).exists()
