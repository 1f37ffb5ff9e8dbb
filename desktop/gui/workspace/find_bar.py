"""Find in note (Ctrl+F): a slim bar under the editor, Enter for next, Shift+Enter previous."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from desktop.gui.common.style import muted


class FindBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor: QPlainTextEdit | None = None
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in note")
        self.field.setAccessibleName("Find in note")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(lambda _: self.find_text(from_start=True))
        self.field.returnPressed.connect(self.find_text)
        self.result = muted("", self, wrap=False)
        previous = QPushButton("&Previous", self)
        previous.clicked.connect(lambda: self.find_text(backward=True))
        following = QPushButton("Ne&xt", self)
        following.clicked.connect(self.find_text)
        close = QPushButton("Close", self)
        close.setAccessibleName("Close find")
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.result)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.hide()

    def open_for(self, editor: QPlainTextEdit) -> None:
        self._editor = editor
        selected = editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        if self._editor is not None:
            self._editor.setFocus()

    def find_text(self, backward: bool = False, from_start: bool = False) -> bool:
        editor, text = self._editor, self.field.text()
        if editor is None or not text:
            self.result.setText("")
            return False
        if from_start:
            cursor = editor.textCursor()
            cursor.setPosition(cursor.selectionStart())
            editor.setTextCursor(cursor)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = editor.find(text, flags)
        if not found:  # wrap around
            cursor = editor.textCursor()
            cursor.movePosition(cursor.MoveOperation.End if backward
                                else cursor.MoveOperation.Start)
            editor.setTextCursor(cursor)
            found = editor.find(text, flags)
        self.result.setText("" if found else "Not found")
        return found

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.find_text(backward=True)
            return
        super().keyPressEvent(event)
