"""Theme suggestions in the window: trained after each unlock, in the background, on this
vault's own marks; held in memory only and dropped when the vault locks.

Nothing of the model is written anywhere (no cache file, no QSettings): after an unlock it
is learned again, in a job (``context.jobs``), and a retraining follows changes to the
marks once they have been quiet for :data:`RETRAIN_MS`. Until a model has arrived, and
whenever the vault has too few marked passages, :meth:`ThemeSuggestions.suggest` says
nothing and the picker shows no suggestions.

Signal: ``updated()`` — a model arrived, was dropped, or training started or failed
(the Settings dialog's section listens).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from db.suggestions.learn import Report, Suggester
    from desktop.gui.common.context import AppContext
    from desktop.gui.common.jobs import Failure

RETRAIN_MS = 60_000  # quiet time after a change of marks before learning again


class ThemeSuggestions(QObject):
    """The window's suggestion model (kept as ``window.themes.suggestions``)."""

    updated = Signal()

    def __init__(self, context: AppContext, retrain_ms: int = RETRAIN_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.model: Suggester | None = None
        self.report: Report | None = None  # None: not trained since the unlock
        self.training = False
        self.failed = ""
        self._retrain = QTimer(self)
        self._retrain.setSingleShot(True)
        self._retrain.setInterval(retrain_ms)
        self._retrain.timeout.connect(self.train)
        context.events.changed.connect(self._changed)
        context.events.locked.connect(self.drop)

    def train(self) -> None:
        """Learn from the vault's marks now, in the background (the latest start wins)."""
        if not self._context.unlocked:
            return
        from db.progress import Cancel
        from desktop.gui.common.jobs import lower_priority

        # A long Python job beside the window: it breathes (db/progress.py) and yields
        # the processor, on a thread of its own.
        services, cancel = self._context.services, Cancel(breathe=True)

        def learn() -> Suggester | Report:
            lower_priority()
            return services.suggestions.train(cancel)

        self.training, self.failed = True, ""
        self._context.jobs.start(learn, on_done=self._trained, on_error=self._failed,
                                 key=(self, "train"), owner=self, cancel=cancel.set,
                                 name="learning theme suggestions", own_thread=True)
        self.updated.emit()

    def suggest(self, text: str, allowed: Collection[uuid.UUID]) -> list[uuid.UUID]:
        """Up to three themes of ``allowed`` for ``text``; none while off or learning."""
        return self.model.suggest(text, allowed) if self.model is not None else []

    def drop(self) -> None:
        """The vault locks: forget the model (its vocabulary is the clinician's words)."""
        self._retrain.stop()
        self._context.jobs.cancel((self, "train"))
        self.model = self.report = None
        self.training, self.failed = False, ""
        self.updated.emit()

    def _trained(self, result: Suggester | Report) -> None:
        from db.suggestions.learn import Suggester

        self.training = False
        if isinstance(result, Suggester):
            self.model, self.report = result, result.report
        else:
            self.model, self.report = None, result
        self.updated.emit()

    def _failed(self, failure: Failure) -> None:
        self.training, self.failed = False, failure.message
        self.updated.emit()

    def _changed(self, changed: object, _initiator: object = None) -> None:
        if self._context.unlocked and (getattr(changed, "sessions", None)
                                       or getattr(changed, "themes", False)):
            self._retrain.start()
