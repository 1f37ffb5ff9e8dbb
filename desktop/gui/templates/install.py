"""Note templates in the main window: Session ▸ Note templates… and Session ▸ Insert template.

``install(window)`` is listed in ``desktop/app.py``'s extensions. The template window is
opened for the client shown in the workspace (so its defaults can be chosen there) and
closes when the vault locks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from db.templates.dto import TemplateDTO
    from desktop.gui.main_window import MainWindow
    from desktop.gui.templates.window import TemplatesWindow


class TemplatesExtension:
    """What note templates add to one main window (kept as ``window.templates``)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.templates_window: TemplatesWindow | None = None
        window.add_section("session")
        self.open_action = window.add_action(
            "session", "Note &templates…", self.open_templates,
            tip="Edit note templates and choose the ones a client's new sessions start from")
        self.insert_menu = QMenu("&Insert template", window)
        self.insert_menu.aboutToShow.connect(self._fill_insert_menu)
        window.menu("session").addMenu(self.insert_menu)
        self.insert_menu.menuAction().setEnabled(False)
        window.context.events.unlocked.connect(
            lambda: self.insert_menu.menuAction().setEnabled(True))
        window.context.events.locked.connect(self._locked)

    def _locked(self) -> None:
        self.insert_menu.menuAction().setEnabled(False)
        self.insert_menu.clear()
        if self.templates_window is not None:
            self.templates_window.close()
            self.templates_window.deleteLater()
            self.templates_window = None

    def open_templates(self) -> TemplatesWindow:
        """Open the template window (again, for the client shown now)."""
        from desktop.gui.templates.window import TemplatesWindow

        context = self.window.context
        client_id = self.window.current_client_id()
        client = None
        if client_id is not None:
            client = (client_id, context.services.clients.get(client_id).code)
        if self.templates_window is not None:
            self.templates_window.close()
            self.templates_window.deleteLater()
        self.templates_window = TemplatesWindow(lambda: context.services, context.submit,
                                                client)
        self.templates_window.show()
        self.templates_window.raise_()
        return self.templates_window

    def _fill_insert_menu(self) -> None:
        self.insert_menu.clear()
        workspace = self.window.workspace
        if workspace is None or workspace.editor.note is None:
            self.insert_menu.addAction("Open a session first").setEnabled(False)
            return
        kind = workspace.editor.kind
        for template in self.window.context.services.templates.list(kind):
            action = self.insert_menu.addAction(template.name)
            action.triggered.connect(lambda _=False, t=template: self.insert(t))

    def insert(self, template: TemplateDTO) -> None:
        """Insert ``template`` into the note shown (asking first when it has text)."""
        from desktop.gui.templates.insert import insert_template

        workspace = self.window.workspace
        if workspace is None or workspace.editor.note is None:
            return
        editor = workspace.editor
        self.window.show_message(insert_template(self.window, editor.surface(), template))


def install(window: MainWindow) -> None:
    window.templates = TemplatesExtension(window)  # type: ignore[attr-defined]
