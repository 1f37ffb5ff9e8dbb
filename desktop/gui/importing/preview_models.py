"""The tables of the folder-import preview: the sessions it will create, the files it skips."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

from desktop.gui.common.dates import short_date, weekday_date
from desktop.gui.common.dto_table import Column, DtoTableModel

if TYPE_CHECKING:
    from db.interchange.folder_scan import PlannedSession, SkippedFile


class SessionColumn(IntEnum):
    FOLDER = 0
    CLIENT = 1
    DATE = 2
    FILE = 3
    WORDS = 4


def _day_tooltip(row: PlannedSession) -> str:
    second = f", session {row.order} of that day" if row.order > 1 else ""
    return f"{weekday_date(row.date)}{second}"


class PlannedSessionsModel(DtoTableModel["PlannedSession"]):
    """One row per session the import creates (:class:`PlannedSession`)."""

    def __init__(self, parent: Any = None) -> None:
        self._new: frozenset[str] = frozenset()
        columns: dict[SessionColumn, Column[PlannedSession]] = {
            SessionColumn.FOLDER: Column("Folder", lambda r: r.folder),
            SessionColumn.CLIENT: Column("Client", self._client),
            SessionColumn.DATE: Column("Date", lambda r: short_date(r.date),
                                       tooltip=_day_tooltip),
            SessionColumn.FILE: Column("File", lambda r: r.source.rsplit("/", 1)[-1],
                                       tooltip=lambda r: r.source),
            SessionColumn.WORDS: Column("Words", lambda r: r.words, numeric=True),
        }
        super().__init__([columns[c] for c in SessionColumn], parent)

    def set_plan(self, sessions: list[PlannedSession], new_codes: frozenset[str]) -> None:
        self._new = new_codes
        self.set_rows(sessions)

    def _client(self, row: PlannedSession) -> str:
        known = "new" if row.client_code in self._new else "existing"
        return f"{row.client_code} · {known}"


class SkippedColumn(IntEnum):
    FILE = 0
    REASON = 1


def _source(row: SkippedFile) -> str:
    return row.source


def _reason(row: SkippedFile) -> str:
    return reason_words(row.reason)


class SkippedFilesModel(DtoTableModel["SkippedFile"]):
    """One row per file (or folder) the import skips, with the reason."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([Column("File", _source, tooltip=_source),
                          Column("Why it is skipped", _reason, tooltip=_reason)], parent)


def reason_words(reason: str) -> str:
    """A skip reason for a table cell: "is empty" becomes "Empty"."""
    text = reason.removeprefix("is ")
    return text[:1].upper() + text[1:]
