"""The piece-by-piece parser reads exactly what ``json.loads`` reads, wherever the pieces
and the window are cut, and holds only a window of the text at a time."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest

from db.interchange import dumps, export_document, read_bytes
from db.interchange.json_stream import parse_object
from db.interchange.reader import read_chunks
from db.interchange.v1.reader import strict_decoder
from db.vault.vault import Vault
from tests.interchange.fill import fill

TEXTS = [
    '{}', ' { } ', '{"a": []}', '{"a": [ ]}', ' {"a" : [ 1 , 2 ] } \n',
    '{"h": 1, "a": [1.5e3, -0.25, 12345678901234567890, 1E-7, true, false, null]}',
    '{"a": ["x\\ud83d\\ude00ń", "\\u00e9", "tab\\tend", {"k": [1, {"z": []}]}]}',
    '{"a": [{"id": "5"}, {"id": "6"}], "b": {"c": [1, 2]}, "d": "e"}',
    # not JSON, or refused by the strict decoder
    '', ' ', '{', '{"a": [1,]}', '{"a": [1 2]}', '{"a": 1,}', '{"a": 1}x', '{"a": 1} {}',
    '{"a": 1, "a": 2}', '{"a": [{"b": 1, "b": 2}]}', '{"a": [NaN]}', '{"a": [-Infinity]}',
    '{"a": "\x01"}', '{"a": [1]', '{"a": [1', '{"a": "unterminated', '{a: 1}', "{'a': 1}",
    '{"a": [01]}', '{"a": [1.]}', '{"a": [1e]}', '\ufeff{}', '{"a": []]',
    # a top level that is not an object
    '[1, 2]', '"x"', '12', 'null', '[1, 2', '[' * 5000 + ']' * 5000,
]


def _pieces(data: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start:start + size]


def _whole(text: str) -> tuple[str, Any]:
    try:
        return "ok", strict_decoder().decode(text)
    except (ValueError, RecursionError) as error:
        return type(error).__name__ if isinstance(error, RecursionError) else "ValueError", None


def _streamed(data: bytes, size: int, step: int) -> tuple[str, Any]:
    items: dict[str, list[Any]] = {}

    def sink(name: str, before: dict[str, Any]) -> Any:
        return items.setdefault(name, []).append

    try:
        top = parse_object(_pieces(data, size), strict_decoder(), sink, step=step)
    except (ValueError, RecursionError) as error:
        return type(error).__name__ if isinstance(error, RecursionError) else "ValueError", None
    if isinstance(top, dict):
        top.update(items)
    return "ok", top


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(("size", "step"), [(1, 1), (2, 3), (7, 1), (5, 64), (1 << 20, 1 << 20)])
def test_reads_what_json_loads_reads(text: str, size: int, step: int) -> None:
    assert _streamed(text.encode(), size, step) == _whole(text)


def test_bytes_that_are_not_utf8_after_a_json_error_are_reported_as_such() -> None:
    data = b'{"a": [1, x], "b": "\xff"}'
    with pytest.raises(UnicodeDecodeError):
        parse_object(_pieces(data, 4), strict_decoder(), lambda name, before: None, step=4)


def test_an_export_cut_anywhere_reads_the_same(vault: Vault) -> None:
    fill(vault)
    data = dumps(export_document(vault.database))
    whole = read_bytes(data)
    for size in (1, 3, 50, 4096):
        assert read_chunks(_pieces(data, size)) == whole


def test_lists_before_the_header_read_the_same(vault: Vault) -> None:
    fill(vault)
    document = export_document(vault.database)
    header = {k: document.pop(k) for k in ("format", "format_version")}
    later = json.dumps({**document, **header}, ensure_ascii=False).encode()
    assert read_bytes(later) == read_bytes(dumps({**header, **document}))


def test_the_decoded_text_is_never_held_whole(vault: Vault) -> None:
    """Before, the whole document was decoded into one string (two bytes a character once
    any character is beyond Latin-1) and every record parsed before any was checked."""
    fill(vault)
    document = export_document(vault.database)
    session = document["sessions"][0]
    document["sessions"] = [{**session, "id": f"{n:08x}-0000-4000-8000-000000000000",
                             "number": n + 1, "process_note": f"ń {n} " + "word " * 400}
                            for n in range(6000)]
    for name in ("note_revisions", "note_drafts", "addenda", "marks", "relational_episodes",
                 "measure_scores"):
        document[name] = []
    data = dumps(document)
    assert len(data) > 14_000_000
    tracemalloc.start()
    try:
        read = read_bytes(data)
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert read.count("sessions") == 6000
    assert peak - held < len(data)  # before: 4 × len(data)
