"""What a function writes into a file, read as it is written (an OS pipe and a thread).

``pyrage.decrypt_io`` pushes the plaintext into a writer until the file is done, while the
archive is read by pulling (``tarfile`` reads from a file object). :func:`pushed` runs the
writing function in a thread of its own with the write end of an ``os.pipe()`` and hands
the read end to the caller as an iterator of pieces. The pipe is the whole protocol:

* it holds 64 KiB, so the writer waits while the reader is busy (nothing piles up);
* the writer's end is closed when its function returns or raises, so the reader sees the
  end of the data; only then is the function's error (if any) raised to the reader,
  because a cut stream must report why it was cut, not what the reader made of the cut;
* leaving the ``with`` block closes the read end first, so a writer still writing gets
  ``BrokenPipeError`` and stops, then waits for the thread: no thread outlives the block,
  and both descriptors are closed whatever happened (``os.pipe`` descriptors are not
  inherited by child processes).

A queue between the threads would need a way to wake a writer that waits on a full queue
once the reader has gone; closing a pipe does that by itself.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import BinaryIO

#: Bytes asked of the pipe at a time (it returns what is there, up to this).
PIECE = 64 * 1024


@contextmanager
def pushed(write: Callable[[BinaryIO], None], name: str) -> Iterator[Iterator[bytes]]:
    """The bytes ``write(writer)`` writes, as an iterator, while it runs in a thread.

    The iterator ends when ``write`` returns; if it raised, the iterator raises that error
    once it has yielded everything written before it. ``name`` names the thread.
    """
    read_fd, write_fd = os.pipe()
    reader: BinaryIO = open(read_fd, "rb", buffering=0)  # noqa: SIM115 (closed below)
    try:
        writer: BinaryIO = open(write_fd, "wb", buffering=0)  # noqa: SIM115 (closed by run)
    except BaseException:
        os.close(write_fd)
        reader.close()
        raise
    failures: list[BaseException] = []

    def run() -> None:
        try:
            with writer:
                write(writer)
        except BaseException as error:  # handed to the reader, never lost
            failures.append(error)

    thread = threading.Thread(target=run, name=name, daemon=True)
    try:
        thread.start()
    except BaseException:
        writer.close()
        reader.close()
        raise

    def pieces() -> Iterator[bytes]:
        while piece := reader.read(PIECE):
            yield piece
        thread.join()
        if failures:
            raise failures[0]

    try:
        yield pieces()
    finally:
        reader.close()  # a writer still writing now fails and returns
        thread.join()
