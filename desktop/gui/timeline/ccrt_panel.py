"""The client's CCRT: most frequent W, RO and RS, their pervasiveness and its change."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QSpinBox, QWidget

from db.analytics.dto import CcrtSummary, CcrtWindow
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
        self.summary_label.setText(summary_text(summary))


def _line(window: CcrtWindow) -> str:
    """One window's CCRT: the top theme of each component, ties and too few episodes said."""
    if not window.episodes:
        return f"{window.label}: no episodes."
    parts = []
    for component in window.components:
        tied = component.tied
        if not tied:
            continue
        names = " = ".join(f"<b>{c.theme.name}</b>" for c in tied)
        tie = " (a tie)" if len(tied) > 1 else ""
        parts.append(f"{COMPONENT_NAMES[component.component]}: {names}{tie} "
                     f"({percent(tied[0].pervasiveness)})")
    text = f"{window.label} ({window.episodes}): " + " · ".join(parts)
    if window.few:
        text += f" <i>— {FEW}</i>"
    return text


FEW = "fewer than 10 episodes, too few for a CCRT to rest on"


def summary_text(summary: CcrtSummary) -> str:
    overall = summary.overall
    if not overall.episodes:
        return "No relationship episodes are recorded yet."
    lines = [f"{overall.episodes} episodes, {overall.transference_episodes} with the "
             f"therapist (transference).", _line(overall)]
    if summary.therapist is not None and summary.others is not None:
        lines += [_line(summary.therapist), _line(summary.others)]
    if summary.overlapping:
        lines.append(f"<i>Fewer than {2 * summary.n} episodes: the first and last "
                     f"{summary.n} overlap.</i>")
    return "<br>".join(lines)
