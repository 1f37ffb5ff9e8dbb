"""What every view needs, handed down from ``desktop/app.py``: vault, services, events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from db.errors import VaultLocked
from desktop.gui.common.events import AppEvents
from desktop.gui.common.jobs import Jobs
from desktop.gui.common.operations import Operation, OperationQueue

if TYPE_CHECKING:  # the core is imported when first needed, after the window has painted
    from db.crypto.kdf import Argon2Params
    from db.services.dto import Outcome
    from db.services.hub import Services
    from db.services.settings import VaultSettings
    from db.vault.database import Database
    from db.vault.vault import Vault

T = TypeVar("T")


@dataclass(frozen=True)
class Timings:
    """The editor's delays (ms); tests set short ones so they never wait for real time."""

    autosave_ms: int = 1500  # quiet time before an autosave
    draft_ms: int = 400  # typing reaches the crash-safe draft at least this often


def _catch_up_search(services: Services) -> None:
    """The pipeline's idle work: index the notes that autosaves left pending."""
    services.indexer.catch_up()


class AppContext:
    """The vault of this window (``None`` until created or opened) and its services.

    ``kdf_params`` are the Argon2 parameters a new vault gets (``None``: calibrate on this
    machine); tests pass the floor parameters so that creating a vault stays quick.

    :attr:`operations` is the window's one write pipeline: every change from the GUI is
    submitted there (:meth:`submit`), never run on the GUI thread.
    """

    def __init__(self, folder: Path, events: AppEvents | None = None,
                 kdf_params: Argon2Params | None = None) -> None:
        self.folder = folder
        self.events = events or AppEvents()
        self.kdf_params = kdf_params
        self.jobs = Jobs()  # background reads and long jobs of this window (jobs.py)
        self.timings = Timings()  # read when the workspace is built (after each unlock)
        self._vault: Vault | None = None
        self._services: Services | None = None
        self._settings: VaultSettings | None = None
        self._written_settings: VaultSettings | None = None  # read by the writer thread
        self.events.changed.connect(self._take_settings)
        self.events.locked.connect(self._drop_settings)
        self.operations = OperationQueue(lambda: self.services, self.events.announce,
                                         _catch_up_search, after_write=self._read_settings)

    @property
    def vault(self) -> Vault | None:
        return self._vault

    def attach(self, vault: Vault) -> None:
        from db.services.hub import Services

        self._vault = vault
        self._services = Services.for_vault(vault)
        self._settings = None

    @property
    def services(self) -> Services:
        """The services of the open vault; calls raise :class:`VaultLocked` while locked."""
        if self._services is None:
            raise VaultLocked
        return self._services

    @property
    def database(self) -> Database:
        """The open vault's database, so that the context can stand where services want a
        vault (``DatabaseProvider``); raises :class:`VaultLocked` while locked."""
        if self._vault is None:
            raise VaultLocked
        return self._vault.database

    @property
    def unlocked(self) -> bool:
        return self._vault is not None and self._vault.is_unlocked

    @property
    def settings(self) -> VaultSettings:
        """The vault settings, read once per change (defaults while locked)."""
        if not self.unlocked:
            from db.services.settings import VaultSettings

            return VaultSettings()
        if self._settings is None:
            self._settings = self.services.settings.load()
        return self._settings

    def apply(self, outcome: Outcome[T], initiator: object | None = None) -> T:
        """Announce what a service call changed; return its value (the CLI-style path,
        for results computed off the GUI thread, e.g. an import)."""
        self.events.announce(outcome.changed, initiator)
        return outcome.value

    def submit(self, run: Callable[[Services], object], *, initiator: object | None = None,
               on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None) -> Operation:
        """Run a change on the writer thread, in order; see :mod:`desktop.gui.common.operations`."""
        return self.operations.submit(Operation(run, initiator, on_done, on_error))

    def _read_settings(self, services: Services, changed: object) -> None:
        """Writer thread, after an operation: read the settings it changed, so that the
        GUI thread never reads them itself."""
        if getattr(changed, "settings", False):
            self._written_settings = services.settings.load()

    def _take_settings(self, changed: object) -> None:
        if getattr(changed, "settings", False):
            # None (read when next asked) for a change announced outside the pipeline.
            self._settings, self._written_settings = self._written_settings, None

    def _drop_settings(self) -> None:
        self._settings = self._written_settings = None
