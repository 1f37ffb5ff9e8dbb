"""Real folders of notes written elsewhere, for the folder import (fictional clients).

:func:`tidy_folder` is what a clinician's word-processor folder looks like;
:func:`hostile_folder` adds everything that must be skipped cleanly. The ``EXPECTED_*``
constants say what a preview of each must show.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

#: (client code, date, source) of every session the tidy folder yields, in plan order.
EXPECTED_SESSIONS = (
    ("Mira S", date(2023, 10, 9), "Mira S/intake.txt"),
    ("Mira S", date(2023, 11, 2), "Mira S/2023-11-02.md"),
    ("Mira S", date(2023, 11, 2), "Mira S/2023-11-02-2.txt"),
    ("RB-07", date(2024, 2, 5), "rb-07/05.02.2024.txt"),
    ("RB-07", date(2024, 2, 12), "rb-07/Session 2024-02-12.md"),
)
#: (source, reason) of every file the tidy folder skips.
EXPECTED_TIDY_SKIPS = (
    ("Mira S/scan.pdf", "is not a .txt or .md file"),
    ("Mira S/todo.txt", "has no date in its name or first line"),
)


def tidy_folder(root: Path) -> Path:
    """Two client folders: "Mira S" (new) and "rb-07" (an existing RB-07, other case)."""
    notes = root / "notes"
    mira = notes / "Mira S"
    mira.mkdir(parents=True)
    (mira / "2023-11-02.md").write_text("Erste Stunde. Sie sprach über ihren Bruder.\n",
                                        encoding="utf-8")
    (mira / "2023-11-02-2.txt").write_bytes("Zweite Sitzung am selben Tag – café.\r\n"
                                            .encode("cp1252"))
    (mira / "intake.txt").write_text("09.10.2023\n\nIntake: referred by her GP.\n",
                                     encoding="utf-8")
    (mira / "todo.txt").write_text("no date here\n", encoding="utf-8")
    (mira / "scan.pdf").write_bytes(b"%PDF-1.4")
    (mira / ".DS_Store").write_bytes(b"\x00\x01")
    robin = notes / "rb-07"
    robin.mkdir()
    (robin / "05.02.2024.txt").write_bytes("Spoke of the dream again.\n".encode("utf-16"))
    (robin / "Session 2024-02-12.md").write_text("# Notes\n\nSilence, then anger at the "
                                                 "break.\n", encoding="utf-8")
    return notes


#: (source, reason) of what the hostile additions skip (besides the tidy skips).
EXPECTED_HOSTILE_SKIPS = (
    ("Mira S/2023-02-30.md", "is named after a date that does not exist"),
    ("Mira S/big.txt", "is too large to be one session's note"),
    ("Mira S/binary.txt", "is not a text file"),
    ("Mira S/empty.md", "is empty"),
    ("Mira S/loop.txt", "is a link that leads nowhere"),
    ("Mira S/nested", "is a folder inside a client folder"),
    ("Mira S/only-date.md", "holds nothing but a date"),
    ("Mira S/up", "is a link to a folder"),
    ("README.txt", "is not inside a client folder"),
    ("back", "is a link to a folder"),
    ("K\ufffdnig/2024-01-01.md", "is in a folder whose name is not valid text"),
    ("x" * 41 + "/2024-01-01.md",
     "is in a folder whose name is longer than a client code may be (40 characters)"),
)


def hostile_folder(root: Path) -> Path:
    """The tidy folder plus binary, empty, huge, undecodable, misdated, nested and looping."""
    notes = tidy_folder(root)
    mira = notes / "Mira S"
    (mira / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (mira / "empty.md").write_bytes(b"")
    (mira / "big.txt").write_bytes(b"word " * (2 * 1024 * 1024))  # 10 MB
    (mira / "2023-02-30.md").write_text("Not a real day.\n", encoding="utf-8")
    (mira / "only-date.md").write_text("2023-12-01\n\n", encoding="utf-8")
    # Neither UTF-8 nor quite Windows-1252: imported, the bytes it cannot read shown as �.
    (mira / "2023-12-07.txt").write_bytes(b"Caf\xe9 \x81\x8d at noon.\n")
    nested = mira / "nested" / "deeper"
    nested.mkdir(parents=True)
    (nested / "2023-05-05.md").write_text("Never read: too deep.\n", encoding="utf-8")
    os.symlink("loop.txt", mira / "loop.txt")  # a link to itself
    os.symlink("..", mira / "up")  # a loop back to the top
    os.symlink(".", notes / "back")
    (notes / "README.txt").write_text("2024-01-01 how these notes are kept\n",
                                      encoding="utf-8")
    (mira / os.fsdecode(b"2023-12-08 caf\xe9.txt")).write_text("Name not UTF-8.\n",
                                                              encoding="utf-8")
    undecodable = notes / os.fsdecode(b"K\xf6nig")
    undecodable.mkdir()
    (undecodable / "2024-01-01.md").write_text("A note.\n", encoding="utf-8")
    long_code = notes / ("x" * 41)
    long_code.mkdir()
    (long_code / "2024-01-01.md").write_text("A note.\n", encoding="utf-8")
    return notes


#: The hostile folder's extra sessions: a file in no clean encoding, and a name that is not UTF-8.
EXPECTED_HOSTILE_EXTRA = (
    ("Mira S", date(2023, 12, 7), "Mira S/2023-12-07.txt"),
    ("Mira S", date(2023, 12, 8), "Mira S/2023-12-08 caf\ufffd.txt"),
)
