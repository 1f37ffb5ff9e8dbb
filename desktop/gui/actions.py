"""The standard menus and toolbar of the main window (others add theirs via ``add_action``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from db.vocabulary import ClientStatus, NoteKind

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow
    from desktop.gui.workspace.workspace import WorkspaceView

Key = QKeySequence.StandardKey


def install_pane_keys(window: MainWindow) -> None:
    """F6 and Shift+F6 move between the clients, the sessions and the note; each has its
    own key too (View ▸ Go to)."""
    from desktop.gui.workspace.panes import PANES

    def go(step: int | str) -> Callable[[], None]:
        def call() -> None:
            workspace = window.workspace
            if workspace is not None:
                window.show_view("workspace")
                workspace.panes.focus(step)
        return call

    menu = window.menu("view").addMenu("&Go to")
    window.menus["go"] = menu
    window.add_action("go", "&Next pane", go(1), shortcut="F6")
    window.add_action("go", "&Previous pane", go(-1), shortcut="Shift+F6")
    for name, title, keys in PANES:
        window.add_action("go", title, go(name), shortcut=keys)


def install_standard_actions(window: MainWindow) -> None:
    def ws(method: str, *args: object) -> Callable[[], None]:
        def call() -> None:
            workspace: WorkspaceView | None = window.workspace
            if workspace is not None:
                window.show_view("workspace")
                getattr(workspace, method)(*args)
        return call

    add = window.add_action
    # File
    add("file", "&New client…", ws("new_client"), shortcut="Ctrl+Shift+N", toolbar=True,
        icon="contact-new", tip="Add a client to your caseload")
    settings = add("file", "&Settings…", window.open_settings, shortcut=Key.Preferences,
                   icon="preferences-system")
    window.menu("file").addSeparator()
    window.lock_action = add("file", "&Lock", window.lock, shortcut="Ctrl+L", toolbar=True,
                             icon="system-lock-screen",
                             tip="Hide everything and drop the key until the passphrase is "
                                 "typed again")
    window.menu("file").addSeparator()
    add("file", "&Quit", window.close, shortcut="Ctrl+Q", needs_vault=False,
        icon="application-exit")
    window.set_closing_group("file", settings)
    # Edit
    add("edit", "&Undo", ws("undo"), shortcut=Key.Undo, icon="edit-undo")
    add("edit", "&Redo", ws("redo"), shortcut=Key.Redo, icon="edit-redo")
    window.menu("edit").addSeparator()
    add("edit", "&Find in note…", ws("find_in_note"), shortcut=Key.Find, icon="edit-find")
    add("edit", "&Save now", ws("save_now"), shortcut=Key.Save, icon="document-save")
    # View
    add("view", "&Workspace", lambda: window.show_view("workspace"), shortcut="Ctrl+0")
    privacy: QAction = add("view", "&Privacy view (codes only)", lambda: None,
                           shortcut="Ctrl+Shift+P",
                           tip="Show client codes only, never real names")
    privacy.setCheckable(True)
    privacy.setChecked(True)
    privacy.toggled.connect(window.set_privacy)
    window.privacy_action = privacy
    install_pane_keys(window)
    from desktop.gui.workspace.focus_mode import WritingComfort

    window.comfort = WritingComfort(window)  # type: ignore[attr-defined]
    window.menu("view").addSeparator()
    window.menu("view").addAction(window.toolbar.toggleViewAction())
    window.menu("view").addSeparator()
    # Client
    add("client", "&New client…", ws("new_client"))
    add("client", "&Edit client…", ws("edit_client"), shortcut="Ctrl+E")
    add("client", "&Treatment frame and goals", ws("show_frame"), shortcut="Ctrl+G")
    window.menu("client").addSeparator()
    add("client", "&Pause client", ws("set_client_status", ClientStatus.PAUSED))
    add("client", "&Close client…", ws("set_client_status", ClientStatus.CLOSED))
    add("client", "&Reopen client", ws("set_client_status", ClientStatus.ACTIVE))
    # Session
    add("session", "&New session…", ws("new_session"), shortcut=Key.New, toolbar=True,
        icon="document-new", tip="Start a session for the selected client")
    add("session", "&Edit session…", ws("edit_session"))
    window.menu("session").addSeparator()
    add("session", "&Process note", ws("show_note", NoteKind.PROCESS),
        shortcut=("Ctrl+1", "Alt+1"))
    add("session", "P&rogress note", ws("show_note", NoteKind.PROGRESS),
        shortcut=("Ctrl+2", "Alt+2"))
    window.menu("session").addSeparator()
    add("session", "&Finalize note…", ws("finalize"), icon="document-edit-sign")
    add("session", "Add &addendum…", ws("add_addendum"))
    add("session", "Revision &history…", ws("show_history"), icon="document-open-recent")
    # Help
    def guide() -> None:
        from desktop.gui.guide import open_guide

        open_guide(window)

    add("help", "&User guide", guide, shortcut=Key.HelpContents, needs_vault=False,
        icon="help-contents", tip="Read the user guide (inside Threadline, offline)")
    add("help", "&About Threadline", window.open_about, needs_vault=False,
        icon="help-about")
