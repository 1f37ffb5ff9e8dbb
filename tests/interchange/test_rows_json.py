"""The export's own row encoder spells rows exactly as ``json.dumps`` with ``indent=1``."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from db.interchange.v1.rows_json import flat_rows_text, rows_text

_SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
            | st.floats(allow_nan=True, allow_infinity=True) | st.text())
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
_ROWS = st.lists(st.dictionaries(st.text(max_size=12), _VALUES, max_size=8), min_size=1,
                 max_size=5)


_FLAT_ROWS = st.lists(st.dictionaries(st.text(max_size=12), _SCALARS, max_size=8), min_size=1,
                      max_size=5)


def _as_dumps_spells_them(rows: list[dict[str, Any]]) -> str:
    text = json.dumps(rows, ensure_ascii=False, indent=1)
    return " " + text[2:-2].replace("\n", "\n ")


@settings(max_examples=400)
@given(_ROWS)
def test_any_rows_are_spelled_as_json_dumps_spells_them(rows: list[dict[str, Any]]) -> None:
    assert rows_text(rows) == _as_dumps_spells_them(rows)


def test_the_hard_cases_of_the_format() -> None:
    rows = [{"text": 'She said "wait"\n\tand left\u2028 ń \udc80 \x00', "n": 0, "big": 2**64,
             "f": 1e-7, "nan": float("nan"), "inf": float("-inf"), "t": True, "none": None,
             "value": {"nested": [1, {"deeper": []}, {}], "empty": {}}, "list": []},
            {}]
    assert rows_text(rows) == _as_dumps_spells_them(rows)
    flat = [{k: v for k, v in row.items() if not isinstance(v, dict | list)} for row in rows]
    assert flat_rows_text(flat) == _as_dumps_spells_them(flat)


@settings(max_examples=400)
@given(_FLAT_ROWS)
def test_flat_rows_are_spelled_as_json_dumps_spells_them(rows: list[dict[str, Any]]) -> None:
    assert flat_rows_text(rows) == _as_dumps_spells_them(rows)
