"""Adds the client timeline to the main window: View ▸ Timeline (Ctrl+T).

The view follows the client selected in the workspace, refreshes when that client's marks
or the themes change, and a click on a cell opens that session in the note editor with the
passages marked with that theme highlighted and the first one selected
(:mod:`desktop.gui.timeline.passage`).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from db.analytics.choices import Choices
    from db.services.dto import Changed
    from desktop.gui.main_window import MainWindow
    from desktop.gui.timeline.view import TimelineView

KEY = "timeline"


def install_timeline(window: MainWindow) -> None:
    built: list[TimelineView] = []

    def build() -> QWidget:
        from desktop.gui.timeline.view import TimelineView

        view = TimelineView(window.context.services, jobs=window.context.jobs)
        built[:] = [view]
        view.destroyed.connect(lambda: built.clear())
        view.session_requested.connect(open_session)
        view.choices_changed.connect(lambda choices: store_choices(view, choices))
        client = window.current_client_id()
        if client is not None:
            view.show_client(client)
        return view

    def store_choices(view: TimelineView, choices: Choices) -> None:
        # A vault setting, stored through the pipeline; the view shows it already.
        window.context.submit(
            lambda services: services.settings.update(
                odf_scoring=choices.scoring.value, odf_min_defenses=choices.min_defenses),
            initiator=view)

    def open_session(session_id: uuid.UUID, theme_id: uuid.UUID) -> None:
        from db.errors import ThreadlineError
        from desktop.gui.timeline.passage import show_cell

        try:
            marks = window.context.services.analytics.cell_marks(session_id, theme_id)
        except ThreadlineError as error:
            window.show_message(str(error))
            return
        def shown() -> None:
            workspace = window.workspace
            if workspace is not None and workspace.current_session_id() == session_id:
                window.show_message(show_cell(workspace.editor, marks))

        window.open_session(marks.client_id, session_id, then=shown)

    def forget_passages(*_: object) -> None:
        # Another session or client was chosen: the highlights belonged to the last one.
        if window.workspace is not None:
            from desktop.gui.timeline.passage import clear_passages

            for surface in window.workspace.editor.surfaces.values():
                clear_passages(surface)

    def follow(client_id: object, _session_id: object) -> None:
        if built and isinstance(client_id, uuid.UUID) and client_id != built[0].client_id:
            built[0].show_client(client_id)

    def changed(what: Changed, initiator: object = None) -> None:
        if not built:
            return
        view = built[0]
        if what.settings and initiator is not view:
            view.use_vault_choices()  # the scoring may have changed in Settings
        if view.client_id is None:
            return
        if (what.themes or view.client_id in what.clients or what.sessions
                or (what.settings and initiator is not view)):
            view.refresh()

    def prepare() -> None:
        # While the key is derived: the passages' module is used at every session shown
        # (forget_passages), and importing it there cost the first note a millisecond or two.
        import desktop.gui.timeline.passage  # noqa: F401

    window.unlocking.connect(prepare)
    window.add_view(KEY, "&Timeline", build, shortcut="Ctrl+T")  # Ctrl+2: progress note
    window.selection_changed.connect(follow)
    window.selection_changed.connect(forget_passages)
    window.context.events.changed.connect(changed)
