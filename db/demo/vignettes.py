"""The template bank of the demo prose engine: theme keys, templates, slot pools, labels.

All text lives in small banks written in a line format that reads like the notes it makes:

``@ key``
    starts a section (a theme key such as ``dmrs.humor``, or a pool such as
    ``opening.any``);
``- text``
    starts an item (for a theme: one or two sentences that show the theme);
``~ text``
    starts an item that presumes earlier sessions, so a first session never uses it;
``= text``
    starts a comment (for a theme: a short evidence note in the clinician's voice);
indented lines
    continue the item above (joined with a single space);
``#`` lines and blank lines are ignored.

Items are `str.format` templates. The slots every template may use are listed in
`SLOT_NAMES`; the client's pronoun slots (``{P}``, ``{p}``, ``{obj}``, ``{pos}``,
``{refl}``, ``{was}``, ``{is}``) keep singular "they" grammatical, so client verbs are in the
past tense or go through ``{was}``/``{is}``. Everything here is fictional.
"""

from __future__ import annotations

from dataclasses import dataclass

from db.demo.vignettes_defenses_high import BANK as _DEFENSES_HIGH
from db.demo.vignettes_defenses_low import BANK as _DEFENSES_LOW
from db.demo.vignettes_episodes import BANK as _EPISODES
from db.demo.vignettes_frame import BANK as _FRAME
from db.demo.vignettes_process import BANK as _PROCESS
from db.demo.vignettes_relational import BANK as _RELATIONAL

#: The DMRS defenses with their level (7 high adaptive ... 1 action).
DMRS_LEVELS: dict[str, int] = {
    "dmrs.affiliation": 7, "dmrs.altruism": 7, "dmrs.anticipation": 7, "dmrs.humor": 7,
    "dmrs.self_assertion": 7, "dmrs.self_observation": 7, "dmrs.sublimation": 7,
    "dmrs.suppression": 7,
    "dmrs.isolation_of_affects": 6, "dmrs.intellectualization": 6, "dmrs.undoing": 6,
    "dmrs.repression": 5, "dmrs.dissociation": 5, "dmrs.reaction_formation": 5,
    "dmrs.displacement": 5,
    "dmrs.idealization_of_self_image": 4, "dmrs.idealization_of_others_image": 4,
    "dmrs.devaluation_of_self_image": 4, "dmrs.devaluation_of_others_image": 4,
    "dmrs.omnipotence": 4,
    "dmrs.denial": 3, "dmrs.rationalization": 3, "dmrs.projection": 3,
    "dmrs.autistic_fantasy": 3,
    "dmrs.splitting_of_self_image": 2, "dmrs.splitting_of_others_image": 2,
    "dmrs.projective_identification": 2,
    "dmrs.acting_out": 1, "dmrs.help_rejecting_complaining": 1, "dmrs.passive_aggression": 1,
}
DEFENSE_KEYS: tuple[str, ...] = tuple(DMRS_LEVELS)
TRANSFERENCE_KEYS: tuple[str, ...] = (
    "prq.angry_entitled", "prq.anxious_preoccupied", "prq.avoidant_counterdependent",
    "prq.secure_engaged", "prq.sexualized",
)
COUNTERTRANSFERENCE_KEYS: tuple[str, ...] = (
    "ctq.overwhelmed_disorganized", "ctq.helpless_inadequate", "ctq.positive",
    "ctq.special_overinvolved", "ctq.disengaged", "ctq.parental_protective",
    "ctq.criticized_mistreated",
)
WISH_KEYS: tuple[str, ...] = (
    "ccrt.w.assert_independent", "ccrt.w.oppose_control", "ccrt.w.be_controlled",
    "ccrt.w.be_distant", "ccrt.w.be_close", "ccrt.w.be_loved", "ccrt.w.feel_good",
    "ccrt.w.achieve_help",
)
RESPONSE_OF_OTHER_KEYS: tuple[str, ...] = (
    "ccrt.ro.strong", "ccrt.ro.controlling", "ccrt.ro.upset", "ccrt.ro.bad",
    "ccrt.ro.rejecting", "ccrt.ro.helpful", "ccrt.ro.likes_me", "ccrt.ro.understanding",
)
RESPONSE_OF_SELF_KEYS: tuple[str, ...] = (
    "ccrt.rs.helpful", "ccrt.rs.unreceptive", "ccrt.rs.respected", "ccrt.rs.oppose_hurt",
    "ccrt.rs.self_confident", "ccrt.rs.helpless", "ccrt.rs.disappointed",
    "ccrt.rs.anxious_ashamed",
)
PROCESS_KEYS: tuple[str, ...] = (
    "process.focus_on_affect", "process.exploring_avoidance", "process.recurring_patterns",
    "process.past_experience", "process.interpersonal_relations",
    "process.therapy_relationship", "process.fantasy_life", "process.dream_material",
    "process.free_association", "process.resistance", "process.working_through",
    "process.interpretation", "process.past_present_link", "process.alliance_rupture",
    "process.alliance_repair",
)
#: Every theme key the demo may emit, in taxonomy order.
THEME_KEYS: tuple[str, ...] = (
    DEFENSE_KEYS + TRANSFERENCE_KEYS + COUNTERTRANSFERENCE_KEYS + WISH_KEYS
    + RESPONSE_OF_OTHER_KEYS + RESPONSE_OF_SELF_KEYS + PROCESS_KEYS
)
#: Themes that are shown by a passage of the note (CCRT themes are shown by episodes).
PASSAGE_KEYS: tuple[str, ...] = (
    DEFENSE_KEYS + TRANSFERENCE_KEYS + COUNTERTRANSFERENCE_KEYS + PROCESS_KEYS
)
#: Responses of the other that make "but" the natural conjunction after the wish.
NEGATIVE_RESPONSES_OF_OTHER: frozenset[str] = frozenset(
    {"ccrt.ro.controlling", "ccrt.ro.upset", "ccrt.ro.bad", "ccrt.ro.rejecting"}
)
POSITIVE_RESPONSES_OF_SELF: tuple[str, ...] = (
    "ccrt.rs.respected", "ccrt.rs.self_confident", "ccrt.rs.helpful",
)

#: Passage-theme weights early, in the middle and late in a treatment (interpolated).
#: Mature defenses and working through grow; action defenses and resistance fade.
PHASE_WEIGHTS: dict[str, tuple[float, float, float]] = {
    **{k: ((0.5, 1.0, 2.2) if lvl == 7 else (1.0, 1.0, 0.85) if lvl >= 4
           else (1.4, 1.0, 0.45)) for k, lvl in DMRS_LEVELS.items()},
    "prq.angry_entitled": (1.0, 1.2, 0.7), "prq.anxious_preoccupied": (1.0, 1.2, 1.0),
    "prq.avoidant_counterdependent": (1.5, 1.0, 0.6), "prq.secure_engaged": (0.4, 1.0, 2.0),
    "prq.sexualized": (0.5, 1.0, 0.5),
    "ctq.overwhelmed_disorganized": (1.2, 1.0, 0.6), "ctq.helpless_inadequate": (1.1, 1.1, 0.7),
    "ctq.positive": (0.8, 1.0, 1.6), "ctq.special_overinvolved": (0.8, 1.2, 1.0),
    "ctq.disengaged": (1.1, 1.0, 0.8), "ctq.parental_protective": (1.1, 1.0, 0.9),
    "ctq.criticized_mistreated": (1.0, 1.1, 0.7),
    "process.focus_on_affect": (1.0, 1.0, 1.0), "process.exploring_avoidance": (1.5, 1.0, 0.7),
    "process.recurring_patterns": (0.3, 1.5, 1.3), "process.past_experience": (2.0, 1.0, 0.7),
    "process.interpersonal_relations": (1.3, 1.0, 1.0),
    "process.therapy_relationship": (0.5, 1.5, 1.3), "process.fantasy_life": (0.7, 1.2, 1.0),
    "process.dream_material": (0.6, 1.2, 1.0), "process.free_association": (0.7, 1.1, 1.0),
    "process.resistance": (1.4, 1.1, 0.6), "process.working_through": (0.0, 0.4, 2.4),
    "process.interpretation": (0.4, 1.4, 1.1), "process.past_present_link": (0.4, 1.4, 1.3),
    "process.alliance_rupture": (0.9, 1.2, 0.6), "process.alliance_repair": (0.3, 1.0, 1.4),
}
#: Multipliers for a session just after a break, just before one, or after a missed one.
AFTER_BREAK_WEIGHTS: dict[str, float] = {
    "prq.anxious_preoccupied": 2.0, "prq.avoidant_counterdependent": 1.6,
    "process.therapy_relationship": 2.0, "process.alliance_rupture": 1.5,
    "dmrs.denial": 1.5, "dmrs.acting_out": 1.5, "dmrs.reaction_formation": 1.5,
}
BEFORE_BREAK_WEIGHTS: dict[str, float] = {
    "dmrs.anticipation": 2.5, "process.therapy_relationship": 2.0,
    "process.interpretation": 1.5, "prq.anxious_preoccupied": 1.6, "dmrs.undoing": 1.4,
}
AFTER_CANCELLATION_WEIGHTS: dict[str, float] = {
    "process.resistance": 2.0, "dmrs.passive_aggression": 1.6, "dmrs.rationalization": 1.5,
    "process.therapy_relationship": 1.5, "process.alliance_repair": 1.4,
}

#: Slots a template may use; the prose engine fills every one of them for every note.
SLOT_NAMES: tuple[str, ...] = (
    "name", "age", "P", "p", "obj", "pos", "refl", "was", "is",
    "o", "O", "o_full", "o2", "friend", "parent", "job", "presenting",
    "brk", "late", "event", "task", "thing", "feeling", "where", "day", "memory", "dream",
    "age_then", "left", "n",
)

_POOLS = """
@ memory
- being left at the school gate long after the other children had gone
- listening to {pos} parents argue through the bedroom wall
- hiding in the garden shed when the shouting started
- being sent to stay with an aunt for a whole summer without being told why
- winning a prize at school that no one came to see
- looking after a younger cousin while the adults were out
- moving house four times before the age of ten
- a teacher reading {pos} essay aloud to the class to mock it
- waiting at the window for a parent who was always late
- the silence in the car after {pos} grandfather's funeral
- being praised only when {p} came top of the class
- a birthday party that nobody came to
- being told to stop crying or be given something to cry about
- learning to cook for the whole family at eleven
- falling through the ice on the pond and being scolded rather than comforted
- sleeping on a mattress in {pos} grandmother's front room for a year

@ dream
- {p} {was} late for an exam in a building with no stairs
- {p} {was} trying to phone someone but the numbers on the keypad kept moving
- water had risen to the top floor of {pos} childhood home and {p} {was} looking for the cat
- {p} had lost a small child in a supermarket and nobody would help {obj} look
- {p} {was} sitting in my waiting room but the door to my room had been bricked up
- {p} {was} on a boat drifting away from the shore while {pos} family waved
- {pos} teeth were crumbling while {p} gave a speech
- {p} found a hidden room in {pos} flat, full of old furniture and warm light
- a stranger was asleep in {pos} bed and {p} felt {p} had to be polite about it
- {p} {was} driving a car without brakes down a familiar hill
- {p} had to carry a heavy suitcase across a city {p} did not know
- {p} {was} back at school as an adult and no one recognised {obj}
- a house was on fire and {p} stood outside feeling strangely calm
- {p} {was} swimming in a clear lake and could see all the way to the bottom
- I had moved my consulting room into a railway station and {p} could not find me
- {p} {was} at a wedding where nobody knew whose wedding it was
- {p} {was} looking after a bird with a broken wing in a shoebox
- an old teacher was marking {pos} work in red ink that would not stop spreading

@ event
- the restructuring at work
- the house move
- {pos} cousin's wedding
- the court date
- the exam results
- the job interview
- the anniversary of the death
- a christening in the family
- the school reunion
- the trip to see family
- a hospital appointment
- the visit from the in-laws
- the end-of-year review
- a leaving party at work
- the landlord's inspection
- the parents' evening at the school
- the neighbour's complaint
- the funeral of an old family friend

@ task
- the tax return
- the grant application
- the quarterly report
- a speech for the wedding
- the care arrangements for an elderly aunt
- clearing out the family house
- the visa paperwork
- the divorce papers
- a big presentation at work
- the dissertation
- the renovation of the kitchen
- the mortgage application
- the sale of the car

@ thing
- an old school photograph
- a chipped blue mug
- a set of keys {p} no longer needed
- a letter in faded handwriting
- a child's drawing of a house
- a broken wristwatch
- a postcard from Granada
- a birthday card that had never been sent
- a pressed flower inside a book
- a cassette tape with no label
- a bus ticket from years ago
- a ring that no longer fitted

@ where
- in the supermarket queue
- on the train home
- at {pos} desk
- in the car park at work
- at the school gate
- in the café downstairs
- in the park near {pos} flat
- at the bus stop
- in a hospital waiting room
- on the stairs at home

@ feeling
- sad
- furious
- ashamed
- lonely
- frightened
- hopeless
- relieved
- guilty
- uneasy
- hollow
- restless
- exposed

@ day
- Monday
- Tuesday
- Wednesday
- Thursday
- Friday
- Saturday
- Sunday

@ late
- five minutes
- eight minutes
- ten minutes
- twelve minutes
- a quarter of an hour
- a few minutes

@ break
- the summer break
- the Easter break
- the Christmas break
- my two-week absence in October
- the half-term week
- the August break

@ job
- a pharmacist
- a secondary-school teacher
- a nurse on a surgical ward
- a software developer
- a bus driver
- an accountant
- a sous-chef
- a junior doctor
- a social worker
- an architect
- a shop manager
- a postdoctoral researcher
- a translator
- a hairdresser
- a civil servant
- an electrician
- a librarian
- a paralegal
- a museum conservator
- a graphic designer
- a care worker
- a pâtissier
- a university administrator
- a physiotherapist
- a reporter on a local paper
- a sound engineer

@ age_then
- six
- seven
- eight
- nine
- ten
- eleven
- twelve
- thirteen
- fifteen
"""

#: How a progress note names the work of a process theme ("Explored ...").
PROCESS_TOPICS: dict[str, str] = {
    "process.focus_on_affect": "the feelings that came up in the session",
    "process.exploring_avoidance": "what makes some subjects hard to approach",
    "process.recurring_patterns": "a recurring relational pattern",
    "process.past_experience": "early family experiences",
    "process.interpersonal_relations": "current relationships",
    "process.therapy_relationship": "the relationship with the therapist",
    "process.fantasy_life": "fantasies and daydreams",
    "process.dream_material": "a recent dream",
    "process.free_association": "associations to recent events",
    "process.resistance": "difficulty engaging in the session",
    "process.working_through": "a familiar theme, with more capacity to reflect",
    "process.interpretation": "links between current feelings and the therapy",
    "process.past_present_link": "links between past and present difficulties",
    "process.alliance_rupture": "a strain in the working relationship",
    "process.alliance_repair": "the repair of a recent strain in the working relationship",
}
#: One-sentence episode summaries: "Wanted {w}; experienced {who} as {ro}; {rs}."
WISH_SUMMARY: dict[str, str] = {
    "ccrt.w.assert_independent": "to act independently of {who}",
    "ccrt.w.oppose_control": "to oppose {who}",
    "ccrt.w.be_controlled": "to be looked after by {who}",
    "ccrt.w.be_distant": "to keep a distance from {who}",
    "ccrt.w.be_close": "to be close to {who}",
    "ccrt.w.be_loved": "to be loved and understood by {who}",
    "ccrt.w.feel_good": "to feel at ease with {who}",
    "ccrt.w.achieve_help": "to do well and be helpful to {who}",
}
RESPONSE_OF_OTHER_SUMMARY: dict[str, str] = {
    "ccrt.ro.strong": "strong", "ccrt.ro.controlling": "controlling",
    "ccrt.ro.upset": "upset", "ccrt.ro.bad": "hurtful", "ccrt.ro.rejecting": "rejecting",
    "ccrt.ro.helpful": "helpful", "ccrt.ro.likes_me": "warm", "ccrt.ro.understanding":
    "understanding",
}
RESPONSE_OF_SELF_SUMMARY: dict[str, str] = {
    "ccrt.rs.helpful": "responded by helping", "ccrt.rs.unreceptive": "shut down",
    "ccrt.rs.respected": "felt respected", "ccrt.rs.oppose_hurt": "hit back",
    "ccrt.rs.self_confident": "held steady", "ccrt.rs.helpless": "felt helpless",
    "ccrt.rs.disappointed": "felt let down", "ccrt.rs.anxious_ashamed":
    "felt anxious and ashamed",
}


@dataclass(frozen=True)
class Bank:
    """A parsed bank: items and comments by section, and the items a first session may use
    (those not marked ``~`` as needing earlier sessions)."""

    items: dict[str, tuple[str, ...]]
    comments: dict[str, tuple[str, ...]]
    first_session_items: dict[str, tuple[str, ...]]


def parse_bank(*texts: str) -> Bank:
    """Parse one or more bank texts into a `Bank`, keeping file order.

    Raises `ValueError` for a line outside an item or a section defined twice, so that a
    typo in a bank fails at import rather than producing odd prose.
    """
    items: dict[str, list[str]] = {}
    comments: dict[str, list[str]] = {}
    later: set[tuple[str, int]] = set()  # (section, index) of items needing history
    for text in texts:
        section = ""
        current: list[str] | None = None
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.rstrip()
            if not line or line.lstrip().startswith("#"):
                continue
            if line.startswith("@ "):
                section = line[2:].strip()
                if section in items:
                    raise ValueError(f"section {section!r} is defined twice")
                items[section], comments[section] = [], []
                current = None
            elif line[:2] in ("- ", "~ ", "= ") and section:
                current = comments[section] if line[0] == "=" else items[section]
                if line[0] == "~":
                    later.add((section, len(current)))
                current.append(line[2:].strip())
            elif line.startswith("  ") and current:
                current[-1] = f"{current[-1]} {line.strip()}"
            else:
                raise ValueError(f"bank line {number} is not part of an item: {line!r}")
    return Bank(
        items={key: tuple(value) for key, value in items.items()},
        comments={key: tuple(value) for key, value in comments.items() if value},
        first_session_items={
            key: tuple(v for i, v in enumerate(value) if (key, i) not in later)
            for key, value in items.items()
        },
    )


_THEMES = parse_bank(_DEFENSES_HIGH, _DEFENSES_LOW, _RELATIONAL, _PROCESS)
THEME_TEMPLATES = _THEMES.items
THEME_COMMENTS = _THEMES.comments
FIRST_SESSION_TEMPLATES = _THEMES.first_session_items
#: Episode frames, scenes and the W/RO/RS fragments, by section.
EPISODE_PARTS = parse_bank(_EPISODES).items
_FRAMES = parse_bank(_FRAME)
#: Openings, connecting sentences, closings and progress-note parts, by section.
FRAME_PARTS = _FRAMES.items
FIRST_SESSION_FRAME_PARTS = _FRAMES.first_session_items
#: Slot fillers by pool name (``memory``, ``dream``, ``job``...).
POOLS = parse_bank(_POOLS).items
