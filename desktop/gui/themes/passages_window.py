"""Every passage of one theme: date, session, quote, comment and intensity; a click opens it.

Opened from the theme editor (Passages…), the Marks panel (Passages of this theme…) and,
for the timeline, by :func:`show_theme_passages`. It reads through
``services.theme_passages`` (a read, never a write) and exports only to a file the
clinician chooses, under a name that holds no client data unless they type it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.plural import count
from db.services.theme_passages import ThemePassagesDTO
from desktop.gui.common import dialogs
from desktop.gui.common.style import heading, muted
from desktop.gui.common.wrap_delegate import WrappingDelegate
from desktop.gui.themes.passages_export import COLUMNS, rows, to_csv, to_markdown
from desktop.gui.timeline.export import UNENCRYPTED_WARNING, write_export

if TYPE_CHECKING:
    from db.services.hub import Services
    from desktop.gui.main_window import MainWindow

PassageRole = Qt.ItemDataRole.UserRole + 1


class PassagesWindow(QWidget):
    """Signals: ``open_requested(client_id, session_id)`` when a passage is chosen."""

    open_requested = Signal(object, object)

    def __init__(self, services: Callable[[], Services], theme_id: uuid.UUID,
                 client_id: uuid.UUID | None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._services = services
        self._theme_id = theme_id
        self._client_id = client_id
        self.found: ThemePassagesDTO | None = None
        self.setWindowTitle("Passages")
        self.resize(900, 520)
        self.title = heading("", 1.2, self)
        self.summary = muted("", self)
        self.scope = QComboBox(self)
        self.scope.setAccessibleName("Whose passages")
        if client_id is not None:
            self.scope.addItem("This client", client_id)
        self.scope.addItem("All clients", None)
        self.scope.currentIndexChanged.connect(lambda _: self.reload())
        self.list = QTreeWidget(self)
        self.list.setAccessibleName("Passages")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(list(COLUMNS))
        self.list.setItemDelegate(WrappingDelegate(self.list))
        header = self.list.header()
        header.setStretchLastSection(False)
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for wide in ("Passage", "Comment"):  # they share the width and wrap
            header.setSectionResizeMode(COLUMNS.index(wide), QHeaderView.ResizeMode.Stretch)
        self.list.itemActivated.connect(self._activated)
        self.list.itemDoubleClicked.connect(self._activated)
        self.markdown_button = QPushButton("Export &Markdown…", self)
        self.markdown_button.clicked.connect(lambda: self.export("markdown"))
        self.csv_button = QPushButton("Export &CSV…", self)
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.scope)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.markdown_button)
        buttons.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        client = self.scope.currentData()
        found = self._services().theme_passages.for_theme(
            self._theme_id, client if isinstance(client, uuid.UUID) else None)
        self.found = found
        self.title.setText(f"Passages marked “{found.theme_name}”")
        self.summary.setText(count(len(found.passages), "passage") + " · double-click one "
                             "to open its session")
        self.list.clear()
        for passage, row in zip(found.passages, rows(found), strict=True):
            item = QTreeWidgetItem(list(row))
            item.setData(0, PassageRole, passage)
            self.list.addTopLevelItem(item)
        has_rows = bool(found.passages)
        self.markdown_button.setEnabled(has_rows)
        self.csv_button.setEnabled(has_rows)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        passage = item.data(0, PassageRole)
        if passage is not None:
            self.open_requested.emit(passage.client_id, passage.session_id)

    def export(self, kind: str) -> bool:
        """Save the list where the clinician chooses; ``False`` if cancelled or refused."""
        if self.found is None:
            return False
        suggested, filters, data = (("passages.md", "Markdown (*.md)", to_markdown(self.found))
                                    if kind == "markdown" else
                                    ("passages.csv", "CSV table (*.csv)", to_csv(self.found)))
        path = dialogs.choose_save_file(self, "Export passages", suggested, filters)
        if path is None or not dialogs.confirm(self, "Export without encryption",
                                               UNENCRYPTED_WARNING, yes="Save unencrypted"):
            return False
        try:
            write_export(path, data)
        except OSError as error:
            dialogs.warning(self, "Export passages", "The file could not be written: "
                            f"{error.strerror or 'the folder cannot be used'}.")
            return False
        return True


def show_theme_passages(window: MainWindow, theme_id: uuid.UUID,
                        client_id: uuid.UUID | None = None) -> PassagesWindow:
    """Open the Passages list of a theme in ``window`` (for the timeline's rows, too);
    choosing a passage opens its session in the workspace. Closed when the vault locks."""
    context = window.context
    passages = PassagesWindow(lambda: context.services, theme_id, client_id, window)
    passages.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    passages.open_requested.connect(window.open_session)
    context.events.locked.connect(passages.close)
    passages.show()
    return passages
