"""The theme editor window: edits through the dialog seam, Undo and Redo, the tree model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.services.hub import Services
from db.services.marks import MarkInput
from desktop.gui.common import dialogs
from desktop.gui.themes.editor_window import ThemeEditorWindow
from desktop.gui.themes.tree_model import ThemeTreeModel
from tests.db.themes_helpers import new_session, theme_id


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> ThemeEditorWindow:
    editor = ThemeEditorWindow(lambda: services)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_tree_shows_categories_and_themes(window: ThemeEditorWindow, services: Services,
                                          qtmodeltester: object) -> None:
    qtmodeltester.check(window.model)  # type: ignore[attr-defined]
    model = window.model
    roots = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert roots == ["Defenses (DMRS)", "Transference (PRQ)", "Countertransference (CTQ)",
                     "Relationship patterns (CCRT)", "Process & technique"]
    humor = model.index_of(theme_id(services, "dmrs.humor"))
    assert humor.data() == "Humor"
    assert humor.parent().data() == "High adaptive"
    assert humor.siblingAtColumn(ThemeTreeModel.Column.KEY).data() == "dmrs.humor"
    assert window.tree.isExpanded(humor.parent())


def test_rename_undo_redo(qtbot: QtBot, window: ThemeEditorWindow, services: Services) -> None:
    humor = theme_id(services, "dmrs.humor")
    window.select(humor)
    dialogs.preset("text", "Wit")
    with qtbot.waitSignal(window.changed):
        window.rename_action.trigger()
    assert services.themes.theme(humor).name == "Wit"
    assert window.model.index_of(humor).data() == "Wit"
    assert window.undo_action.text().replace("&", "") == "Undo Rename theme"
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.themes.theme(humor).name == "Humor"
    window.redo_action.trigger()
    assert services.themes.theme(humor).name == "Wit"
    assert "Wit" in window.details.text()


def test_recolour_through_the_colour_dialog_seam(window: ThemeEditorWindow,
                                                 services: Services) -> None:
    denial = theme_id(services, "dmrs.denial")
    window.select(denial)
    dialogs.preset("color", "#224466")
    window.recolour_action.trigger()
    assert services.themes.theme(denial).color == "#224466"
    assert [a.kind for a in dialogs.asked()] == ["color"]
    window.undo_action.trigger()
    assert services.themes.theme(denial).color != "#224466"


def test_add_describe_move_and_undo_all(window: ThemeEditorWindow, services: Services) -> None:
    before = services.themes.taxonomy()
    window.select(theme_id(services, "process.resistance"))
    dialogs.preset("text", "Lateness")
    added = window.add_theme()
    assert added is not None
    assert window.selected() is not None
    assert window.selected().name == "Lateness"  # type: ignore[union-attr]
    dialogs.preset("text", "Arrives late to avoid the start of the hour.")
    window.describe_action.trigger()
    dialogs.preset("choice", "Defenses (DMRS) › Action")
    window.move_action.trigger()
    moved = services.themes.theme(added.theme_id)
    assert moved.dmrs_level == 1
    assert moved.definition == "Arrives late to avoid the start of the hour."
    while window.undo_stack.canUndo():
        window.undo_action.trigger()
    assert services.themes.taxonomy() == before


def test_merge_and_refusals_are_told_in_one_sentence(
        window: ThemeEditorWindow, services: Services) -> None:
    session_id = new_session(services)
    close = theme_id(services, "ccrt.w.be_close")
    services.marks.add(session_id, MarkInput(close))
    window.refresh()
    window.select(close)
    dialogs.preset("choice", "To be loved and understood — Relationship patterns (CCRT) › Wishes")
    window.merge_action.trigger()
    assert services.themes.theme(close).merged_into_id == theme_id(services, "ccrt.w.be_loved")
    assert dialogs.asked()[-1].text.startswith("Move the 1 mark of")
    window.select(theme_id(services, "ccrt.w.be_distant"))
    dialogs.preset("choice", "Helpful — Relationship patterns (CCRT) › Responses of other")
    window.merge_action.trigger()
    assert dialogs.asked()[-1].kind == "warning"
    assert "same component" in dialogs.asked()[-1].text
    window.undo_action.trigger()
    assert services.themes.theme(close).merged_into_id is None


def test_archiving_a_category_in_use_asks_first(window: ThemeEditorWindow,
                                                services: Services) -> None:
    services.marks.add(new_session(services), MarkInput(theme_id(services, "ctq.positive")))
    window.refresh()
    ctq = next(c for c in services.themes.taxonomy().categories if c.key == "ctq")
    window.select(ctq.id)
    dialogs.preset("confirm", False)
    window.archive_action.trigger()
    assert services.themes.taxonomy().category(ctq.id).archived_at is None
    assert "1 mark" in dialogs.asked()[-1].text
    dialogs.preset("confirm", True)
    window.archive_action.trigger()
    assert services.themes.taxonomy().category(ctq.id).archived_at is not None
    assert not window.model.index_of(ctq.id).isValid()  # hidden until "Show archived"
    window.show_archived_action.setChecked(True)
    assert "(archived)" in window.model.index_of(ctq.id).data()


def test_client_pattern(window: ThemeEditorWindow, services: Services) -> None:
    client = services.sessions.get(new_session(services, "FINCH")).client_id
    avoidant = theme_id(services, "prq.avoidant_counterdependent")
    window.refresh()
    window.select(avoidant)
    dialogs.preset("choice", "FINCH")
    dialogs.preset("text", "Withdraws when a break is announced")
    window.add_pattern_action.trigger()
    [pattern] = services.themes.patterns_for_client(client)
    assert pattern.parent_id == avoidant
    assert window.model.index_of(pattern.id).data() == (
        "Withdraws when a break is announced  (pattern of FINCH)")


def test_undo_that_the_vault_refuses_is_dropped_with_a_message(
        window: ThemeEditorWindow, services: Services) -> None:
    window.select(theme_id(services, "process.resistance"))
    dialogs.preset("text", "Long pauses")
    added = window.add_theme()
    assert added is not None
    services.marks.add(new_session(services), MarkInput(added.theme_id))  # used meanwhile
    window.undo_action.trigger()
    assert dialogs.asked()[-1].kind == "warning"
    assert "archive it instead" in dialogs.asked()[-1].text
    assert services.themes.theme(added.theme_id).name == "Long pauses"
    assert not window.undo_stack.canUndo()
