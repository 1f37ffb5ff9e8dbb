"""The picker's suggested themes: up to three buttons above the list, never pre-chosen.

A suggestion is only ever applied by the clinician's own keystroke (Alt+1, Alt+2, Alt+3)
or click; opening the picker with suggestions leaves the list's highlighted row, and what
Enter marks, exactly as without them.

Signal: ``chosen(uuid.UUID)`` — the theme of the suggestion pressed.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.gui.themes.theme_list_model import ThemeChoice

SHOWN = 3


class SuggestedRow(QWidget):
    chosen = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAccessibleName("Suggested themes")
        self.label = QLabel("Suggested:", self)
        self.label.setToolTip("Learned from the passages you marked in this vault; "
                              "nothing is marked until you choose")
        self.buttons: list[QToolButton] = []
        self._themes: list[uuid.UUID] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        for number in range(1, SHOWN + 1):
            button = QToolButton(self)
            button.setAutoRaise(True)
            button.clicked.connect(lambda _=False, i=number - 1: self.choose(i))
            # On the picker (the popup), so that the keys work while typing in its filter.
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), parent)
            shortcut.activated.connect(lambda i=number - 1: self.choose(i))
            self.buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.set_choices([])

    @property
    def themes(self) -> list[uuid.UUID]:
        return list(self._themes)

    def set_choices(self, choices: list[ThemeChoice]) -> None:
        """Show these suggestions (best first); none hides the row."""
        choices = choices[:SHOWN]
        self._themes = [choice.theme.id for choice in choices]
        for number, button in enumerate(self.buttons, start=1):
            if number <= len(choices):
                choice = choices[number - 1]
                button.setText(f"{number} {choice.theme.name}")
                button.setToolTip(f"Alt+{number}: mark with {choice.theme.name} "
                                  f"({choice.path})")
                button.setAccessibleName(f"Suggested: {choice.theme.name}")
            button.setVisible(number <= len(choices))
        self.setVisible(bool(choices))

    def choose(self, index: int) -> None:
        if self.isVisible() and index < len(self._themes):
            self.chosen.emit(self._themes[index])
