"""The workspace's three panes for the keyboard: clients, sessions, the note.

F6 and Shift+F6 cycle through them, each has its own key, and the pane that has the
keyboard shows a clear ring (the style's own focus frame is a faint dotted line, or none).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QFrame, QWidget

from desktop.gui.common.focus_ring import show_focus_ring

#: (name, menu title, key) of each pane, in the order F6 visits them.
PANES = (("clients", "&Clients list", "Ctrl+Shift+C"),
         ("sessions", "&Sessions list", "Ctrl+Shift+S"),
         ("note", "The &note", "Ctrl+Shift+O"))


class Panes:
    """Moves the keyboard between the panes (``widgets``: name → the widget shown now)."""

    def __init__(self, widgets: dict[str, Callable[[], QWidget]],
                 rings: list[QFrame]) -> None:
        self.widgets = widgets
        #: Called with a pane's name before it is focused (a column folded away opens).
        self.reveal: Callable[[str], None] = lambda _name: None
        for widget in rings:
            show_focus_ring(widget)

    def current(self) -> int:
        focused = QApplication.focusWidget()
        for i, (name, _title, _keys) in enumerate(PANES):
            widget = self.widgets[name]()
            if focused is not None and (focused is widget or widget.isAncestorOf(focused)):
                return i
        return -1

    def focus(self, step: int | str) -> QWidget | None:
        """Focus a pane by name, or the next (1) or previous (-1) visible one."""
        names = [name for name, _title, _keys in PANES]
        if isinstance(step, str):
            order = [step]
        else:
            at, n = self.current(), len(names)
            if at < 0:
                at = -1 if step > 0 else n
            order = [names[(at + step * k) % n] for k in range(1, n + 1)]
        for name in order:
            self.reveal(name)
            target = self.widgets[name]()
            if target.isVisible() and target.isEnabled():
                target.setFocus()
                return target
        return None
