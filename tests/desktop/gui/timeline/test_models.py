"""The analytics table models, checked by Qt's model tester and for what they show."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.modeltest import ModelTester

from db.analytics.dto import (
    CcrtComponent,
    CcrtCount,
    CcrtSummary,
    CcrtWindow,
    CoOccurrence,
    PrevalenceRow,
    RecurrenceRow,
    Reemergence,
    ThemeRef,
)
from desktop.gui.timeline.models import (
    CaseloadModel,
    CcrtLine,
    CcrtModel,
    CoOccurrenceModel,
    RecurrenceModel,
)


def _ref(name: str) -> ThemeRef:
    return ThemeRef(uuid.uuid4(), None, name, "#336699")


def _recurrence(name: str, back: tuple[Reemergence, ...] = ()) -> RecurrenceRow:
    return RecurrenceRow(uuid.uuid4(), name, "#336699", "Process & technique", 1,
                         date(2025, 1, 6), 15, date(2025, 4, 14), 6, 0.4, 3, 6, back)


def test_recurrence_model(qtmodeltester: ModelTester) -> None:
    model = RecurrenceModel()
    back = Reemergence(15, date(2025, 4, 14), 6)
    model.set_rows([_recurrence("Resistance", (back,)), _recurrence("Interpretation")])
    qtmodeltester.check(model)
    col = RecurrenceModel.Column
    assert model.index(0, col.REEMERGED).data() == "at 15, after 6"
    assert model.index(0, col.SESSIONS).data() == "6 (40%)"
    assert model.index(0, col.GAP).data(RecurrenceModel.SortRole) == 6
    assert isinstance(model.index(0, col.REEMERGED).data(Qt.ItemDataRole.BackgroundRole),
                      QBrush)
    assert model.index(1, col.REEMERGED).data(Qt.ItemDataRole.BackgroundRole) is None
    model.set_rows([])
    qtmodeltester.check(model)


def test_ccrt_model(qtmodeltester: ModelTester) -> None:
    loved, close = _ref("To be loved and understood"), _ref("To be close and accepting")

    def window(label: str, counts: list[tuple[ThemeRef, int, float]]) -> CcrtWindow:
        wish = CcrtComponent("W", tuple(CcrtCount(t, n, p) for t, n, p in counts))
        return CcrtWindow(label, 4, 1, (wish, CcrtComponent("RO", ()), CcrtComponent("RS", ())))

    summary = CcrtSummary(2, window("All", [(loved, 3, 0.75), (close, 1, 0.25)]),
                          window("First 2", [(loved, 2, 1.0)]),
                          window("Last 2", [(loved, 1, 0.5), (close, 1, 0.5)]), False)
    model = CcrtModel()
    model.set_n(2)
    model.set_rows(CcrtLine.from_summary(summary))
    qtmodeltester.check(model)
    col = CcrtModel.Column
    assert [model.index(0, c).data() for c in col] == [
        "To be loved and understood", "Wish", "3", "75%", "100%", "50%", "-50 pts"]
    assert model.index(1, col.CHANGE).data() == "+50 pts"
    assert model.headerData(col.FIRST, Qt.Orientation.Horizontal) == "First 2"
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()


def test_co_occurrence_model(qtmodeltester: ModelTester) -> None:
    matrix = CoOccurrence("Transference (PRQ)", "Countertransference (CTQ)",
                          (_ref("Angry/entitled"), _ref("Secure/engaged")),
                          (_ref("Criticized/mistreated"), _ref("Positive")),
                          ((2, 0), (0, 1)), 3)
    model = CoOccurrenceModel()
    model.set_matrix(matrix)
    qtmodeltester.check(model)
    assert model.columnCount() == 3
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Criticized"
    assert model.headerData(1, Qt.Orientation.Horizontal,
                            Qt.ItemDataRole.ToolTipRole) == "Criticized/mistreated"
    assert model.index(0, 1).data() == "2"
    assert model.index(0, 2).data(Qt.ItemDataRole.BackgroundRole) is None


def test_caseload_model(qtmodeltester: ModelTester) -> None:
    model = CaseloadModel()
    model.set_rows([PrevalenceRow(_ref("Anxious/preoccupied"), "Transference (PRQ)", 2, 1.0,
                                  3, 0.5)])
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in CaseloadModel.Column] == [
        "Anxious/preoccupied", "Transference (PRQ)", "50%", "3", "2 (100%)"]
