"""The JSON Schema (draft 2020-12) of interchange format version 1, derived from the records.

The published copy is ``resources/schema/threadline-interchange-v1.schema.json``;
regenerate it with ``python -m db.interchange.v1.schema > FILE`` (a test checks they
match). The schema covers types, lengths and choices; references between records and
unique ids are checked by the reader, as JSON Schema cannot express them.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from db.interchange.records import BY_NAME, FORMAT_NAME, FORMAT_VERSION, RECORDS, Field
from db.interchange.v1.reader import INT_LIMIT

SCHEMA_ID = "https://threadline.invalid/schema/threadline-interchange-v1.schema.json"
_PATTERNS = {
    "uuid": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
    "date": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "time": "^[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?$",
    "datetime": ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?"
                 "(Z|[+-][0-9]{2}:[0-9]{2})$"),
}

_FORMATS = {"uuid": "uuid", "date": "date", "datetime": "date-time"}  # a time has no zone


def _property(f: Field) -> dict[str, Any]:
    if f.kind == "json":
        return {"description": "any JSON value"}
    prop: dict[str, Any] = {}
    if f.kind == "bool":
        prop["type"] = "boolean"
    elif f.kind == "int":
        prop["type"] = "integer"
        prop["minimum"] = f.minimum if f.minimum is not None else -INT_LIMIT
        prop["maximum"] = f.maximum if f.maximum is not None else INT_LIMIT
    else:
        prop["type"] = "string"
        if f.kind in _PATTERNS:
            prop["pattern"] = _PATTERNS[f.kind]
        if f.kind in _FORMATS:
            prop["format"] = _FORMATS[f.kind]
        if f.max_length is not None:
            prop["maxLength"] = f.max_length
        if f.choices:
            prop["enum"] = list(f.choices) + ([None] if f.optional else [])
    if f.optional:
        prop["type"] = [prop["type"], "null"]
    if f.refers:
        prop["description"] = f"the id of an item of “{f.refers}”"
    return prop


def json_schema() -> dict[str, Any]:
    definitions = {
        record.name: {
            "type": "object",
            "additionalProperties": False,
            "required": [f.name for f in record.fields if not f.added_later],
            "properties": {f.name: _property(f) for f in record.fields},
        }
        for record in RECORDS
    }
    properties: dict[str, Any] = {
        "format": {"const": FORMAT_NAME},
        "format_version": {"const": FORMAT_VERSION},
        "app_version": {"type": "string"},
        "schema_version": {"type": "string"},
        "exported_at": {"type": "string", "pattern": _PATTERNS["datetime"]},
    }
    for record in RECORDS:
        properties[record.name] = {"type": "array", "items": {"$ref": f"#/$defs/{record.name}"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Threadline interchange format, version 1",
        "type": "object",
        "additionalProperties": False,
        "required": [name for name in properties
                     if name not in BY_NAME or not BY_NAME[name].optional],
        "properties": properties,
        "$defs": definitions,
    }


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    sys.stdout.write(schema_text())
