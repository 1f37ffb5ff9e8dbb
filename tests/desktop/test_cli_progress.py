"""The command line's progress line: drawn on a terminal, nothing when output is a file."""

from __future__ import annotations

import os
import select
from pathlib import Path

from db.progress import Step, silent
from desktop.cli.progress import progress_line, shown_progress


def _read_all(fd: int) -> str:
    """What the terminal received (the kernel hands pty output over asynchronously)."""
    data = b""
    while select.select([fd], [], [], 5.0)[0]:
        data += os.read(fd, 4096)
        if data.endswith(b"\r") and b"50 %" in data:
            break
    return data.decode()


def test_a_terminal_gets_one_line_redrawn_and_cleared() -> None:
    main, side = os.openpty()
    with os.fdopen(side, "w") as terminal:
        with shown_progress(terminal) as progress:
            assert progress is not silent
            progress(Step.CHECKING, None)
            progress(Step.IMPORTING, 0.5)
        written = _read_all(main)
    os.close(main)
    assert "Checking every record…" in written
    assert "Writing the records… 50 %" in written
    assert "\n" not in written.replace("\r\n", "")  # one line, redrawn with \r
    assert written.endswith("\r")  # cleared: the next output starts on a clean line


def test_output_to_a_file_gets_no_progress(tmp_path: Path) -> None:
    with (tmp_path / "err.txt").open("w") as stream:
        progress, line = progress_line(stream)
        assert progress is silent
        assert line is None
    assert (tmp_path / "err.txt").read_text() == ""
