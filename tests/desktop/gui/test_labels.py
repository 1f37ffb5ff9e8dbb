"""Every word of the vocabulary has its label, and the GUI's save states say today's words."""

from __future__ import annotations

from enum import StrEnum

import pytest

from db.vocabulary import (
    Attendance,
    Ccrt,
    ClientStatus,
    GoalStatus,
    NoteKind,
    RevisionReason,
    SessionKind,
)
from desktop.gui.common.labels import (
    ATTENDANCE_LABELS,
    CCRT_COMPONENT_LABELS,
    CLIENT_STATUS_LABELS,
    GOAL_STATUS_LABELS,
    NOTE_KIND_LABELS,
    REVISION_REASON_LABELS,
    SESSION_KIND_LABELS,
    SaveState,
)


@pytest.mark.parametrize(("vocabulary", "labels"), [
    (ClientStatus, CLIENT_STATUS_LABELS), (GoalStatus, GOAL_STATUS_LABELS),
    (SessionKind, SESSION_KIND_LABELS), (Attendance, ATTENDANCE_LABELS),
    (NoteKind, NOTE_KIND_LABELS), (RevisionReason, REVISION_REASON_LABELS),
    (Ccrt, CCRT_COMPONENT_LABELS),
])
def test_each_member_has_one_label(vocabulary: type[StrEnum], labels: dict[str, str]) -> None:
    assert list(labels) == list(vocabulary)  # the order the forms list them in
    assert all(labels[str(member)] for member in vocabulary)  # found by the stored string


def test_the_labels_a_clinician_reads() -> None:
    assert ATTENDANCE_LABELS["no_show"] == "No-show"
    assert GOAL_STATUS_LABELS["progressing"] == "Progressing"
    assert CCRT_COMPONENT_LABELS["RO"] == "Response of other"
    assert [str(s) for s in SaveState] == ["Saving…", "Saved", "Not saved", "Finalized"]
