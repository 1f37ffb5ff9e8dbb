"""Themes in the main window: tagging in the note editor, the marks dock, the theme editor.

``install(window)`` is listed in ``desktop/app.py``'s ``EXTENSIONS``. After each unlock it
brings the vault's taxonomy up to the shipped revision, puts tagging onto both note
surfaces of the workspace and fills the Marks dock; everything it made goes with the
workspace when the vault locks.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QWidget

from db.plural import count as count_of
from db.vocabulary import NoteKind, is_one_of

if TYPE_CHECKING:  # the core loads after the first paint; these follow it in
    from db.services.dto import Changed, Outcome
    from db.services.hub import Services
    from db.taxonomy.seed import SeedReport
    from db.vault.database import Database
    from desktop.gui.main_window import MainWindow
    from desktop.gui.themes.editor_window import ThemeEditorWindow
    from desktop.gui.themes.mark_list import MarkListPanel
    from desktop.gui.themes.tagging import MarksReading, PassageTagging
    from desktop.gui.workspace.reading import SessionReading

PART = "themes"  # this room's part of a session's reading


@dataclass
class _State:
    taggings: dict[str, PassageTagging] = field(default_factory=dict)
    panel: MarkListPanel | None = None
    editor_window: ThemeEditorWindow | None = None
    session_id: uuid.UUID | None = None


class ThemesExtension:
    """What Threadline's themes add to one main window (kept as ``window.themes``)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.state = _State()
        events = window.context.events
        window.unlocking.connect(self._prepare)
        events.unlocked.connect(self._unlocked)
        # Learning waits for the integrity check: it is a long Python job (lifecycle.py).
        window.lifecycle.on_verified(self.suggestions_train)
        events.locked.connect(self._locked)
        events.changed.connect(self._changed)
        window.selection_changed.connect(self._selection_changed)
        menu = QMenu("&Themes", window)
        window.menuBar().insertMenu(window.menu("help").menuAction(), menu)
        window.menus["themes"] = menu
        #: Enabled only while a session is open: without one they did nothing.
        self.session_actions = (
            window.add_action("themes", "&Mark passage…", lambda: self._current("mark"),
                              shortcut="Ctrl+M", tip="Mark the selected words with a theme"),
            window.add_action("themes", "Mark &whole session…",
                              lambda: self._current("session"), shortcut="Ctrl+Shift+M"),
            window.add_action("themes", "Relationship &episode…",
                              lambda: self._current("episode"), shortcut="Ctrl+Shift+E",
                              tip="Record a CCRT relationship episode"))
        self._enable_session_actions(False)
        menu.addSeparator()
        window.add_action("themes", "&Edit themes…", self.edit_themes,
                          tip="Add, rename, recolour, merge or archive themes")
        window.add_dock("marks", "Marks", self._make_panel)
        from desktop.gui.themes.suggestions import ThemeSuggestions

        #: Learned after each unlock, dropped at lock (themes/suggestions.py).
        self.suggestions = ThemeSuggestions(window.context, parent=window)
        window.settings_sections.append(self._suggestions_section)

    # --- unlock and lock ------------------------------------------------------------------

    def _prepare(self) -> None:
        """While the key is derived: import what unlocking will need."""
        import db.services.hub  # noqa: F401
        import desktop.gui.themes.mark_list  # noqa: F401
        import desktop.gui.themes.tagging  # noqa: F401

    def _unlocked(self) -> None:
        from desktop.gui.themes.tagging import install_tagging, read_marks

        context = self.window.context
        assert context.vault is not None
        # The taxonomy upgrade reads first and writes only when a newer shipped file
        # brings themes; in the pipeline, so that it never holds the GUI up.
        context.submit(lambda services: _upgrade(services, context.database),
                       initiator=self, on_done=self._upgraded)
        workspace = self.window.workspace
        if workspace is None:
            return
        editor = workspace.editor
        for kind, surface in editor.surfaces.items():
            tagging = install_tagging(surface, lambda: context.services, kind,
                                      shortcuts=False, submit=context.submit)
            tagging.status.connect(self.window.show_message)
            tagging.picker.create_requested.connect(self.create_theme)
            autosave = editor.autosaves[kind]
            autosave.anchor_source = tagging.anchor_refs  # saved with the note's text
            autosave.anchors_saved = tagging.anchors_saved
            tagging.suggest = self.suggestions.suggest
            self.state.taggings[kind] = tagging
        editor.note_leaving.connect(self._leaving)
        # A session's marks are read with its note, off the GUI thread (workspace/reading.py).
        workspace.reads.parts[PART] = read_marks
        workspace.session_shown.connect(self._session_shown)
        self.window.show_dock("marks")
        self.state.session_id = None  # whatever the workspace showed before tagging was on
        self._enable_session_actions(editor.session_id is not None)
        if editor.session_id is not None:
            workspace.reread_session()

    def suggestions_train(self) -> None:
        if self.window.workspace is not None:
            self.suggestions.train()

    def _suggestions_section(self, parent: QWidget) -> QWidget:
        from desktop.gui.themes.suggestions_section import SuggestionsSection

        return SuggestionsSection(self.suggestions, parent)

    def _upgraded(self, report: SeedReport) -> None:
        if report.error:
            self.window.show_message(f"The shipped themes were not updated: {report.error}")
        elif report.changed:
            count = len(report.added_themes)
            self.window.show_message(f"{count_of(count, 'new theme')} added from "
                                     "the updated default taxonomy.")

    def _leaving(self, _session_id: object) -> None:
        for tagging in self.state.taggings.values():
            tagging.detach()
        if self.state.panel is not None:  # never the last session's marks with the next note
            self.state.panel.set_pending()

    def _locked(self) -> None:
        if self.state.editor_window is not None:
            self.state.editor_window.close()
        self.state = _State()
        self._enable_session_actions(False)

    def _enable_session_actions(self, enabled: bool) -> None:
        for action in self.session_actions:
            action.setEnabled(enabled)

    def _make_panel(self) -> QWidget:
        from desktop.gui.themes.mark_list import MarkListPanel

        panel = MarkListPanel()
        self.state.panel = panel
        panel.passages_requested.connect(self.show_passages)
        process = self.state.taggings.get(NoteKind.PROCESS)
        if process is not None:
            process.set_panel(panel)
            progress = self.state.taggings.get(NoteKind.PROGRESS)
            if progress is not None:
                panel.jump_requested.connect(progress.jump_to)
        panel.jump_requested.connect(self._show_kind_of)
        return panel

    # --- following the workspace ------------------------------------------------------

    def _selection_changed(self, _client: object, session_id: uuid.UUID | None) -> None:
        if session_id is None:
            self.show_session(None)

    def _session_shown(self, reading: SessionReading) -> None:
        from desktop.gui.themes.tagging import MarksReading

        marks = reading.parts.get(PART)
        self.show_session(reading.session_id, marks if isinstance(marks, MarksReading) else None)

    def show_session(self, session_id: uuid.UUID | None,
                     reading: MarksReading | None = None) -> None:
        """Follow the note the editor shows (``reading``: its marks, read with its text)."""
        if not self.state.taggings:  # locked, or the workspace is still being filled
            return
        self._enable_session_actions(session_id is not None)
        if session_id == self.state.session_id and session_id is not None and reading is None:
            return
        self.state.session_id = session_id
        for tagging in self.state.taggings.values():
            tagging.load(session_id, reading)

    def _changed(self, changed: Changed, initiator: object = None) -> None:
        session_id = self.state.session_id
        workspace = self.window.workspace
        if workspace is not None and initiator is workspace.editor and not changed.themes:
            return  # the note's own save: its anchors are the tracker's already
        if session_id is not None and (changed.themes or session_id in changed.sessions):
            for tagging in self.state.taggings.values():
                if tagging is not initiator:  # the one that made the change has reloaded
                    tagging.reload()

    def _show_kind_of(self, mark: object) -> None:
        kind = getattr(getattr(mark, "passage", None), "note_kind", None)
        workspace = self.window.workspace
        if workspace is not None and isinstance(kind, str) and is_one_of(NoteKind, kind):
            workspace.editor.show_kind(kind)

    def _current(self, what: str) -> None:
        workspace = self.window.workspace
        if workspace is None:
            return
        tagging = self.state.taggings.get(workspace.editor.kind)
        if tagging is None:
            return
        if what == "mark":
            tagging.mark_selection()
        elif what == "session":
            tagging.mark_session()
        else:
            tagging.open_episode()

    def show_passages(self, theme_id: uuid.UUID) -> QWidget:
        """Every passage of a theme, of the client chosen in the workspace (or all)."""
        from desktop.gui.themes.passages_window import show_theme_passages

        return show_theme_passages(self.window, theme_id, self.window.current_client_id())

    def create_theme(self, name: str) -> ThemeEditorWindow:
        """The picker found no theme for ``name``: the editor opens to add it."""
        editor = self.edit_themes()
        if editor.selected() is None:
            self.window.show_message(f"Choose a category for “{name}”, then Add theme.")
            return editor
        editor.add_theme(name)
        return editor

    def edit_themes(self) -> ThemeEditorWindow:
        """Open (or raise) the theme editor window."""
        from desktop.gui.themes.editor_window import ThemeEditorWindow

        editor = self.state.editor_window
        if editor is None:
            context = self.window.context
            editor = ThemeEditorWindow(lambda: context.services, submit=context.submit)
            editor.passages_requested.connect(self.show_passages)
            self.state.editor_window = editor
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor


def _upgrade(services: Services, database: Database) -> Outcome[SeedReport]:
    """Bring the vault's taxonomy up to the shipped revision (on the writer thread)."""
    from db.services.dto import Changed, Outcome
    from db.services.hub import after_unlock

    report = after_unlock(database)
    return Outcome(report, Changed(themes=True) if report.changed else Changed())


def install(window: MainWindow) -> None:
    window.themes = ThemesExtension(window)  # type: ignore[attr-defined]
