"""Read and strictly validate an interchange document, format version 1.

Every problem is one sentence naming the item by its kind and position ("Session 4 has
no date."), never by its content. Validation is complete before anything is imported:
types, lengths, choices, unknown members, duplicate ids, unique keys and every reference
between records.
"""

from __future__ import annotations

import contextlib
import json
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from db.interchange.records import FORMAT_NAME, HEADER_FIELDS, RECORDS, Field, Record
from db.interchange.v1 import taxonomy_rules

MAX_PROBLEMS = 50
INT_LIMIT = 2**53
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_KIND_WORDS = {
    "uuid": "an id (a lowercase UUID)", "text": "text", "int": "a whole number",
    "bool": "true or false",
    "date": "a date like 2024-03-05", "time": "a time like 10:30:00",
    "datetime": "a date and time with a time zone, like 2024-03-05T10:30:00Z",
    "json": "a JSON value",
}


@dataclass(frozen=True)
class Document:
    """A validated document: header members and, per list, rows of Python values."""

    header: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]]

    def count(self, name: str) -> int:
        return len(self.rows[name])


class _TooMany(Exception):
    pass


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, sentence: str) -> None:
        self.items.append(sentence)
        if len(self.items) >= MAX_PROBLEMS:
            raise _TooMany


def _label(record: Record, index: int) -> str:
    return f"{record.noun[0].upper()}{record.noun[1:]} {index + 1}"


def _is_good_text(value: str) -> bool:
    if value.isascii():  # the common case, checked in C without making a copy
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from "\ud800" escapes
        return False
    return True


_new = object.__new__
_set = object.__setattr__


def _uuid(value: str) -> uuid.UUID:
    """``uuid.UUID(value)`` for a value already matched by :data:`_UUID`, without its
    re-parsing (a large export holds hundreds of thousands of ids)."""
    made = _new(uuid.UUID)
    _set(made, "int", int(value.replace("-", ""), 16))
    _set(made, "is_safe", uuid.SafeUUID.unknown)
    return made


def _convert(f: Field, value: Any) -> tuple[Any, str | None]:
    """The Python value of one member, or the reason it is wrong."""
    kind = f.kind
    if kind == "uuid" and value.__class__ is str and _UUID.fullmatch(value):
        return _uuid(value), None  # the commonest member, and its quickest check
    if (kind == "text" and value.__class__ is str and _is_good_text(value)
            and (f.max_length is None or len(value) <= f.max_length)
            and (not f.choices or value in f.choices)):
        return value, None
    want = _KIND_WORDS[kind]
    if f.kind == "json":
        return value, None
    if f.kind == "bool":
        return (value, None) if isinstance(value, bool) else (None, f"must be {want}")
    if f.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return None, f"must be {want}"
        if abs(value) > INT_LIMIT:
            return None, "is far too large"
        if f.minimum is not None and value < f.minimum:
            return None, f"must be at least {f.minimum}"
        if f.maximum is not None and value > f.maximum:
            return None, f"must be at most {f.maximum}"
        return value, None
    if not isinstance(value, str):
        return None, f"must be {want}"
    if not _is_good_text(value):
        return None, "holds characters that are not valid text"
    if f.kind == "text":
        if f.max_length is not None and len(value) > f.max_length:
            return None, f"is longer than {f.max_length} characters"
        if f.choices and value not in f.choices:
            return None, f"must be one of {', '.join(f.choices)}"
        return value, None
    try:
        if f.kind == "uuid" and _UUID.fullmatch(value):
            return _uuid(value), None
        if f.kind == "date" and _DATE.fullmatch(value):
            return date.fromisoformat(value), None
        if f.kind == "time" and _TIME.fullmatch(value):
            return time.fromisoformat(value), None
        if f.kind == "datetime" and _DATETIME.fullmatch(value):
            return datetime.fromisoformat(value.replace("Z", "+00:00")), None
    except ValueError:
        pass
    return None, f"must be {want}"


_KNOWN: dict[str, frozenset[str]] = {}


def _known(record: Record) -> frozenset[str]:
    known = _KNOWN.get(record.name)
    if known is None:
        known = _KNOWN[record.name] = frozenset(f.name for f in record.fields)
    return known


#: Lists whose ids other records refer to: their ids, and the references, are kept once
#: per document (:class:`ListReader`), not once per row that mentions them.
_REFERRED = frozenset(f.refers for r in RECORDS for f in r.fields if f.refers)


def _read_record(record: Record, index: int, item: Any, problems: _Problems,
                 ids: dict[str, uuid.UUID]) -> dict[str, Any] | None:
    if not isinstance(item, dict):
        problems.add(f"{_label(record, index)} in “{record.name}” is not an object.")
        return None
    unknown = item.keys() - _known(record)
    for name in item if unknown else ():
        if name in unknown:
            problems.add(f"{_label(record, index)} has an unknown member “{name}”.")
    row: dict[str, Any] = {}
    ok = True
    for f in record.fields:
        if f.name not in item and f.added_later:
            row[f.name] = None
            continue
        if f.name not in item:
            problems.add(f"{_label(record, index)} has no “{f.name}”.")
            ok = False
            continue
        value = item[f.name]
        if value is None and f.kind != "json":
            if not f.optional:
                problems.add(f"{_label(record, index)}: “{f.name}” cannot be null.")
                ok = False
            row[f.name] = None
            continue
        if f.kind == "uuid" and value.__class__ is str:
            known = ids.get(value)
            if known is not None:  # the same id, already checked: one object for all rows
                row[f.name] = known
                continue
        converted, reason = _convert(f, value)
        if reason is None and f.kind == "uuid" and (f.refers is not None or (
                f.name == "id" and record.name in _REFERRED)):
            ids[value] = converted
        if reason is not None:
            problems.add(f"{_label(record, index)}: “{f.name}” {reason}.")
            ok = False
        row[f.name] = converted
    return row if ok else None


def _check_unique(record: Record, rows: list[dict[str, Any]], problems: _Problems) -> None:
    for columns in (record.key, *record.unique):
        seen: dict[tuple[Any, ...], int] = {}
        for index, row in enumerate(rows):
            value = tuple(row[c] for c in columns)
            if any(v is None for v in value):
                continue
            if columns == ("code",):  # client codes are unique regardless of case
                value = tuple(str(v).casefold() for v in value)
            if value in seen:
                what = " and ".join(columns).replace("_", " ")
                problems.add(f"{_label(record, seen[value])} and {_label(record, index).lower()} "
                             f"have the same {what}.")
            else:
                seen[value] = index


def _check_references(rows: dict[str, list[dict[str, Any]]], problems: _Problems) -> None:
    ids = {name: {row["id"] for row in rows[name] if "id" in row} for name in rows}
    for record in RECORDS:
        for f in record.fields:
            if f.refers is None:
                continue
            target = ids[f.refers]
            noun = next(r.noun for r in RECORDS if r.name == f.refers)
            for index, row in enumerate(rows[record.name]):
                value = row.get(f.name)
                if value is not None and value not in target:
                    problems.add(f"{_label(record, index)} refers to a {noun} that is not in "
                                 f"the export ({f.name}).")


def _check_rules(rows: dict[str, list[dict[str, Any]]], problems: _Problems) -> None:
    for record in (r for r in RECORDS if r.name in ("marks", "relational_episodes")):
        for index, row in enumerate(rows[record.name]):
            start, end = row.get("anchor_start"), row.get("anchor_end")
            if start is not None and end is not None and end < start:
                problems.add(f"{_label(record, index)} ends its passage before it starts.")
    for index, row in enumerate(rows["clients"]):
        if not row["code"].strip():
            problems.add(f"Client {index + 1} has an empty code.")


#: Lists whose rows the taxonomy rules read whole (small ones: kept as they are).
_READ_WHOLE = frozenset({"themes", "theme_categories"})


def _long_texts(record: Record) -> tuple[str, ...]:
    """The free-text fields of ``record`` that no rule compares: no length limit, no
    choices, not a key, not unique, not an order member, not a client's code."""
    if record.name in _READ_WHOLE:
        return ()
    compared = {*record.key, *record.order, *(c for u in record.unique for c in u), "code"}
    return tuple(f.name for f in record.fields
                 if f.kind == "text" and f.max_length is None and not f.choices
                 and f.name not in compared)


class ListReader:
    """One list of the document, validated item by item as the items arrive.

    Its problems are kept apart (at most :data:`MAX_PROBLEMS`, the most a document
    reports) and given to the document's in :data:`RECORDS` order by :func:`read_document`,
    so the sentences and their order are those of a document read whole.
    """

    def __init__(self, record: Record, ids: dict[str, uuid.UUID] | None = None, *,
                 lean: bool = False) -> None:
        self.record = record
        #: Fields checked and then let go (``lean``): long free texts no rule compares.
        self._drop = _long_texts(record) if lean else ()
        #: Ids already read, by their text (shared by the lists of one document).
        self._ids = {} if ids is None else ids
        self.rows: list[dict[str, Any]] = []
        self._problems = _Problems()
        self._count = 0
        self._full = False
        self._bad = False

    def add(self, item: Any) -> None:
        index = self._count
        self._count += 1
        if self._full:
            return
        try:
            row = _read_record(self.record, index, item, self._problems, self._ids)
        except _TooMany:
            self._full = True
            return
        if row is None:
            self._bad = True
        else:
            for name in self._drop:
                row.pop(name, None)
            self.rows.append(row)

    def finish(self) -> list[str]:
        """The list's problems (its unique keys checked when every item was good)."""
        if not self._full and not self._bad:
            with contextlib.suppress(_TooMany):
                _check_unique(self.record, self.rows, self._problems)
        return self._problems.items


def _reject_duplicate_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate member {key!r}")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def strict_decoder() -> json.JSONDecoder:
    """The decoder of documents: no duplicate members, no NaN or Infinity."""
    return json.JSONDecoder(object_pairs_hook=_reject_duplicate_members,
                            parse_constant=_no_constants)


def parse_json(data: bytes) -> Any:
    """Parse strictly: UTF-8, no duplicate members, no NaN; raises ValueError."""
    return strict_decoder().decode(data.decode("utf-8"))


def read_document(top: dict[str, Any], streamed: dict[str, ListReader] | None = None
                  ) -> tuple[Document | None, list[str]]:
    """Validate a parsed version-1 document; return it, or the problems found.

    ``streamed``: lists already read item by item while the file was parsed (their
    members in ``top`` hold ``None``); the others are read from ``top``.
    """
    streamed = streamed or {}
    ids: dict[str, uuid.UUID] = {}
    problems = _Problems()
    rows: dict[str, list[dict[str, Any]]] = {}
    try:
        allowed = set(HEADER_FIELDS) | {r.name for r in RECORDS}
        for name in top:
            if name not in allowed:
                problems.add(f"The export has an unknown member “{name}”.")
        for name in HEADER_FIELDS[2:]:
            if not isinstance(top.get(name), str):
                problems.add(f"The export's “{name}” is missing or not text.")
        for record in RECORDS:
            read = streamed.get(record.name)
            if read is None:
                items = top.get(record.name)
                if items is None and record.optional and record.name not in top:
                    items = []
                if not isinstance(items, list):
                    problems.add(f"The export has no “{record.name}” list.")
                    rows[record.name] = []
                    continue
                read = ListReader(record, ids)
                for item in items:
                    read.add(item)
                top[record.name] = None  # the parsed objects go as soon as their rows are made
                del items
            for sentence in read.finish():
                problems.add(sentence)
            rows[record.name] = read.rows
        if not problems.items:
            _check_references(rows, problems)
            _check_rules(rows, problems)
        if not problems.items:  # the taxonomy rules follow references that must resolve
            taxonomy_rules.check(rows, problems.add)
    except _TooMany:
        pass
    if problems.items:
        return None, problems.items
    header = {name: top[name] for name in HEADER_FIELDS}
    assert header["format"] == FORMAT_NAME
    return Document(header, rows), []
