"""The vocabulary says each stored word once, and the stored words are today's strings."""

from __future__ import annotations

import sqlite3

import pytest

from db.models.clients import Client, Goal
from db.models.sessions import NoteRevision, TherapySession
from db.vocabulary import (
    Attendance,
    Ccrt,
    ClientStatus,
    GoalStatus,
    NoteKind,
    SessionKind,
    is_one_of,
    sql_choices,
)


def test_the_stored_strings_are_unchanged() -> None:
    # The vault and the interchange format store these strings; changing one is a
    # format change, not a tidy-up.
    assert list(ClientStatus) == ["active", "paused", "closed"]
    assert list(GoalStatus) == ["open", "progressing", "achieved", "dropped"]
    assert list(SessionKind) == ["individual", "couple", "family", "group"]
    assert list(Attendance) == ["attended", "cancelled", "no_show"]
    assert list(NoteKind) == ["process", "progress"]
    assert list(Ccrt) == ["W", "RO", "RS"]
    assert [c.words for c in Ccrt] == ["wish", "response of other", "response of self"]
    assert f"{Attendance.NO_SHOW}" == str(Attendance.NO_SHOW) == "no_show"


def test_is_one_of_takes_strings_and_members_and_nothing_else() -> None:
    assert is_one_of(Attendance, "no_show")
    assert is_one_of(Attendance, Attendance.CANCELLED)
    assert not is_one_of(Attendance, "No-show")
    assert not is_one_of(Attendance, None)
    assert not is_one_of(NoteKind, "addendum")


@pytest.mark.parametrize(("table", "column", "vocabulary"), [
    (Client.__table__, "status", ClientStatus), (Goal.__table__, "status", GoalStatus),
    (TherapySession.__table__, "kind", SessionKind),
    (TherapySession.__table__, "attendance", Attendance),
    (NoteRevision.__table__, "kind", NoteKind),
])
def test_check_constraints_admit_exactly_the_vocabulary(table: object, column: str,
                                                        vocabulary: type) -> None:
    texts = {str(c.sqltext) for c in table.constraints  # type: ignore[attr-defined]
             if hasattr(c, "sqltext")}
    assert sql_choices(column, vocabulary) in texts
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE TABLE t ({column} TEXT CHECK ({sql_choices(column, vocabulary)}))")
    for member in vocabulary:
        db.execute("INSERT INTO t VALUES (?)", (str(member),))
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO t VALUES ('something else')")
