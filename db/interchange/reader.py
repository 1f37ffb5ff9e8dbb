"""Read any supported interchange document: check the format, dispatch on its version.

The document is parsed a piece at a time (:mod:`db.interchange.json_stream`): once the
header has said ``threadline-interchange`` version 1 (the writer puts it first), each
list's items are validated into rows as they are parsed, so the text of the file and its
parsed objects never exist whole. A document that puts its header after its lists is
read as well, with its lists parsed whole first. Either way every problem is reported
with the same sentences, in the same order, and nothing is imported unless all is well.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from db.interchange import json_stream
from db.interchange.errors import InterchangeError
from db.interchange.records import BY_NAME, FORMAT_NAME
from db.interchange.v1 import reader as v1_reader
from db.interchange.v1.reader import Document, ListReader

#: One reader per format version this Threadline can read (the parsed top-level members,
#: and the lists already validated while they were parsed).
READERS: dict[int, Callable[[dict[str, Any], dict[str, ListReader]],
                            tuple[Document | None, list[str]]]] = {
    1: v1_reader.read_document,
}

NOT_AN_EXPORT = "This file is not a Threadline export."
#: Bytes of a document given whole handed to the parser at a time.
PIECE = json_stream.CHUNK


def _version(top: dict[str, Any]) -> int | None:
    version = top.get("format_version")
    if top.get("format") != FORMAT_NAME or isinstance(version, bool) \
            or not isinstance(version, int):
        return None
    return version


def read_chunks(chunks: Iterator[bytes], *, lean: bool = False) -> Document:
    """Parse and validate the document whose bytes ``chunks`` gives, piece by piece;
    raises :class:`InterchangeError` with every problem (and lets the errors of reading
    the pieces through).

    ``lean``: every rule is checked as before, but the rows keep only what the rules
    compare (long texts such as notes are checked and let go): for a check that imports
    nothing, such as a backup's verify. Such a document must not be imported."""
    streamed: dict[str, ListReader] = {}
    ids: dict[str, Any] = {}

    def sink(name: str, before: dict[str, Any]) -> json_stream.ItemSink | None:
        if _version(before) != 1 or name not in BY_NAME:
            return None
        streamed[name] = ListReader(BY_NAME[name], ids, lean=lean)
        return streamed[name].add

    try:
        top = json_stream.parse_object(chunks, v1_reader.strict_decoder(), sink)
    except UnicodeDecodeError as error:
        raise InterchangeError([f"{NOT_AN_EXPORT[:-1]} (it is not UTF-8 text)."]) from error
    except (ValueError, RecursionError) as error:
        raise InterchangeError([f"{NOT_AN_EXPORT[:-1]} (it is not valid JSON)."]) from error
    if not isinstance(top, dict) or top.get("format") != FORMAT_NAME:
        raise InterchangeError([NOT_AN_EXPORT])
    version = _version(top)
    if version is None:
        raise InterchangeError(["The export does not say which format version it uses."])
    reader = READERS.get(version)
    if reader is None:
        raise InterchangeError([
            f"This export uses format version {version}, which this version of Threadline "
            "cannot read; update Threadline."])
    document, problems = reader(top, streamed)
    if document is None:
        raise InterchangeError(problems)
    return document


def pieces(data: bytes) -> Iterator[bytes]:
    """``data`` in pieces for :func:`read_chunks` (one piece is copied at a time)."""
    view = memoryview(data)
    for start in range(0, len(view), PIECE):
        yield view[start:start + PIECE].tobytes()


def read_bytes(data: bytes) -> Document:
    """Parse and validate ``data``; raises :class:`InterchangeError` with every problem."""
    return read_chunks(pieces(data))
