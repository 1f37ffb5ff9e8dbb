"""The note editor: process note and progress note, autosaved, findable, finalizable."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.errors import NoteNotSaved
from db.plural import count
from db.services.dto import NoteDTO, RevisionDTO
from db.vocabulary import NoteKind, RevisionReason
from desktop.gui.common import dialogs
from desktop.gui.common.clipboard import ClipboardGuard
from desktop.gui.common.context import AppContext
from desktop.gui.common.dates import long_date
from desktop.gui.common.labels import NOTE_KIND_LABELS, SaveState
from desktop.gui.common.operations import error_sentence
from desktop.gui.common.style import heading, muted
from desktop.gui.workspace.addenda_panel import AddendaPanel
from desktop.gui.workspace.autosave import NoteAutosave
from desktop.gui.workspace.find_bar import FindBar
from desktop.gui.workspace.note_writer import NoteWrite, NoteWriter
from desktop.gui.workspace.revisions_dialog import RevisionsDialog
from desktop.gui.workspace.writing_surface import WritingSurface

if TYPE_CHECKING:
    from db.services.hub import Services

log = logging.getLogger(__name__)
KINDS = tuple(NoteKind)
TAB_TITLES = {NoteKind.PROCESS: "&Process note", NoteKind.PROGRESS: "P&rogress note"}
PLACEHOLDERS = {
    NoteKind.PROCESS: "Write the process note: what happened in the session, in your own words.",
    NoteKind.PROGRESS: "Optional: a short progress note for the record.",
}


def finalized_line(signed: datetime, clinician: str) -> str:
    """"Finalized on … at 10:42 by Dr A. Example; read-only…" (no "by" without a name)."""
    by = f" by {clinician}" if clinician else ""
    return (f"Finalized on {long_date(signed)} at {signed:%H:%M}{by}; read-only, add to it "
            "with an addendum")


class NoteEditor(QWidget):
    """Both notes of one session.

    Signals
    -------
    save_state(str)
        ``"Saving…"``, ``"Saved"``, ``"Not saved"`` or ``"Finalized"``.
    status(str)
        A sentence for the status bar.
    note_loaded(uuid | None)
        A session's notes are now shown (``None``: no session); the text of
        :attr:`surfaces` has been replaced. Extensions (e.g. theme tagging) follow this.
    note_leaving(uuid)
        The notes of this session are about to be replaced by another's (their last
        text is already on its way to the vault): let go of what follows that text,
        so that the replacement is not taken for the clinician's edit.
    """

    save_state = Signal(str)
    status = Signal(str)
    note_loaded = Signal(object)
    note_leaving = Signal(object)

    def __init__(self, context: AppContext, clipboard: ClipboardGuard,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._clipboard = clipboard
        self.note: NoteDTO | None = None
        self.history_dialog: RevisionsDialog | None = None
        self.title = heading("", 1.3, self)
        self.signature = muted("", self)  # wraps: a long signature never widens the window
        self.signature.setAccessibleName("Finalized")
        self.history_button = QPushButton("&History…", self)
        self.history_button.clicked.connect(self.show_history)
        self.finalize_button = QPushButton("&Finalize…", self)
        self.finalize_button.setToolTip("Make the note read-only, signed with today's date and "
                                        "time; later additions go into addenda")
        self.finalize_button.clicked.connect(self.finalize)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.surfaces: dict[str, WritingSurface] = {}
        self.autosaves: dict[str, NoteAutosave] = {}
        self.writer = NoteWriter(context.operations, self, self)
        for kind in KINDS:
            surface = WritingSurface(self.tabs)
            surface.setPlaceholderText(PLACEHOLDERS[kind])
            surface.setAccessibleName(TAB_TITLES[kind].replace("&", ""))
            autosave = NoteAutosave(context, surface, kind, self.writer, self)
            autosave.state.connect(self._state_changed)
            autosave.problem.connect(self.status)
            surface.textChanged.connect(self._count_words_soon)
            self.surfaces[kind], self.autosaves[kind] = surface, autosave
            self.tabs.addTab(surface, TAB_TITLES[kind])
        self.tabs.currentChanged.connect(self._kind_changed)
        self.kind_label = heading("", 1.0, self)  # which note the keys go to, always shown
        self.kind_label.setAccessibleName("Note shown")
        self.find_bar = FindBar(self)
        self.words = muted("", self, wrap=False)
        self.words.setAccessibleName("Word count")
        self.addenda = AddendaPanel(context, self)
        self.addenda.added.connect(lambda _: self._reload())
        self._word_timer = QTimer(self)
        self._word_timer.setSingleShot(True)
        self._word_timer.setInterval(250)
        self._word_timer.timeout.connect(self._count_words)
        self._build_layout()
        self._kind_changed(0)
        self.load(None)

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.setContentsMargins(12, 8, 12, 0)
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.signature)
        header.addLayout(titles, 1)
        header.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.finalize_button, 0, Qt.AlignmentFlag.AlignTop)
        footer = QHBoxLayout()
        footer.setContentsMargins(12, 0, 12, 4)
        footer.addWidget(self.kind_label)
        footer.addStretch(1)
        footer.addWidget(self.words)
        self.body = body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(self.tabs)
        body.addWidget(self.addenda)
        body.setStretchFactor(0, 4)
        body.setChildrenCollapsible(False)
        self.page = page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(header)
        self.row = QSplitter(Qt.Orientation.Horizontal, page)
        self.row.setChildrenCollapsible(False)
        self.row.addWidget(body)
        self.row.setStretchFactor(0, 1)
        column.addWidget(self.row, 1)
        column.addWidget(self.find_bar)
        column.addLayout(footer)
        self.empty = muted("Choose a session to read or write its notes, or start a new "
                           "session with Ctrl+N.", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(page)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # --- loading ----------------------------------------------------------------------

    @property
    def session_id(self) -> uuid.UUID | None:
        return self.note.session_id if self.note else None

    def load(self, session_id: uuid.UUID | None) -> None:
        """Show a session's notes (saving the one shown before, without waiting: the
        pipeline writes it in order, and reopening it shows the text still on its way)."""
        if session_id is not None:
            self.show_note(self._context.services.notes.load(session_id))
            return
        if self.note is not None:
            self.note_leaving.emit(self.note.session_id)
            self.flush(RevisionReason.CLOSE, wait=False)
        self.note = None
        for autosave in self.autosaves.values():
            autosave.session_id = None
        for surface in self.surfaces.values():
            surface.clear()
        self.stack.setCurrentWidget(self.empty)
        self.save_state.emit("")
        self.note_loaded.emit(None)

    def show_note(self, note: NoteDTO) -> None:
        """Show a note read elsewhere (the workspace reads off the GUI thread), saving
        the one shown before without waiting."""
        if self.note is not None and note.session_id != self.note.session_id:
            self.note_leaving.emit(self.note.session_id)
            self.flush(RevisionReason.CLOSE, wait=False)
        self._show(note, reset_undo=True)
        self.note_loaded.emit(note.session_id)

    def _reload(self) -> None:
        if self.note is not None:
            self._show(self._context.services.notes.load(self.note.session_id),
                       reset_undo=False)

    def _show(self, note: NoteDTO, reset_undo: bool) -> None:
        self.note = note
        finalized = note.finalized_at is not None
        self.title.setText(f"Session {note.number} · {long_date(note.date)}")
        if note.finalized_at is not None:
            signed = note.finalized_at.astimezone()
            self.signature.setText(finalized_line(signed, self._context.settings.clinician_name))
        else:
            self.signature.setText("Editable until finalized · saved as you type")
        for kind in KINDS:
            surface, autosave = self.surfaces[kind], self.autosaves[kind]
            autosave.stop()
            autosave.session_id = note.session_id
            autosave.loading = True
            draft = note.drafts.get(kind)
            on_its_way = self.writer.unfinished(note.session_id, kind)
            if on_its_way is not None and not finalized:
                draft = on_its_way.text  # the vault does not hold it yet
            text = draft if draft is not None and not finalized else note.text(kind)
            if surface.toPlainText() != text or reset_undo:
                surface.setPlainText(text)
            surface.setReadOnly(finalized)
            autosave.loading = False
            autosave.dirty = False
            if on_its_way is not None and not finalized:
                autosave.follow(on_its_way)  # "Saved" once that write is done
            elif draft is not None and not finalized:
                autosave.mark_dirty()  # unsaved text found: it is saved again at once
            else:
                autosave.follow(None)
        self.finalize_button.setEnabled(not finalized)
        if finalized and not self.addenda.isVisibleTo(self):
            self.addenda.show()
            height = max(self.body.height(), 400)
            self.body.setSizes([height - 300, 300])
        self.addenda.setVisible(finalized)
        self.addenda.set_note(note.session_id, note.addenda)
        self.stack.setCurrentWidget(self.page)
        self._count_words()
        if finalized:
            self.save_state.emit(SaveState.FINALIZED)
        else:
            self._state_changed("")

    def _kind_changed(self, _index: int) -> None:
        """Say which note now takes the typing: Ctrl+Tab switched it without a word."""
        shown = NOTE_KIND_LABELS[self.kind]
        changed = self.kind_label.text() not in ("", shown)
        self.kind_label.setText(shown)
        self._count_words()
        if changed and self.note is not None:
            self.status.emit(f"Now writing the {shown.lower()} (Ctrl+1 process, Ctrl+2 "
                             "progress).")

    def add_side_panel(self, widget: QWidget) -> None:
        """Show ``widget`` beside the note (e.g. the list of marks), resizable."""
        self.row.addWidget(widget)
        self.row.setStretchFactor(self.row.count() - 1, 0)

    # --- editing ----------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return KINDS[max(0, self.tabs.currentIndex())]

    def show_kind(self, kind: str) -> None:
        self.tabs.setCurrentIndex(KINDS.index(kind))
        self.surfaces[kind].setFocus()

    def surface(self) -> WritingSurface:
        return self.surfaces[self.kind]

    def undo(self) -> None:
        self.surface().undo()

    def redo(self) -> None:
        self.surface().redo()

    def find_in_note(self) -> None:
        if self.note is not None:
            self.find_bar.open_for(self.surface())

    def flush(self, reason: str = RevisionReason.AUTOSAVE, wait: bool = True) -> bool:
        """Save both notes if they have unsaved text; with ``wait``, wait until every
        change asked for so far is done and return ``False`` if any save failed."""
        writes = self._submit_unsaved(reason)
        if not wait:
            return True
        self.writer.drain()
        return all(w.error is None for w in writes)

    def _submit_unsaved(self, reason: str) -> list[NoteWrite]:
        return [write for autosave in self.autosaves.values()
                if (autosave.dirty
                    or reason == RevisionReason.MANUAL and autosave.session_id is not None)
                and (write := autosave.submit_now(reason)) is not None]

    def stop_writing(self) -> None:
        """Finish the writes asked for and end the writer's thread (the vault is closing)."""
        for autosave in self.autosaves.values():
            autosave.stop()
        self.writer.stop()

    def save_now(self) -> None:
        """Save both notes; "Saved." once they are stored (the GUI does not wait)."""
        if self.note is None or self.note.finalized_at is not None:
            return
        writes = self._submit_unsaved(RevisionReason.MANUAL)

        def done(_: object) -> None:
            if all(w.error is None for w in writes):
                self.status.emit("Saved.")

        self._context.submit(lambda _services: None, on_done=done)

    def replace_text(self, text: str) -> None:
        """Put ``text`` into the current note as one undoable edit (then autosaved)."""
        surface = self.surface()
        cursor = surface.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()

    def _state_changed(self, _: str) -> None:
        states = {a.current_state for a in self.autosaves.values()}
        for state in (SaveState.NOT_SAVED, SaveState.SAVING, SaveState.SAVED):
            if state in states:
                self.save_state.emit(state)
                return

    def _count_words_soon(self) -> None:
        self._word_timer.start()

    def _count_words(self) -> None:
        self.words.setText(count(len(self.surface().toPlainText().split()), "word"))

    # --- finalizing and history -------------------------------------------------------

    def finalize(self) -> bool:
        note = self.note
        if note is None or note.finalized_at is not None:
            return False
        name = self._context.settings.clinician_name
        signed = f"signed by {name} with" if name else "signed with"
        if not dialogs.confirm(self, "Finalize note",
                               f"Finalize this session's notes? They become read-only, {signed} "
                               "today's date and time; anything you add later goes into dated "
                               "addenda, which cannot be changed either.", yes="Finalize"):
            return False
        writes = self._submit_unsaved(RevisionReason.MANUAL)

        def finalize(services: Services) -> object:
            if any(w.operation is not None and w.operation.error is not None for w in writes):
                raise NoteNotSaved
            return services.notes.finalize(note.session_id)

        self._set_writable(False)  # nothing typed now could be kept once it is final
        self.finalize_button.setEnabled(False)
        self._context.submit(finalize, initiator=self, on_done=lambda _: self._finalized(),
                             on_error=self._not_finalized)
        return True

    def _finalized(self) -> None:
        self._reload()
        self.status.emit("Note finalized.")

    def _not_finalized(self, error: BaseException) -> None:
        if self.note is not None and self.note.finalized_at is None:
            self._set_writable(True)
            self.finalize_button.setEnabled(True)
        dialogs.warning(self, "Not finalized", error_sentence(error))

    def _set_writable(self, writable: bool) -> None:
        for surface in self.surfaces.values():
            surface.setReadOnly(not writable)

    def focus_addendum(self) -> None:
        if self.note is not None and self.note.finalized_at is not None:
            self.addenda.composer.setFocus()
        elif self.note is not None:
            self.status.emit("Addenda are for finalized notes; edit the note itself instead.")

    def show_history(self) -> None:
        """Open the revision history once the saves asked for so far are in (the list is
        read on the writer thread, after them); :attr:`history_dialog` is it then."""
        if self.note is None:
            return
        self.flush(RevisionReason.AUTOSAVE, wait=False)
        session_id, kind = self.note.session_id, self.kind
        self._context.submit(lambda services: services.notes.revisions(session_id, kind),
                             on_done=lambda revisions: self._open_history(session_id,
                                                                          revisions))

    def _open_history(self, session_id: uuid.UUID, revisions: list[RevisionDTO]) -> None:
        if self.note is None or self.note.session_id != session_id:
            return
        dialog = RevisionsDialog(revisions, self._clipboard,
                                 can_restore=self.note.finalized_at is None, parent=self)
        dialog.restore_requested.connect(self._restore_revision)
        self.history_dialog = dialog
        dialog.finished.connect(lambda _: setattr(self, "history_dialog", None))
        dialog.open()

    def _restore_revision(self, text: str) -> None:
        self.replace_text(text)
        self.autosaves[self.kind].save(RevisionReason.RESTORED, wait=False)
        self.status.emit("The revision's text is back in the note (Ctrl+Z undoes this).")
