"""The records of interchange format version 1: one table of the vault per list.

Every list in a ``threadline-interchange`` document is described here once, field by
field; the writer, the strict reader and the published JSON Schema are all derived from
these descriptions, so they cannot drift apart. A test checks that every column of every
model appears here, so a new column cannot be left out of exports silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from db.models import (
    Addendum,
    AuditEvent,
    Base,
    Client,
    Goal,
    GoalReview,
    Mark,
    NoteDraft,
    NoteRevision,
    RelationalEpisode,
    Theme,
    ThemeCategory,
    TherapySession,
    VaultSetting,
)
from db.vocabulary import (
    Attendance,
    Ccrt,
    ClientStatus,
    GoalStatus,
    NoteKind,
    SessionKind,
    Valence,
)

FORMAT_NAME = "threadline-interchange"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Field:
    """One member of a record.

    ``kind`` is one of uuid, text, int, bool, date, time, datetime, json; ``refers`` names the
    list whose ``id`` this uuid must match.
    """

    name: str
    kind: str
    optional: bool = False
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    refers: str | None = None
    #: Added after format version 1 was first published: a document may leave it out
    #: (read as null), and the writer leaves it out when it is null, so files written
    #: before it existed read and round-trip byte for byte.
    added_later: bool = False


@dataclass(frozen=True)
class Record:
    """A list of the document: its name, the model it mirrors, fields and sort order."""

    name: str
    model: type[Base]
    noun: str  # how a message names one item ("session")
    fields: tuple[Field, ...]
    order: tuple[str, ...]
    key: tuple[str, ...] = ("id",)
    unique: tuple[tuple[str, ...], ...] = field(default=())
    #: A list added after version 1 was first published: a document without it has none.
    optional: bool = False


def _uuid(name: str, refers: str | None = None, optional: bool = False) -> Field:
    return Field(name, "uuid", optional=optional, refers=refers)


def _text(name: str, max_length: int | None = None, optional: bool = False,
          choices: tuple[str, ...] = ()) -> Field:
    return Field(name, "text", optional=optional, max_length=max_length, choices=choices)


def _dt(name: str, optional: bool = False) -> Field:
    return Field(name, "datetime", optional=optional)


_STAMPS = (_dt("created_at"), _dt("updated_at"))
_ANCHOR = (
    _text("note_kind", 10, optional=True, choices=tuple(NoteKind)),
    Field("anchor_start", "int", optional=True, minimum=0),
    Field("anchor_end", "int", optional=True, minimum=0),
    _text("anchor_text", optional=True),
    _text("anchor_prefix", optional=True),
    _text("anchor_suffix", optional=True),
    _dt("anchor_lost_at", optional=True),
)

RECORDS: tuple[Record, ...] = (
    Record("clients", Client, "client", (
        _uuid("id"), _text("code", 40), _text("display_name", 200),
        _text("status", 10, choices=tuple(ClientStatus)),
        Field("intake_date", "date", optional=True), Field("closing_date", "date", optional=True),
        _text("modality", 60), _text("frequency", 60),
        Field("frame_start_date", "date", optional=True),
        Field("planned_sessions", "int", optional=True, minimum=1, maximum=2000),
        _text("notes"), *_STAMPS,
    ), order=("code", "id"), unique=(("code",),)),
    Record("goals", Goal, "goal", (
        _uuid("id"), _uuid("client_id", "clients"), _text("title"),
        _text("status", 12, choices=tuple(GoalStatus)), Field("position", "int"), *_STAMPS,
    ), order=("client_id", "position", "id")),
    Record("goal_reviews", GoalReview, "goal review", (
        _uuid("id"), _uuid("goal_id", "goals"), Field("reviewed_on", "date"), _text("note"),
        _dt("created_at"),
    ), order=("goal_id", "reviewed_on", "id")),
    Record("sessions", TherapySession, "session", (
        _uuid("id"), _uuid("client_id", "clients"), Field("number", "int", minimum=1),
        Field("date", "date"), Field("start_time", "time", optional=True),
        Field("duration_minutes", "int", minimum=0),
        _text("kind", 12, choices=tuple(SessionKind)),
        _text("attendance", 12, choices=tuple(Attendance)),
        _text("process_note"), _text("progress_note"), _dt("finalized_at", optional=True),
        *_STAMPS,
    ), order=("client_id", "number", "id"), unique=(("client_id", "number"),)),
    Record("note_revisions", NoteRevision, "note revision", (
        _uuid("id"), _uuid("session_id", "sessions"), _text("kind", 10, choices=tuple(NoteKind)),
        _text("text"), _dt("saved_at"), _text("reason", 20),
    ), order=("session_id", "kind", "saved_at", "id")),
    Record("note_drafts", NoteDraft, "note draft", (
        _uuid("session_id", "sessions"), _text("kind", 10, choices=tuple(NoteKind)), _text("text"),
        _dt("updated_at"),
    ), order=("session_id", "kind"), key=("session_id", "kind")),
    Record("addenda", Addendum, "addendum", (
        _uuid("id"), _uuid("session_id", "sessions"), _text("text"), _dt("written_at"),
    ), order=("session_id", "written_at", "id")),
    Record("theme_categories", ThemeCategory, "theme category", (
        _uuid("id"), _text("key", 80, optional=True),
        _uuid("parent_id", "theme_categories", optional=True), _text("name", 120),
        _text("description"), _text("source"), Field("position", "int"),
        _dt("archived_at", optional=True), *_STAMPS,
    ), order=("position", "id"), unique=(("key",),)),
    Record("themes", Theme, "theme", (
        _uuid("id"), _text("key", 80, optional=True), _uuid("category_id", "theme_categories"),
        _uuid("parent_id", "themes", optional=True),
        _uuid("client_id", "clients", optional=True), _text("name", 120), _text("definition"),
        _text("source"), _text("color", 9),
        Field("dmrs_level", "int", optional=True, minimum=1, maximum=7),
        _text("ccrt_component", 2, optional=True, choices=tuple(Ccrt)),
        Field("position", "int"), _dt("archived_at", optional=True),
        _uuid("merged_into_id", "themes", optional=True), *_STAMPS,
    ), order=("category_id", "position", "id"), unique=(("key",),)),
    Record("marks", Mark, "mark", (
        _uuid("id"), _uuid("session_id", "sessions"), _uuid("theme_id", "themes"),
        Field("intensity", "int", minimum=1, maximum=3), _text("comment"), *_ANCHOR, *_STAMPS,
    ), order=("session_id", "id")),
    Record("relational_episodes", RelationalEpisode, "relational episode", (
        _uuid("id"), _uuid("session_id", "sessions"), _text("other_person", 120),
        _text("other_kind", 20),
        _uuid("wish_theme_id", "themes", optional=True),
        _uuid("response_of_other_theme_id", "themes", optional=True),
        _uuid("response_of_self_theme_id", "themes", optional=True),
        _text("narrative"), *_ANCHOR, *_STAMPS,
        *(Field(name, "uuid", optional=True, refers="themes", added_later=True)
          for name in ("wish_theme_2_id", "wish_theme_3_id", "response_of_other_theme_2_id",
                       "response_of_other_theme_3_id", "response_of_self_theme_2_id",
                       "response_of_self_theme_3_id")),
        *(Field(name, "text", optional=True, max_length=10, choices=tuple(Valence),
                added_later=True)
          for name in ("response_of_other_valence", "response_of_self_valence")),
    ), order=("session_id", "id")),
    Record("vault_settings", VaultSetting, "vault setting", (
        _text("key", 80), Field("value", "json"),
    ), order=("key",), key=("key",)),
    Record("audit_events", AuditEvent, "audit event", (
        _uuid("id"), Field("seq", "int", minimum=1), _dt("at"), _text("action", 40),
        _text("entity_type", 40), _text("entity_id", 36), _text("detail"),
        _text("prev_hash", 64), _text("hash", 64),
    ), order=("seq",), unique=(("seq",),)),
)

# Record kinds of their own modules, registered here (templates and measures).
from db.interchange.practice_records import PRACTICE_RECORDS  # noqa: E402

RECORDS = RECORDS + PRACTICE_RECORDS

BY_NAME = {record.name: record for record in RECORDS}

#: Vault settings that never leave the vault and are never taken from a file: the key
#: that signs its backups (db.backup.signing) — exported, it would let anyone holding an
#: export forge this vault's backups; imported, a crafted file could choose it.
PRIVATE_SETTINGS = frozenset({"backup_signing_key"})

#: Top-level members of a document besides the record lists.
HEADER_FIELDS = ("format", "format_version", "app_version", "schema_version", "exported_at")

#: Tables of the vault's own bookkeeping, not the clinician's data, and so not in the
#: format: the commit counter the log's seal follows (db.vault.seal). A restored or imported
#: vault starts its own count.
BOOKKEEPING_TABLES = frozenset({"commit_counter"})
