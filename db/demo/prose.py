"""Deterministic generator of fictional psychodynamic process notes for the demo vault.

`generate_note` writes one session's process note from the template bank in
`db.demo.vignettes` and says where its themes are: tagged passages, CCRT relationship
episodes and whole-session marks. It uses only the `random.Random` it is given (plus a
per-client generator seeded from a CRC of the client's code and name), so the same
generator state always gives the same note, byte for byte.

How the notes evolve
    The place in the treatment (``session_number / total_sessions``) moves theme weights:
    early sessions lean on assessment, history and mistrust; middle ones on patterns and
    the transference; late ones on working through, mature defenses and the ending. Each
    client's leading themes are boosted by a slow wave of their own (period and phase
    derived from the client), so on a timeline they come, fade and come back. In CCRT
    episodes the wish stays stable while the response of self turns more positive late in
    the treatment, which is what the literature reports for successful therapies.

Offsets
    ``text[start:end]`` is exactly the sentence or sentences of a passage or episode (no
    surrounding whitespace). Offsets are Python string indices (code points); the demo
    text contains no characters outside the Basic Multilingual Plane, so they equal
    UTF-16 positions too. Passages and episodes never overlap one another: every sentence
    belongs to at most one of them.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from itertools import accumulate

from db.demo.personas import THERAPIST, ClientProfile, Other, Persona, client_profile, other_person
from db.demo.vignettes import (
    AFTER_BREAK_WEIGHTS,
    AFTER_CANCELLATION_WEIGHTS,
    BEFORE_BREAK_WEIGHTS,
    COUNTERTRANSFERENCE_KEYS,
    DEFENSE_KEYS,
    EPISODE_PARTS,
    FIRST_SESSION_FRAME_PARTS,
    FIRST_SESSION_TEMPLATES,
    FRAME_PARTS,
    NEGATIVE_RESPONSES_OF_OTHER,
    PHASE_WEIGHTS,
    POOLS,
    POSITIVE_RESPONSES_OF_SELF,
    PROCESS_KEYS,
    PROCESS_TOPICS,
    RESPONSE_OF_OTHER_KEYS,
    RESPONSE_OF_OTHER_SUMMARY,
    RESPONSE_OF_SELF_KEYS,
    RESPONSE_OF_SELF_SUMMARY,
    THEME_COMMENTS,
    THEME_TEMPLATES,
    TRANSFERENCE_KEYS,
    WISH_KEYS,
    WISH_SUMMARY,
)


@dataclass(frozen=True)
class SessionContext:
    """What happened around this session that the note should mention.

    ``break_label`` names the break ("the summer break"); empty lets the generator choose.
    ``cancelled_by_therapist`` says who cancelled when ``after_cancellation`` is set.
    """

    after_break: bool = False
    before_break: bool = False
    after_cancellation: bool = False
    cancelled_by_therapist: bool = False
    break_label: str = ""


@dataclass(frozen=True)
class Passage:
    theme_key: str
    start: int
    end: int
    intensity: int
    comment: str


@dataclass(frozen=True)
class EpisodeSketch:
    other_person: str
    wish_key: str
    response_of_other_key: str
    response_of_self_key: str
    start: int
    end: int
    narrative: str


@dataclass(frozen=True)
class GeneratedNote:
    process_note: str
    progress_note: str
    passages: tuple[Passage, ...]
    session_marks: tuple[tuple[str, int], ...]
    episodes: tuple[EpisodeSketch, ...]


_NUMBER_WORDS = (
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
)
#: How strongly a client's leading themes outweigh the others.
_LEAD = 9.0
#: Themes that stay rare unless they lead for this client.
_RARE = {"prq.sexualized": 0.12}
_ROLES: dict[str, tuple[str, ...]] = {
    "D": DEFENSE_KEYS, "T": TRANSFERENCE_KEYS, "C": COUNTERTRANSFERENCE_KEYS,
    "X": PROCESS_KEYS,
}
#: Paragraph plans: D defense, T transference, X technique, E episode, F connecting prose.
_SHAPES: tuple[str, ...] = (
    "FDD", "ED", "FEX", "TXD", "XDF", "DFT", "EFD", "DX", "FDXD", "EX", "DTF", "FED",
)


def _phase_factor(triple: tuple[float, float, float], progress: float) -> float:
    early, middle, late = triple
    if progress < 0.5:
        return early + (middle - early) * progress * 2
    return middle + (late - middle) * (progress - 0.5) * 2


def _number(value: int) -> str:
    return _NUMBER_WORDS[value] if 0 <= value < len(_NUMBER_WORDS) else str(value)


class _PassageTag:
    __slots__ = ("comment", "intensity", "key")

    def __init__(self, key: str, intensity: int, comment: str) -> None:
        self.key, self.intensity, self.comment = key, intensity, comment


class _EpisodeTag:
    __slots__ = ("narrative", "other", "response_of_other", "response_of_self", "wish")

    def __init__(self, other: str, wish: str, ro: str, rs: str, narrative: str) -> None:
        self.other, self.wish, self.response_of_other = other, wish, ro
        self.response_of_self, self.narrative = rs, narrative


_Piece = tuple[str, "_PassageTag | _EpisodeTag | None"]


def generate_note(
    rng: random.Random,
    persona: Persona,
    session_number: int,
    total_sessions: int,
    target_words: int = 250,
    context: SessionContext | None = None,
) -> GeneratedNote:
    """Write the process note, progress note and theme marks of one session.

    ``target_words`` is met within about ten percent from 120 words up. Raises
    `ValueError` if the session number, the total or the target is below 1.
    """
    if session_number < 1 or total_sessions < 1 or target_words < 1:
        raise ValueError("session_number, total_sessions and target_words must be >= 1")
    return _Writer(rng, client_profile(persona), session_number, total_sessions,
                   context or SessionContext()).write(target_words)


class _Writer:
    def __init__(self, rng: random.Random, profile: ClientProfile, number: int, total: int,
                 context: SessionContext) -> None:
        self.rng, self.profile, self.number, self.total = rng, profile, number, total
        self.context = context
        self.progress = min(1.0, (number - 1) / (total - 1)) if total > 1 else 1.0
        # A single consultation is a first session, not an ending.
        self.first, self.last = number == 1, number >= total > 1
        self.phase = (
            "early" if self.progress < 0.25 else "late" if self.progress >= 0.75 else "middle"
        )
        self.left = max(0, total - number)
        self.used: set[str] = set()
        self.counts: dict[str, int] = {}
        self.was_late = False
        self.templates = FIRST_SESSION_TEMPLATES if self.first else THEME_TEMPLATES
        self.frames = FIRST_SESSION_FRAME_PARTS if self.first else FRAME_PARTS
        pools = profile.pools
        choice = rng.choice
        main, second = self._two_others()
        self.main = main
        self.slots = {
            **profile.slots,
            "o": main.ref, "O": main.cap, "o_full": main.full, "o2": second.ref,
            "brk": context.break_label or choice(POOLS["break"]),
            "late": choice(POOLS["late"]), "event": choice(pools["event"]),
            "task": choice(pools["task"]), "thing": choice(pools["thing"]),
            "feeling": choice(POOLS["feeling"]), "where": choice(pools["where"]),
            "day": choice(POOLS["day"]), "memory": choice(pools["memory"]),
            "dream": choice(pools["dream"]), "age_then": choice(POOLS["age_then"]),
            "left": _number(self.left), "n": str(number),
        }
        self.weights = {role: self._weights(keys) for role, keys in _ROLES.items()}

    # -- choosing -------------------------------------------------------------------------

    def _two_others(self) -> tuple[Other, Other]:
        others = self.profile.others
        # The first people a client names (parents, partner) come up most often.
        main = others[min(int(self.rng.random() ** 1.6 * len(others)), len(others) - 1)]
        rest = [o for o in others if o is not main]
        if rest:
            return main, self.rng.choice(rest)
        friend = self.profile.slots["friend"]
        return main, Other(f"friend {friend}", friend, friend, friend)

    def _weights(self, keys: tuple[str, ...]) -> tuple[tuple[str, ...], list[float]]:
        profile, progress, context = self.profile, self.progress, self.context
        weights = []
        for key in keys:
            weight = _phase_factor(PHASE_WEIGHTS[key], progress)
            wave = profile.waves.get(key)
            if wave is None:
                weight *= _RARE.get(key, 1.0)
            else:
                weight *= _LEAD
                level = 0.5 + 0.5 * math.sin(2 * math.pi * self.number / wave[0] + wave[1])
                weight *= 0.12 + 0.88 * level * level
            if context.after_break:
                weight *= AFTER_BREAK_WEIGHTS.get(key, 1.0)
            if context.before_break:
                weight *= BEFORE_BREAK_WEIGHTS.get(key, 1.0)
            if context.after_cancellation:
                weight *= AFTER_CANCELLATION_WEIGHTS.get(key, 1.0)
            if not self.templates[key]:
                weight = 0.0
            weights.append(weight)
        return keys, list(accumulate(weights))

    def _pick(self, pool: tuple[str, ...]) -> str:
        item = pool[0]
        for _ in range(5):
            item = self.rng.choice(pool)
            if item not in self.used:
                break
        self.used.add(item)
        return item

    # -- units ----------------------------------------------------------------------------

    def _passage(self, role: str) -> _Piece:
        keys, cumulative = self.weights[role]
        key = keys[0]
        for _ in range(6):
            key = self.rng.choices(keys, cum_weights=cumulative)[0]
            if self.counts.get(key, 0) < 2:
                break
        self.counts[key] = self.counts.get(key, 0) + 1
        text = self._pick(self.templates[key]).format_map(self.slots)
        leading = key in self.profile.waves
        intensity = self.rng.choices((1, 2, 3), (2, 4, 3) if leading else (5, 3, 1))[0]
        comment = self.rng.choice(THEME_COMMENTS[key]).format_map(self.slots)
        return text, _PassageTag(key, intensity, comment)

    def _episode(self) -> _Piece:
        rng, profile, progress = self.rng, self.profile, self.progress
        therapist_share = 0.0 if self.first else 0.1 if self.phase == "early" else 0.25
        if rng.random() < therapist_share:
            other = THERAPIST
        elif rng.random() < 0.55:
            other = self.main
        else:
            other = rng.choice(profile.others)
        wish = profile.wish if rng.random() < 0.7 else rng.choice(WISH_KEYS)
        ro = (profile.response_of_other if rng.random() < 0.6 - 0.2 * progress
              else rng.choice(RESPONSE_OF_OTHER_KEYS))
        if rng.random() < 0.7 - 0.45 * progress:
            rs = profile.response_of_self
        elif rng.random() < 0.2 + 0.5 * progress:
            rs = rng.choice(POSITIVE_RESPONSES_OF_SELF)
        else:
            rs = rng.choice(RESPONSE_OF_SELF_KEYS)
        if rs == "ccrt.rs.respected" and ro in NEGATIVE_RESPONSES_OF_OTHER:
            rs = "ccrt.rs.self_confident"  # feeling respected right after a snub reads false
        slots = {**self.slots, "o": other.ref, "O": other.cap, "o_full": other.full}
        if other is THERAPIST:
            frame, scene, wishes, responses, selves = (
                "frame.therapist", "scene.therapist", "wish_t.", "ro_t.", "rs_t.")
            slots["o"] = self.main.ref  # a therapist scene may mention the main other
        else:
            frame, scene, wishes, responses, selves = (
                "frame.other", "scene.other", "wish.", "ro.", "rs.")
        parts = EPISODE_PARTS
        slots["scene"] = self._pick(parts[scene]).format_map(slots)
        slots["wish"] = rng.choice(parts[wishes + wish]).format_map(slots)
        slots["ro"] = rng.choice(parts[responses + ro]).format_map(slots)
        slots["rs"] = rng.choice(parts[selves + rs]).format_map(slots)
        slots["conj"] = "but" if ro in NEGATIVE_RESPONSES_OF_OTHER else "and"
        text = self._pick(parts[frame]).format_map(slots)
        who = other.ref
        narrative = (f"Wanted {WISH_SUMMARY[wish].format(who=who)}; experienced {who} as "
                     f"{RESPONSE_OF_OTHER_SUMMARY[ro]}; {RESPONSE_OF_SELF_SUMMARY[rs]}.")
        return text, _EpisodeTag(other.label, wish, ro, rs, narrative)

    def _frame(self, section: str) -> _Piece:
        template = self._pick(self.frames[section])
        if "{late}" in template:
            self.was_late = True
        return template.format_map(self.slots), None

    def _filler(self) -> _Piece:
        section = "filler.any"
        if (self.first and self.rng.random() < 0.5) or (
            self.phase == "early" and self.rng.random() < 0.2
        ):
            section = "filler.early"
        elif self.rng.random() < (0.3 if self.phase == "late" else 0.15):
            section = "filler.middle" if self.phase == "middle" else f"filler.{self.phase}"
        return self._frame(section)

    def _unit(self, kind: str) -> _Piece:
        if kind == "E":
            return self._episode()
        if kind == "F":
            return self._filler()
        return self._passage(kind)

    # -- the note -------------------------------------------------------------------------

    def _opening(self, target_words: int) -> list[_Piece]:
        context, rng = self.context, self.rng
        roomy = target_words >= 180  # short notes keep to one opening sentence
        if self.first:
            pieces = [self._frame("opening.first")]
            if roomy:
                pieces.append(self._frame("opening.first_more"))
            if target_words >= 400 and rng.random() < 0.5:
                pieces.append(self._frame("opening.first_more"))
            return pieces
        if context.after_break:
            pieces = [self._frame("opening.after_break")]
        elif context.after_cancellation:
            who = "therapist" if context.cancelled_by_therapist else "client"
            pieces = [self._frame(f"opening.after_cancel_{who}")]
        elif self.last:
            return [self._frame("opening.last")]
        else:
            pieces = [self._frame("opening.any")]
        if self.last:
            pieces.append(self._frame("opening.last"))
        elif roomy and self.phase == "early" and rng.random() < 0.35:
            pieces.append(self._frame("opening.early"))
        elif roomy and self.phase == "late" and self.left >= 2 and rng.random() < 0.3:
            pieces.append(self._frame("opening.late"))
        return pieces

    def _closing(self, target_words: int) -> tuple[list[_Piece], list[_Piece]]:
        feelings = [self._passage("C")]
        if target_words >= 450 and self.rng.random() < 0.5:
            feelings.append(self._passage("C"))
        if self.first:
            section = "closing.first"
        elif self.last:
            section = "closing.last"
        elif self.context.before_break:
            section = "closing.before_break"
        elif self.phase == "late" and self.left >= 2 and self.rng.random() < 0.5:
            section = "closing.late"
        else:
            section = "closing.any"
        return feelings, [self._frame(section)]

    def write(self, target_words: int) -> GeneratedNote:
        opening = self._opening(target_words)
        feelings, ending = self._closing(target_words)
        fixed = sum(len(text.split()) for text, _ in (*opening, *feelings, *ending))
        body_target = max(target_words - fixed, 12)
        slack = max(6, target_words // 12)
        paragraphs: list[list[_Piece]] = [opening]
        words = 0
        if self.last:
            paragraphs.append([self._frame("ending.last")])
            words += len(paragraphs[-1][0][0].split())
        while words < body_target:
            paragraph: list[_Piece] = []
            for kind in self.rng.choice(_SHAPES):
                piece = self._unit(kind)
                size = len(piece[0].split())
                if words + size > body_target + slack:
                    piece = self._filler()
                    size = len(piece[0].split())
                    if words + size > body_target + slack:
                        break
                paragraph.append(piece)
                words += size
                if words >= body_target:
                    break
            if not paragraph:
                break
            if len(paragraph) == 1 and len(paragraphs) > 1:
                paragraphs[-1] += paragraph  # no one-sentence paragraph at the end of the body
            else:
                paragraphs.append(paragraph)
        paragraphs += [feelings, ending]
        return self._assemble(paragraphs)

    def _assemble(self, paragraphs: list[list[_Piece]]) -> GeneratedNote:
        chunks: list[str] = []
        passages: list[Passage] = []
        episodes: list[EpisodeSketch] = []
        offset = 0
        for index, paragraph in enumerate(paragraphs):
            if index:
                chunks.append("\n\n")
                offset += 2
            for position, (text, tag) in enumerate(paragraph):
                if position:
                    chunks.append(" ")
                    offset += 1
                start, offset = offset, offset + len(text)
                chunks.append(text)
                if isinstance(tag, _PassageTag):
                    passages.append(Passage(tag.key, start, offset, tag.intensity, tag.comment))
                elif isinstance(tag, _EpisodeTag):
                    episodes.append(EpisodeSketch(
                        tag.other, tag.wish, tag.response_of_other, tag.response_of_self,
                        start, offset, tag.narrative))
        return GeneratedNote(
            process_note="".join(chunks),
            progress_note=self._progress_note(passages, episodes),
            passages=tuple(passages),
            session_marks=self._session_marks(passages),
            episodes=tuple(episodes),
        )

    def _session_marks(self, passages: list[Passage]) -> tuple[tuple[str, int], ...]:
        stats: dict[str, list[int]] = {}  # key -> [count, strongest, first index]
        for index, passage in enumerate(passages):
            entry = stats.setdefault(passage.theme_key, [0, 0, index])
            entry[0] += 1
            entry[1] = max(entry[1], passage.intensity)
        ranked = sorted(stats.items(), key=lambda item: (-item[1][0], -item[1][1], item[1][2]))
        count = 2 + (len(passages) >= 6) + (len(passages) >= 12)
        return tuple((key, min(3, max(strongest, n))) for key, (n, strongest, _) in
                     ranked[:count])

    def _progress_note(self, passages: list[Passage], episodes: list[EpisodeSketch]) -> str:
        rng, slots, context = self.rng, self.slots, self.context
        topics: list[str] = []
        if self.first:
            topics.append("the presenting difficulties and personal history")
        if self.last:
            topics.append("the ending of therapy")
        if context.after_break:
            topics.append(f"the return after {slots['brk']}")
        if context.before_break:
            topics.append(f"feelings about {slots['brk']}")
        for episode in episodes:
            if episode.other_person != "therapist":
                other = other_person(episode.other_person, slots["pos"]).ref
                topics.append(f"the relationship with {other}")
                break
        topics += [PROCESS_TOPICS[p.theme_key] for p in passages if p.theme_key in PROCESS_TOPICS]
        topics.append(slots["event"])
        topic_a, topic_b = topics[0], next((t for t in topics[1:] if t != topics[0]), topics[-1])
        attendance = "progress.late" if self.was_late else "progress.attendance"
        sentences = [rng.choice(FRAME_PARTS[attendance]),
                     rng.choice(FRAME_PARTS["progress.topics"])]
        if context.after_cancellation:
            who = "therapist" if context.cancelled_by_therapist else "client"
            sentences[0] = f"{sentences[0][:-1]}; previous session cancelled by the {who}."
        if rng.random() < 0.7:
            sentences.append(rng.choice(FRAME_PARTS["progress.state"]))
        if self.first:
            sentences.append("Plan: further assessment sessions, then agree a treatment frame.")
        elif self.last:
            sentences.append("Therapy ended as planned; closing summary to follow.")
        elif context.before_break:
            sentences.append(f"Plan: resume weekly sessions after {slots['brk']}.")
        else:
            sentences.append(rng.choice(FRAME_PARTS["progress.plan"]))
        values = {**slots, "topic_a": topic_a, "topic_b": topic_b}
        return " ".join(sentence.format_map(values) for sentence in sentences)
