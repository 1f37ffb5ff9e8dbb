"""Qt counts text positions in UTF-16 units, Python in code points; these convert.

They differ only after characters outside the Basic Multilingual Plane (most emoji), but a
mark must never slip by one character because a client's note contains one.
"""

from __future__ import annotations


def to_python(text: str, qt_position: int) -> int:
    """The code-point index of a Qt (UTF-16) position in ``text``."""
    if text.isascii():
        return qt_position
    units = 0
    for index, char in enumerate(text):
        if units >= qt_position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def to_qt(text: str, index: int) -> int:
    """The Qt (UTF-16) position of a code-point index in ``text``."""
    if text.isascii():
        return index
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)
