"""Theme suggestions learned from marks: right on hand-made sets, off below the thresholds."""

from __future__ import annotations

import random
import uuid

import pytest

from db.errors import Cancelled
from db.progress import Cancel
from db.services.hub import Services
from db.suggestions.learn import (
    MIN_PASSAGES,
    MIN_PER_THEME,
    MarkedPassage,
    Report,
    Suggester,
    train,
)
from tests.db.suggestion_helpers import FILLER, POOLS, hand_made, mark_in_vault, three_themes

THEMES = {name: uuid.uuid5(uuid.NAMESPACE_URL, name) for name in POOLS}


def trained(marked: list[MarkedPassage]) -> Suggester:
    model = train(marked)
    assert isinstance(model, Suggester), model
    return model


def test_the_theme_whose_words_a_passage_has_comes_first() -> None:
    model = trained(hand_made(THEMES, 70))
    assert model.suggest("He stormed out, furious, and slammed the door.")[0] == THEMES["anger"]
    assert model.suggest("At the funeral she cried for her mother.")[0] == THEMES["loss"]
    assert model.suggest("She blushed and hid, humiliated.")[0] == THEMES["shame"]
    assert len(model.suggest("She felt furious and ashamed.")) == 3  # up to three


def test_cross_validation_measures_how_often_the_first_and_the_three_were_right() -> None:
    separable = trained(hand_made(THEMES, 70)).report.accuracy
    assert separable is not None
    assert separable.top1 > 0.95
    assert separable.top3 == 1.0  # three themes: the marked one is always among them
    assert separable.measured == 210
    # Labels that have nothing to do with the words: the first suggestion is right only
    # about as often as chance (one in three) — the measure does not flatter.
    rng = random.Random(5)
    shuffled = [MarkedPassage(rng.choice(list(THEMES.values())), m.text)
                for m in hand_made(THEMES, 70)]
    noise = trained(shuffled).report.accuracy
    assert noise is not None
    assert noise.top1 < 0.5


def test_off_below_two_hundred_marked_passages() -> None:
    marked = hand_made(THEMES, 70)[:MIN_PASSAGES - 1]
    result = train(marked)
    assert isinstance(result, Report)
    assert not result.on
    assert result.passages == MIN_PASSAGES - 1
    assert isinstance(train(hand_made(THEMES, 67)[:MIN_PASSAGES]), Suggester)


def test_a_theme_with_fewer_than_ten_passages_is_never_suggested() -> None:
    marked = hand_made(THEMES, 100)
    rare = uuid.uuid4()
    rng = random.Random(3)
    marked += [MarkedPassage(rare, " ".join(rng.sample(FILLER, 4)) + " violin concerto")
               for _ in range(MIN_PER_THEME - 1)]
    model = trained(marked)
    assert rare not in model.suggest("violin concerto violin", limit=3)
    assert model.report.themes == 3
    # With a tenth passage it is learned, and its words bring it first.
    model = trained([*marked, MarkedPassage(rare, "the violin concerto again")])
    assert model.suggest("violin concerto violin")[0] == rare


def test_suggests_only_the_themes_allowed_and_nothing_for_words_never_marked() -> None:
    model = trained(hand_made(THEMES, 70))
    allowed = {THEMES["loss"], THEMES["shame"]}
    found = model.suggest("He stormed out, furious, and slammed the door.", allowed)
    assert THEMES["anger"] not in found
    assert set(found) <= allowed
    assert model.suggest("Quantum chromodynamics xylophone.") == []
    assert model.suggest("") == []


def test_training_stops_when_asked() -> None:
    cancel = Cancel()
    cancel.set()
    with pytest.raises(Cancelled):
        train(hand_made(THEMES, 70), cancel)


def test_the_service_learns_from_passage_marks_of_themes_in_use(services: Services) -> None:
    themes = three_themes(services)
    mark_in_vault(services, hand_made(themes, 70))
    marked = services.suggestions.marked_passages()
    assert len(marked) == 210
    model = services.suggestions.train()
    assert isinstance(model, Suggester)
    assert model.suggest("She cried at the grave, mourning.")[0] == themes["loss"]
    # An archived theme is no longer offered: its marks are not learned from.
    services.themes.archive(themes["loss"])
    assert len(services.suggestions.marked_passages()) == 140
    assert isinstance(services.suggestions.train(), Report)  # 140 < 200: off again
