"""A passage is whole words: a selection that starts or ends inside a word is widened.

A drag that stops a letter short ("raffic was awf") marked a passage no clinician meant;
with Alt held the selection is kept exactly as made (a part of a compound, say).
No Qt here: offsets are code points of the note's text.
"""

from __future__ import annotations

INNER = "'’-"  # inside a word: "other's", "self-image"


def is_word_char(text: str, at: int) -> bool:
    if not 0 <= at < len(text):
        return False
    char = text[at]
    if char.isalnum() or char == "_":
        return True
    return char in INNER and is_letter(text, at - 1) and is_letter(text, at + 1)


def is_letter(text: str, at: int) -> bool:
    return 0 <= at < len(text) and text[at].isalnum()


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``–``end`` widened to the words it cuts into (unchanged if it cuts none)."""
    if start >= end:
        return start, end
    while start > 0 and is_word_char(text, start) and is_word_char(text, start - 1):
        start -= 1
    while end < len(text) and is_word_char(text, end - 1) and is_word_char(text, end):
        end += 1
    return start, end
