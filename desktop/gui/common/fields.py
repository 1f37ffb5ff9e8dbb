"""Form helpers: optional date fields, and errors shown right under the field at fault."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.common.style import error_label, show_error


class FieldError(Exception):
    """A value in a form that cannot be read; ``field`` names the field."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


class DateField(QLineEdit):
    """An optional date typed as YYYY-MM-DD (empty means "not given")."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field_name = name
        self.setPlaceholderText("YYYY-MM-DD")
        self.setMaximumWidth(160)

    def value(self) -> date | None:
        text = self.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise FieldError("That date is not possible; write it as YYYY-MM-DD, for example "
                             "2026-03-14.", self.field_name) from None

    def set_value(self, value: date | None) -> None:
        self.setText(value.isoformat() if value else "")


class ErrorForm:
    """A QFormLayout whose rows can each show an error line under the field."""

    def __init__(self, parent: QWidget) -> None:
        self.layout = QFormLayout()
        self._errors: dict[str, QLabel] = {}
        self._parent = parent

    def add(self, label: str, name: str, field: QWidget) -> None:
        box = QWidget(self._parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        error = error_label(box)
        error.setAccessibleName(f"{label.replace('&', '').rstrip(':')} error")
        column.addWidget(error)
        self._errors[name] = error
        if not field.accessibleName():
            field.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.layout.addRow(label, box)

    def show(self, name: str, message: str) -> bool:
        """Show ``message`` under field ``name``; ``False`` if there is no such field."""
        label = self._errors.get(name)
        if label is None:
            return False
        show_error(label, message)
        return True

    def report(self, name: str, message: str, general: QLabel) -> None:
        """Show ``message`` under field ``name``, or on the form's ``general`` line."""
        if not self.show(name, message):
            show_error(general, message)

    def error(self, name: str) -> str:
        label = self._errors[name]
        return label.text() if label.isVisible() or label.text() else ""

    def clear(self) -> None:
        for label in self._errors.values():
            show_error(label, "")


def lay_out_dialog(dialog: QDialog, form: ErrorForm,
                   on_save: Callable[[], None]) -> tuple[QLabel, QPushButton]:
    """The layout every edit dialog shares: the form, a general error line, Save/Cancel.

    Returns the error label and the Save button.
    """
    general_error = error_label(dialog)
    save, cancel = QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Cancel
    buttons = QDialogButtonBox(save | cancel, dialog)
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form.layout)
    layout.addWidget(general_error)
    layout.addWidget(buttons)
    return general_error, buttons.button(save)
