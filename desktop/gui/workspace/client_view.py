"""One client: a header, their sessions, and their treatment frame and goals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from db.services.dto import ClientDTO
from desktop.gui.common.context import AppContext
from desktop.gui.common.labels import CLIENT_STATUS_LABELS
from desktop.gui.common.style import heading, muted
from desktop.gui.workspace.frame_goals import FrameGoalsView, frame_summary
from desktop.gui.workspace.sessions_list import SessionsList


class ClientView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client: ClientDTO | None = None
        self._privacy = True
        self.title = heading("", 1.4, self)
        self.title.setAccessibleName("Client")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.subtitle: QLabel = muted("", self)
        self.sessions = SessionsList(self)
        self.frame = FrameGoalsView(context, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.sessions, "Sessions")
        self.tabs.addTab(self.frame, "Frame && goals")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(4)
        layout.addWidget(self.tabs, 1)

    def set_client(self, client: ClientDTO) -> None:
        self.client = client
        self.frame.set_client(client)
        self._update_header()

    def set_privacy(self, on: bool) -> None:
        self._privacy = on
        self._update_header()

    def _update_header(self) -> None:
        client = self.client
        if client is None:
            return
        name = "" if self._privacy or not client.display_name else f" · {client.display_name}"
        self.title.setText(f"{client.code}{name}")
        status = CLIENT_STATUS_LABELS.get(client.status, client.status)
        self.subtitle.setText(f"{status} · {frame_summary(client)}")
