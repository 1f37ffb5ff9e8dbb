"""Which themes the demo marks in each note, and writing them through the services.

A generated note tags more passages than a clinician would mark; the demo keeps the
whole-session marks and a sample of the passages (about ten marks a session in all) and
about one CCRT relationship episode a session.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass

from db.anchors import make_anchor
from db.demo.prose import EpisodeSketch, GeneratedNote, Passage
from db.services.episodes import EpisodeInput
from db.services.hub import Services
from db.services.marks import MarkInput
from db.services.passages import PassageInput

MARKS_PER_SESSION = (8, 12)


@dataclass(frozen=True)
class MarkPlan:
    """The marks and episodes chosen for one session's process note."""

    session_id: uuid.UUID
    note: str  # the process note the passages point into
    session_marks: tuple[tuple[str, int], ...]
    passages: tuple[Passage, ...]
    episodes: tuple[EpisodeSketch, ...]


@dataclass(frozen=True)
class Written:
    marks: int = 0
    episodes: int = 0


def plan_marks(rng: random.Random, session_id: uuid.UUID, note: GeneratedNote) -> MarkPlan:
    wanted = rng.randint(*MARKS_PER_SESSION)
    session_marks = note.session_marks[:4]
    room = max(0, wanted - len(session_marks))
    passages = tuple(sorted(rng.sample(note.passages, min(room, len(note.passages))),
                            key=lambda p: p.start))
    episode_count = min(len(note.episodes), rng.choices((0, 1, 2), (25, 50, 25))[0])
    episodes = tuple(sorted(rng.sample(note.episodes, episode_count), key=lambda e: e.start))
    return MarkPlan(session_id, note.process_note, session_marks, passages, episodes)


def write_marks(services: Services, theme_ids: dict[str, uuid.UUID],
                plans: list[MarkPlan]) -> Written:
    """Write the planned marks, then the episodes: one unit of work each."""
    marks: list[tuple[uuid.UUID, MarkInput]] = []
    episodes: list[tuple[uuid.UUID, EpisodeInput]] = []
    for plan in plans:
        for key, intensity in plan.session_marks:
            marks.append((plan.session_id, MarkInput(theme_ids[key], intensity)))
        for p in plan.passages:
            marks.append((plan.session_id, MarkInput(
                theme_ids[p.theme_key], p.intensity, p.comment,
                PassageInput.of("process", make_anchor(plan.note, p.start, p.end)))))
        for e in plan.episodes:
            episodes.append((plan.session_id, EpisodeInput(
                e.other_person, other_kind(e.other_person), theme_ids[e.wish_key],
                theme_ids[e.response_of_other_key], theme_ids[e.response_of_self_key],
                e.narrative, PassageInput.of("process", make_anchor(plan.note, e.start,
                                                                    e.end)))))
    if marks:
        services.marks.add_many(marks)
    if episodes:
        services.episodes.add_many(episodes)
    return Written(len(marks), len(episodes))


_KINDS = {
    "mother": "mother", "stepmother": "mother", "father": "father", "stepfather": "father",
    "partner": "partner", "ex-partner": "partner", "husband": "partner", "wife": "partner",
    "boyfriend": "partner", "girlfriend": "partner", "fiancé": "partner",
    "fiancée": "partner", "brother": "sibling", "sister": "sibling", "son": "child",
    "daughter": "child", "friend": "friend", "flatmate": "friend", "colleague": "colleague",
    "manager": "boss", "supervisor": "boss", "therapist": "therapist",
}


def other_kind(other_person: str) -> str:
    """The episode's kind of other person from the note's words ("older sister Ines")."""
    for word in other_person.split():
        if word in _KINDS:
            return _KINDS[word]
    return "other"
