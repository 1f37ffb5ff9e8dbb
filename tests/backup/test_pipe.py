"""The pipe between a writing thread and a reader: all of the data, its writer's error
after it, and neither side left waiting when the other stops."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from typing import BinaryIO

import pytest

from db.backup.pipe import pushed

MIB = 1 << 20


class Stop(Exception):
    pass


def _open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd")) if sys.platform.startswith("linux") else set()


def _threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "pipe test"]


def test_everything_written_is_read_in_order() -> None:
    pieces = [os.urandom(n) for n in (1, 5000, MIB, 70_000, 0, 3)]

    def write(writer: BinaryIO) -> None:
        for piece in pieces:
            writer.write(piece)

    with pushed(write, "pipe test") as read:
        assert b"".join(read) == b"".join(pieces)
    assert _threads() == []


def test_the_writers_error_comes_after_what_it_wrote() -> None:
    def write(writer: BinaryIO) -> None:
        writer.write(b"authenticated")
        raise Stop

    got: list[bytes] = []
    with pushed(write, "pipe test") as read, pytest.raises(Stop):
        _read_into(got, read)
    assert b"".join(got) == b"authenticated"


def _read_into(got: list[bytes], read: Iterator[bytes]) -> None:
    for piece in read:
        got.append(piece)


def _leave_after_one_piece(write: Callable[[BinaryIO], None]) -> None:
    with pushed(write, "pipe test") as read:
        next(read)
        raise Stop


def test_a_reader_that_stops_stops_the_writer() -> None:
    fds = _open_fds()
    outcome: list[BaseException] = []
    written = [0]

    def write(writer: BinaryIO) -> None:
        try:
            while written[0] < 1024 * MIB:  # far more than anyone reads here
                written[0] += writer.write(bytes(64 * 1024))
        except BaseException as error:
            outcome.append(error)
            raise

    with pytest.raises(Stop):
        _leave_after_one_piece(write)
    assert _threads() == []
    assert isinstance(outcome[0], OSError)  # EPIPE: the reader had gone
    assert written[0] < 8 * MIB
    assert _open_fds() == fds


def test_a_reader_that_never_reads() -> None:
    fds = _open_fds()
    with pushed(lambda writer: writer.write(bytes(4 * MIB)) and None, "pipe test"):
        pass
    assert _threads() == []
    assert _open_fds() == fds
