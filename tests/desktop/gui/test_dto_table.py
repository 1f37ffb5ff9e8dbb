"""The one table model for DTO rows: columns as data, Qt's model tester, in-place updates."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.gui.common.dto_table import RIGHT, Column, DtoTableModel


@dataclass(frozen=True)
class Pebble:
    id: uuid.UUID
    name: str
    weight: int


COLUMNS = (Column("Name", lambda p: p.name, tooltip=lambda p: f"{p.name}, {p.weight} g"),
           Column("Weight", lambda p: p.weight, numeric=True))


class WeighedModel(DtoTableModel[Pebble]):
    HeavyRole = Qt.ItemDataRole.UserRole + 1

    def role_data(self, row: Pebble, column: int, role: int) -> Any:
        return row.weight > 10 if role == self.HeavyRole else None


def pebbles(*names_and_weights: tuple[str, int]) -> list[Pebble]:
    return [Pebble(uuid.uuid4(), name, weight) for name, weight in names_and_weights]


def test_columns_say_what_a_cell_shows(qtmodeltester: ModelTester) -> None:
    model = WeighedModel(COLUMNS, key=lambda p: p.id)
    qtmodeltester.check(model)
    rows = pebbles(("flint", 12), ("chalk", 4))
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.columnCount() == 2
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == \
        ["Name", "Weight"]
    assert model.index(0, 0).data() == "flint"
    assert model.index(1, 1).data() == 4
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "flint, 12 g"
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.index(1, 0).data(DtoTableModel.RowRole) == rows[1]
    assert model.index(0, 0).data(WeighedModel.HeavyRole) is True
    assert model.index(1, 0).data(WeighedModel.HeavyRole) is False
    assert [model.row(r) for r in range(model.rowCount())] == rows


def test_rows_are_found_and_replaced_by_key(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    model = DtoTableModel(COLUMNS, key=lambda p: p.id)
    flint, chalk = pebbles(("flint", 12), ("chalk", 4))
    model.set_rows([flint, chalk])
    assert model.row_of(chalk.id) == 1
    assert model.row_of(uuid.uuid4()) == -1
    heavier = Pebble(chalk.id, "chalk", 40)
    with qtbot.waitSignal(model.dataChanged) as changed:
        assert model.update_row(heavier)
    top_left, bottom_right = changed.args[:2]
    assert (top_left.row(), top_left.column(), bottom_right.column()) == (1, 0, 1)
    assert model.index(1, 1).data() == 40
    assert not model.update_row(Pebble(uuid.uuid4(), "basalt", 9))
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_a_column_that_shows_something_else_is_announced(qtbot: QtBot) -> None:
    shown = {"weights": True}
    model = DtoTableModel([Column("Weight", lambda p: p.weight if shown["weights"] else "")])
    model.refresh_column(0)  # no rows: nothing to announce, and no error
    model.set_rows(pebbles(("flint", 12), ("chalk", 4)))
    shown["weights"] = False
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.refresh_column(0)
    assert (changed.args[0].row(), changed.args[1].row()) == (0, 1)
    assert model.index(0, 0).data() == ""


def test_out_of_range_asks_get_nothing() -> None:
    model = DtoTableModel(COLUMNS)
    model.set_rows(pebbles(("flint", 12)))
    assert model.index(3, 0).data() is None
    assert model.headerData(5, Qt.Orientation.Horizontal) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None
