"""Hand-made marked passages for the theme suggestion tests: three themes, each with words
of its own, mixed with words every passage shares, so the right suggestion is known."""

from __future__ import annotations

import random
import uuid

from db.anchors import make_anchor
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.services.marks import MarkInput
from db.services.passages import PassageInput
from db.suggestions.learn import MarkedPassage

POOLS = {
    "anger": ["furious", "shouted", "slammed", "rage", "yelled", "temper", "screaming",
        "unfair", "stormed"],
    "loss": ["grief", "funeral", "died", "missing", "empty", "mourning", "grave", "cried",
        "memory"],
    "shame": ["embarrassed", "hid", "blushed", "humiliated", "exposed", "stupid", "laughed",
        "tiny", "ashamed"],
}
FILLER = ["she", "said", "that", "the", "was", "and", "he", "it", "felt", "then", "again",
    "about", "when", "her"]


def passage(pool: list[str], rng: random.Random, extra: str = "") -> str:
    words = rng.sample(pool, 4) + rng.sample(FILLER, 5) + ([extra] if extra else [])
    rng.shuffle(words)
    return " ".join(words).capitalize() + "."


def hand_made(themes: dict[str, uuid.UUID], per_theme: int, seed: int = 1,
              extra: str = "") -> list[MarkedPassage]:
    rng = random.Random(seed)
    return [MarkedPassage(themes[name], passage(POOLS[name], rng, extra))
            for name in POOLS for _ in range(per_theme)]


def three_themes(services: Services) -> dict[str, uuid.UUID]:
    """Three shipped themes stand for anger, loss and shame."""
    shipped = [t for t in services.themes.taxonomy().themes if t.key and t.client_id is None]
    return {name: theme.id for name, theme in zip(POOLS, shipped[:3], strict=False)}


def mark_in_vault(services: Services, marked: list[MarkedPassage], code: str = "WREN",
                  per_session: int = 30) -> uuid.UUID:
    """Write the passages as notes of a fictional client's sessions, each marked with its
    theme; the client's id."""
    client = services.clients.create(ClientInput(code=code)).value.id
    marks: list[tuple[uuid.UUID, MarkInput]] = []
    from datetime import date, timedelta

    for first in range(0, len(marked), per_session):
        group = marked[first:first + per_session]
        day = date(2026, 1, 5) + timedelta(days=first // per_session)
        session = services.sessions.create(client, SessionInput(date=day)).value.id
        note = "\n".join(m.text for m in group)
        services.notes.save(session, "process", note)
        start = 0
        for m in group:
            anchor = make_anchor(note, start, start + len(m.text))
            marks.append((session, MarkInput(m.theme_id, 2, "",
                                             PassageInput.of("process", anchor))))
            start += len(m.text) + 1
    services.marks.add_many(marks)
    return client
