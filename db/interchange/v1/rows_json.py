"""The rows of a list, spelled exactly as ``json.dumps(..., ensure_ascii=False, indent=1)``
spells them inside the document, without the standard library's pure-Python encoder.

``json.dumps`` uses its C encoder only when ``indent`` is ``None``; the document is
indented, so every value of an export went through ``json.encoder._iterencode`` in
Python, most of an export's encoding time. A row of the document is a flat object whose
values are strings, numbers, ``true``/``false``/``null`` and, rarely (a setting's value),
an object or a list: the flat part is spelled here with the C string encoder
(``json.encoder.encode_basestring``, the function ``json.dumps`` itself uses for
``ensure_ascii=False``) and ``repr`` of numbers; anything nested is handed to
``json.dumps`` and indented as it would have been. Lists whose records hold nothing nested
(all but the settings) go faster still: each row is one call to the C encoder, with the
members' line break as its separator (:func:`flat_rows_text`).
``tests/interchange/test_rows_json.py`` compares both with ``json.dumps`` on every kind of
value.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

#: A row's opening and closing lines and the start of its members' lines, at the depth
#: rows have in the document (a member of the top-level object, then an item of its list).
ROW_OPEN, ROW_CLOSE, MEMBER = "  {\n", "\n  }", "   "
_NESTED = "\n   "  # a nested value's lines, one level under its member


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return float.__repr__(value)


def _value(value: Any) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", _NESTED)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    return json.dumps({key: 0}, ensure_ascii=False)[1:-4]  # numbers, booleans, null


def row_text(row: dict[str, Any]) -> str:
    """One row as a list item of the document (its lines indented for that depth)."""
    if not row:
        return "  {}"
    return ROW_OPEN + ",\n".join(
        f"{MEMBER}{_key(key)}: {_value(value)}" for key, value in row.items()) + ROW_CLOSE


def rows_text(rows: list[dict[str, Any]]) -> str:
    """``json.dumps(rows, ensure_ascii=False, indent=1)[2:-2]`` with every line one space
    further in: the rows as consecutive items of a list one level down."""
    return ",\n".join(map(row_text, rows))


#: The C encoder (used when ``indent`` is ``None``) with the members' line break as its
#: separator: a flat object comes out as its members' lines, joined as indented.
_FLAT = json.JSONEncoder(ensure_ascii=False, separators=(",\n" + MEMBER, ": ")).encode


def flat_rows_text(rows: list[dict[str, Any]]) -> str:
    """:func:`rows_text` for rows whose values are all strings, numbers, booleans or
    ``null`` (nothing nested), each row encoded in one call to the C encoder."""
    out = []
    for row in rows:
        text = _FLAT(row)
        out.append("  {}" if text == "{}" else f"{ROW_OPEN}{MEMBER}{text[1:-1]}{ROW_CLOSE}")
    return ",\n".join(out)
