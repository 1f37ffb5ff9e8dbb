"""The demo prose engine: deterministic, well-formed notes whose marks point at real text.

Passages and episodes never overlap one another (no nesting): every sentence of a note
belongs to at most one of them. These tests hold the engine to that.
"""

from __future__ import annotations

import json
import random
import re
import string
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.demo.personas import Persona, make_personas
from db.demo.prose import GeneratedNote, SessionContext, generate_note
from db.demo.vignettes import (
    DMRS_LEVELS,
    EPISODE_PARTS,
    FIRST_SESSION_FRAME_PARTS,
    FIRST_SESSION_TEMPLATES,
    FRAME_PARTS,
    PASSAGE_KEYS,
    POOLS,
    PROCESS_KEYS,
    RESPONSE_OF_OTHER_KEYS,
    RESPONSE_OF_SELF_KEYS,
    SLOT_NAMES,
    THEME_COMMENTS,
    THEME_KEYS,
    THEME_TEMPLATES,
    WISH_KEYS,
    parse_bank,
)

TAXONOMY = Path(__file__).parents[2] / "resources" / "taxonomy" / "default-taxonomy.json"
ALLOWED_KEYS = frozenset(THEME_KEYS)
SENTENCE_END = (".", "?", "!", ".'", "?'", "!'")
THEY_AGREEMENT = re.compile(
    r"\b[Tt]hey (was|is|has|does|doesn't|wants|seems|says|feels|knows|needs|thinks)\b"
)


def _template_regex(template: str) -> re.Pattern[str]:
    """A pattern matching any filling of a template (every slot becomes '.+?')."""
    parts = []
    for literal, field, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append(".+?")
    return re.compile("".join(parts), re.DOTALL)


PASSAGE_PATTERNS = {
    key: [_template_regex(t) for t in templates] for key, templates in THEME_TEMPLATES.items()
}
EPISODE_PATTERNS = [
    _template_regex(t) for t in EPISODE_PARTS["frame.other"] + EPISODE_PARTS["frame.therapist"]
]


def _personas(seed: int = 11, count: int = 12) -> list[Persona]:
    return make_personas(random.Random(seed), count)


def _check_invariants(note: GeneratedNote) -> None:
    text = note.process_note
    assert text
    assert text == text.strip()
    assert "lorem" not in text.lower()
    assert not re.search(r"[{}]", text), "a slot was left unfilled"
    assert "  " not in text
    assert " ," not in text
    assert " ." not in text
    spans = []
    for passage in note.passages:
        assert passage.theme_key in ALLOWED_KEYS
        assert passage.theme_key in PASSAGE_KEYS
        assert 0 <= passage.start < passage.end <= len(text)
        assert 1 <= passage.intensity <= 3
        assert passage.comment.strip()
        assert "{" not in passage.comment
        quoted = text[passage.start:passage.end]
        assert quoted == quoted.strip()
        assert "\n" not in quoted
        assert quoted.endswith(SENTENCE_END)
        assert passage.start == 0 or text[passage.start - 1] in " \n"
        assert any(p.fullmatch(quoted) for p in PASSAGE_PATTERNS[passage.theme_key]), (
            f"{passage.theme_key} does not point at one of its own sentences: {quoted!r}"
        )
        spans.append((passage.start, passage.end))
    for episode in note.episodes:
        assert episode.wish_key in WISH_KEYS
        assert episode.response_of_other_key in RESPONSE_OF_OTHER_KEYS
        assert episode.response_of_self_key in RESPONSE_OF_SELF_KEYS
        assert episode.other_person.strip()
        assert episode.narrative.endswith(".")
        assert "{" not in episode.narrative
        assert 0 <= episode.start < episode.end <= len(text)
        quoted = text[episode.start:episode.end]
        assert quoted.endswith(SENTENCE_END)
        assert "\n" not in quoted
        assert any(p.fullmatch(quoted) for p in EPISODE_PATTERNS)
        spans.append((episode.start, episode.end))
    spans.sort()
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end < start, "passages and episodes must not overlap"
    marked = [key for key, _ in note.session_marks]
    assert len(marked) == len(set(marked))
    for key, intensity in note.session_marks:
        assert key in ALLOWED_KEYS
        assert 1 <= intensity <= 3
    progress = note.progress_note
    assert "{" not in progress
    assert 2 <= len(re.findall(r"[.!?](?:\s|$)", progress)) <= 4


# -- determinism ------------------------------------------------------------------------------


def test_same_seed_gives_identical_personas_and_notes() -> None:
    def run(seed: int) -> list[object]:
        rng = random.Random(seed)
        personas = make_personas(rng, 6)
        notes = [generate_note(rng, p, n, 30, 300) for p in personas for n in (1, 12, 30)]
        return [personas, notes]

    assert run(5) == run(5)
    assert repr(run(5)).encode() == repr(run(5)).encode()
    assert run(5) != run(6)


def test_output_does_not_depend_on_what_was_generated_before() -> None:
    persona = _personas()[0]
    fresh = generate_note(random.Random(3), persona, 7, 20, 400)
    for other in _personas(seed=99):
        generate_note(random.Random(1), other, 2, 10)  # warms the per-client caches
    assert generate_note(random.Random(3), persona, 7, 20, 400) == fresh


# -- well-formed notes ------------------------------------------------------------------------


@pytest.mark.parametrize("target", [120, 150, 250, 600, 900])
def test_notes_are_well_formed_across_a_treatment(target: int) -> None:
    rng = random.Random(target)
    for persona in _personas(count=4):
        for number in (1, 2, 5, 20, 39, 40):
            _check_invariants(generate_note(rng, persona, number, 40, target))


@pytest.mark.parametrize("target", [120, 150, 600, 900])
def test_word_counts_stay_near_the_target(target: int) -> None:
    rng = random.Random(target * 7)
    counts = [
        len(generate_note(rng, persona, number, 60, target).process_note.split())
        for persona in _personas(count=10)
        for number in (1, 8, 30, 59, 60)
    ]
    assert all(0.8 * target <= c <= 1.2 * target for c in counts), counts
    assert abs(sum(counts) / len(counts) - target) <= 0.1 * target


def test_long_notes_carry_several_themes_and_episodes() -> None:
    rng = random.Random(4)
    notes = [generate_note(rng, p, 12, 40, 600) for p in _personas(count=8)]
    assert all(len(n.passages) >= 8 for n in notes)
    assert sum(len(n.episodes) for n in notes) >= 8
    assert all(any(p.theme_key.startswith("ctq.") for p in n.passages) for n in notes)


def test_some_notes_contain_non_ascii_text() -> None:
    rng = random.Random(8)
    personas = make_personas(rng, 40)
    assert any(not p.display_name.isascii() for p in personas)
    notes = [generate_note(rng, p, 3, 10, 300).process_note for p in personas]
    assert any(not text.isascii() for text in notes)


def test_invalid_arguments_are_refused() -> None:
    persona = _personas()[0]
    for number, total, target in ((0, 10, 250), (1, 0, 250), (1, 10, 0)):
        with pytest.raises(ValueError, match="must be >= 1"):
            generate_note(random.Random(1), persona, number, total, target)
    with pytest.raises(ValueError, match="negative"):
        make_personas(random.Random(1), -1)


def test_a_persona_built_by_hand_works() -> None:
    persona = Persona("RIVER", "Zoë Laurent", 34, "Low mood after a move.", (), ())
    note = generate_note(random.Random(1), persona, 4, 12, 300)
    _check_invariants(note)
    assert "They" in note.process_note or "they" in note.process_note


# -- personas ---------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 1, 50, 600, 2500])
def test_personas_have_unique_codes(count: int) -> None:
    personas = make_personas(random.Random(count), count)
    assert len(personas) == count
    assert len({p.code for p in personas}) == count


def test_personas_are_plausible() -> None:
    personas = make_personas(random.Random(2), 300)
    assert len({p.display_name for p in personas}) > 290
    for p in personas:
        assert re.fullmatch(r"C-\d{3,}|[A-Z]+", p.code)
        assert 18 <= p.age <= 80
        assert p.presenting.endswith(".")
        assert p.presenting[0].isupper()
        assert 3 <= len(p.significant_others) <= 7
        assert p.pronouns in ("she", "he", "they")
        assert set(p.leading_themes) <= ALLOWED_KEYS
        assert sum(k.startswith("ccrt.w.") for k in p.leading_themes) == 1


# -- the template bank ------------------------------------------------------------------------


def test_the_bank_covers_every_passage_theme() -> None:
    assert set(THEME_TEMPLATES) == set(PASSAGE_KEYS)
    assert set(THEME_COMMENTS) == set(PASSAGE_KEYS)
    for key in PASSAGE_KEYS:
        assert len(THEME_TEMPLATES[key]) >= (3 if key == "prq.sexualized" else 5), key
        assert len(THEME_COMMENTS[key]) >= 3, key
        for comment in THEME_COMMENTS[key]:
            # A comment goes with any of the theme's sentences, so it names no one.
            assert not re.search(r"\{(o|O|o2|friend|parent)\}", comment), comment
    for key in WISH_KEYS:
        assert EPISODE_PARTS[f"wish.{key}"]
        assert EPISODE_PARTS[f"wish_t.{key}"]
    for key in RESPONSE_OF_OTHER_KEYS:
        assert EPISODE_PARTS[f"ro.{key}"]
        assert EPISODE_PARTS[f"ro_t.{key}"]
    for key in RESPONSE_OF_SELF_KEYS:
        assert EPISODE_PARTS[f"rs.{key}"]
        assert EPISODE_PARTS[f"rs_t.{key}"]
    for section in ("opening.first", "opening.first_more", "closing.first", "filler.early"):
        assert FIRST_SESSION_FRAME_PARTS[section], section
    assert sum(bool(FIRST_SESSION_TEMPLATES[k]) for k in PROCESS_KEYS) >= 10


def test_theme_keys_match_the_shipped_taxonomy() -> None:
    if not TAXONOMY.exists():
        pytest.skip("the default taxonomy file is not in this tree")
    shipped = {t["key"] for t in json.loads(TAXONOMY.read_text(encoding="utf-8"))["themes"]}
    assert shipped >= ALLOWED_KEYS


@pytest.mark.parametrize("pronoun", ["she", "he", "they"])
def test_every_template_fills_and_keeps_they_grammatical(pronoun: str) -> None:
    forms = {
        "she": ("She", "she", "her", "her", "herself", "was", "is"),
        "he": ("He", "he", "him", "his", "himself", "was", "is"),
        "they": ("They", "they", "them", "their", "themselves", "were", "are"),
    }[pronoun]
    slots = dict.fromkeys(SLOT_NAMES, "X")
    slots.update(zip(("P", "p", "obj", "pos", "refl", "was", "is"), forms, strict=True))
    slots.update(scene="S", wish="W", ro="R", rs="Q", conj="and", topic_a="A", topic_b="B")
    sections = [*THEME_TEMPLATES.values(), *THEME_COMMENTS.values(), *EPISODE_PARTS.values(),
                *FRAME_PARTS.values(), *POOLS.values()]
    for items in sections:
        for template in items:
            rendered = template.format_map(slots)
            assert not THEY_AGREEMENT.search(rendered), rendered
            assert "lorem" not in rendered.lower()


def test_bank_parser_rejects_stray_lines() -> None:
    bank = parse_bank("@ a\n- one\n  two\n~ later\n= note\n")
    assert bank.items == {"a": ("one two", "later")}
    assert bank.first_session_items == {"a": ("one two",)}
    assert bank.comments == {"a": ("note",)}
    with pytest.raises(ValueError, match="not part of an item"):
        parse_bank("- orphan\n")
    with pytest.raises(ValueError, match="defined twice"):
        parse_bank("@ a\n- x\n", "@ a\n- y\n")


# -- the treatment over time ------------------------------------------------------------------


def test_context_shows_in_the_note() -> None:
    persona = _personas()[1]
    rng = random.Random(12)
    after = generate_note(rng, persona, 9, 40, 250,
                          SessionContext(after_break=True, break_label="the winter break"))
    assert "after the winter break" in after.process_note.split("\n\n")[0]
    before = generate_note(rng, persona, 10, 40, 250,
                           SessionContext(before_break=True, break_label="the winter break"))
    assert "break" in before.process_note.split("\n\n")[-1]
    assert "after the winter break" in before.progress_note
    missed = generate_note(rng, persona, 11, 40, 250, SessionContext(after_cancellation=True))
    assert re.search(r"cancel|miss", missed.process_note.split("\n\n")[0])
    assert "cancelled by the client" in missed.progress_note
    ill = generate_note(rng, persona, 12, 40, 250,
                        SessionContext(after_cancellation=True, cancelled_by_therapist=True))
    assert "I had cancelled" in ill.process_note
    first = generate_note(rng, persona, 1, 40, 250)
    assert re.match(r"(First|Initial)", first.process_note)
    last = generate_note(rng, persona, 40, 40, 250)
    assert re.search(r"[Ll]ast session|final session|[Tt]he last session", last.process_note)
    assert "ended" in last.progress_note


def _treatment(persona: Persona, total: int, seed: int) -> list[GeneratedNote]:
    rng = random.Random(seed)
    return [generate_note(rng, persona, n, total, 300) for n in range(1, total + 1)]


def test_themes_evolve_and_recur_over_a_treatment() -> None:
    total = 60
    early_wt = late_wt = 0
    recurring = leading_total = 0
    for persona in _personas(seed=21, count=20):
        notes = _treatment(persona, total, seed=len(persona.code))
        present = [{p.theme_key for p in n.passages} for n in notes]
        early_wt += sum("process.working_through" in s for s in present[:20])
        late_wt += sum("process.working_through" in s for s in present[40:])
        leading = [k for k in persona.leading_themes if k.startswith("dmrs.")]
        other = [k for k in THEME_TEMPLATES if k.startswith("dmrs.") and k not in leading]
        lead_rate = sum(k in s for k in leading for s in present) / len(leading)
        other_rate = sum(k in s for k in other for s in present) / len(other)
        assert lead_rate > 2 * other_rate
        # A leading theme comes, goes for a while and comes back.
        leading_total += len(leading)
        for key in leading:
            flags = "".join("x" if key in s else "." for s in present)
            if re.search(r"x\.{3,}x", flags):
                recurring += 1
    assert late_wt > 3 * max(early_wt, 1)
    assert recurring >= 0.75 * leading_total


def test_defensive_functioning_improves_over_a_treatment() -> None:
    early: list[int] = []
    late: list[int] = []
    for persona in _personas(seed=41, count=20):
        notes = _treatment(persona, 45, seed=7)
        for index, note in enumerate(notes):
            levels = [DMRS_LEVELS[p.theme_key] for p in note.passages
                      if p.theme_key in DMRS_LEVELS]
            (early if index < 15 else late if index >= 30 else []).extend(levels)
    assert sum(late) / len(late) > sum(early) / len(early) + 0.4


def test_responses_of_self_turn_more_positive_late_in_treatment() -> None:
    positive = {"ccrt.rs.respected", "ccrt.rs.self_confident", "ccrt.rs.helpful"}
    early = late = early_all = late_all = 0
    for persona in _personas(seed=31, count=6):
        notes = _treatment(persona, 60, seed=3)
        for index, note in enumerate(notes):
            for episode in note.episodes:
                hit = episode.response_of_self_key in positive
                if index < 20:
                    early, early_all = early + hit, early_all + 1
                elif index >= 40:
                    late, late_all = late + hit, late_all + 1
    assert late / late_all > early / early_all + 0.15


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    total=st.integers(min_value=1, max_value=200),
    position=st.floats(min_value=0.0, max_value=1.0),
    target=st.integers(min_value=120, max_value=900),
    flags=st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans()),
)
def test_invariants_hold_for_any_seed_and_session(
    seed: int, total: int, position: float, target: int,
    flags: tuple[bool, bool, bool, bool],
) -> None:
    rng = random.Random(seed)
    persona = make_personas(rng, 1)[0]
    number = 1 + round(position * (total - 1))
    context = SessionContext(*flags)
    state = rng.getstate()
    note = generate_note(rng, persona, number, total, target, context)
    _check_invariants(note)
    assert 0.8 * target <= len(note.process_note.split()) <= 1.2 * target
    rng.setstate(state)
    assert generate_note(rng, persona, number, total, target, context) == note


@pytest.mark.bench
def test_generation_speed_of_600_word_notes() -> None:
    rng = random.Random(1)
    personas = make_personas(rng, 200)
    count = 4000
    started = time.process_time()  # CPU time: other work on the machine does not count
    for index in range(count):
        generate_note(rng, personas[index % 200], 1 + index // 200, 120, 600)
    rate = count / (time.process_time() - started)
    assert rate >= 2000, f"{rate:.0f} notes/s"
