"""The command line's progress line: on stderr when it is a terminal, nothing otherwise."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from typing import TextIO

from db.progress import Progress, Step, silent
from desktop.gui.common.progress_words import step_line

#: At most this many redraws a second (a terminal cannot show more, and each costs).
REDRAWS_PER_SECOND = 10


class ProgressLine:
    """A :class:`Progress` that redraws one line (``\\r``) and clears it when done."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._last: tuple[Step, int | None] | None = None
        self._drawn_at = 0.0
        self._width = 0

    def __call__(self, step: Step, done: float | None) -> None:
        shown = (step, None if done is None else round(done * 100))
        now = time.monotonic()
        if shown == self._last or (self._last is not None and shown[0] == self._last[0]
                                   and now - self._drawn_at < 1 / REDRAWS_PER_SECOND):
            return
        self._last, self._drawn_at = shown, now
        text = step_line(step, done)
        self._stream.write("\r" + text.ljust(self._width))
        self._stream.flush()
        self._width = len(text)

    def clear(self) -> None:
        if self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0


def progress_line(stream: TextIO | None = None) -> tuple[Progress, ProgressLine | None]:
    """The progress to give long work, and the line to clear afterwards (None when silent)."""
    stream = stream if stream is not None else sys.stderr
    if not stream.isatty():
        return silent, None
    line = ProgressLine(stream)
    return line, line


@contextlib.contextmanager
def shown_progress(stream: TextIO | None = None) -> Iterator[Progress]:
    """A progress line for the length of the block, cleared at its end (however it ends,
    so an error's sentence starts on a clean line)."""
    progress, line = progress_line(stream)
    try:
        yield progress
    finally:
        if line is not None:
            line.clear()
