"""The live anchor tracker under random edits made through Qt, as typing and pasting do."""

from __future__ import annotations

import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from db.anchors import make_anchor
from db.services.passages import PassageRef
from desktop.gui.themes.anchor_tracker import AnchorTracker

ALPHABET = "ab \n"


@st.composite
def scenario(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]], list[tuple[float, float, str]]]:
    text = draw(st.text(alphabet=ALPHABET, min_size=2, max_size=30))
    passages = []
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(text) - 1))
        passages.append((start, draw(st.integers(start + 1, len(text)))))
    edits = draw(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1),
                                    st.text(alphabet=ALPHABET + "XY", max_size=5)),
                          min_size=1, max_size=10))
    return text, passages, edits


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=scenario())
def test_tracked_anchors_always_quote_the_document(qtbot: QtBot, case: tuple) -> None:  # type: ignore[type-arg]
    text, passages, edits = case
    document = QTextDocument()
    document.setPlainText(text)
    tracker = AnchorTracker(document, document)
    ids = [uuid.uuid4() for _ in passages]
    tracker.reset([PassageRef("mark", i, make_anchor(text, s, e))
                   for i, (s, e) in zip(ids, passages, strict=True)])
    lost: list[object] = []
    tracker.lost.connect(lambda owner, item: lost.append(item))
    for where, length, inserted in edits:
        size = len(document.toPlainText())
        position = round(where * size)
        removed = round(length * (size - position))
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.setPosition(position + removed, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(inserted)
        now = document.toPlainText()
        for item in ids:
            anchor = tracker.anchor("mark", item)
            if anchor is not None:
                assert now[anchor.start:anchor.end] == anchor.text
            else:
                assert item in lost
    # a reload of the same text keeps every surviving anchor where it was
    def spans() -> dict[uuid.UUID, tuple[int, int, str] | None]:
        return {i: (a.start, a.end, a.text) if (a := tracker.anchor("mark", i)) else None
                for i in ids}

    before = spans()
    document.setPlainText(document.toPlainText())
    assert spans() == before


def test_loading_another_text_is_not_reported_as_a_deleted_passage(qtbot: QtBot) -> None:
    document = QTextDocument()
    document.setPlainText("He said the sea was calm.")
    tracker = AnchorTracker(document, document)
    item = uuid.uuid4()
    tracker.reset([PassageRef("mark", item, make_anchor(document.toPlainText(), 8, 15))])
    lost: list[object] = []
    tracker.lost.connect(lambda owner, ident: lost.append(ident))
    document.setPlainText("Another session's note altogether.")
    assert lost == []
    assert tracker.anchor("mark", item) is None
    document.setPlainText("Back: He said the sea was calm.")
    tracker.reset([PassageRef("mark", item, make_anchor(document.toPlainText(), 14, 21))])
    assert tracker.anchor("mark", item) is not None
    # deleting every word by hand is a deletion, and says so
    cursor = QTextCursor(document)
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.removeSelectedText()
    assert lost == [item]


def test_a_restored_revision_keeps_passages_whose_words_are_still_there(qtbot: QtBot) -> None:
    document = QTextDocument()
    document.setPlainText("She was late. She said the bus broke down.")
    tracker = AnchorTracker(document, document)
    kept, gone = uuid.uuid4(), uuid.uuid4()
    text = document.toPlainText()
    tracker.reset([
        PassageRef("mark", kept, make_anchor(text, text.index("the bus"), text.index(" broke"))),
        PassageRef("mark", gone, make_anchor(text, 0, len("She was late"))),
    ])
    lost: list[object] = []
    tracker.lost.connect(lambda owner, ident: lost.append(ident))
    cursor = QTextCursor(document)  # as the editor restores a revision: one undoable edit
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText("Earlier draft: she said the bus broke down.")
    anchor = tracker.anchor("mark", kept)
    assert anchor is not None
    assert document.toPlainText()[anchor.start:anchor.end] == "the bus"
    assert lost == [gone]
