"""Tagging in a note editor: mark a selected passage or the whole session, record episodes.

:func:`install_tagging` puts the actions onto an existing ``QPlainTextEdit`` (context menu
"Mark passage…", Ctrl+M; "Mark whole session…", Ctrl+Shift+M; "Relationship episode…")
and keeps highlights, anchors and the side list of marks in step with the vault.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QDialog, QPlainTextEdit

from db.anchors import Anchor, make_anchor
from db.errors import ThreadlineError
from db.services.dto import Changed, Outcome
from db.services.episodes import OTHER_KIND_LABELS, EpisodeDTO
from db.services.hub import Services
from db.services.marks import MarkDTO, MarkInput
from db.services.passages import LOST_MESSAGE, PassageInput, PassageRef
from db.vocabulary import NoteKind
from desktop.gui.common import dialogs
from desktop.gui.themes.anchor_tracker import AnchorTracker
from desktop.gui.themes.episode_dialog import EpisodeDialog
from desktop.gui.themes.highlighter import Highlight, PassageHighlighter
from desktop.gui.themes.mark_list import MarkListPanel
from desktop.gui.themes.picker import ThemePicker
from desktop.gui.themes.text_positions import to_python, to_qt
from desktop.gui.themes.theme_list_model import choices
from desktop.gui.themes.word_snap import snap_to_words

EPISODE_COLOR = "#7a7a7a"
#: The marks panel is filled this long after the note is shown: a frame, so that the
#: note's paint and the panel's are not one stall.
PANEL_DELAY_MS = 17

#: ``AppContext.submit``: ``submit(run, *, initiator, on_done, on_error)``.
Submit = Callable[..., object]
#: Suggested themes for a passage's words, among the theme ids offered (themes/suggestions.py).
Suggest = Callable[[str, set[uuid.UUID]], list[uuid.UUID]]


@dataclass(frozen=True)
class MarksReading:
    """A session's passage anchors (per note kind), marks and episodes, read together."""

    anchors: dict[str, list[PassageRef]]
    marks: list[MarkDTO]
    episodes: list[EpisodeDTO]


def read_marks(services: Services, session_id: uuid.UUID,
               kinds: tuple[str, ...] = tuple(NoteKind)) -> MarksReading:
    """What tagging shows of a session (any thread: a read only)."""
    return MarksReading({kind: services.passages.anchors(session_id, kind) for kind in kinds},
                        services.marks.list_for_session(session_id),
                        services.episodes.list_for_session(session_id))


class PassageTagging(QObject):
    """Tagging for one editor showing one note kind of one session at a time.

    Signals
    -------
    changed(Changed)
        After each mark or episode change, once (connect to the app's announce).
    status(str)
        A short message for the status bar.
    """

    changed = Signal(object)
    status = Signal(str)

    def __init__(self, editor: QPlainTextEdit, services: Callable[[], Services],
                 kind: str = NoteKind.PROCESS, panel: MarkListPanel | None = None,
                 shortcuts: bool = True, submit: Submit | None = None) -> None:
        super().__init__(editor)
        self.editor = editor
        self._services = services
        self._submit = submit
        self.kind = kind
        self.session_id: uuid.UUID | None = None
        self.marks: list[MarkDTO] = []
        self.episodes: list[EpisodeDTO] = []
        self.tracker = AnchorTracker(editor.document(), self)
        self.highlighter = PassageHighlighter(editor)
        self.picker = ThemePicker(editor)
        self.picker.picked.connect(self._picked)
        self._pending: Anchor | None = None
        self.suggest: Suggest | None = None  # set by the window: none in a bare editor
        self.episode_dialog: EpisodeDialog | None = None
        self._shortcuts = shortcuts
        self.mark_passage_action = self._action("&Mark passage…", "Ctrl+M", self.mark_selection)
        self.mark_session_action = self._action("Mark &whole session…", "Ctrl+Shift+M",
                                                self.mark_session)
        self.episode_action = self._action("Relationship &episode…", "Ctrl+Shift+E",
                                           self.open_episode)
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        editor.customContextMenuRequested.connect(self._context_menu)
        self.tracker.moved.connect(self._repaint)
        self.tracker.lost.connect(self._lost)
        self.panel: MarkListPanel | None = None
        self._panel_timer = QTimer(self)
        self._panel_timer.setSingleShot(True)
        self._panel_timer.setInterval(PANEL_DELAY_MS)
        self._panel_timer.timeout.connect(self._refresh_views)
        if panel is not None:
            self.set_panel(panel)

    def set_panel(self, panel: MarkListPanel) -> None:
        """Show this note's marks in ``panel`` and act on what is chosen there."""
        self.panel = panel
        panel.jump_requested.connect(self.jump_to)
        panel.mark_session_requested.connect(self.mark_session)
        panel.episode_requested.connect(self.open_episode)
        panel.intensity_requested.connect(self._set_intensity)
        panel.delete_requested.connect(self._delete)
        panel.comment_requested.connect(self._edit_comment)
        panel.episode_edit_requested.connect(self.edit_episode)
        panel.episode_delete_requested.connect(self._delete_episode)
        self._refresh_views()

    def _action(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.editor)
        if self._shortcuts:  # else the window's menu carries them (one owner per key)
            action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.editor.addAction(action)
        return action

    # --- loading and saving ---------------------------------------------------------------

    def load(self, session_id: uuid.UUID | None, reading: MarksReading | None = None) -> None:
        """Show the marks of a session; call after the editor shows its note text.

        ``reading``: what :func:`read_marks` read with that text (the workspace reads
        both off the GUI thread); without it they are read here.
        """
        self.picker.hide()
        self.session_id = session_id
        if session_id is None:
            self.tracker.reset([])
            self.marks, self.episodes = [], []
            self._refresh_views()
            return
        if reading is None:
            reading = read_marks(self._services(), session_id, (self.kind,))
        self.tracker.reset(reading.anchors.get(self.kind, []))
        self.marks, self.episodes = list(reading.marks), list(reading.episodes)
        self._repaint()
        self._fill_panel_soon()
        # Anchors that drifted from the saved text (an import, a restore) are put right in
        # order with the writes; the service only writes when one actually moved.
        kind = self.kind

        def synced(moved: int) -> None:
            if moved and self.session_id == session_id:
                self.reload()

        self._write(lambda s: s.passages.sync(session_id, kind), "Threadline", synced)

    def detach(self) -> None:
        """The editor's text is about to be replaced by another note's: stop following
        it, so that the replacement is not taken for the clinician deleting passages."""
        self.picker.hide()
        self.tracker.reset([])

    def anchor_refs(self) -> list[PassageRef]:
        """The anchors of the editor's text now, for the note's save to store with it."""
        return self.tracker.refs() if self.session_id is not None else []

    def anchors_saved(self, session_id: uuid.UUID, refs: list[PassageRef]) -> None:
        """A save stored ``refs`` with its text: lost passages are session marks now."""
        if session_id == self.session_id:
            self.tracker.saved(refs)

    def reload(self) -> None:
        if self.session_id is None:
            return
        services = self._services()
        self.marks = services.marks.list_for_session(self.session_id)
        self.episodes = services.episodes.list_for_session(self.session_id)
        self._refresh_views()

    def _write(self, run: Callable[[Services], Any], title: str,
               on_done: Callable[[Any], object]) -> None:
        """Run a change: through the window's write pipeline when there is one (its
        announcement names this tagging as the initiator), else here and now."""
        def failed(error: BaseException) -> None:
            dialogs.warning(self.editor, title, str(error))

        if self._submit is not None:
            self._submit(run, initiator=self, on_done=on_done, on_error=failed)
            return
        try:
            result = run(self._services())
        except ThreadlineError as error:
            failed(error)
            return
        value, changed = (result.value, result.changed) if isinstance(result, Outcome) \
            else (None, result)
        on_done(value)
        if isinstance(changed, Changed) and changed != Changed():
            self.changed.emit(changed)

    # --- marking --------------------------------------------------------------------------

    def selected_anchor(self) -> Anchor | None:
        """The selection as an anchor, whole words (unless made with Alt held: exact),
        trimmed of surrounding spaces; None if empty."""
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            return None
        text = self.editor.toPlainText()
        start = to_python(text, cursor.selectionStart())
        end = to_python(text, cursor.selectionEnd())
        if not getattr(self.editor, "exact_selection", False):
            start, end = snap_to_words(text, start, end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return make_anchor(text, start, end) if start < end else None

    def mark_selection(self) -> bool:
        """Open the quick picker for the selected passage; False when nothing is selected."""
        if self.session_id is None:
            return False
        anchor = self.selected_anchor()
        if anchor is None:
            self.status.emit("Select some words of the note first.")
            return False
        self._open_picker(anchor, "Mark passage")
        return True

    def mark_session(self) -> None:
        if self.session_id is not None:
            self._open_picker(None, "Mark the whole session")

    def _open_picker(self, anchor: Anchor | None, title: str) -> None:
        assert self.session_id is not None
        services = self._services()
        self._pending = anchor
        offered = choices(services.themes.taxonomy(),
                          services.themes.offered_for_session(self.session_id))
        self.picker.set_choices(offered)
        suggested: list[uuid.UUID] = []
        if anchor is not None and self.suggest is not None:
            suggested = self.suggest(anchor.text, {choice.theme.id for choice in offered})
        by_id = {choice.theme.id: choice for choice in offered}
        self.picker.set_suggestions([by_id[i] for i in suggested if i in by_id])
        rect = self.editor.cursorRect(self.editor.textCursor())
        self.picker.popup(self.editor.viewport().mapToGlobal(rect.bottomLeft() + QPoint(0, 4)),
                          title)

    def _picked(self, theme_id: uuid.UUID, intensity: int, comment: str) -> None:
        if self.session_id is None:
            return
        anchor, self._pending = self._pending, None
        passage = PassageInput.of(self.kind, anchor) if anchor else None
        session_id = self.session_id
        data = MarkInput(theme_id, intensity, comment, passage)

        def added(mark: MarkDTO) -> None:
            if session_id != self.session_id:
                return
            if anchor is not None:
                self.tracker.add("mark", mark.id, anchor)
            self.reload()
            self.status.emit(f"Marked: {mark.theme_name}.")

        self._write(lambda s: s.marks.add(session_id, data), "Mark not added", added)

    def _set_intensity(self, mark: MarkDTO, intensity: int) -> None:
        self._run(lambda s: s.marks.update(mark.id, intensity, mark.comment).changed)

    def _delete(self, mark: MarkDTO) -> None:
        if not dialogs.confirm(self.editor, "Remove mark",
                               f"Remove the mark “{mark.theme_name}”?", yes="Remove",
                               destructive=True):
            return
        self.tracker.forget("mark", mark.id)
        self._run(lambda s: s.marks.delete(mark.id).changed)

    def _edit_comment(self, mark: MarkDTO) -> None:
        comment = dialogs.ask_text(self.editor, "Comment", f"Evidence for “{mark.theme_name}”:",
                                   mark.comment)
        if comment is not None and comment != mark.comment:
            self._run(lambda s: s.marks.update(mark.id, mark.intensity, comment).changed)

    def _delete_episode(self, episode: EpisodeDTO) -> None:
        if not dialogs.confirm(self.editor, "Remove episode",
                               f"Remove the episode with {episode.other_person}?",
                               yes="Remove", destructive=True):
            return
        self.tracker.forget("episode", episode.id)
        self._run(lambda s: s.episodes.delete(episode.id).changed)

    def _run(self, change: Callable[[Services], Changed]) -> None:
        self._write(change, "Threadline", lambda _: self.reload())

    # --- episodes -------------------------------------------------------------------------

    def open_episode(self) -> EpisodeDialog | None:
        """Open the episode dialog (pinned to the selection, if any); non-blocking."""
        if self.session_id is None:
            return None
        anchor = self.selected_anchor()
        passage = PassageInput.of(self.kind, anchor) if anchor else None
        themes = self._services().themes.offered_for_session(self.session_id)
        dialog = EpisodeDialog(themes, passage, parent=self.editor)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._episode_done(dialog, result))
        self.episode_dialog = dialog
        dialog.open()
        return dialog

    def edit_episode(self, episode: EpisodeDTO) -> EpisodeDialog:
        """Open an episode for editing (its passage stays as it is); non-blocking."""
        themes = self._services().themes.offered_for_session(episode.session_id)
        dialog = EpisodeDialog(themes, episode=episode, parent=self.editor)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._episode_done(dialog, result, episode))
        self.episode_dialog = dialog
        dialog.open()
        return dialog

    def _episode_done(self, dialog: EpisodeDialog, result: int,
                      editing: EpisodeDTO | None = None) -> None:
        self.episode_dialog = None
        if result != QDialog.DialogCode.Accepted or self.session_id is None:
            return
        session_id, data = self.session_id, dialog.value()

        def save(services: Services) -> object:
            if editing is not None:
                return services.episodes.update(editing.id, data)
            return services.episodes.add(session_id, data)

        def saved(episode: EpisodeDTO) -> None:
            if session_id != self.session_id:
                return
            anchor = episode.passage.anchor
            if anchor is not None and editing is None:
                self.tracker.add("episode", episode.id, anchor)
            self.reload()
            transference = " (transference material)" if episode.is_transference else ""
            self.status.emit(f"Episode with {episode.other_person} saved{transference}.")

        self._write(save, "Episode not saved", saved)

    # --- showing ----------------------------------------------------------------------------

    def jump_to(self, mark: MarkDTO) -> None:
        """Select a mark's passage in the editor and scroll it into view."""
        if mark.passage.note_kind != self.kind:
            return  # the other note's tagging shows it
        anchor = self.tracker.anchor("mark", mark.id)
        if anchor is None:
            self.status.emit(LOST_MESSAGE.capitalize() + ".")
            return
        text = self.editor.toPlainText()
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(to_qt(text, anchor.start))
        cursor.setPosition(to_qt(text, anchor.end), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        self.editor.setFocus()

    def live_marks(self) -> list[MarkDTO]:
        """The marks with their passages as the editor shows them right now."""
        result = []
        for mark in self.marks:
            if mark.passage.anchor is None or mark.passage.note_kind != self.kind:
                result.append(mark)
                continue
            anchor = self.tracker.anchor("mark", mark.id)
            state = dataclasses.replace(mark.passage, anchor=anchor,
                                        lost_at=None if anchor else datetime.now(UTC))
            result.append(dataclasses.replace(mark, passage=state))
        return result

    def _fill_panel_soon(self) -> None:
        """Fill the panel a frame after the note is shown and painted (their paints apart);
        meanwhile it says its marks are being read, never the last session's."""
        if self.panel is None:
            return
        self.panel.set_pending()
        self.panel.set_session_open(self.session_id is not None)
        self._panel_timer.start()

    def _refresh_views(self) -> None:
        self._panel_timer.stop()
        if self.panel is not None:
            self.panel.set_marks(self.live_marks())
            self.panel.set_episodes(self.episodes)
            self.panel.set_session_open(self.session_id is not None)
        self._repaint()

    def _repaint(self) -> None:
        items = []
        for mark in self.marks:
            anchor = self.tracker.anchor("mark", mark.id)
            if anchor is not None:
                items.append(Highlight(anchor, mark.theme_color,
                                       f"{mark.theme_name} · {mark.intensity_word}",
                                       mark.comment))
        for episode in self.episodes:
            anchor = self.tracker.anchor("episode", episode.id)
            if anchor is not None:
                color = episode.wish.color if episode.wish else EPISODE_COLOR
                who = episode.other_person or OTHER_KIND_LABELS[episode.other_kind]
                items.append(Highlight(anchor, color, f"Episode with {who}", episode.narrative))
        self.highlighter.set_highlights(items)

    def _lost(self, owner: str, item_id: uuid.UUID) -> None:
        self.status.emit(f"{LOST_MESSAGE.capitalize()}.")
        if self.panel is not None:
            self.panel.set_marks(self.live_marks())

    def _context_menu(self, position: QPoint) -> None:
        menu = self.editor.createStandardContextMenu(position)
        menu.addSeparator()
        self.mark_passage_action.setEnabled(self.editor.textCursor().hasSelection()
                                            and self.session_id is not None)
        self.mark_session_action.setEnabled(self.session_id is not None)
        self.episode_action.setEnabled(self.session_id is not None)
        menu.addAction(self.mark_passage_action)
        menu.addAction(self.mark_session_action)
        menu.addAction(self.episode_action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.editor.viewport().mapToGlobal(position))


def install_tagging(editor: QPlainTextEdit, services: Callable[[], Services],
                    kind: str = NoteKind.PROCESS, panel: MarkListPanel | None = None,
                    announce: Callable[[Changed], None] | None = None,
                    shortcuts: bool = True, submit: Submit | None = None) -> PassageTagging:
    """Put tagging onto an editor; ``announce`` receives what each change changed.

    ``submit``: the window's write pipeline (``AppContext.submit``); changes then run on
    its writer thread and are announced there, with the tagging as their initiator.
    Without it (a bare editor), changes run at once. ``shortcuts=False`` when a window
    menu already carries Ctrl+M and friends.
    """
    tagging = PassageTagging(editor, services, kind, panel, shortcuts, submit)
    if announce is not None:
        tagging.changed.connect(announce)
    return tagging
