"""Qt counts text positions in UTF-16 units, Python in code points; these convert.

They differ only after characters outside the Basic Multilingual Plane (most emoji), but a
mark must never slip by one character because a client's note contains one. Both run on
every keystroke over the whole note, so the counting is done by the codec, not by a loop.
"""

from __future__ import annotations

import codecs

codecs.lookup("utf-16-le")  # imports the codec now, not in the first note's paint

def to_python(text: str, qt_position: int) -> int:
    """The code-point index of a Qt (UTF-16) position in ``text``."""
    if text.isascii():
        return qt_position
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) == 2 * len(text):  # no surrogate pairs: the units are the characters
        return max(0, min(qt_position, len(text)))
    # A position inside a surrogate pair counts the whole character, as Qt's cursor does.
    return len(units[:2 * max(qt_position, 0)].decode("utf-16-le", "surrogatepass"))


def to_qt(text: str, index: int) -> int:
    """The Qt (UTF-16) position of a code-point index in ``text``."""
    if text.isascii():
        return index
    prefix = text[:index]
    return index + len(prefix.encode("utf-16-le", "surrogatepass")) // 2 - len(prefix)
