"""What the clinician reads for each word of Threadline's vocabulary, said once.

The values are :mod:`db.vocabulary`'s; this module only adds the words on screen, and
the GUI's own states (a note's save state). No Qt here, so the command line can use it.
"""

from __future__ import annotations

from enum import StrEnum

from db.vocabulary import (
    Attendance,
    Ccrt,
    ClientStatus,
    GoalStatus,
    NoteKind,
    RevisionReason,
    SessionKind,
)


class SaveState(StrEnum):
    """What the note editor says about its text; the value is the words it shows."""

    SAVING = "Saving…"
    SAVED = "Saved"
    NOT_SAVED = "Not saved"
    FINALIZED = "Finalized"


CLIENT_STATUS_LABELS: dict[str, str] = {
    ClientStatus.ACTIVE: "Active", ClientStatus.PAUSED: "Paused", ClientStatus.CLOSED: "Closed",
}
GOAL_STATUS_LABELS: dict[str, str] = {
    GoalStatus.OPEN: "Open", GoalStatus.PROGRESSING: "Progressing",
    GoalStatus.ACHIEVED: "Achieved", GoalStatus.DROPPED: "Dropped",
}
SESSION_KIND_LABELS: dict[str, str] = {
    SessionKind.INDIVIDUAL: "Individual", SessionKind.COUPLE: "Couple",
    SessionKind.FAMILY: "Family", SessionKind.GROUP: "Group",
}
ATTENDANCE_LABELS: dict[str, str] = {
    Attendance.ATTENDED: "Attended", Attendance.CANCELLED: "Cancelled",
    Attendance.NO_SHOW: "No-show",
}
NOTE_KIND_LABELS: dict[str, str] = {
    NoteKind.PROCESS: "Process note", NoteKind.PROGRESS: "Progress note",
}
CCRT_COMPONENT_LABELS: dict[str, str] = {c: c.words.capitalize() for c in Ccrt}
#: How the history list says why a revision was kept ("autosaved 10:42").
REVISION_REASON_LABELS: dict[str, str] = {
    RevisionReason.AUTOSAVE: "autosaved", RevisionReason.MANUAL: "saved",
    RevisionReason.CLOSE: "saved on closing", RevisionReason.FINALIZE: "finalized",
    RevisionReason.BEFORE_DELETION: "before a large deletion",
    RevisionReason.RECOVERED: "recovered after a crash",
    RevisionReason.RESTORED: "restored from history",
}
