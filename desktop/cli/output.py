"""What the command line prints goes through here: no terminal escape ever leaves raw.

Note text, client codes, theme names and file names come from the clinician or from a
file someone else made. Printed raw, an ``ESC [2J`` clears the screen, an OSC 52
sequence writes the terminal's clipboard, and C1 or bidirectional controls disguise what
is shown. Every control character is shown as an escape instead (``\\x1b``, ``\\u009b``);
the ``\\u`` form for everything above ASCII keeps JSON output valid JSON.
"""

from __future__ import annotations

import sys
import unicodedata
from typing import TextIO

#: Bidirectional controls (not category Cc) that reorder what a terminal shows.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                  "\u2066\u2067\u2068\u2069")


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def _unsafe(char: str) -> bool:
    return char in _BIDI or unicodedata.category(char) == "Cc"


def safe_text(value: object) -> str:
    """``value`` as one printable field: every control character escaped, newlines too."""
    text = str(value)
    if text.isprintable() and not any(c in _BIDI for c in text):
        return text
    return "".join(_escaped(c) if _unsafe(c) else c for c in text)


def safe_lines(text: str) -> str:
    """Like :func:`safe_text`, but the line breaks and tabs of our own layout stay."""
    return "\n".join("\t".join(safe_text(part) for part in line.split("\t"))
                     for line in text.split("\n"))


def out(text: str, stream: TextIO | None = None) -> None:
    """Write ``text`` (layout made by Threadline, data inside it) to stdout, escaped."""
    (stream or sys.stdout).write(safe_lines(text))


def err(text: str) -> None:
    out(text, sys.stderr)
