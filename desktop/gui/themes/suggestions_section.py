"""The Settings dialog's "Theme suggestions" section: whether they are on, and how often
they would have been right on the clinician's own marks (top-1 and top-3)."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from db.plural import count
from db.suggestions.learn import FOLDS, MIN_PASSAGES, MIN_PER_THEME, Report
from desktop.gui.common.style import muted
from desktop.gui.themes.suggestions import ThemeSuggestions

PRIVACY = ("Learned on this computer from this vault's marks after each unlock, held in "
           "memory only and forgotten when the vault locks; never saved, never sent.")


def describe(report: Report | None, training: bool, failed: str = "") -> str:
    """The section's sentence for the state of the suggestions."""
    if training:
        return "Learning from your marked passages…"
    if failed:
        return f"Suggestions are off: {failed}"
    if report is None:
        return "Suggestions are learned after the vault is unlocked."
    if report.passages < MIN_PASSAGES:
        return (f"Off until {MIN_PASSAGES} passages are marked: this vault has "
                f"{count(report.passages, 'marked passage', thousands=True)}.")
    if report.accuracy is None:
        return f"Off until a theme has {MIN_PER_THEME} marked passages."
    accuracy = report.accuracy
    return (f"Learned from {count(report.passages, 'marked passage', thousands=True)}; "
            f"{count(report.themes, 'theme')} with at least {MIN_PER_THEME} can be "
            f"suggested. Tried on your own marks ({FOLDS}-fold cross-validation, "
            f"{count(accuracy.measured, 'passage', thousands=True)}): the first suggestion "
            f"was right {accuracy.top1:.0%} of the time, one of the three "
            f"{accuracy.top3:.0%}.")


class SuggestionsSection(QGroupBox):
    def __init__(self, suggestions: ThemeSuggestions, parent: QWidget | None = None) -> None:
        super().__init__("Theme suggestions", parent)
        self._suggestions = suggestions
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.state.setAccessibleName("Theme suggestions")
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(muted(PRIVACY, self))
        suggestions.updated.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        s = self._suggestions
        self.state.setText(describe(s.report, s.training, s.failed))
