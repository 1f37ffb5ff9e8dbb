"""Read a folder of notes written elsewhere: one ``.txt``/``.md`` file per session.

Layout: ``<folder>/<client folder>/<file>``, or the files directly in a folder named after
the client. The session date comes from the file name (``2024-03-05.md``,
``2024-03-05-2.md`` for a second session that day, ``Robin 05.03.2024.txt``) or else from
the first line (``2024-03-05`` or ``05.03.2024``, which is then not kept as note text).

This module only reads files: no database, no Qt. Every file it will not import is
reported with its reason, so a folder of anything at all (binary files, empty files,
huge files, other encodings, links that loop, nested folders) gives a plan, never an
exception. Only files directly inside a client folder are read, so it never walks deeper
than two levels, never follows a link to a folder, and never reads a file whose real
path lies outside the chosen folder (a link to ``~/.ssh/id_ed25519`` is skipped).
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from db.errors import FileChanged, FileTooLarge, NotARegularFile, ThreadlineError
from db.safe_read import read_regular

SUFFIXES = (".txt", ".md")
MAX_NOTE_BYTES = 2 * 1024 * 1024
MAX_ENTRIES = 50_000
MAX_CODE_LENGTH = 40
YEARS = range(1900, 2101)
_NAME_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NAME_DOTTED = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_ORDER = re.compile(r"[-_ ](\d{1,3})(?:[-_ ].*)?")
_LINE_ISO = re.compile(r"\s*(?:#+\s*)?(\d{4})-(\d{2})-(\d{2})\b.*")
_LINE_DOTTED = re.compile(r"\s*(?:#+\s*)?(\d{1,2})\.(\d{1,2})\.(\d{4})\b.*")


@dataclass(frozen=True)
class PlannedSession:
    """One file that becomes one session."""

    client_code: str  # the code of the client it goes to (an existing client's own spelling)
    folder: str  # the client folder it was found in, as named on disk
    date: date
    order: int  # the n of ``-n`` in the file name; 1 otherwise
    source: str  # the file, relative to the chosen folder
    text: str
    words: int


@dataclass(frozen=True)
class SkippedFile:
    """A file (or folder) that will not be imported, and why, e.g. "is empty"."""

    source: str
    reason: str

    def sentence(self) -> str:
        return f"{self.source} {self.reason}; skipped."


@dataclass(frozen=True)
class Scan:
    """What a folder holds, before the vault is asked which clients already exist."""

    sessions: tuple[PlannedSession, ...]
    skipped: tuple[SkippedFile, ...]


class _Skip(Exception):
    """Inside the scan: this entry is skipped for the reason given."""


def display_path(path: Path, root: Path) -> str:
    """A path relative to ``root`` that is always valid text (undecodable bytes shown as �)."""
    relative = os.fsencode(path.relative_to(root))
    return relative.decode("utf-8", "replace")


def _checked_date(year: int, month: int, day: int) -> date:
    if year not in YEARS:
        raise ValueError(year)
    return date(year, month, day)


def _date_from_name(stem: str) -> tuple[date, int] | None:
    """``(date, order)`` from a file name, ``None`` if it holds no date.

    The order (a second session on the same day) is a number right after a date that
    starts the name: ``2024-03-05-2``, ``2024-03-05 2 notes``.
    """
    if match := _NAME_ISO.search(stem):
        year, month, day = match.groups()
    elif match := _NAME_DOTTED.search(stem):
        day, month, year = match.groups()
    else:
        return None
    try:
        when = _checked_date(int(year), int(month), int(day))
    except ValueError:
        raise _Skip("is named after a date that does not exist") from None
    order = _ORDER.fullmatch(stem[match.end():]) if match.start() == 0 else None
    return when, int(order.group(1)) if order else 1


def _date_from_first_line(text: str) -> tuple[date | None, str]:
    first, _, rest = text.partition("\n")
    try:
        if match := _LINE_ISO.fullmatch(first):
            year, month, day = match.groups()
        elif match := _LINE_DOTTED.fullmatch(first):
            day, month, year = match.groups()
        else:
            return None, text
        return _checked_date(int(year), int(month), int(day)), rest.lstrip("\n")
    except ValueError:
        return None, text


def _decode(raw: bytes) -> str:
    """Text in the encodings word processors write: UTF-8, UTF-16 with a BOM, Windows-1252."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise _Skip("is not readable text") from None
    if b"\x00" in raw:
        raise _Skip("is not a text file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")  # the five bytes it lacks become �


def _inside(path: Path, root: Path) -> Path:
    """The real path of ``path``, which must not leave ``root`` (the chosen folder, resolved)."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link, or links that loop
        raise _Skip("is a link that leads nowhere") from None
    if not real.is_relative_to(root):
        raise _Skip("is a link to a file outside the chosen folder")
    return real


def _read(path: Path, root: Path) -> str:
    real = _inside(path, root)
    try:  # the real path's last part is no link: a link swapped in now is refused
        raw = read_regular(real, MAX_NOTE_BYTES, follow_links=False)
    except NotARegularFile:
        raise _Skip("is not a regular file") from None
    except FileTooLarge:
        raise _Skip("is too large to be one session's note") from None
    except (OSError, FileChanged):
        raise _Skip("could not be read") from None
    text = _decode(raw).replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise _Skip("is not a text file")
    return text


def _plan_file(path: Path, root: Path, code: str, folder: str,
               source: str) -> PlannedSession:
    if path.suffix.lower() not in SUFFIXES:
        raise _Skip("is not a .txt or .md file")
    text = _read(path, root)
    if not text.strip():
        raise _Skip("is empty")
    named = _date_from_name(path.stem)
    if named is not None:
        when, order = named
    else:
        found, text = _date_from_first_line(text)
        if found is None:
            raise _Skip("has no date in its name or first line")
        when, order = found, 1
        if not text.strip():
            raise _Skip("holds nothing but a date")
    text = text.strip("\n") + "\n"
    return PlannedSession(code, folder, when, order, source, text, len(text.split()))


def client_code(folder_name: str) -> str:
    """The client code a folder stands for (trimmed, in composed Unicode as typed)."""
    return unicodedata.normalize("NFC", folder_name.strip())


def _code_problem(code: str) -> str | None:
    if not code:
        return "is in a folder whose name cannot be a client code"
    try:
        code.encode("utf-8")
    except UnicodeEncodeError:
        return "is in a folder whose name is not valid text"
    if len(code) > MAX_CODE_LENGTH:
        return f"is in a folder whose name is longer than a client code may be " \
               f"({MAX_CODE_LENGTH} characters)"
    if any(unicodedata.category(c) == "Cc" for c in code):
        return "is in a folder whose name holds control characters"
    return None


def _entries(place: Path, count: list[int]) -> list[Path]:
    try:
        entries = sorted(place.iterdir())
    except OSError as error:
        raise _Skip("could not be read") from error
    count[0] += len(entries)
    if count[0] > MAX_ENTRIES:
        raise ThreadlineError("That folder holds far too many files to be a folder of notes.")
    return [p for p in entries if not p.name.startswith(".")]


def _is_real_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def scan(folder: Path) -> Scan:
    """Read ``folder``; raises :class:`ThreadlineError` only if it is not a readable folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ThreadlineError("That is not a folder of notes.")
    root = folder.resolve()
    count = [0]
    try:
        top = _entries(folder, count)
    except _Skip:
        raise ThreadlineError("That folder could not be read.") from None
    planned: list[PlannedSession] = []
    skipped: list[SkippedFile] = []
    clients = [p for p in top if _is_real_folder(p)]
    if clients:
        groups = clients
        for path in top:
            if path.is_symlink() and path.is_dir():
                skipped.append(SkippedFile(display_path(path, folder), "is a link to a folder"))
            elif not _is_real_folder(path):
                skipped.append(SkippedFile(display_path(path, folder),
                                           "is not inside a client folder"))
    else:
        groups = [folder]
    for place in groups:
        name = folder.resolve().name if place is folder else place.name
        code = client_code(name)
        problem = _code_problem(code)
        try:
            files = _entries(place, count)
        except _Skip as skip:
            skipped.append(SkippedFile(display_path(place, folder), str(skip)))
            continue
        for path in files:
            source = display_path(path, folder)
            if path.is_dir():
                reason = ("is a link to a folder" if path.is_symlink()
                          else "is a folder inside a client folder")
                skipped.append(SkippedFile(source, reason))
                continue
            try:
                if problem is not None:
                    raise _Skip(problem)
                planned.append(_plan_file(path, root, code, name, source))
            except _Skip as skip:
                skipped.append(SkippedFile(source, str(skip)))
    planned.sort(key=lambda s: (s.client_code.casefold(), s.date, s.order, s.source))
    return Scan(tuple(planned), tuple(skipped))
