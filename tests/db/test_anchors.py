"""Passage anchors follow the words they were made on, through any sequence of edits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.anchors import (
    Anchor,
    Edit,
    apply_edit,
    apply_edits,
    diff_edit,
    make_anchor,
    relocate,
    with_context,
)

# A small alphabet makes repeated words likely, which is where anchors go wrong.
ALPHABET = "ab \n"
texts = st.text(alphabet=ALPHABET, min_size=1, max_size=40)


@st.composite
def note_and_passage(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(texts)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@st.composite
def edit_for(draw: st.DrawFn, length: int) -> Edit:
    position = draw(st.integers(0, length))
    removed = draw(st.integers(0, length - position))
    inserted = draw(st.text(alphabet=ALPHABET + "XY", max_size=6))
    return Edit(position, removed, inserted)


class Tracked:
    """The reference model: every character carries an identity.

    The passage is a set of identities: the characters it was made on plus those typed
    strictly inside it. The anchor must span exactly from its first to its last survivor.
    """

    def __init__(self, text: str) -> None:
        self.chars = [(ch, i) for i, ch in enumerate(text)]
        self.next_id = len(text)

    def apply(self, edit: Edit) -> set[int]:
        """Apply the edit; return the identities of the characters it typed."""
        new = []
        for ch in edit.inserted:
            new.append((ch, self.next_id))
            self.next_id += 1
        self.chars[edit.position:edit.position + edit.removed] = new
        return {ident for _, ident in new}

    @property
    def text(self) -> str:
        return "".join(ch for ch, _ in self.chars)

    def span_of(self, ids: set[int]) -> tuple[int, int] | None:
        where = [i for i, (_, ident) in enumerate(self.chars) if ident in ids]
        return (where[0], where[-1] + 1) if where else None


@settings(max_examples=600, deadline=None)
@given(data=st.data(), passage=note_and_passage())
def test_anchor_follows_the_surviving_words_or_is_lost(
        data: st.DataObject, passage: tuple[str, int, int]) -> None:
    text, start, end = passage
    model = Tracked(text)
    anchored_ids = set(range(start, end))
    anchor: Anchor | None = make_anchor(text, start, end)
    for _ in range(data.draw(st.integers(1, 12))):
        edit = data.draw(edit_for(len(model.text)))
        typed = model.apply(edit)
        assert anchor is not None
        anchor = apply_edit(anchor, edit)
        expected = model.span_of(anchored_ids)
        if expected is None:
            assert anchor is None, "every anchored character was deleted, so the mark is lost"
            return
        # Characters typed between surviving passage characters joined the passage.
        anchored_ids |= {ident for i, (_, ident) in enumerate(model.chars)
                         if ident in typed and expected[0] <= i < expected[1]}
        assert anchor is not None
        assert (anchor.start, anchor.end) == expected
        assert model.text[anchor.start:anchor.end] == anchor.text


@settings(max_examples=300, deadline=None)
@given(data=st.data(), passage=note_and_passage())
def test_edits_outside_the_passage_keep_exactly_the_same_words(
        data: st.DataObject, passage: tuple[str, int, int]) -> None:
    text, start, end = passage
    anchor: Anchor | None = make_anchor(text, start, end)
    quote = text[start:end]
    for _ in range(data.draw(st.integers(1, 10))):
        assert anchor is not None
        before = data.draw(st.booleans())
        if before:
            position = data.draw(st.integers(0, anchor.start))
            removed = data.draw(st.integers(0, anchor.start - position))
        else:
            position = data.draw(st.integers(anchor.end, len(text)))
            removed = data.draw(st.integers(0, len(text) - position))
        edit = Edit(position, removed, data.draw(st.text(alphabet=ALPHABET, max_size=5)))
        text = edit.apply(text)
        anchor = apply_edit(anchor, edit)
        assert anchor is not None
        assert anchor.text == quote == text[anchor.start:anchor.end]


@settings(max_examples=300, deadline=None)
@given(data=st.data(), passage=note_and_passage())
def test_edits_seen_through_text_diffs_keep_the_anchor_truthful(
        data: st.DataObject, passage: tuple[str, int, int]) -> None:
    """What the live editor does: it sees old and new text and where the change began."""
    text, start, end = passage
    anchor: Anchor | None = make_anchor(text, start, end)
    for _ in range(data.draw(st.integers(1, 10))):
        edit = data.draw(edit_for(len(text)))
        new = edit.apply(text)
        seen = diff_edit(text, new, data.draw(st.sampled_from([edit.position, 0])))
        if seen is not None:
            assert seen.apply(text) == new
            assert anchor is not None
            anchor = apply_edit(anchor, seen)
        text = new
        if anchor is None:
            return
        assert text[anchor.start:anchor.end] == anchor.text


@settings(max_examples=300, deadline=None)
@given(passage=note_and_passage(), other=texts)
def test_relocate_returns_the_quote_itself_or_nothing(
        passage: tuple[str, int, int], other: str) -> None:
    text, start, end = passage
    anchor = make_anchor(text, start, end)
    found = relocate(anchor, other)
    if anchor.text in other:
        assert found is not None
    if found is not None:
        assert other[found.start:found.end] == anchor.text


def test_relocate_keeps_an_anchor_that_still_fits() -> None:
    text = "She said she was fine. She said it twice."
    anchor = make_anchor(text, 0, 8)
    assert relocate(anchor, text) == anchor


def test_relocate_uses_context_to_choose_between_repeated_words() -> None:
    text = "He was late again. I felt annoyed. He was late again, and smiled."
    second = text.rindex("He was late again")
    anchor = make_anchor(text, second, second + len("He was late again"))
    drifted = "Monday. " + text
    found = relocate(Anchor(anchor.start, anchor.end, anchor.text, anchor.prefix,
                            anchor.suffix), drifted)
    assert found is not None
    assert found.start == second + len("Monday. ")


def test_relocate_gives_up_when_the_words_are_gone() -> None:
    anchor = make_anchor("the dream of the red house", 4, 9)
    assert relocate(anchor, "the house") is None


@pytest.mark.parametrize(("edit", "expected"), [
    (Edit(0, 0, "Later: "), (17, 27, "felt small")),  # typed before
    (Edit(15, 0, "so "), (10, 23, "felt so small")),  # typed inside
    (Edit(20, 0, " again"), (10, 20, "felt small")),  # typed right after
    (Edit(10, 0, "X"), (11, 21, "felt small")),  # typed right at the start: not included
    (Edit(5, 10, ""), (5, 10, "small")),  # deletion over the start
    (Edit(15, 8, ""), (10, 15, "felt ")),  # deletion over the end
])
def test_single_edits(edit: Edit, expected: tuple[int, int, str]) -> None:
    anchor = make_anchor("0123456789felt small and more", 10, 20)
    moved = apply_edit(anchor, edit)
    assert moved is not None
    assert (moved.start, moved.end, moved.text) == expected


def test_deleting_the_whole_passage_loses_it() -> None:
    anchor = make_anchor("I dreamt of my father.", 2, 8)
    assert apply_edit(anchor, Edit(0, 22, "")) is None
    assert apply_edit(anchor, Edit(2, 6, "thought")) is None  # replaced by other words
    assert apply_edits(anchor, [Edit(0, 0, "x"), Edit(0, 23, "")]) is None


def test_invalid_ranges_are_refused() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        make_anchor("abc", 2, 2)
    with pytest.raises(ValueError, match="non-empty"):
        make_anchor("abc", 1, 4)
    with pytest.raises(ValueError, match="quote"):
        with_context(make_anchor("abc", 0, 1), "xbc")
