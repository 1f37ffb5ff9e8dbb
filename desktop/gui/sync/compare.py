"""Two texts of one note side by side: the note as it is now, and the text kept from the
other computer when both were edited before they synced (an "edited on two computers"
flag of the Sync page).

The texts are read in a job (``context.jobs``), never on the GUI thread; both choices are
operations of the window's write pipeline (``context.submit``), and each resolves the
flag on every computer. Using the other text keeps the replaced one as a revision, so
both stay in the note's history whichever is chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.common.busy import BusyIndicator
from desktop.gui.common.dates import moment, short_date
from desktop.gui.common.failures import sentence_for
from desktop.gui.common.labels import NOTE_KIND_LABELS
from desktop.gui.common.style import SPACING, error_label, heading, muted, show_error, writing_font

if TYPE_CHECKING:
    from db.services.dto import Changed
    from db.sync.conflicts import Side, TwoTexts
    from desktop.gui.common.context import AppContext
    from desktop.gui.common.jobs import Failure

#: The largest the dialog opens at; on a smaller screen, most of what is available.
LARGEST = QSize(1280, 820)
SHARE = 0.85


def size_for(available: QSize) -> QSize:
    """How large the dialog opens on a screen with ``available`` room."""
    return QSize(min(LARGEST.width(), int(available.width() * SHARE)),
                 min(LARGEST.height(), int(available.height() * SHARE)))


def side_caption(side: Side, *, now_text: bool) -> str:
    """``Last saved on Laptop, Fri 4 Dec 2026, 14:29`` for the note, ``From Office (this
    computer), kept Fri 4 Dec 2026, 14:30`` for the other text."""
    where = side.device + (" (this computer)" if side.this_device else "")
    when = moment(side.at) if side.at is not None else ""
    if now_text:
        return f"Last saved on {where}" + (f", {when}" if when else "")
    return f"From {where}" + (f", kept {when}" if when else "")


class _Pane(QWidget):
    """A title, where the text comes from, and the text itself (read-only)."""

    def __init__(self, title: str, accessible: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.title = heading(title, 1.15, self)
        self.caption = muted("", self)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setFont(writing_font())
        self.text.setAccessibleName(accessible)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.caption)
        layout.addWidget(self.text, 1)


class CompareDialog(QDialog):
    """Emits ``settled`` once the clinician's choice is stored (the flag is resolved)."""

    settled = Signal()

    def __init__(self, context: AppContext, flag_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context, self._flag_id = context, flag_id
        self._finalized = False
        self.setWindowTitle("Two versions of one note")
        self.setMinimumSize(640, 420)
        screen = (parent.screen() if parent is not None else self.screen())
        self.resize(size_for(screen.availableGeometry().size()))
        self.where = heading("", 1.3, self)
        self.explain = muted(
            "This note was changed on two computers before they synced. Both texts are "
            "kept. Choose the one the note should hold; the other stays in the note's "
            "history.", self)
        self.current = _Pane("The note now", "The note as it is now", self)
        self.kept = _Pane("The other text", "The text kept from the other computer", self)
        self.panes = QSplitter(self)
        self.panes.setChildrenCollapsible(False)
        self.panes.addWidget(self.current)
        self.panes.addWidget(self.kept)
        self.finalized = muted("This note is finalized, so it keeps its text; the other "
                               "text stays in its history.", self)
        self.finalized.hide()
        self.busy = BusyIndicator("Reading the two texts…", self)
        self.error = error_label(self)
        self.keep_button = QPushButton("&Keep the note as it is", self)
        self.keep_button.setToolTip("The note keeps its text; the flag is marked resolved")
        self.keep_button.clicked.connect(self.keep_current)
        self.use_button = QPushButton("&Use the other text", self)
        self.use_button.setToolTip("The note takes the other text; its own text is kept in "
                                   "its history; the flag is marked resolved")
        self.use_button.clicked.connect(self.use_kept)
        close = QPushButton("Close", self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.use_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(self.where)
        layout.addWidget(self.explain)
        layout.addWidget(self.panes, 1)
        layout.addWidget(self.finalized)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._enable(False)
        self.read()

    def _enable(self, on: bool, *, finalized: bool = False) -> None:
        self.keep_button.setEnabled(on)
        self.use_button.setEnabled(on and not finalized)

    def read(self) -> None:
        """Read both texts in a job; shown when they arrive."""
        from db.sync.conflicts import two_texts

        context, flag_id = self._context, self._flag_id
        self.busy.start("Reading the two texts…")
        context.jobs.start(lambda: two_texts(context, flag_id), on_done=self.show_texts,
                           on_error=self._read_failed, key=self,
                           name="reading the two texts of a note")

    def show_texts(self, texts: TwoTexts) -> None:
        self.busy.stop()
        kind = NOTE_KIND_LABELS.get(texts.kind, "Note")
        self.where.setText(f"{texts.client_code}, session {texts.session_number} "
                           f"({short_date(texts.session_date)}): {kind}")
        self.current.caption.setText(side_caption(texts.current, now_text=True))
        self.current.text.setPlainText(texts.current.text)
        self.kept.caption.setText(side_caption(texts.kept, now_text=False))
        self.kept.text.setPlainText(texts.kept.text)
        self._finalized = texts.finalized
        self.finalized.setVisible(texts.finalized)
        self._enable(True, finalized=texts.finalized)

    def _read_failed(self, failure: Failure) -> None:
        self.busy.stop()
        show_error(self.error, failure.message)

    def keep_current(self) -> None:
        from db.sync.conflicts import keep_current

        context, flag_id = self._context, self._flag_id
        self._submit(lambda: keep_current(context, flag_id), "Keeping the note…")

    def use_kept(self) -> None:
        from db.sync.conflicts import use_kept_text

        context, flag_id = self._context, self._flag_id
        self._submit(lambda: use_kept_text(context, flag_id), "Using the other text…")

    def _submit(self, work: Callable[[], Changed], caption: str) -> None:
        self._enable(False)
        show_error(self.error, "")
        self.busy.start(caption)

        def run(_services: object) -> Changed:
            return work()

        self._context.submit(run, initiator=self, on_done=self._stored,
                             on_error=self._failed)

    def _stored(self, _value: object) -> None:
        self.busy.stop()
        self.settled.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy.stop()
        self._enable(True, finalized=self._finalized)
        show_error(self.error, sentence_for(error))

