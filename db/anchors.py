"""Passage anchors: pure functions that keep a mark pinned to the same words of a note.

An anchor holds offsets into the note *and* the quoted text with a little context on both
sides. While the clinician types, :func:`apply_edit` moves the anchor through each edit;
when offsets may have drifted (a note changed elsewhere, a restored revision),
:func:`relocate` finds the quote again by its text and context.

The rule that :func:`apply_edit` keeps: think of every character of the note as having an
identity. The anchor always spans from the first to the last *surviving* character of the
passage it was made on. Text typed strictly inside the passage becomes part of it; text
typed at either edge or outside does not; deleted characters leave it. When no character
of the passage survives, the anchor is *lost* (``None``): the mark falls back to the whole
session and says so — it never points at other words.

Nothing here imports Qt or touches storage.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

CONTEXT = 32
"""Characters of context kept on each side of the quote for re-finding it."""


@dataclass(frozen=True)
class Anchor:
    """A passage: ``text`` is exactly ``note[start:end]`` of the note it belongs to."""

    start: int
    end: int
    text: str
    prefix: str = ""
    suffix: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end or self.end - self.start != len(self.text):
            raise ValueError("an anchor spans a non-empty range matching its quoted text")


@dataclass(frozen=True)
class Edit:
    """One change of a note: at ``position``, ``removed`` characters gave way to ``inserted``."""

    position: int
    removed: int
    inserted: str = ""

    def apply(self, text: str) -> str:
        return text[: self.position] + self.inserted + text[self.position + self.removed:]


def make_anchor(text: str, start: int, end: int) -> Anchor:
    """The anchor of ``text[start:end]``; raise ``ValueError`` for an empty or invalid range."""
    if not 0 <= start < end <= len(text):
        raise ValueError("a passage is a non-empty range inside the note")
    return Anchor(start, end, text[start:end], text[max(0, start - CONTEXT):start],
                  text[end:end + CONTEXT])


def with_context(anchor: Anchor, text: str) -> Anchor:
    """The same anchor with its context refreshed from the note it points into."""
    if text[anchor.start:anchor.end] != anchor.text:
        raise ValueError("the anchor does not point at its quote in this text")
    return make_anchor(text, anchor.start, anchor.end)


def apply_edit(anchor: Anchor, edit: Edit) -> Anchor | None:
    """Move ``anchor`` through ``edit``; ``None`` when every anchored character was deleted.

    Context is left as it was; refresh it with :func:`with_context` when the note is saved.
    """
    a, b = anchor.start, anchor.end
    p, r, s = edit.position, edit.removed, edit.inserted
    delta = len(s) - r
    if p + r <= a:  # wholly before (an insertion right at the start too)
        return replace(anchor, start=a + delta, end=b + delta)
    if p >= b:  # wholly after (an insertion at the end too)
        return anchor
    keeps_left = p > a  # anchored characters survive before the edit
    keeps_right = p + r < b  # ... and after it
    if keeps_left and keeps_right:
        text = anchor.text[: p - a] + s + anchor.text[p + r - a:]
        return replace(anchor, end=b + delta, text=text)
    if keeps_left:
        return replace(anchor, end=p, text=anchor.text[: p - a])
    if keeps_right:
        return replace(anchor, start=p + len(s), end=b + delta, text=anchor.text[p + r - a:])
    return None


def apply_edits(anchor: Anchor | None, edits: list[Edit]) -> Anchor | None:
    for edit in edits:
        if anchor is None:
            return None
        anchor = apply_edit(anchor, edit)
    return anchor


def relocate(anchor: Anchor, text: str) -> Anchor | None:
    """Find the anchor in ``text``: where it was if the quote is still there, else re-found.

    Every place the quote occurs is scored by how much of its context matches, and the
    nearest of the best-scoring places wins. ``None`` when the quote occurs nowhere — the
    words are gone, and the caller turns the mark into a session mark.
    """
    if text[anchor.start:anchor.end] == anchor.text:
        return make_anchor(text, anchor.start, anchor.end)
    best: tuple[int, int, int] | None = None  # (-score, distance, start)
    found = text.find(anchor.text)
    while found != -1:
        before = text[max(0, found - CONTEXT):found]
        after = text[found + len(anchor.text):found + len(anchor.text) + CONTEXT]
        score = _common_suffix(before, anchor.prefix) + _common_prefix(after, anchor.suffix)
        candidate = (-score, abs(found - anchor.start), found)
        if best is None or candidate < best:
            best = candidate
        found = text.find(anchor.text, found + 1)
    if best is None:
        return None
    return make_anchor(text, best[2], best[2] + len(anchor.text))


def diff_edit(old: str, new: str, hint: int = 0) -> Edit | None:
    """The single edit that turns ``old`` into ``new``, placed at or after ``hint``.

    Editors report where a change happened but not always exactly how much changed (Qt
    reports a whole-block rewrite on some edits); comparing the texts gives the true
    edit, and ``hint`` decides between equally small edits (typing "a" after an "a").
    ``None`` when the texts are equal.
    """
    if old == new:
        return None
    shorter = min(len(old), len(new))
    limit = min(shorter, max(hint, 0))
    prefix = _same_from(old, new, 0, limit)
    room = shorter - prefix
    suffix = _same_at_end(old, new, room)
    if prefix == limit and suffix < room:  # the hint was early: extend the prefix
        prefix += _same_from(old, new, prefix, shorter - suffix - prefix)
    return Edit(prefix, len(old) - prefix - suffix, new[prefix:len(new) - suffix])


# The two helpers below run on every keystroke over the whole note: they compare slices
# (in C) and bisect, rather than step through the characters in Python.


def _same_from(x: str, y: str, start: int, limit: int) -> int:
    """How many characters from ``start`` on are the same in both, at most ``limit``."""
    if x[start:start + limit] == y[start:start + limit]:
        return limit
    same, differs = 0, limit  # x[start:start+same] == y[...]; with differs, not
    while differs - same > 1:
        middle = (same + differs) // 2
        if x[start:start + middle] == y[start:start + middle]:
            same = middle
        else:
            differs = middle
    return same


def _same_at_end(x: str, y: str, limit: int) -> int:
    """How many characters at the end are the same in both, at most ``limit``."""
    if x[len(x) - limit:] == y[len(y) - limit:]:
        return limit
    same, differs = 0, limit
    while differs - same > 1:
        middle = (same + differs) // 2
        if x[len(x) - middle:] == y[len(y) - middle:]:
            same = middle
        else:
            differs = middle
    return same


def _common_prefix(x: str, y: str) -> int:
    n = 0
    for cx, cy in zip(x, y, strict=False):
        if cx != cy:
            break
        n += 1
    return n


def _common_suffix(x: str, y: str) -> int:
    return _common_prefix(x[::-1], y[::-1])
