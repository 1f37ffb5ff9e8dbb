"""Client ▸ Prepare for supervision…: choose what goes, read the pseudonymised preview
(to its end), then write a PDF or an age file to the supervisor's public key."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db.atomic import write_atomic
from db.backup.age import encrypt, parse_recipient
from db.services.hub import Services
from db.supervision.document import SupervisionChoice, SupervisionDocument
from desktop.gui.common import dialogs
from desktop.gui.common.context import AppContext
from desktop.gui.common.jobs import Failure
from desktop.gui.supervision.pdf import pdf_bytes
from desktop.gui.supervision.preview import preview_html

READ_FIRST = "Read the preview to its end first."


class SupervisionDialog(QDialog):
    """Signals: ``written(Path)`` once the file is written and the export recorded."""

    written = Signal(object)

    def __init__(self, context: AppContext, client_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context, self.client_id = context, client_id
        services = context.services
        client = services.clients.get(client_id)
        self.setWindowTitle(f"Prepare {client.code} for supervision — Threadline")
        self.document: SupervisionDocument | None = None
        self.period = QCheckBox("Only the sessions from", self)
        self.date_from, self.date_to = QDateEdit(self), QDateEdit(self)
        for edit, name in ((self.date_from, "From"), (self.date_to, "Until")):
            edit.setAccessibleName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
        self.include_notes = QCheckBox("Also the process notes of the sessions ticked below",
                                       self)
        self.include_passages = QCheckBox("and their marked passages", self)
        self.sessions = QListWidget(self)
        self.sessions.setAccessibleName("Sessions to include")
        for s in sorted(services.sessions.list_for_client(client_id), key=lambda s: s.number):
            item = QListWidgetItem(f"Session {s.number} — {s.date.isoformat()}")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.sessions.addItem(item)
        names, places = services.supervision.lists()
        self.names, self.places = QPlainTextEdit("\n".join(names), self), QPlainTextEdit(
            "\n".join(places), self)
        self.names.setPlaceholderText("One name a line (people the notes may mention)")
        self.places.setPlaceholderText("One place a line (towns, schools, workplaces)")
        for field, name in ((self.names, "Names to replace"),
                            (self.places, "Places to replace")):
            field.setAccessibleName(name)
            field.setTabChangesFocus(True)
        self.prepare_button = QPushButton("&Prepare preview", self)
        self.prepare_button.clicked.connect(self.prepare)
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName("Preview")
        self.counts = QLabel("", self)
        self.read = QCheckBox("I have read the whole preview", self)
        self.read.setEnabled(False)
        self.as_pdf = QRadioButton("PDF", self)
        self.as_pdf.setChecked(True)
        self.as_age = QRadioButton("age file to the supervisor's public key:", self)
        self.recipient = QLineEdit(self)
        self.recipient.setAccessibleName("The supervisor's public key")
        self.recipient.setPlaceholderText("age1…")
        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)
        self.write_button = QPushButton("&Write…", self)
        self.write_button.setEnabled(False)
        self.write_button.clicked.connect(self.write)
        self.read.toggled.connect(lambda on: self.write_button.setEnabled(on))
        bar = self.preview.verticalScrollBar()
        bar.valueChanged.connect(lambda _: self._maybe_read())
        bar.rangeChanged.connect(lambda *_: self._maybe_read())
        self._build()

    def _build(self) -> None:
        period = QHBoxLayout()
        for widget in (self.period, self.date_from, QLabel("to", self), self.date_to):
            period.addWidget(widget)
        period.addStretch(1)
        lists = QFormLayout()
        lists.addRow("Names to replace", self.names)
        lists.addRow("Places to replace", self.places)
        output = QHBoxLayout()
        for choice in (self.as_pdf, self.as_age, self.recipient):
            output.addWidget(choice)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.include_notes)
        layout.addWidget(self.include_passages)
        layout.addWidget(self.sessions)
        layout.addLayout(lists)
        layout.addWidget(self.prepare_button)
        layout.addWidget(self.preview, 2)
        layout.addWidget(self.counts)
        layout.addWidget(self.read)
        layout.addLayout(output)
        layout.addWidget(self.problem)
        layout.addWidget(self.write_button)
        self.resize(820, 860)

    def choice(self) -> SupervisionChoice:
        chosen = frozenset(
            self.sessions.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.sessions.count())
            if self.sessions.item(i).checkState() == Qt.CheckState.Checked)
        period = self.period.isChecked()
        start, end = self.date_from.date(), self.date_to.date()
        return SupervisionChoice(
            self.client_id,
            date(start.year(), start.month(), start.day()) if period else None,
            date(end.year(), end.month(), end.day()) if period else None,
            include_notes=self.include_notes.isChecked(),
            include_passages=self.include_passages.isChecked(), session_ids=chosen)

    def prepare(self) -> None:
        """Store the lists, then build the preview off the GUI thread."""
        self.document = None
        self.read.setChecked(False)
        self.read.setEnabled(False)
        self.preview.clear()
        self.problem.clear()
        names = self.names.toPlainText().splitlines()
        places = self.places.toPlainText().splitlines()
        choice = self.choice()

        def run(services: Services) -> object:
            return services.supervision.set_lists(names, places)

        def stored(_: object) -> None:
            services = self._context.services
            self._context.jobs.start(lambda: services.supervision.prepare(choice),
                                     on_done=self._prepared, on_error=self._failed,
                                     key=self, name="supervision preview")

        self._context.submit(run, initiator=self, on_done=stored,
                             on_error=lambda e: self.problem.setText(str(e)))

    def _prepared(self, document: SupervisionDocument) -> None:
        self.document = document
        self.preview.setHtml(preview_html(document))
        self.counts.setText(f"{document.replaced_count()} replacements (yellow); "
                            f"{document.flagged_count()} words to look at (red). The client "
                            f"is shown as {document.code}.")
        self._maybe_read()

    def _failed(self, failure: Failure) -> None:
        self.problem.setText(failure.message)

    def _maybe_read(self) -> None:
        bar = self.preview.verticalScrollBar()
        if self.document is not None and bar.value() >= bar.maximum():
            self.read.setEnabled(True)

    def write(self) -> None:
        document = self.document
        if document is None or not self.read.isChecked():
            self.problem.setText(READ_FIRST)
            return
        recipient = None
        if self.as_age.isChecked():
            try:
                recipient = parse_recipient(self.recipient.text())
            except Exception as error:  # BackupError: its own sentence
                self.problem.setText(str(error))
                return
        suffix = ".age" if recipient is not None else ".pdf"
        target = dialogs.choose_save_file(self, "Write the supervision export",
                                          f"supervision-{document.code}{suffix}",
                                          f"*{suffix}")
        if target is None:
            return
        data = pdf_bytes(document)
        kind = "pdf"
        if recipient is not None:
            data, kind = encrypt(data, recipients=[recipient]), "age"

        def run(services: Services) -> object:
            write_atomic(Path(target), data)
            return services.supervision.record_export(document, kind)

        self.write_button.setEnabled(False)
        self._context.submit(run, initiator=self, on_done=lambda _: self._written(target),
                             on_error=self._not_written)

    def _written(self, target: Path) -> None:
        self.written.emit(target)
        self.accept()

    def _not_written(self, error: BaseException) -> None:
        self.write_button.setEnabled(True)
        self.problem.setText(str(error) or "The file was not written.")
