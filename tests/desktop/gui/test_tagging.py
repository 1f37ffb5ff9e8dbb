"""Tagging in the editor as a clinician does it: select words, Ctrl+M, type, Enter."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QSplitter
from pytestqt.qtbot import QtBot

from db.services.hub import Services
from db.services.passages import LOST_MESSAGE
from desktop.gui.common import dialogs
from desktop.gui.themes.highlighter import OWN
from desktop.gui.themes.mark_list import MarkListPanel
from desktop.gui.themes.mark_list_model import MarkListModel
from desktop.gui.themes.tagging import PassageTagging, install_tagging
from desktop.gui.themes.text_positions import to_python, to_qt
from tests.db.themes_helpers import new_session, theme_id

NOTE = ("She arrived late and said the traffic was awful. When I mentioned the summer break "
        "she went quiet, then joked that I would be glad to be rid of her.")


KEEP_ALIVE: list[object] = []


@pytest.fixture
def tagged(qtbot: QtBot, services: Services) -> Iterator[tuple[PassageTagging, uuid.UUID]]:
    session_id = new_session(services)
    services.notes.save(session_id, "process", NOTE, "manual")
    splitter = QSplitter()
    editor = QPlainTextEdit(splitter)
    panel = MarkListPanel(splitter)
    qtbot.addWidget(splitter)
    splitter.resize(900, 400)
    splitter.show()
    qtbot.waitExposed(splitter)
    editor.setPlainText(NOTE)
    changes: list[object] = []
    tagging = install_tagging(editor, lambda: services, "process", panel, changes.append)
    tagging.load(session_id)
    KEEP_ALIVE[:] = [splitter]  # qtbot holds widgets weakly
    yield tagging, session_id
    KEEP_ALIVE.clear()


def select(editor: QPlainTextEdit, words: str) -> None:
    text = editor.toPlainText()
    start = text.index(words)
    cursor = editor.textCursor()
    cursor.setPosition(to_qt(text, start))
    cursor.setPosition(to_qt(text, start + len(words)), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def own_highlights(editor: QPlainTextEdit) -> list[str]:
    return [s.cursor.selectedText() for s in editor.extraSelections()
            if s.format.hasProperty(OWN)]


def test_select_a_passage_and_tag_it_with_the_quick_picker(
        qtbot: QtBot, services: Services, tagged: tuple[PassageTagging, uuid.UUID]) -> None:
    tagging, session_id = tagged
    editor = tagging.editor
    editor.setFocus()
    select(editor, "joked that I would be glad")
    qtbot.keyClick(editor, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    picker = tagging.picker
    qtbot.waitUntil(picker.isVisible)
    qtbot.keyClicks(picker.filter, "humo")
    assert picker.proxy.rowCount() == 1
    qtbot.keyClick(picker.filter, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    picker.comment.setText("Jokes about being a burden")
    with qtbot.waitSignal(tagging.changed):
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert not picker.isVisible()
    marks = services.marks.list_for_session(session_id)
    assert [(m.theme_key, m.intensity, m.comment) for m in marks] == [
        ("dmrs.humor", 3, "Jokes about being a burden")]
    anchor = marks[0].passage.anchor
    assert anchor is not None
    assert NOTE[anchor.start:anchor.end] == "joked that I would be glad"
    assert own_highlights(editor) == ["joked that I would be glad"]
    assert tagging.panel is not None
    assert tagging.panel.model.rowCount() == 1
    shown = tagging.panel.model.index(0, 0).data()
    assert "Humor · dominant" in shown
    assert "“joked that I would be glad”" in shown


def test_highlights_follow_typing_and_a_deleted_passage_becomes_a_session_mark(
        qtbot: QtBot, services: Services, tagged: tuple[PassageTagging, uuid.UUID]) -> None:
    tagging, session_id = tagged
    editor = tagging.editor
    select(editor, "went quiet")
    assert tagging.mark_selection()
    qtbot.keyClicks(tagging.picker.filter, "isolation")
    with qtbot.waitSignal(tagging.changed):
        qtbot.keyClick(tagging.picker.filter, Qt.Key.Key_Return)
    select(editor, "the traffic was awful")
    tagging.mark_selection()
    qtbot.keyClicks(tagging.picker.filter, "rational")
    with qtbot.waitSignal(tagging.changed):
        qtbot.keyClick(tagging.picker.filter, Qt.Key.Key_Return)
    # type before, inside and after the passages, as a person would
    cursor = editor.textCursor()
    cursor.setPosition(0)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "Tuesday. ")
    select(editor, "traffic")
    cursor = editor.textCursor()
    cursor.setPosition(cursor.selectionEnd())
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, " really")
    assert sorted(own_highlights(editor)) == ["the traffic really was awful", "went quiet"]
    # delete the words of one passage entirely
    select(editor, "she went quiet, then ")
    with qtbot.waitSignal(tagging.status) as message:
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert LOST_MESSAGE in message.args[0].lower()
    assert own_highlights(editor) == ["the traffic really was awful"]
    rows = [tagging.panel.model.index(i, 0).data() for i in range(2)]  # type: ignore[union-attr]
    assert any(LOST_MESSAGE in row for row in rows)
    # saving the note and the anchors keeps both facts; reopening shows the same
    refs = tagging.anchor_refs()
    services.notes.save(session_id, "process", editor.toPlainText(), "manual", anchors=refs)
    tagging.anchors_saved(session_id, refs)
    tagging.load(session_id)
    by_name = {m.theme_name: m for m in services.marks.list_for_session(session_id)}
    assert by_name["Isolation of affects"].passage.lost
    kept = by_name["Rationalization"].passage.anchor
    assert kept is not None
    assert editor.toPlainText()[kept.start:kept.end] == "the traffic really was awful"
    assert own_highlights(editor) == ["the traffic really was awful"]


def test_jump_to_a_passage_from_the_side_list(
        qtbot: QtBot, tagged: tuple[PassageTagging, uuid.UUID]) -> None:
    tagging, _ = tagged
    editor = tagging.editor
    select(editor, "summer break")
    tagging.mark_selection()
    qtbot.keyClicks(tagging.picker.filter, "anticipation")
    with qtbot.waitSignal(tagging.changed):
        qtbot.keyClick(tagging.picker.filter, Qt.Key.Key_Return)
    cursor = editor.textCursor()
    cursor.setPosition(0)
    editor.setTextCursor(cursor)
    panel = tagging.panel
    assert panel is not None
    rect = panel.view.visualRect(panel.model.index(0, 0))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.textCursor().selectedText() == "summer break"


def test_whole_session_mark_and_archived_themes_are_not_offered(
        qtbot: QtBot, services: Services, tagged: tuple[PassageTagging, uuid.UUID]) -> None:
    tagging, session_id = tagged
    services.themes.archive(theme_id(services, "dmrs.humor"))
    tagging.mark_session()
    qtbot.keyClicks(tagging.picker.filter, "humor")
    assert tagging.picker.proxy.rowCount() == 0
    tagging.picker.filter.clear()
    qtbot.keyClicks(tagging.picker.filter, "secure")
    qtbot.keyClick(tagging.picker.filter, Qt.Key.Key_Down)
    with qtbot.waitSignal(tagging.changed):
        qtbot.keyClick(tagging.picker.filter, Qt.Key.Key_Return)
    marks = services.marks.list_for_session(session_id)
    assert [(m.theme_key, m.passage.is_passage) for m in marks] == [("prq.secure_engaged", False)]
    assert "whole session" in tagging.panel.model.index(0, 0).data()  # type: ignore[union-attr]


def test_nothing_selected_says_so(qtbot: QtBot, tagged: tuple[PassageTagging, uuid.UUID]) -> None:
    tagging, _ = tagged
    with qtbot.waitSignal(tagging.status) as message:
        assert not tagging.mark_selection()
    assert message.args == ["Select some words of the note first."]
    assert not tagging.picker.isVisible()


def test_removing_a_mark_asks_first(qtbot: QtBot, services: Services,
                                    tagged: tuple[PassageTagging, uuid.UUID]) -> None:
    tagging, session_id = tagged
    tagging.mark_session()
    qtbot.keyClicks(tagging.picker.filter, "denial")
    with qtbot.waitSignal(tagging.changed):
        qtbot.keyClick(tagging.picker.filter, Qt.Key.Key_Return)
    panel = tagging.panel
    assert panel is not None
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    dialogs.preset("confirm", False)
    panel.delete_action.trigger()
    assert len(services.marks.list_for_session(session_id)) == 1
    dialogs.preset("confirm", True)
    with qtbot.waitSignal(tagging.changed):
        panel.delete_action.trigger()
    assert services.marks.list_for_session(session_id) == []


def test_an_episode_with_the_therapist_from_a_selected_passage(
        qtbot: QtBot, services: Services, tagged: tuple[PassageTagging, uuid.UUID]) -> None:
    tagging, session_id = tagged
    select(tagging.editor, "joked that I would be glad to be rid of her")
    dialog = tagging.open_episode()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.kinds.button(8), Qt.MouseButton.LeftButton)  # Therapist
    assert dialog.transference.isVisible()
    dialog.choose_theme("W", theme_id(services, "ccrt.w.be_loved"))
    dialog.choose_theme("RO", theme_id(services, "ccrt.ro.rejecting"))
    with qtbot.waitSignal(tagging.changed):
        dialog.done(QDialog.DialogCode.Accepted)
    [episode] = services.episodes.list_for_session(session_id)
    assert episode.is_transference
    assert episode.other_person == "Therapist"
    assert episode.response_of_self is None
    assert episode.wish is not None
    assert episode.wish.key == "ccrt.w.be_loved"
    assert episode.response_of_other is not None
    assert episode.response_of_other.key == "ccrt.ro.rejecting"
    assert episode.passage.anchor is not None
    assert "joked that I would be glad to be rid of her" in own_highlights(tagging.editor)


def test_tooltip_text_names_theme_intensity_and_comment(
        qtbot: QtBot, tagged: tuple[PassageTagging, uuid.UUID]) -> None:
    tagging, _ = tagged
    select(tagging.editor, "went quiet")
    tagging.mark_selection()
    qtbot.keyClicks(tagging.picker.filter, "repression")
    tagging.picker.comment.setText("Silence after the break <was> announced")
    with qtbot.waitSignal(tagging.changed):
        qtbot.keyClick(tagging.picker.comment, Qt.Key.Key_Return)
    position = NOTE.index("went quiet") + 3
    [found] = tagging.highlighter.at(position)
    assert found.tooltip() == ("<b>Repression · clear</b><br>"
                               "Silence after the break &lt;was&gt; announced")


def test_mark_list_model(qtmodeltester: object, services: Services,
                         tagged: tuple[PassageTagging, uuid.UUID]) -> None:
    tagging, session_id = tagged
    from db.services.marks import MarkInput

    services.marks.add(session_id, MarkInput(theme_id(services, "dmrs.humor")))
    tagging.reload()
    assert tagging.panel is not None
    qtmodeltester.check(tagging.panel.model)  # type: ignore[attr-defined]
    assert tagging.panel.model.index(0, 0).data(MarkListModel.IsPassageRole) is False


def test_positions_count_emoji_as_qt_does() -> None:
    text = "a🙂b"
    assert to_qt(text, 2) == 3
    assert to_python(text, 3) == 2
    assert to_python("abc", 2) == 2
    assert QPoint(0, 0).isNull()


def test_episodes_are_listed_edited_and_removed_from_the_side_panel(
        qtbot: QtBot, services: Services, tagged: tuple[PassageTagging, uuid.UUID]) -> None:
    from db.services.episodes import EpisodeInput

    tagging, session_id = tagged
    services.episodes.add(session_id, EpisodeInput("her mother", "mother"))
    tagging.reload()
    panel = tagging.panel
    assert panel is not None
    assert panel.episode_view.isVisibleTo(panel)
    assert panel.episode_model.index(0, 0).data() == "With her mother\n— → — → —"
    episode = panel.episode_model.index(0, 0).data(panel.episode_model.EpisodeRole)
    dialog = tagging.edit_episode(episode)
    dialog.choose_theme("RS", theme_id(services, "ccrt.rs.helpless"))
    with qtbot.waitSignal(tagging.changed):
        dialog.done(QDialog.DialogCode.Accepted)
    assert panel.episode_model.index(0, 0).data().endswith("— → — → Helpless")
    dialogs.preset("confirm", True)
    with qtbot.waitSignal(tagging.changed):
        panel.episode_delete_requested.emit(episode)
    assert services.episodes.list_for_session(session_id) == []
    assert not panel.episode_view.isVisibleTo(panel)


def test_edit_a_comment_from_the_side_panel(
        qtbot: QtBot, services: Services, tagged: tuple[PassageTagging, uuid.UUID]) -> None:
    from db.services.marks import MarkInput

    tagging, session_id = tagged
    mark = services.marks.add(session_id, MarkInput(theme_id(services, "dmrs.undoing"))).value
    tagging.reload()
    dialogs.preset("text", "Takes back the apology at once")
    with qtbot.waitSignal(tagging.changed):
        tagging.panel.comment_requested.emit(mark)  # type: ignore[union-attr]
    assert services.marks.get(mark.id).comment == "Takes back the apology at once"


def test_an_episode_with_several_categories_and_rated_responses(
        qtbot: QtBot, services: Services, tagged: tuple[PassageTagging, uuid.UUID]) -> None:
    tagging, session_id = tagged
    dialog = tagging.open_episode()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.choose_theme("W", theme_id(services, "ccrt.w.be_loved"))
    first_more, second_more = dialog.more_boxes["W"]
    first_more.setCurrentIndex(first_more.findData(str(theme_id(services, "ccrt.w.be_close"))))
    second_more.setCurrentIndex(
        second_more.findData(str(theme_id(services, "ccrt.w.be_distant"))))
    dialog.choose_theme("RO", theme_id(services, "ccrt.ro.rejecting"))
    dialog.valence["RO"].setCurrentIndex(dialog.valence["RO"].findData("negative"))
    with qtbot.waitSignal(tagging.changed):
        dialog.done(QDialog.DialogCode.Accepted)
    [episode] = services.episodes.list_for_session(session_id)
    assert [r.key for r in episode.categories("W")] == [
        "ccrt.w.be_loved", "ccrt.w.be_close", "ccrt.w.be_distant"]
    assert (episode.response_of_other_valence, episode.response_of_self_valence) == (
        "negative", None)
    edit = tagging.edit_episode(episode)
    assert edit is not None
    assert edit.more_boxes["W"][1].currentText() == "To be distant and avoid conflicts"
    assert edit.valence["RO"].currentText() == "Negative"
    edit.reject()
