"""Threadline's words for states and kinds, said once.

Each is a ``StrEnum`` whose values are the strings stored in the vault and written to
the interchange format, so a member compares equal to its stored string and the formats
do not depend on this module. Labels for people live with the front ends
(``desktop/gui/common/labels.py``); the core only knows the values.
"""

from __future__ import annotations

from enum import StrEnum


class ClientStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    CLOSED = "closed"


class GoalStatus(StrEnum):
    OPEN = "open"
    PROGRESSING = "progressing"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class SessionKind(StrEnum):
    INDIVIDUAL = "individual"
    COUPLE = "couple"
    FAMILY = "family"
    GROUP = "group"


class Attendance(StrEnum):
    ATTENDED = "attended"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class NoteKind(StrEnum):
    """The two notes of a session: the private process note and the progress note."""

    PROCESS = "process"
    PROGRESS = "progress"


class TextKind(StrEnum):
    """What a search hit can be, in the order the search filters list them."""

    PROCESS = "process"
    PROGRESS = "progress"
    ADDENDUM = "addendum"
    MARK = "mark"
    EPISODE = "episode"
    CLIENT = "client"


class OtherPerson(StrEnum):
    """Who the other is in a relational episode."""

    MOTHER = "mother"
    FATHER = "father"
    PARTNER = "partner"
    SIBLING = "sibling"
    CHILD = "child"
    FRIEND = "friend"
    COLLEAGUE = "colleague"
    BOSS = "boss"
    THERAPIST = "therapist"
    OTHER = "other"


class DefenseLevel(StrEnum):
    """The three DMRS summary levels a defense theme counts towards."""

    MATURE = "mature"
    NEUROTIC = "neurotic"
    IMMATURE = "immature"


class OdfScoring(StrEnum):
    """How the defenses of a session are counted into ODF and the DMRS profile."""

    PRESENCE = "presence"  # each defense once per session
    OCCURRENCES = "occurrences"  # every mark one occurrence (transcript DMRS)
    INTENSITY = "intensity"  # each defense weighted by its intensity 1–3


class Valence(StrEnum):
    """How a response of other or of self is rated in a CCRT episode (Grenyer & Luborsky)."""

    POSITIVE = "positive"
    NEGATIVE = "negative"


class Ccrt(StrEnum):
    """The three components of a core conflictual relationship theme (Luborsky)."""

    WISH = "W"
    RESPONSE_OF_OTHER = "RO"
    RESPONSE_OF_SELF = "RS"

    @property
    def words(self) -> str:
        """"wish", "response of other", "response of self": for sentences."""
        return self.name.lower().replace("_", " ")


class RevisionReason(StrEnum):
    """Why a note revision was kept."""

    AUTOSAVE = "autosave"
    MANUAL = "manual"
    CLOSE = "close"
    FINALIZE = "finalize"
    BEFORE_DELETION = "before-deletion"
    RECOVERED = "recovered"
    RESTORED = "restored"


def sql_choices(column: str, vocabulary: type[StrEnum]) -> str:
    """``column IN ('a', 'b')`` for a check constraint that admits exactly ``vocabulary``."""
    return f"{column} IN ({', '.join(repr(str(member)) for member in vocabulary)})"


def is_one_of(vocabulary: type[StrEnum], value: object) -> bool:
    """Whether ``value`` is one of ``vocabulary``'s strings (a member counts as its string)."""
    return isinstance(value, str) and value in {str(member) for member in vocabulary}
