"""Records of note templates and outcome measures (lists added to format version 1).

Registered at the end of :mod:`db.interchange.records`. Each list is ``optional``: an
export made before these lists existed has none of them and reads as having none.
"""

from __future__ import annotations

from db.interchange.records import Field, Record
from db.models import ClientTemplate, MeasureScale, MeasureScore, NoteTemplate
from db.vocabulary import NoteKind

_KIND = Field("kind", "text", max_length=10, choices=tuple(NoteKind))
_STAMPS = (Field("created_at", "datetime"), Field("updated_at", "datetime"))

PRACTICE_RECORDS: tuple[Record, ...] = (
    Record("note_templates", NoteTemplate, "note template", (
        Field("id", "uuid"), Field("key", "text", optional=True, max_length=80),
        Field("name", "text", max_length=120), _KIND, Field("body", "text"),
        Field("position", "int"), Field("deleted", "bool"), *_STAMPS,
    ), order=("created_at", "id"), optional=True),
    Record("client_templates", ClientTemplate, "client template", (
        Field("client_id", "uuid", refers="clients"), _KIND,
        Field("template", "text", max_length=80),
    ), order=("client_id", "kind"), key=("client_id", "kind"), optional=True),
    Record("measure_scales", MeasureScale, "measure scale", (
        Field("id", "uuid"), Field("name", "text", max_length=60),
        Field("minimum", "int", minimum=0, maximum=10_000),
        Field("maximum", "int", minimum=1, maximum=10_000),
        Field("higher_is_worse", "bool"), *_STAMPS,
    ), order=("name", "id"), unique=(("name",),), optional=True),
    Record("measure_scores", MeasureScore, "measure score", (
        Field("id", "uuid"), Field("session_id", "uuid", refers="sessions"),
        Field("measure", "text", max_length=40), Field("total", "int", minimum=0),
        Field("items", "text", max_length=40), *_STAMPS,
    ), order=("session_id", "measure", "id"), unique=(("session_id", "measure"),),
        optional=True),
)
