"""Reading a key file that may have been crafted: bounded, flat, strictly typed.

``vault.key`` sits in a folder anyone with the clinician's account can write to, so it is
read like untrusted input: only a regular file (never a link, pipe or device, which could
block or never end), at most :data:`MAX_BYTES`, JSON nested at most :data:`MAX_DEPTH`
deep, and every field checked for type and length before anything is derived from it.
Each refusal is a :class:`KeyFileDamaged` (or a subclass) with one sentence.
"""

from __future__ import annotations

import base64
import binascii
import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

from db.errors import KeyFileDamaged, KeyFileNotRegular, KeyFileTooLarge

#: A key file is about 1 KiB; anything past this is not one.
MAX_BYTES = 64 * 1024
#: The deepest nesting a key file has is three (document → slots → slot → kdf) plus one.
MAX_DEPTH = 6


def read_bounded(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most :data:`MAX_BYTES`.

    ``O_NOFOLLOW`` refuses a symlink at the last component and ``O_NONBLOCK`` keeps a
    FIFO from blocking the open; ``fstat`` then refuses anything that is not a regular
    file before a byte is read. Raises :class:`FileNotFoundError` when it is missing.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EMLINK):
            raise KeyFileNotRegular(detail="symlink") from error
        raise KeyFileDamaged(detail=f"open failed: {error.errno}") from error
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise KeyFileNotRegular(detail=f"mode {stat.S_IFMT(info.st_mode):o}")
        if info.st_size > MAX_BYTES:
            raise KeyFileTooLarge(detail=f"{info.st_size} bytes")
        chunks: list[bytes] = []
        total = 0
        while True:  # bounded even if the file grows while it is read
            chunk = os.read(fd, MAX_BYTES + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_BYTES:
                raise KeyFileTooLarge(detail="grew while read")
        return b"".join(chunks)
    except OSError as error:
        raise KeyFileDamaged(detail=f"read failed: {error.errno}") from error
    finally:
        os.close(fd)


def _depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` outside strings (one linear pass)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def parse_document(raw: bytes) -> dict[str, Any]:
    """The key file's JSON object; :class:`KeyFileDamaged` for anything else."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise KeyFileDamaged(detail="not UTF-8") from error
    if _depth(text) > MAX_DEPTH:
        raise KeyFileDamaged(detail="nested too deeply")
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, RecursionError, ValueError) as error:
        raise KeyFileDamaged(detail=type(error).__name__) from error
    if not isinstance(doc, dict):
        raise KeyFileDamaged(detail="not an object")
    return doc


# --- typed fields -------------------------------------------------------------------------


def obj(doc: Any, key: str) -> dict[str, Any]:
    value = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(value, dict):
        raise KeyFileDamaged(detail=f"{key}: expected an object")
    return value


def text(doc: dict[str, Any], key: str, max_len: int = 128) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or not 0 < len(value) <= max_len:
        raise KeyFileDamaged(detail=f"{key}: expected short text")
    return value


def integer(doc: dict[str, Any], key: str, low: int, high: int) -> int:
    value = doc.get(key)
    # bool is an int in Python; a key file never means True by 1.
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise KeyFileDamaged(detail=f"{key}: expected a whole number in range")
    return value


def b64(doc: dict[str, Any], key: str, low: int, high: int | None = None) -> bytes:
    """Base64 field decoding to between ``low`` and ``high`` (default ``low``) bytes."""
    value = doc.get(key)
    if not isinstance(value, str) or len(value) > 4 * MAX_BYTES:
        raise KeyFileDamaged(detail=f"{key}: expected base64 text")
    try:
        data = base64.b64decode(value.encode("ascii"), validate=True)
    except (ValueError, binascii.Error) as error:
        raise KeyFileDamaged(detail=f"{key}: bad base64") from error
    if not low <= len(data) <= (low if high is None else high):
        raise KeyFileDamaged(detail=f"{key}: wrong length")
    if base64.b64encode(data).decode("ascii") != value:  # one spelling per value
        raise KeyFileDamaged(detail=f"{key}: non-canonical base64")
    return data


def hex_digest(value: Any) -> str | None:
    """``value`` if it is 64 lowercase hex digits (a SHA-256), else None."""
    if isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef"
                                                            for c in value):
        return value
    return None
