"""The template window: the shipped and own note templates, edited in place, with undo, and
the defaults a client's new sessions start from."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from db.errors import ValidationError
from db.services.dto import Outcome
from db.services.hub import Services
from db.templates.dto import TemplateDTO, TemplateEditResult
from db.vocabulary import NoteKind
from desktop.gui.common.labels import NOTE_KIND_LABELS
from desktop.gui.templates.undo import TemplateEditCommand

REF_ROLE = Qt.ItemDataRole.UserRole
NO_DEFAULT = "(none: an empty note)"


class TemplatesWindow(QMainWindow):
    """Edits go through the write pipeline (``submit``) and onto :attr:`undo_stack`.

    Signals: ``stored`` after each edit (or its undo) is stored and the list reloaded.
    """

    stored = Signal()

    def __init__(self, services: Callable[[], Services], submit: Callable[..., object],
                 client: tuple[uuid.UUID, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note templates — Threadline")
        self.resize(900, 600)
        self._services = services
        self._submit = submit
        self._client = client
        self.templates: list[TemplateDTO] = []
        self.undo_stack = QUndoStack(self)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Templates")
        self.name = QLineEdit(self)
        self.kind = QComboBox(self)
        for kind in NoteKind:
            self.kind.addItem(NOTE_KIND_LABELS[kind], str(kind))
        self.body = QPlainTextEdit(self)
        self.body.setAccessibleName("Template text")
        self.body.setTabChangesFocus(True)
        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)
        self.save_button = QPushButton("&Save", self)
        self.save_button.clicked.connect(self.save)
        self.defaults: dict[str, QComboBox] = {}
        self._build(client)
        self._make_actions()
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.refresh()

    def _build(self, client: tuple[uuid.UUID, str] | None) -> None:
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&For", self.kind)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.body, 1)
        right.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        right.addLayout(buttons)
        if client is not None:
            box = QGroupBox(f"New sessions of {client[1]} start from", self)
            rows = QFormLayout(box)
            for kind in NoteKind:
                combo = QComboBox(box)
                combo.setAccessibleName(f"Default {NOTE_KIND_LABELS[kind].lower()}")
                combo.activated.connect(lambda _i, k=str(kind): self._default_chosen(k))
                self.defaults[str(kind)] = combo
                rows.addRow(NOTE_KIND_LABELS[kind], combo)
            right.addWidget(box)
        pane = QWidget(self)
        pane.setLayout(right)
        splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(pane)
        splitter.setStretchFactor(1, 3)
        self.setCentralWidget(splitter)

    def _make_actions(self) -> None:
        bar = QToolBar("Templates", self)
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.new_action = QAction("&New template", self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.triggered.connect(lambda _=False: self.new())
        self.delete_action = QAction("&Delete", self)
        self.delete_action.triggered.connect(lambda _=False: self.delete())
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (self.new_action, self.delete_action, self.undo_action,
                       self.redo_action):
            self.addAction(action)
            bar.addAction(action)

    # --- showing ----------------------------------------------------------------------

    def current(self) -> TemplateDTO | None:
        item = self.list.currentItem()
        ref = item.data(REF_ROLE) if item is not None else None
        return next((t for t in self.templates if t.ref == ref), None)

    def refresh(self, select: str | None = None) -> None:
        """Read the templates again (and the client's defaults), keeping the selection."""
        shown = self.current()
        keep = select or (shown.ref if shown is not None else None)
        services = self._services()
        self.templates = services.templates.list()
        self.list.blockSignals(True)
        self.list.clear()
        for template in self.templates:
            label = template.name + (" (edited)" if template.edited else "")
            item = QListWidgetItem(f"{label} — {NOTE_KIND_LABELS[template.kind]}")
            item.setData(REF_ROLE, template.ref)
            self.list.addItem(item)
            if template.ref == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self._show_current()
        if self._client is not None:
            chosen = services.templates.defaults(self._client[0])
            for kind, combo in self.defaults.items():
                combo.clear()
                combo.addItem(NO_DEFAULT, None)
                for template in self.templates:
                    if template.kind == kind:
                        combo.addItem(template.name, template.ref)
                combo.setCurrentIndex(max(0, combo.findData(chosen.get(kind))))

    def _show_current(self) -> None:
        template = self.current()
        self.problem.clear()
        self.name.setText(template.name if template else "")
        self.kind.setCurrentIndex(max(0, self.kind.findData(template.kind if template
                                                            else NoteKind.PROCESS)))
        self.body.setPlainText(template.body if template else "")
        self.delete_action.setEnabled(template is not None)

    # --- editing ----------------------------------------------------------------------

    def _run(self, work: Callable[[Services], Outcome[TemplateEditResult]]) -> None:
        def done(result: TemplateEditResult) -> None:
            self.undo_stack.push(TemplateEditCommand(
                result, self._submit, self._stored, self._refused, initiator=self))
            self._stored(result.ref)

        self.save_button.setText("Saving…")
        self._submit(work, initiator=self, on_done=done, on_error=self._refused_error)

    def _stored(self, select: str | None = None) -> None:
        self.save_button.setText("&Save")
        self.refresh(select)
        self.stored.emit()

    def _refused(self, sentence: str) -> None:
        self.save_button.setText("&Save")
        self.problem.setText(sentence)

    def _refused_error(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self._refused(str(error))
        else:
            self._refused(str(error) or "The template was not saved.")

    def save(self) -> None:
        template = self.current()
        name, kind, body = self.name.text(), self.kind.currentData(), self.body.toPlainText()
        if template is None:
            self._run(lambda s: s.templates.create(name, kind, body))
        else:
            ref = template.ref
            self._run(lambda s: s.templates.save(ref, name, kind, body))

    def new(self) -> None:
        self._run(lambda s: s.templates.create("New template", NoteKind.PROCESS, ""))

    def delete(self) -> None:
        template = self.current()
        if template is not None:
            ref = template.ref
            self._run(lambda s: s.templates.delete(ref))

    def _default_chosen(self, kind: str) -> None:
        if self._client is None:
            return
        client_id, ref = self._client[0], self.defaults[kind].currentData()
        self._run(lambda s: s.templates.set_default(client_id, kind, ref))
