"""The one seam for modal questions: every ask, confirm, file choice and message goes here.

Widgets never build a ``QMessageBox``/``QFileDialog``/``QInputDialog``/``QPrintDialog``
themselves; they call the functions below. Tests preset the answers first::

    from desktop.gui.common import dialogs
    dialogs.preset("confirm", True)                 # the next confirm() says yes
    dialogs.preset("save_file", tmp_path / "a.pdf") # the next choose_save_file() returns it
    ...
    assert dialogs.asked()[-1].kind == "warning"    # what was shown, in order (the
                                                    # record exists in test mode only)

With :func:`set_strict` on (the test suite's default, see ``tests/desktop/conftest.py``) a
question without a preset answer raises :class:`UnansweredDialog` instead of opening a real,
blocking dialog. Messages (``information``/``warning``) never need a preset in strict mode:
they are recorded and return at once.

Kinds and the answer each one takes:

=================  ===============================  ===========================
kind               function                         preset value
=================  ===============================  ===========================
``confirm``        :func:`confirm`                  ``bool``
``text``           :func:`ask_text`                 ``str`` or ``None`` (cancel)
``passphrase``     :func:`ask_passphrase`           ``str`` or ``None``
``choice``         :func:`choose`                   one of the options or ``None``
``open_file``      :func:`choose_open_file`         ``Path`` or ``None``
``save_file``      :func:`choose_save_file`         ``Path`` or ``None``
``folder``         :func:`choose_folder`            ``Path`` or ``None``
``print``          :func:`print_document`           ``bool`` (``True``: printed)
``information``    :func:`information`              nothing needed
``warning``        :func:`warning`                  nothing needed
``color``          :func:`choose_color`             ``"#rrggbb"`` or ``None``
=================  ===============================  ===========================
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

KINDS = ("confirm", "text", "passphrase", "choice", "open_file", "save_file", "folder",
         "print", "information", "warning", "color")
_MESSAGES = ("information", "warning")


class UnansweredDialog(AssertionError):
    """Strict mode: a dialog was asked for without a preset answer (a test bug)."""


@dataclass(frozen=True)
class Asked:
    """One question or message that went through the seam (kept for tests)."""

    kind: str
    title: str
    text: str


class _Seam:
    """Preset answers and the record of what was asked; one per process."""

    def __init__(self) -> None:
        self.answers: deque[tuple[str, object]] = deque()
        self.log: list[Asked] = []
        self.strict = False
        self.recording = False  # only tests record: titles and texts hold client data

    def take(self, kind: str, title: str, text: str) -> tuple[bool, object]:
        if self.recording:
            self.log.append(Asked(kind, title, text))
        if self.answers and self.answers[0][0] == kind:
            return True, self.answers.popleft()[1]
        if self.answers:
            expected = self.answers[0][0]
            raise UnansweredDialog(f"a {kind!r} dialog was asked, but {expected!r} was preset")
        if self.strict and kind not in _MESSAGES:
            raise UnansweredDialog(f"a {kind!r} dialog was asked without a preset answer: "
                                   f"{title!r}")
        return (True, None) if self.strict else (False, None)


_seam = _Seam()


# --- the test hook ------------------------------------------------------------------------


def preset(kind: str, value: object = None) -> None:
    """Queue the answer for the next dialog of ``kind`` (answers are used in order)."""
    if kind not in KINDS:
        raise ValueError(f"unknown dialog kind {kind!r}")
    _seam.answers.append((kind, value))


@contextmanager
def answering(*answers: tuple[str, object]) -> Iterator[None]:
    """Preset several answers; on leaving the block, fail if any was never asked for."""
    for kind, value in answers:
        preset(kind, value)
    yield
    if _seam.answers:
        left = [kind for kind, _ in _seam.answers]
        _seam.answers.clear()
        raise UnansweredDialog(f"preset answers were never asked for: {left}")


def asked() -> list[Asked]:
    """Everything asked or shown so far, oldest first."""
    return list(_seam.log)


def reset() -> None:
    """Forget preset answers and the record (call between tests)."""
    _seam.answers.clear()
    _seam.log.clear()


def set_recording(on: bool) -> None:
    """Test mode: keep a record of every dialog for :func:`asked`. Never in production:
    a dialog's title and text can hold client data (a recovery key, a person's name)."""
    _seam.recording = on
    if not on:
        _seam.log.clear()


def forget() -> None:
    """Drop the record of what was asked (the window does this before locking)."""
    _seam.log.clear()


def set_strict(strict: bool) -> None:
    """Strict: never open a real dialog; questions need a preset answer."""
    _seam.strict = strict


# --- the questions ------------------------------------------------------------------------


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str = "OK",
            no: str = "Cancel", destructive: bool = False) -> bool:
    """Ask a yes/no question; ``destructive`` makes "no" the default button."""
    found, value = _seam.take("confirm", title, text)
    if found:
        return bool(value)
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button if destructive else yes_button)
    box.exec()
    return box.clickedButton() is yes_button


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line of text, or ``None`` when cancelled."""
    found, value = _seam.take("text", title, label)
    if found:
        return None if value is None else str(value)
    answer, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return answer if ok else None


def ask_passphrase(parent: QWidget | None, title: str, label: str) -> str | None:
    """A passphrase typed into a hidden field, or ``None`` when cancelled."""
    found, value = _seam.take("passphrase", title, label)
    if found:
        return None if value is None else str(value)
    answer, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    return answer if ok else None


def choose(parent: QWidget | None, title: str, label: str, options: Sequence[str],
           current: int = 0) -> str | None:
    """One of ``options``, or ``None`` when cancelled."""
    found, value = _seam.take("choice", title, label)
    if found:
        if value is not None and value not in options:
            raise UnansweredDialog(f"preset choice {value!r} is not among {list(options)}")
        return None if value is None else str(value)
    answer, ok = QInputDialog.getItem(parent, title, label, list(options), current, False)
    return answer if ok else None


def choose_open_file(parent: QWidget | None, title: str, name_filter: str = "",
                     start: Path | None = None) -> Path | None:
    found, value = _seam.take("open_file", title, name_filter)
    if found:
        return None if value is None else Path(str(value))
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start or ""), name_filter)
    return Path(name) if name else None


def choose_save_file(parent: QWidget | None, title: str, suggested: Path | str = "",
                     name_filter: str = "") -> Path | None:
    """Where to write a file; the native dialog asks before replacing one."""
    found, value = _seam.take("save_file", title, name_filter)
    if found:
        return None if value is None else Path(str(value))
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), name_filter)
    return Path(name) if name else None


def choose_folder(parent: QWidget | None, title: str, start: Path | None = None) -> Path | None:
    found, value = _seam.take("folder", title, "")
    if found:
        return None if value is None else Path(str(value))
    name = QFileDialog.getExistingDirectory(parent, title, str(start or ""))
    return Path(name) if name else None


def print_document(parent: QWidget | None, title: str, document: QTextDocument) -> bool:
    """Show the system print dialog and print ``document``; ``True`` when it was printed."""
    found, value = _seam.take("print", title, "")
    if found:
        return bool(value)
    # Imported here: the print module is only needed when someone actually prints.
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    document.print_(printer)
    return True


# --- messages -----------------------------------------------------------------------------


def information(parent: QWidget | None, title: str, text: str) -> None:
    found, _ = _seam.take("information", title, text)
    if not found:
        QMessageBox.information(parent, title, text)


def warning(parent: QWidget | None, title: str, text: str) -> None:
    found, _ = _seam.take("warning", title, text)
    if not found:
        QMessageBox.warning(parent, title, text)


# --- colours (the theme editor) -------------------------------------------------------------


def choose_color(parent: QWidget | None, title: str, current: str) -> str | None:
    """A colour as ``#rrggbb``, or ``None`` when cancelled."""
    found, value = _seam.take("color", title, current)
    if found:
        return None if value is None else str(value)
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QColorDialog

    color = QColorDialog.getColor(QColor(current), parent, title)
    return color.name() if color.isValid() else None
