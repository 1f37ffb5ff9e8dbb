"""The main window: menus, toolbar, status bar, and the pages behind them.

Other parts of Threadline add themselves through a small API (see ``docs`` in
:meth:`MainWindow.add_action`, :meth:`add_view`, :meth:`add_dock`) from
``desktop/app.py``; they receive the app-level signals through ``window.context.events``
(``changed(Changed, initiator)``, ``locked``, ``unlocked``) and submit every change to the
vault through ``window.context.submit`` (the write pipeline, desktop/gui/common/operations.py).

Lifecycle (``window.lifecycle``, desktop/gui/common/lifecycle.py): ``on_unlocked(hook)``,
``on_verified(hook)`` (once the integrity check passed), ``before_lock(hook)``,
``before_close(hook)``. Locking and closing run, in this order:
(1) flush the editor and drain the write queue, (2) the hooks in registration order (the
quit backup hangs on ``before_close``), (3) drop views, caches, the clipboard if ours and
the dialog record, (4) lock or close the vault. Closing the window and the application's
``aboutToQuit`` both go through :meth:`MainWindow.shutdown`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from db.vocabulary import NoteKind, RevisionReason
from desktop.gui.common import heap
from desktop.gui.common.clipboard import ClipboardGuard
from desktop.gui.common.context import AppContext
from desktop.gui.common.first_size import first_size, hold_size
from desktop.gui.common.lifecycle import Lifecycle
from desktop.gui.vault.gate import Gate
from desktop.gui.vault.idle import IdleWatcher
from desktop.gui.vault.integrity import IntegrityCheck

if TYPE_CHECKING:  # views load after unlocking, so that the first paint stays cheap
    import uuid

    from PySide6.QtCore import Qt

    from desktop.gui.workspace.workspace import Location, WorkspaceView

log = logging.getLogger(__name__)

MENUS = (("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("client", "&Client"),
         ("session", "&Session"), ("help", "&Help"))


GATE_FALLBACK_MS = 300
Shortcut = QKeySequence | QKeySequence.StandardKey | str | tuple[str, ...]


class MainWindow(QMainWindow):
    """The window of one vault.

    Signals
    -------
    painted()
        Once, after the first paint (start-up measurement, ``--quit-after-show``).
    unlocking()
        The key is being derived (off the GUI thread, for a second or so): extensions may
        import what they need after unlocking now, so that the workspace opens sooner.
    selection_changed(client_id, session_id)
        The clinician picked a client or session (either may be ``None``).
    workspace_ready(WorkspaceView)
        After each unlock, once the workspace is built (it is deleted again on lock):
        extensions reach the note editor here, e.g. ``workspace.editor.surfaces["process"]``,
        ``workspace.editor.note_loaded`` and ``workspace.editor.add_side_panel(widget)``.
    """

    painted = Signal()
    unlocking = Signal()
    selection_changed = Signal(object, object)
    workspace_ready = Signal(object)
    lock_action: QAction
    privacy_action: QAction

    def __init__(self, context: AppContext, settings: QSettings | None = None) -> None:
        super().__init__()
        self.context = context
        self.settings = settings or QSettings()
        self.clipboard = ClipboardGuard(self)
        #: The vault-security dialog open after unlocking, and the settings dialog.
        self.keys_dialog: QWidget | None = None
        self.settings_dialog: QWidget | None = None
        #: Extensions' parts of the Settings dialog: ``make(parent) -> QWidget``.
        self.settings_sections: list[Callable[[QWidget], QWidget]] = []
        self.lifecycle = Lifecycle()
        self.setWindowTitle("Threadline")
        self.setObjectName("MainWindow")
        self._painted_once = False
        # Shortcuts wait for the first paint: setting one makes PySide6 create every enum
        # of the Qt namespace (~13 ms), which the first window does not otherwise need.
        self._shortcuts: list[tuple[QAction, Shortcut]] = []
        self._shut_down = False
        self._location: Location | None = None
        self._vault_actions: list[QAction] = []
        self._view_factories: dict[str, Callable[[], QWidget]] = {}
        self._views: dict[str, QWidget] = {}
        self._docks: dict[str, tuple[QDockWidget, Callable[[], QWidget]]] = {}
        self.workspace: WorkspaceView | None = None

        self.pages = QStackedWidget(self)
        self.gate = Gate(context, self.clipboard, self.pages)
        self.pages.addWidget(self.gate)
        self.views = QStackedWidget(self.pages)
        self.pages.addWidget(self.views)
        self.setCentralWidget(self.pages)
        self.gate.opened.connect(self._opened)
        self.gate.unlocking.connect(lambda: QTimer.singleShot(0, self._prepare))

        self.menus: dict[str, QMenu] = {key: self.menuBar().addMenu(title)
                                        for key, title in MENUS}
        self._closing: dict[str, QAction] = {}
        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("MainToolbar")
        # By name: the Qt namespace is created only after the first paint (see style.py).
        self.toolbar.setProperty("toolButtonStyle", "ToolButtonTextBesideIcon")
        self.addToolBar(self.toolbar)
        self.save_state_label = QLabel("", self)
        self.save_state_label.setAccessibleName("Save state")
        self.statusBar().addPermanentWidget(self.save_state_label)

        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self._idle)
        self.integrity = IntegrityCheck(context.jobs, self)
        self._unlocks = 0  # which unlock a deferred step belongs to
        self.integrity.passed.connect(self._verified)
        self.integrity.damaged.connect(self._damaged)
        from desktop.gui.actions import install_standard_actions

        install_standard_actions(self)
        self._set_vault_actions(False)
        hold_size(self, self.pages)
        self.resize(first_size(self))
        # The core (SQLAlchemy, cryptography) loads after the first paint; the fallback
        # covers a window that is never painted (hidden, or minimised at start).
        QTimer.singleShot(GATE_FALLBACK_MS, self._start_gate)

    def restore_geometry(self) -> None:
        """Window size and place as last time (before the window is shown)."""
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def restore_state(self) -> None:
        """Toolbars and docks as last time (after the extensions have added theirs)."""
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    # --- the extension API ------------------------------------------------------------

    def menu(self, key: str) -> QMenu:
        """One of the menus: ``file``, ``edit``, ``view``, ``client``, ``session``, ``help``."""
        return self.menus[key]

    def add_section(self, menu: str) -> None:
        """Start a new group of actions in ``menu``: a separator, above its closing group."""
        separator = QAction(self)
        separator.setSeparator(True)
        self._place(menu, separator)

    def set_closing_group(self, menu: str, first: QAction) -> None:
        """``menu`` ends with the group that starts at ``first`` (Settings, Lock, Quit):
        actions added later, by extensions, go above it."""
        separator = QAction(self)
        separator.setSeparator(True)
        self.menus[menu].insertAction(first, separator)
        self._closing[menu] = separator

    def _place(self, menu: str, action: QAction) -> None:
        closing = self._closing.get(menu)
        if closing is None:
            self.menus[menu].addAction(action)
        else:
            self.menus[menu].insertAction(closing, action)

    def add_action(self, menu: str, text: str, slot: Callable[[], object], *,
                   shortcut: Shortcut | None = None,
                   toolbar: bool = False, needs_vault: bool = True, icon: str = "",
                   tip: str = "") -> QAction:
        """Add an action to a menu (and the toolbar); returns it.

        ``needs_vault``: disabled while the vault is locked (most actions).
        ``icon``: a freedesktop icon-theme name, e.g. ``"system-search"``.
        ``shortcut``: one key sequence, or a tuple of them (the first is shown in the menu).
        """
        action = QAction(text, self)
        if icon:
            action.setIcon(QIcon.fromTheme(icon))
        if shortcut is not None:
            self._shortcuts.append((action, shortcut))
            if self.gate.started:
                self._apply_shortcuts()
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self._place(menu, action)
        if toolbar:
            self.toolbar.addAction(action)
        if needs_vault:
            self._vault_actions.append(action)
            action.setEnabled(self.context.unlocked)
        return action

    def add_view(self, key: str, title: str, factory: Callable[[], QWidget],
                 shortcut: str | None = None) -> QAction:
        """A central view (e.g. the timeline) shown from the View menu.

        ``factory`` builds the widget the first time it is shown after each unlock; the
        widget is deleted when the vault locks, so it never outlives the key.
        """
        self._view_factories[key] = factory
        return self.add_action("view", title, lambda: self.show_view(key), shortcut=shortcut)

    def show_view(self, key: str) -> QWidget | None:
        """Show a central view by key (``"workspace"`` is the clients/sessions/note view)."""
        if not self.context.unlocked:
            return None
        if key == "workspace":
            widget: QWidget | None = self.workspace
        else:
            widget = self._views.get(key)
            if widget is None:
                widget = self._view_factories[key]()
                self._views[key] = widget
                self.views.addWidget(widget)
        if widget is not None:
            self.views.setCurrentWidget(widget)
        return widget

    def add_dock(self, key: str, title: str, factory: Callable[[], QWidget],
                 area: Qt.DockWidgetArea | None = None) -> QAction:
        """A dock built lazily by ``factory`` when first shown; emptied when the vault locks.

        ``area``: where it docks (default: on the right).
        """
        from PySide6.QtCore import Qt

        if area is None:
            area = Qt.DockWidgetArea.RightDockWidgetArea
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{key}")
        self.addDockWidget(area, dock)
        dock.hide()
        self._docks[key] = (dock, factory)
        return self.add_action("view", title, lambda: self.show_dock(key))

    def show_dock(self, key: str) -> QDockWidget | None:
        if not self.context.unlocked:
            return None
        dock, factory = self._docks[key]
        if dock.widget() is None:
            dock.setWidget(factory())
        dock.show()
        dock.raise_()
        return dock

    def current_client_id(self) -> uuid.UUID | None:
        return self.workspace.current_client_id() if self.workspace else None

    def current_session_id(self) -> uuid.UUID | None:
        return self.workspace.current_session_id() if self.workspace else None

    def open_session(self, client_id: uuid.UUID, session_id: uuid.UUID | None = None,
                     then: Callable[[], object] | None = None) -> None:
        """Go to a client (and a session of theirs) in the workspace, e.g. from search;
        ``then`` once it is shown (the workspace reads it off the GUI thread)."""
        from desktop.gui.workspace.workspace import Location

        if self.workspace is not None:
            self.show_view("workspace")
            self.workspace.restore(Location(client_id, session_id, NoteKind.PROCESS), then)

    def show_message(self, text: str, ms: int = 6000) -> None:
        self.statusBar().showMessage(text, ms)

    # --- unlocking and locking --------------------------------------------------------

    def _prepare(self) -> None:
        """While the key is derived (the derivation leaves the GUI thread free): import
        what the workspace needs, and let extensions do the same."""
        import desktop.gui.workspace.workspace  # noqa: F401 (loaded now, used in _opened)

        self.unlocking.emit()

    def _opened(self) -> None:
        from db.errors import DatabaseDamaged
        from desktop.gui.workspace.workspace import WorkspaceView

        vault = self.context.vault
        assert vault is not None
        self._unlocks += 1
        self.workspace = WorkspaceView(self.context, self.clipboard, self.views)
        try:
            self._fill_workspace(self.workspace)  # reads only
        except DatabaseDamaged as error:  # a page read before the full check got to it
            self._damaged(str(error))
            return
        # The check starts once the workspace is filled (it reads the whole file, so
        # it would slow that down) and before anything may write: writes wait for it.
        self.integrity.start(vault)
        self.workspace_ready.emit(self.workspace)
        self.context.events.unlocked.emit()
        self.lifecycle.run_unlocked()
        QTimer.singleShot(0, self._after_unlock)

    def _fill_workspace(self, workspace: WorkspaceView) -> None:
        settings = self.context.settings
        workspace.status.connect(self.show_message)
        workspace.save_state.connect(self.save_state_label.setText)
        workspace.selection_changed.connect(self.selection_changed)
        self.views.addWidget(workspace)
        workspace.restore_layout(self.settings)
        workspace.reload_clients()
        self.privacy_action.setChecked(settings.privacy_view)
        workspace.set_privacy(settings.privacy_view)
        self.pages.setCurrentWidget(self.views)
        self._set_vault_actions(True)
        if self._location is not None:
            workspace.restore(self._location)
        self.idle.set_minutes(settings.auto_lock_minutes)
        self.idle.start()

    def _after_unlock(self) -> None:
        """Work that can wait until the workspace has painted: lost drafts; the writer
        thread started before the first note needs it."""
        from desktop.gui.workspace import drafts
        if not self.context.unlocked:
            return
        self.context.operations.start()
        heap.set_aside_what_lasts()  # the collector's passes stop walking it (heap.py)
        drafts.offer_pending(self, self.context, self.workspace)
        from desktop.gui.keys.after_unlock import offer_after_unlock

        self.keys_dialog = offer_after_unlock(self, self.context, self.clipboard,
                                              self._save_before_rekey)

    def _save_before_rekey(self) -> bool:
        """Re-encryption closes every connection: unsaved text is saved first."""
        return self.workspace is None or self.workspace.flush()

    def _verified(self) -> None:
        """Every page passed: the unlock is recorded (the audit's first write)."""
        if not self.context.unlocked:
            return
        self.context.submit(lambda services: services.audit.record("unlock"),
                            on_error=lambda error: log.warning(  # never keeps anyone out
                                "unlock not audited: %s", type(error).__name__))
        # After the ``unlocked`` hooks even when the check passed at once (inside _opened).
        unlock = self._unlocks
        QTimer.singleShot(0, lambda: self._run_verified(unlock))

    def _run_verified(self, unlock: int) -> None:
        if self.context.unlocked and unlock == self._unlocks:
            self.lifecycle.run_verified()

    def _damaged(self, message: str) -> None:
        """The integrity check failed: nothing can be written; lock and say why."""
        if self.context.unlocked:
            self._lock_now()
        self.gate.show_problem(message)

    def lock(self, *, ask: bool = True) -> bool:
        """Hide every client detail, drop the key and clear the clipboard if it is ours.

        Unsaved text is saved first. If that fails, ``ask`` decides: the clinician is asked
        whether to lock anyway (and lose it), or, without asking, nothing is locked.
        Returns whether the window is locked now.
        """
        if self.workspace is None and not self.context.unlocked:
            return True
        if self.workspace is not None and not self.workspace.flush() and not (
                ask and self._confirm_losing_text("Lock without saving?", "Lock anyway")):
            return False
        self._lock_now()
        return True

    def _lock_now(self) -> None:
        self._finish_writing()  # (1)
        if self.context.unlocked:
            self.lifecycle.run_before_lock()  # (2)
        if self.workspace is not None:
            self.workspace.save_layout(self.settings)
            self._location = self.workspace.location()
        self.integrity.cancel()
        self.context.jobs.cancel_all()  # no answer read before the lock is shown after it
        self.idle.stop()
        self._set_vault_actions(False)
        self._drop_client_text()  # (3)
        if self.context.vault is not None:  # (4); the command line may use it meanwhile
            self.context.vault.release()
        self.context.operations.stop()  # its thread starts again with the next change
        self.save_state_label.clear()
        self.statusBar().clearMessage()
        self.gate.show_locked()
        self.pages.setCurrentWidget(self.gate)
        QTimer.singleShot(0, heap.collect_after_lock)  # once the locked screen is painted

    def _finish_writing(self) -> None:
        """Lifecycle step 1: what the editor holds is submitted; the queue is drained."""
        if self.workspace is not None:
            self.workspace.stop_writing()
        self.context.operations.drain()

    def _drop_client_text(self) -> None:
        """Lifecycle step 3: views, caches, the clipboard if ours, the dialog record."""
        from desktop.gui.common import dialogs
        self.context.events.locked.emit()
        self._drop_views()
        self._close_other_windows()
        self.clipboard.clear_if_ours()
        dialogs.forget()

    def _confirm_losing_text(self, title: str, yes: str) -> bool:
        from desktop.gui.common import dialogs  # only when a save failed: not on every quit

        verb = yes.split()[0]
        return dialogs.confirm(
            self, title, "The latest text of this note could not be saved (see the status "
            f"bar). {verb} anyway and lose it?", yes=yes, no="Keep writing", destructive=True)

    def _idle(self) -> None:
        if not self.lock(ask=False):
            self.show_message("Threadline did not lock itself: the latest text could not be "
                              "saved. It will try again.", 0)
            self.idle.start()

    def _drop_views(self) -> None:
        for widget in [self.workspace, *self._views.values()]:
            if widget is not None:
                self.views.removeWidget(widget)
                widget.hide()
                widget.deleteLater()
        self.workspace = None
        self._views.clear()
        for dock, _ in self._docks.values():
            content = dock.widget()
            if content is not None:
                content.hide()
                content.deleteLater()
                dock.setWidget(None)  # type: ignore[arg-type]
            dock.hide()

    def _close_other_windows(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget.isVisible() and widget.isWindow():
                widget.close()

    def _set_vault_actions(self, enabled: bool) -> None:
        for action in self._vault_actions:
            action.setEnabled(enabled)

    # --- standard dialogs -------------------------------------------------------------

    def open_settings(self) -> None:
        from desktop.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.context, self, prepare=self._save_before_rekey,
                                clipboard=self.clipboard, sections=self.settings_sections)
        self.settings_dialog = dialog
        dialog.accepted.connect(self._settings_saved)
        dialog.open()

    def _settings_saved(self) -> None:
        settings = self.context.settings
        self.idle.set_minutes(settings.auto_lock_minutes)
        self.show_message("Settings saved.")

    def open_about(self) -> None:
        from desktop.gui.about import AboutDialog

        AboutDialog(self).open()

    def set_privacy(self, on: bool) -> None:
        if self.workspace is not None:
            self.workspace.set_privacy(on)

    # --- Qt events --------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        super().paintEvent(event)
        if not self._painted_once:
            self._painted_once = True
            self.painted.emit()
            QTimer.singleShot(0, self._start_gate)

    def _start_gate(self) -> None:
        if not self.gate.started:
            self._apply_shortcuts()
            self.gate.start()

    def _apply_shortcuts(self) -> None:
        for action, shortcut in self._shortcuts:
            if isinstance(shortcut, tuple):
                action.setShortcuts([QKeySequence(key) for key in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        self._shortcuts.clear()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        if self.workspace is not None and not self._shut_down and \
                not self.workspace.flush(RevisionReason.CLOSE) and \
                not self._confirm_losing_text("Quit without saving?", "Quit anyway"):
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Save what is unsaved, run the ``before_close`` hooks (the quit backup),
        remember the layout, drop client text, close the vault (safe to repeat).

        The one way out: closing the window and the application's ``aboutToQuit``."""
        if self._shut_down:
            return
        self._shut_down = True
        if self.workspace is not None:
            self.workspace.flush(reason=RevisionReason.CLOSE, wait=False)
        self._finish_writing()  # (1)
        if self.context.unlocked:
            self.lifecycle.run_before_close()  # (2)
        if self.workspace is not None:
            self.workspace.save_layout(self.settings)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.idle.stop()
        self.integrity.cancel()
        if self.context.unlocked:  # extensions drop what they hold, as on locking
            self._drop_client_text()  # (3)
        else:
            self.clipboard.clear_if_ours()
        if self.context.vault is not None:
            self.context.vault.close()  # (4)
        self.context.operations.stop()
        self.context.jobs.shut_down()  # the workers return (the vault is closed) and end
        heap.hand_back()
