"""Every window and dialog after unlocking, walked from the keyboard: each focusable widget
has an accessible name, Tab reaches every one in a sensible order, and nothing keeps Tab.

The note is the one field that takes Tab for itself (it types a tab, as the guide says);
Ctrl+Tab leaves it. A text browser walks its links with Tab, then lets go.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDateTimeEdit,
    QDockWidget,
    QRadioButton,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from db.crypto.kdf import Argon2Params
from desktop.app import build_window
from desktop.gui.common import dialogs
from desktop.gui.main_window import MainWindow
from desktop.gui.workspace.writing_surface import WritingSurface
from tests.desktop.gui.conftest import open_session, unlock
from tests.desktop.gui.test_keyboard_and_names import _rows_in_order, accessible_name, focusable

CTRL = Qt.KeyboardModifier.ControlModifier
LINKS = 40  # Tab presses a text browser may take for its links before letting go


def leave(qtbot: QtBot, current: QWidget) -> None:
    """Press Tab (Ctrl+Tab in the note, which types a Tab) and check the focus moved on."""
    if isinstance(current, WritingSurface) and not current.isReadOnly():
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is current  # the note takes Tab, as it says
        current.undo()
        qtbot.keyClick(current, Qt.Key.Key_Tab, CTRL)
    else:
        # A text browser walks its links, a date its day, month and year, then lets go.
        presses = LINKS if isinstance(current, (QTextBrowser, QDateTimeEdit)) else 1
        for _ in range(presses):
            qtbot.keyClick(current, Qt.Key.Key_Tab)
            if QApplication.focusWidget() is not current:
                break
    alone = len(focusable(current.window())) == 1
    assert alone or QApplication.focusWidget() is not current, \
        f"{type(current).__name__} {accessible_name(current)!r} keeps Tab"


def walk(qtbot: QtBot, root: QWidget, first: QWidget | None = None) -> list[QWidget]:
    widgets = focusable(root)
    start = first or _first(widgets, root)
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    seen: list[QWidget] = []
    for _ in range(len(widgets) * 2 + 4):
        current = QApplication.focusWidget()
        assert current is not None
        if seen and current is seen[0]:
            break
        if current in seen:  # a loop that never comes back to the start
            raise AssertionError(f"Tab circles back to {type(current).__name__} "
                                 f"{accessible_name(current)!r}")
        seen.append(current)
        leave(qtbot, current)
    return seen


def _first(widgets: list[QWidget], root: QWidget) -> QWidget:
    """The widget read first: the leftmost of those whose tops are within a line of the
    highest."""
    corners = {w: w.mapTo(root, QPoint(0, 0)) for w in widgets}
    top = min(c.y() for c in corners.values())
    return min((w for w in widgets if corners[w].y() <= top + 12),
               key=lambda w: corners[w].x())


def _in_a_group(widget: QWidget) -> object:
    """The exclusive group a button is in (or None): Tab reaches one button of it, the
    arrows the others (Qt enters a group of push buttons at its first, radio buttons at
    the chosen one)."""
    if not isinstance(widget, QAbstractButton):
        return None
    group = widget.group()
    if group is not None and group.exclusive():
        return group
    if isinstance(widget, QRadioButton) and widget.autoExclusive():
        return widget.parentWidget()
    return None


def named_and_reached(qtbot: QtBot, root: QWidget,
                      first: QWidget | None = None) -> list[QWidget]:
    widgets = focusable(root)
    assert widgets
    unnamed = [f"{type(w).__name__} {w.objectName()!r} in {type(w.parent()).__name__}"
               for w in widgets if not accessible_name(w).strip()]
    assert unnamed == []
    reached = walk(qtbot, root, first)
    expected = {w for w in widgets if _in_a_group(w) is None}
    missed = [f"{type(w).__name__} {accessible_name(w)!r}" for w in expected - set(reached)]
    assert missed == []
    groups = {_in_a_group(w) for w in widgets} - {None}
    assert groups <= {_in_a_group(w) for w in reached}  # each group is reached
    return reached


def check_dialog(qtbot: QtBot, root: QWidget) -> None:
    qtbot.waitExposed(root)
    reached = named_and_reached(qtbot, root)
    first = _first(reached, root)
    reached = reached[reached.index(first):] + reached[:reached.index(first)]
    tops = [w.mapTo(root, w.rect().topLeft()).y() for w in reached]
    assert tops == sorted(tops) or _rows_in_order(reached, root) or _columns_in_order(
        reached, root)


def _columns_in_order(widgets: list[QWidget], root: QWidget) -> bool:
    """Side by side panes: each read down in turn, the panes from left to right."""
    lefts = [w.mapTo(root, QPoint(0, 0)).x() for w in widgets]
    runs = [lefts[0]]
    for left in lefts[1:]:
        if left < runs[-1] - 60:
            return False
        runs.append(left)
    return True


@pytest.fixture
def full(qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> MainWindow:
    """The app's own window (every extension) at 1366×768, with a session open."""
    window = build_window(seeded_vault, kdf_params=Argon2Params.minimum(),
                          settings=QSettings(str(settings_path), QSettings.Format.IniFormat),
                          extensions=None)
    qtbot.addWidget(window)
    window.resize(QSize(1366, 768))
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    unlock(qtbot, window)
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    session = services.sessions.list_for_client(robin.id)[0]
    open_session(qtbot, window, robin.id, session.id)
    return window


def region(window: MainWindow, widget: QWidget) -> str:
    workspace = window.workspace
    for name, part in (("clients", workspace.clients), ("client", workspace.middle),
                       ("note", workspace.editor)):
        if part is widget or part.isAncestorOf(widget):
            return name
    for dock in window.findChildren(QDockWidget):
        if dock.isAncestorOf(widget):
            return dock.objectName()
    return type(widget).__name__


def test_the_main_window_with_every_pane_and_dock(qtbot: QtBot, full: MainWindow) -> None:
    for key in ("marks", "measures"):
        full.show_dock(key)
    qtbot.wait(50)
    reached = named_and_reached(qtbot, full, full.workspace.clients.search)
    regions = [region(full, w) for w in reached]
    runs = [r for i, r in enumerate(regions) if i == 0 or regions[i - 1] != r]
    assert len(runs) == len(set(runs)), runs  # each pane walked whole, once
    assert runs[:3] == ["clients", "client", "note"]


def opened(qtbot: QtBot, window: MainWindow, menu: str, title: str) -> QWidget:
    """Trigger a menu item as a person would and return the window it opened."""
    before = set(QApplication.topLevelWidgets())
    actions = {a.text().replace("&", ""): a for a in window.menus[menu].actions()}
    actions[title].trigger()
    qtbot.waitUntil(lambda: any(w.isVisible() for w in
                                set(QApplication.topLevelWidgets()) - before))
    new = [w for w in set(QApplication.topLevelWidgets()) - before if w.isVisible()]
    assert len(new) == 1, new
    return new[0]


MENU_ITEMS: dict[str, tuple[str, str]] = {
    "settings": ("file", "Settings…"),
    "new client": ("client", "New client…"),
    "edit client": ("client", "Edit client…"),
    "new session": ("session", "New session…"),
    "edit session": ("session", "Edit session…"),
    "theme editor": ("themes", "Edit themes…"),
    "episode": ("themes", "Relationship episode…"),
    "sync": ("file", "Sync…"),
    "supervision": ("client", "Prepare for supervision…"),
    "backup settings": ("file", "Backup settings…"),
    "templates": ("session", "Note templates…"),
    "search": ("edit", "Search all notes…"),
}


@pytest.mark.slow  # a window unlocked for each (about 5 s each on a quiet machine)
@pytest.mark.parametrize("name", MENU_ITEMS)
def test_each_window_opened_from_the_menus(qtbot: QtBot, full: MainWindow, name: str) -> None:
    menu, title = MENU_ITEMS[name]
    dialog = opened(qtbot, full, menu, title)
    check_dialog(qtbot, dialog)
    dialog.close()


def test_each_page_of_the_settings(qtbot: QtBot, full: MainWindow) -> None:
    from PySide6.QtWidgets import QTabWidget

    dialog = opened(qtbot, full, "file", "Settings…")
    tabs = dialog.findChild(QTabWidget)
    pages = tabs.count() if tabs is not None else 1
    for page in range(pages):
        if tabs is not None:
            tabs.setCurrentIndex(page)
        check_dialog(qtbot, dialog)
    dialog.close()


def _measure_entry(window: MainWindow) -> Callable[[], object]:
    panel = window.show_dock("measures").widget()
    return lambda: panel.phq9_button.click()


def _scale(window: MainWindow) -> Callable[[], object]:
    panel = window.show_dock("measures").widget()
    return panel.new_scale


def _passages(window: MainWindow) -> Callable[[], object]:
    from desktop.gui.themes.passages_window import show_theme_passages

    theme = window.context.services.themes.taxonomy().themes[0]
    return lambda: show_theme_passages(window, theme.id, window.current_client_id())


def _picker(window: MainWindow) -> Callable[[], object]:
    surface = window.workspace.editor.surface()

    def mark() -> None:
        surface.setPlainText("She went quiet, then joked about the break.")
        surface.selectAll()
        window.themes.state.taggings["process"].mark_session()

    return mark


def _folder_import(window: MainWindow, folder: Path) -> Callable[[], object]:
    from desktop.gui.importing.install import ImportFeature

    (folder / "AB-01").mkdir(parents=True)
    (folder / "AB-01" / "2026-03-02.txt").write_text("A fictional note.\n")
    feature = window.findChild(ImportFeature)

    def start() -> None:
        dialogs.preset("folder", folder)
        feature.import_folder()

    return start


def _goal(window: MainWindow) -> Callable[[], object]:
    frame = window.workspace.client_view.frame
    window.workspace.show_frame()
    return frame.add_button.click


OPENERS = {"measure entry": _measure_entry, "new scale": _scale, "passages": _passages,
           "picker": _picker, "new goal": _goal}


@pytest.mark.slow
@pytest.mark.parametrize("name", [*OPENERS, "folder import"])
def test_each_window_opened_from_a_panel(qtbot: QtBot, full: MainWindow, name: str,
                                         tmp_path: Path) -> None:
    if name == "folder import":
        opener = _folder_import(full, tmp_path / "notes")
    else:
        opener = OPENERS[name](full)
    if name == "measure entry":  # the panel reads the session's scores in the background
        panel = full.show_dock("measures").widget()
        qtbot.waitUntil(lambda: panel.wanted is not None  # type: ignore[attr-defined]
                        and panel.session_id == panel.wanted)  # type: ignore[attr-defined]
    before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    opener()
    qtbot.waitUntil(lambda: any(w.isVisible() for w in
                                set(QApplication.topLevelWidgets()) - before))
    new = [w for w in set(QApplication.topLevelWidgets()) - before if w.isVisible()]
    assert len(new) == 1, new
    check_dialog(qtbot, new[0])
    new[0].close()
