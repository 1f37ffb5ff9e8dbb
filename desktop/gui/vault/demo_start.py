"""The welcome's "Try a demo vault first": a vault of fictional clients, beside the real one.

The demo vault lives in its own folder next to the real vault's (``<vault>-demo``), so
trying Threadline out never takes the real vault's place: the next start offers to create
the real vault again. Its passphrase is fixed and shown on the welcome, because nothing in
it is real. Built off the GUI thread (``context.jobs``); the work touches no widget.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

DEMO_PASSPHRASE = "fictional demo clients only"


def demo_folder(vault_folder: Path) -> Path:
    return vault_folder.with_name(f"{vault_folder.name}-demo")


def open_or_build_demo(folder: Path, params: Any) -> Any:
    """The demo vault at ``folder``, unlocked: opened if it exists, else built (small)."""
    from db.demo.generator import build_demo
    from db.services.hub import Services, initialize_vault
    from db.vault.vault import Vault

    if Vault.exists(folder):
        vault = Vault.open(folder)
        vault.unlock(DEMO_PASSPHRASE, verify="later")
        return vault
    vault, _ = Vault.create(folder, DEMO_PASSPHRASE, params=params,
                            initialize=initialize_vault)
    try:
        build_demo(Services.for_vault(vault), "small", 1, date.today())
    except BaseException:
        vault.close()
        raise
    return vault
