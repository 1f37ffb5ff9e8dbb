"""The DMRS profile of the sessions in view: the share of each of the 7 levels, then of
each of the 30 defenses, under the scoring chosen (numbers from ``db.analytics.profile``)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from db.analytics.profile import DefenseProfile, ProfileShare
from db.analytics.scoring import SCORING_NAMES
from desktop.gui.timeline.models import _Table, percent
from desktop.gui.timeline.table_panel import TablePanel

NOTE = ("Share of all defenses marked in these sessions, by DMRS level and by defense "
        "(indicative).")


class ProfileModel(_Table[ProfileShare]):
    class Column(IntEnum):
        NAME = 0
        LEVEL = 1
        DEFENSES = 2
        SHARE = 3

    headers = ("Level or defense", "Level", "Defenses", "Share")
    text_columns = frozenset({0})

    def text(self, row: ProfileShare, column: int) -> str:
        K = self.Column  # noqa: N806
        return {K.NAME: row.name if row.theme is None else f"    {row.name}",
                K.LEVEL: str(row.level), K.DEFENSES: str(row.defenses),
                K.SHARE: percent(row.share)}[K(column)]

    def sort_value(self, row: ProfileShare, column: int) -> Any:
        K = self.Column  # noqa: N806
        return {K.LEVEL: row.level, K.DEFENSES: row.defenses,
                K.SHARE: row.share or 0.0}.get(K(column), self.text(row, column))

    def theme_of(self, row: ProfileShare) -> str | None:
        return row.theme.color if row.theme else None

    def extra(self, row: ProfileShare, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and row.theme is None:
            font = QFont()
            font.setBold(True)
            return font
        return None


def profile_rows(profile: DefenseProfile) -> list[ProfileShare]:
    """Each level (7 → 1) followed by its defenses."""
    rows: list[ProfileShare] = []
    for level in profile.levels:
        rows.append(level)
        rows.extend(d for d in profile.by_defense if d.level == level.level)
    return rows


class ProfilePanel(TablePanel):
    def __init__(self, parent: QWidget | None = None) -> None:
        self.profile_model = ProfileModel()
        super().__init__("DMRS profile", self.profile_model, NOTE, parent)

    def set_profile(self, profile: DefenseProfile) -> None:
        self.profile_model.set_rows(profile_rows(profile))
        summary = profile.summary
        if profile.odf is None:
            self.note.setText("Not enough data: no defenses are marked in these sessions.")
            return
        self.note.setText(
            f"{NOTE} {SCORING_NAMES[profile.scoring].capitalize()}: ODF {profile.odf:.2f} "
            f"from {profile.defenses} defenses. Mature {percent(summary['mature'])}, "
            f"neurotic {percent(summary['neurotic'])}, immature "
            f"{percent(summary['immature'])}.")
