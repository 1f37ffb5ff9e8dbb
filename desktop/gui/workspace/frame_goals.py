"""A client's treatment frame and goals, with dated reviews; a progress review is one click."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.services.dto import ClientDTO
from desktop.gui.common.context import AppContext
from desktop.gui.common.dates import short_date
from desktop.gui.common.labels import GOAL_STATUS_LABELS
from desktop.gui.common.style import heading, muted
from desktop.gui.common.wrap_delegate import WrappingDelegate
from desktop.gui.workspace.goal_dialog import GoalDialog
from desktop.gui.workspace.goal_review import GoalReviewDialog

GoalRole = Qt.ItemDataRole.UserRole + 1


def frame_summary(client: ClientDTO) -> str:
    parts = [client.modality or "Modality not set", client.frequency or "frequency not set"]
    if client.frame_start_date:
        parts.append(f"since {short_date(client.frame_start_date)}")
    if client.planned_sessions:
        parts.append(f"session {client.session_count} of {client.planned_sessions}")
    return " · ".join(parts)


class FrameGoalsView(QWidget):
    """Signals: ``edit_frame_requested()`` (the client form edits the frame)."""

    edit_frame_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._client: ClientDTO | None = None
        self.goal_dialog: GoalDialog | None = None
        self.modality = QLabel(self)
        self.frequency = QLabel(self)
        self.start = QLabel(self)
        self.progress = QLabel(self)
        frame = QFormLayout()
        frame.addRow("Modality:", self.modality)
        frame.addRow("Frequency:", self.frequency)
        frame.addRow("Frame started:", self.start)
        frame.addRow("Sessions:", self.progress)
        edit = QPushButton("Edit &frame…", self)
        edit.clicked.connect(self.edit_frame_requested)
        self.goals = QTreeWidget(self)
        self.goals.setAccessibleName("Goals")
        self.goals.setHeaderLabels(["Goal", "Status"])
        self.goals.setRootIsDecorated(True)
        self.goals.setItemDelegate(WrappingDelegate(self.goals))  # long goals wrap
        header = self.goals.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = muted("No goals yet. Goals agreed with the client, each reviewed from "
                           "time to time, make progress visible.", self)
        self.add_button = QPushButton("&Add goal…", self)
        self.add_button.clicked.connect(self.add_goal)
        self.review_button = QPushButton("&Review goals…", self)
        self.review_button.clicked.connect(self.review)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Treatment frame", 1.15, self))
        layout.addLayout(frame)
        row = QHBoxLayout()
        row.addWidget(edit)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addSpacing(8)
        layout.addWidget(heading("Goals", 1.15, self))
        layout.addWidget(self.empty)
        layout.addWidget(self.goals, 1)
        layout.addLayout(buttons)

    def set_client(self, client: ClientDTO) -> None:
        self._client = client
        dash = "—"
        self.modality.setText(client.modality or dash)
        self.frequency.setText(client.frequency or dash)
        self.start.setText(short_date(client.frame_start_date)
                           if client.frame_start_date else dash)
        planned = f" of {client.planned_sessions} planned" if client.planned_sessions else ""
        self.progress.setText(f"{client.session_count}{planned}")
        self.goals.clear()
        for goal in client.goals:
            item = QTreeWidgetItem([goal.title, GOAL_STATUS_LABELS.get(goal.status, goal.status)])
            item.setData(0, GoalRole, goal.id)
            for review in sorted(goal.reviews, key=lambda r: r.reviewed_on, reverse=True):
                text = review.note or "(status reviewed)"
                QTreeWidgetItem(item, [f"{short_date(review.reviewed_on)}: {text}", ""])
            self.goals.addTopLevelItem(item)
        self.goals.expandAll()
        self.empty.setVisible(not client.goals)
        self.goals.setVisible(bool(client.goals))
        self.review_button.setEnabled(bool(client.goals))

    def add_goal(self) -> None:
        """Open the goal dialog (kept as :attr:`goal_dialog`)."""
        if self._client is None:
            return
        self.goal_dialog = GoalDialog(self._context, self._client, self)
        self.goal_dialog.open()

    def review(self) -> GoalReviewDialog | None:
        if self._client is None or not self._client.goals:
            return None
        dialog = GoalReviewDialog(self._context, self._client, self)
        dialog.open()
        return dialog
