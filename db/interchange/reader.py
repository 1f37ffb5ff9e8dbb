"""Read any supported interchange document: check the format, dispatch on its version."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from db.interchange.errors import InterchangeError
from db.interchange.records import FORMAT_NAME
from db.interchange.v1 import reader as v1_reader
from db.interchange.v1.reader import Document, parse_json

#: One reader per format version this Threadline can read.
READERS: dict[int, Callable[[dict[str, Any]], tuple[Document | None, list[str]]]] = {
    1: v1_reader.read_document,
}

NOT_AN_EXPORT = "This file is not a Threadline export."


def read_bytes(data: bytes | Callable[[], bytes]) -> Document:
    """Parse and validate ``data``; raises :class:`InterchangeError` with every problem.

    Given a function that returns the bytes, they are dropped once decoded (see
    :func:`parse_json`): the caller then holds no copy while the document is parsed.
    """
    try:
        top = parse_json(data)
    except UnicodeDecodeError as error:
        raise InterchangeError([f"{NOT_AN_EXPORT[:-1]} (it is not UTF-8 text)."]) from error
    except (ValueError, RecursionError) as error:
        raise InterchangeError([f"{NOT_AN_EXPORT[:-1]} (it is not valid JSON)."]) from error
    if not isinstance(top, dict) or top.get("format") != FORMAT_NAME:
        raise InterchangeError([NOT_AN_EXPORT])
    version = top.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise InterchangeError(["The export does not say which format version it uses."])
    reader = READERS.get(version)
    if reader is None:
        raise InterchangeError([
            f"This export uses format version {version}, which this version of Threadline "
            "cannot read; update Threadline."])
    document, problems = reader(top)
    if document is None:
        raise InterchangeError(problems)
    return document
