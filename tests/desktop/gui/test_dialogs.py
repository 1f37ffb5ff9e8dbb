"""The dialog seam: preset answers are used in order, and nothing ever blocks a test."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.gui.common import dialogs


def test_preset_answers_are_returned_in_order(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialogs.preset("confirm", False)
    dialogs.preset("save_file", tmp_path / "a.pdf")
    dialogs.preset("choice", "paused")
    assert dialogs.confirm(parent, "Close client", "Close this client?") is False
    assert dialogs.choose_save_file(parent, "Save", "a.pdf") == tmp_path / "a.pdf"
    assert dialogs.choose(parent, "Status", "Status", ["active", "paused"]) == "paused"
    assert [a.kind for a in dialogs.asked()] == ["confirm", "save_file", "choice"]


def test_an_unanswered_question_fails_instead_of_blocking(qtbot: QtBot) -> None:
    with pytest.raises(dialogs.UnansweredDialog):
        dialogs.ask_text(None, "Name", "Name")


def test_a_preset_of_another_kind_is_a_test_error() -> None:
    dialogs.preset("confirm", True)
    with pytest.raises(dialogs.UnansweredDialog):
        dialogs.choose_folder(None, "Folder")


def test_messages_are_recorded_without_a_preset() -> None:
    dialogs.warning(None, "Not saved", "The vault is locked.")
    assert dialogs.asked()[-1] == dialogs.Asked("warning", "Not saved", "The vault is locked.")


def test_answering_fails_when_a_preset_answer_was_never_used() -> None:
    with pytest.raises(dialogs.UnansweredDialog), dialogs.answering(("confirm", True)):
        pass


def test_a_preset_choice_must_be_one_of_the_options() -> None:
    dialogs.preset("choice", "unknown")
    with pytest.raises(dialogs.UnansweredDialog):
        dialogs.choose(None, "Status", "Status", ["active"])
