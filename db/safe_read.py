"""Reading a file someone chose, which may be anything: a bounded read of a regular file.

``Path.read_bytes()`` on a FIFO waits for a writer for ever, and on ``/dev/zero`` (whose
size says 0) reads until memory runs out. Here the file is opened without blocking
(``O_NONBLOCK``: a FIFO without a writer opens at once), checked to be a regular file on
the open descriptor (no gap between the check and the read), and read to at most the size
it had, bounded by ``limit``.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from db.errors import FileChanged, FileTooLarge, NotARegularFile

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_BINARY", 0)


def _regular(fd: int, path: Path) -> os.stat_result:
    """The status of the open ``fd``; raises unless it is a regular file."""
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise NotARegularFile(detail=stat.filemode(info.st_mode)[0])
    return info


def read_start(path: Path, count: int) -> bytes:
    """The first ``count`` bytes of the regular file ``path`` (never waits on a FIFO)."""
    fd = os.open(path, _FLAGS)
    try:
        _regular(fd, path)
        return os.read(fd, count)
    finally:
        os.close(fd)


def read_regular(path: Path, limit: int, *, follow_links: bool = True) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Raises :class:`NotARegularFile`, :class:`FileTooLarge`, :class:`FileChanged`, or the
    :class:`OSError` of opening it (``FileNotFoundError``, ``PermissionError``, and with
    ``follow_links=False`` ``ELOOP`` for a link).
    """
    flags = _FLAGS | (0 if follow_links else getattr(os, "O_NOFOLLOW", 0))
    fd = os.open(path, flags)
    try:
        info = _regular(fd, path)
        if info.st_size > limit:
            raise FileTooLarge
        with open(fd, "rb", buffering=0, closefd=False) as handle:
            data = handle.read(info.st_size + 1)  # one byte more shows it grew
    finally:
        os.close(fd)
    if len(data) > info.st_size:
        raise FileChanged
    return data


class RegularFile:
    """A regular file opened for a bounded read in pieces (an import of a large export).

    Opening checks what :func:`read_regular` checks and raises the same errors;
    :meth:`chunks` then reads at most the size the file had when it was opened, and at
    the end raises :class:`FileChanged` if there was more, as :func:`read_regular` does.
    """

    def __init__(self, path: Path, limit: int) -> None:
        self._fd = os.open(path, _FLAGS)
        try:
            info = _regular(self._fd, path)
            if info.st_size > limit:
                raise FileTooLarge
        except BaseException:
            os.close(self._fd)
            raise
        self.size = info.st_size

    def __enter__(self) -> RegularFile:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def chunks(self, size: int) -> Iterator[bytes]:
        """The file's bytes, ``size`` at a time (the last piece may be shorter)."""
        left = self.size
        with open(self._fd, "rb", buffering=0, closefd=False) as handle:
            while left > 0:
                piece = handle.read(min(size, left))
                if not piece:
                    return  # it shrank: what there was is what is read, as read_regular does
                left -= len(piece)
                yield piece
            if handle.read(1):
                raise FileChanged
