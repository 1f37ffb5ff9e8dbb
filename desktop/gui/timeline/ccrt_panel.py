"""The client's CCRT: most frequent W, RO and RS, their pervasiveness and its change."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QSpinBox, QWidget

from db.analytics.dto import CcrtSummary
from desktop.gui.timeline.models import COMPONENT_NAMES, CcrtLine, CcrtModel, percent
from desktop.gui.timeline.table_panel import TablePanel

NOTE = ("Pervasiveness is the share of episodes in which a theme appears. "
        "The most frequent theme of each component (in bold) is the client's CCRT.")


class CcrtPanel(TablePanel):
    """Signals: ``n_changed(int)`` when the clinician changes how many episodes to compare."""

    n_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        self.ccrt_model = CcrtModel()
        super().__init__("Core conflictual relationship theme", self.ccrt_model, NOTE, parent)
        self.controls.addWidget(QLabel("Compare first/last"))
        self.n = QSpinBox()
        self.n.setRange(1, 500)
        self.n.setValue(10)
        self.n.setSuffix(" episodes")
        self.controls.addWidget(self.n)
        self.n.valueChanged.connect(self.n_changed)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.body.insertWidget(1, self.summary_label)

    def set_summary(self, summary: CcrtSummary) -> None:
        self.ccrt_model.set_n(summary.n)
        self.ccrt_model.set_rows(CcrtLine.from_summary(summary))
        overall = summary.overall
        if not overall.episodes:
            self.summary_label.setText("No relationship episodes are recorded yet.")
            return
        parts = []
        for component in overall.components:
            top = component.top
            if top is not None:
                parts.append(f"{COMPONENT_NAMES[component.component]}: <b>{top.theme.name}</b>"
                             f" ({percent(top.pervasiveness)})")
        transference = overall.transference_episodes
        text = (f"{overall.episodes} episodes, {transference} with the therapist "
                f"(transference).<br>" + " · ".join(parts))
        if summary.overlapping:
            text += (f"<br><i>Fewer than {2 * summary.n} episodes: the first and last "
                     f"{summary.n} overlap.</i>")
        self.summary_label.setText(text)
