"""Writing comfort: focus mode (the note alone, centred) and the size of the note's text.

Focus mode (Ctrl+Shift+F or F11) hides the clients, the client's sessions, the docks and
the toolbar, so the note stands alone at its measure (``writing_surface.LINE_CHARACTERS``);
the same keys bring them back, as they were. Ctrl+= and Ctrl+- make the note's text larger
or smaller, and View ▸ Line spacing sets the lines single, 1.15, 1.5 or double apart; both
are remembered on this device (QSettings: a number each, nothing else).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QDockWidget, QWidget

from desktop.gui.common.style import writing_font

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow
    from desktop.gui.workspace.measure_keeper import MeasureKeeper
    from desktop.gui.workspace.workspace import WorkspaceView

SIZE_KEY = "writing/font_size"
SMALLEST, LARGEST, STEP = 9.0, 28.0, 1.0
SPACING_KEY = "writing/line_spacing"
#: (menu title, lines apart in line heights); the first is the default.
SPACINGS = (("&Single", 1.0), ("1.&15", 1.15), ("1.&5", 1.5), ("&Double", 2.0))


class WritingComfort:
    """Installed once per window (``window.comfort``); follows each unlock's workspace."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._hidden: list[QWidget] = []
        self.keeper: MeasureKeeper | None = None  # the note's measure, for each workspace
        self.focus_action = window.add_action(
            "view", "&Focus mode", self.toggle, shortcut=("Ctrl+Shift+F", "F11"),
            tip="The note alone, centred; the same keys bring the panels back")
        self.focus_action.setCheckable(True)
        window.add_action("view", "&Larger text", lambda: self.change_size(STEP),
                          shortcut=("Ctrl+=", "Ctrl++"))
        window.add_action("view", "&Smaller text", lambda: self.change_size(-STEP),
                          shortcut="Ctrl+-")
        self.spacing_actions = self._spacing_menu()
        window.workspace_ready.connect(self._ready)
        window.context.events.locked.connect(self._locked)

    @property
    def on(self) -> bool:
        return bool(self._hidden)

    def font_size(self) -> float:
        stored = self.window.settings.value(SIZE_KEY)
        try:
            size = float(stored) if stored is not None else writing_font().pointSizeF()
        except (TypeError, ValueError):
            size = writing_font().pointSizeF()
        return min(LARGEST, max(SMALLEST, size))

    def change_size(self, step: float) -> None:
        size = min(LARGEST, max(SMALLEST, self.font_size() + step))
        self.window.settings.setValue(SIZE_KEY, size)
        if self.window.workspace is not None:
            self._apply_size(self.window.workspace)
        self.window.show_message(f"Note text at {size:g} points.", 2000)

    def _spacing_menu(self) -> dict[float, QAction]:
        window = self.window
        window.menus["spacing"] = window.menu("view").addMenu("Line s&pacing")
        group = QActionGroup(window)
        actions: dict[float, QAction] = {}
        for title, spacing in SPACINGS:
            action = window.add_action("spacing", title, partial(self.set_spacing, spacing),
                                       needs_vault=False)
            action.setCheckable(True)
            action.setChecked(spacing == self.line_spacing())
            group.addAction(action)
            actions[spacing] = action
        return actions

    def line_spacing(self) -> float:
        """The lines' spacing on this device: one of ``SPACINGS`` (single if unknown)."""
        stored = self.window.settings.value(SPACING_KEY)
        try:
            spacing = float(stored) if stored is not None else SPACINGS[0][1]
        except (TypeError, ValueError):
            spacing = SPACINGS[0][1]
        return spacing if spacing in dict(SPACINGS).values() else SPACINGS[0][1]

    def set_spacing(self, spacing: float) -> None:
        self.window.settings.setValue(SPACING_KEY, spacing)
        if self.window.workspace is not None:
            self._apply_size(self.window.workspace)
        title = next(t for t, s in SPACINGS if s == spacing).replace("&", "")
        self.window.show_message(f"Line spacing: {title.lower()}.", 2000)

    def _apply_size(self, workspace: WorkspaceView) -> None:
        size, spacing = self.font_size(), self.line_spacing()
        for surface in workspace.editor.surfaces.values():
            font = surface.font()
            font.setPointSizeF(size)
            surface.setFont(font)
            surface.set_line_spacing(spacing)
            surface.refit()
        if self.keeper is not None:
            self.keeper.soon()

    def _ready(self, workspace: WorkspaceView) -> None:
        from desktop.gui.workspace.measure_keeper import MeasureKeeper

        self.keeper = MeasureKeeper(self.window, workspace)
        self._apply_size(workspace)

    def toggle(self) -> None:
        workspace = self.window.workspace
        if self.on:
            for widget in self._hidden:
                widget.show()
            self._hidden = []
        elif workspace is not None:
            self.window.show_view("workspace")
            docks = self.window.findChildren(QDockWidget)
            candidates = [workspace.clients, workspace.middle, self.window.toolbar, *docks]
            self._hidden = [w for w in candidates if w.isVisible()]
            for widget in self._hidden:
                widget.hide()
            workspace.editor.surface().setFocus()
        if self.keeper is not None:
            self.keeper.paused = self.on
            self.keeper.soon()
        self.focus_action.setChecked(self.on)

    def _locked(self) -> None:
        if self.on:
            self.toggle()
        self.keeper = None  # it goes with the workspace
