"""Outcome measures in the main window: the Measures dock (View ▸ Measures), beside the
Marks dock, following the session open in the workspace.

``install(window)`` is listed in ``desktop/app.py``'s extensions.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from db.services.dto import Changed
    from desktop.gui.main_window import MainWindow
    from desktop.gui.measures.panel import MeasuresPanel

KEY = "measures"


class MeasuresExtension:
    """Kept as ``window.measures``."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.panel: MeasuresPanel | None = None
        window.add_dock(KEY, "Measures", self._make_panel)
        window.selection_changed.connect(lambda _client, session: self._follow(session))
        window.context.events.changed.connect(self._changed)
        window.context.events.locked.connect(self._locked)

    def _make_panel(self) -> QWidget:
        from desktop.gui.measures.panel import MeasuresPanel

        context = self.window.context
        panel = MeasuresPanel(lambda: context.services, context.submit, context.jobs)
        self.panel = panel
        panel.destroyed.connect(self._forget)
        panel.load(self.window.current_session_id())
        return panel

    def _forget(self) -> None:
        self.panel = None

    def _follow(self, session_id: uuid.UUID | None) -> None:
        if self.panel is not None and self.window.context.unlocked:
            self.panel.load(session_id)

    def _changed(self, changed: Changed, initiator: object = None) -> None:
        panel = self.panel
        if (panel is not None and initiator is not panel and panel.wanted is not None
                and panel.wanted in changed.sessions):
            panel.load(panel.wanted)

    def _locked(self) -> None:
        self.panel = None

    def show(self) -> MeasuresPanel | None:
        self.window.show_dock(KEY)
        return self.panel


def install(window: MainWindow) -> None:
    window.measures = MeasuresExtension(window)  # type: ignore[attr-defined]
