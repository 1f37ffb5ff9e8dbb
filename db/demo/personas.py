"""Fictional clients for the demo vault.

Every person made here is invented: names are drawn independently from pools of given and
family names of many origins, and each client follows one of a handful of clinical
archetypes (an obsessional, a depressive, a borderline picture...) that decide which
themes the notes tend to show. The same `random.Random` state gives the same clients.
"""

from __future__ import annotations

import math
import random
import zlib
from dataclasses import dataclass
from functools import lru_cache

from db.demo.vignettes import (
    POOLS,
    RESPONSE_OF_OTHER_KEYS,
    RESPONSE_OF_SELF_KEYS,
    THEME_TEMPLATES,
    WISH_KEYS,
)


@dataclass(frozen=True)
class Persona:
    """One fictional client.

    ``pronouns`` ("she", "he" or "they") is what the notes use for the client; it comes last
    and has a default so that code constructing a persona by the documented fields works.
    """

    code: str
    display_name: str
    age: int
    presenting: str
    significant_others: tuple[str, ...]
    leading_themes: tuple[str, ...]
    pronouns: str = "they"


@dataclass(frozen=True)
class _Archetype:
    defenses: tuple[str, ...]
    relational: tuple[str, ...]  # PRQ and CTQ factors typical of the picture
    processes: tuple[str, ...]
    wishes: tuple[str, ...]
    responses_of_other: tuple[str, ...]
    responses_of_self: tuple[str, ...]
    presenting: tuple[str, ...]  # noun phrases; {pos}/{obj} filled with the client's pronoun
    ages: tuple[int, int]


_ARCHETYPES: tuple[_Archetype, ...] = (
    _Archetype(  # obsessional
        ("dmrs.isolation_of_affects", "dmrs.intellectualization", "dmrs.undoing",
         "dmrs.reaction_formation", "dmrs.rationalization", "dmrs.suppression"),
        ("prq.avoidant_counterdependent", "ctq.disengaged", "ctq.helpless_inadequate"),
        ("process.exploring_avoidance", "process.focus_on_affect"),
        ("ccrt.w.be_distant", "ccrt.w.assert_independent"),
        ("ccrt.ro.controlling",), ("ccrt.rs.unreceptive", "ccrt.rs.helpless"),
        ("constant worry about making mistakes at work and a marriage that has gone quiet",
         "checking rituals that have crept back since a promotion",
         "feeling flat and far away from people, noticed by others more than by {obj}"),
        (28, 66),
    ),
    _Archetype(  # depressive
        ("dmrs.devaluation_of_self_image", "dmrs.idealization_of_others_image",
         "dmrs.help_rejecting_complaining", "dmrs.reaction_formation", "dmrs.repression",
         "dmrs.affiliation"),
        ("prq.anxious_preoccupied", "ctq.parental_protective", "ctq.helpless_inadequate"),
        ("process.past_experience", "process.focus_on_affect"),
        ("ccrt.w.be_loved", "ccrt.w.be_close"),
        ("ccrt.ro.rejecting",), ("ccrt.rs.disappointed", "ccrt.rs.anxious_ashamed"),
        ("low mood and broken sleep since the end of a long relationship",
         "a persistent sense of worthlessness after being passed over at work",
         "grief after the death of a parent that has not eased after two years"),
        (22, 71),
    ),
    _Archetype(  # borderline organisation
        ("dmrs.splitting_of_others_image", "dmrs.splitting_of_self_image",
         "dmrs.projective_identification", "dmrs.acting_out",
         "dmrs.devaluation_of_others_image", "dmrs.idealization_of_others_image"),
        ("prq.angry_entitled", "ctq.overwhelmed_disorganized", "ctq.criticized_mistreated"),
        ("process.alliance_rupture", "process.therapy_relationship"),
        ("ccrt.w.be_close", "ccrt.w.be_loved"),
        ("ccrt.ro.rejecting", "ccrt.ro.bad"), ("ccrt.rs.oppose_hurt",),
        ("stormy relationships, sudden rages and a terror of being left",
         "repeated crises at home and at work, with a sense of emptiness in between",
         "self-destructive spending and fights after each break-up"),
        (19, 45),
    ),
    _Archetype(  # narcissistic
        ("dmrs.idealization_of_self_image", "dmrs.devaluation_of_others_image",
         "dmrs.omnipotence", "dmrs.denial", "dmrs.rationalization"),
        ("prq.angry_entitled", "ctq.criticized_mistreated", "ctq.disengaged"),
        ("process.resistance", "process.therapy_relationship"),
        ("ccrt.w.achieve_help", "ccrt.w.assert_independent"),
        ("ccrt.ro.rejecting", "ccrt.ro.strong"), ("ccrt.rs.oppose_hurt",),
        ("rage and humiliation after a public setback at work",
         "repeated clashes with colleagues and a growing sense that nothing satisfies {obj}",
         "a partner's ultimatum after years of arguments"),
        (30, 68),
    ),
    _Archetype(  # dependent, anxious
        ("dmrs.idealization_of_others_image", "dmrs.undoing",
         "dmrs.devaluation_of_self_image", "dmrs.displacement", "dmrs.affiliation"),
        ("prq.anxious_preoccupied", "ctq.special_overinvolved", "ctq.parental_protective"),
        ("process.interpersonal_relations", "process.recurring_patterns"),
        ("ccrt.w.be_controlled", "ccrt.w.be_close"),
        ("ccrt.ro.rejecting", "ccrt.ro.controlling"),
        ("ccrt.rs.anxious_ashamed", "ccrt.rs.helpless"),
        ("panic attacks when alone and difficulty deciding anything without {pos} partner",
         "intense anxiety about being left since {pos} partner took a job abroad",
         "fear of driving and of being far from home"),
        (20, 60),
    ),
    _Archetype(  # hysterical
        ("dmrs.repression", "dmrs.dissociation", "dmrs.displacement",
         "dmrs.idealization_of_others_image", "dmrs.denial"),
        ("prq.anxious_preoccupied", "prq.sexualized", "ctq.special_overinvolved",
         "ctq.positive"),
        ("process.dream_material", "process.fantasy_life"),
        ("ccrt.w.be_loved",), ("ccrt.ro.likes_me", "ccrt.ro.rejecting"),
        ("ccrt.rs.anxious_ashamed", "ccrt.rs.disappointed"),
        ("fainting spells with no medical cause, and relationships that end the same way",
         "feeling invisible at home and drawn to an unavailable colleague",
         "sudden tearfulness and a sense of living someone else's life"),
        (21, 55),
    ),
    _Archetype(  # healthier neurotic
        ("dmrs.suppression", "dmrs.humor", "dmrs.self_observation", "dmrs.anticipation",
         "dmrs.rationalization", "dmrs.displacement"),
        ("prq.secure_engaged", "ctq.positive"),
        ("process.past_present_link", "process.working_through"),
        ("ccrt.w.assert_independent", "ccrt.w.achieve_help"),
        ("ccrt.ro.controlling", "ccrt.ro.strong"), ("ccrt.rs.helpless", "ccrt.rs.helpful"),
        ("difficulty standing up to a demanding parent, even now",
         "performance anxiety at work that has spread into the rest of {pos} life",
         "a career crossroads and an old sadness that keeps returning"),
        (24, 62),
    ),
    _Archetype(  # schizoid, withdrawn
        ("dmrs.autistic_fantasy", "dmrs.isolation_of_affects", "dmrs.intellectualization",
         "dmrs.devaluation_of_self_image", "dmrs.suppression"),
        ("prq.avoidant_counterdependent", "ctq.disengaged", "ctq.helpless_inadequate"),
        ("process.fantasy_life", "process.exploring_avoidance"),
        ("ccrt.w.be_distant",), ("ccrt.ro.controlling", "ccrt.ro.rejecting"),
        ("ccrt.rs.unreceptive",),
        ("isolation and long nights online; came because a sibling was worried",
         "a sense of watching life through a window, and no close friends"),
        (19, 58),
    ),
    _Archetype(  # passive-aggressive
        ("dmrs.passive_aggression", "dmrs.help_rejecting_complaining",
         "dmrs.rationalization", "dmrs.projection", "dmrs.displacement"),
        ("prq.angry_entitled", "ctq.criticized_mistreated", "ctq.helpless_inadequate"),
        ("process.resistance", "process.recurring_patterns"),
        ("ccrt.w.oppose_control", "ccrt.w.assert_independent"),
        ("ccrt.ro.controlling",), ("ccrt.rs.oppose_hurt", "ccrt.rs.unreceptive"),
        ("resentment at work and repeated warnings about missed deadlines",
         "a marriage of silent standoffs and slammed doors"),
        (26, 64),
    ),
)

_GIVEN_NAMES: dict[str, tuple[str, ...]] = {
    "she": (
        "Zoë", "Inés", "Amara", "Mei", "Saoirse", "Ana", "Leila", "Priya", "Hanna", "Chiara",
        "Noor", "Yuki", "Ingrid", "Marta", "Aisling", "Fatima", "Sofía", "Olga", "Ewa",
        "Thandiwe", "Camille", "Rosa", "Nadia", "Lucía", "Annika", "Grace", "Esther",
        "Maëlle", "Dilnoza", "Keiko", "Ayesha", "Beatriz", "Freya", "Halima", "Iris",
        "Joanna", "Lena", "Maren", "Nkechi", "Céline", "Małgorzata", "Björg",
    ),
    "he": (
        "Tomás", "Kwame", "Arjun", "Matteo", "Jonas", "Liam", "Søren", "Hamid", "Olumide",
        "Felix", "Rafael", "Diego", "Kenji", "Pavel", "Yusuf", "Emil", "Niall", "Andrés",
        "Bastien", "Cormac", "Dmitri", "Elias", "Farid", "Gabriel", "Henrik", "Ibrahim",
        "Jakub", "Kofi", "Lorenzo", "Mateus", "Nikolai", "Oskar", "Piotr", "Ravi", "Samir",
        "Teodor", "Vikram", "Xavier", "Zoltán", "Jérôme",
    ),
    "they": (
        "Alex", "Robin", "Sasha", "Kai", "Noa", "Jules", "Ari", "Rémy", "Quinn", "Eden",
        "Rowan", "Charlie", "Jamie", "Avery", "Nour", "Yael",
    ),
}
_FAMILY_NAMES: tuple[str, ...] = (
    "Laurent", "Quiroga", "Okafor", "Nakamura", "Sørensen", "Müller", "Kowalczyk", "Haddad",
    "Ferreira", "Nguyen", "Ó Briain", "Novak", "Mensah", "Castellanos", "Lindqvist",
    "Petrović", "Rahman", "Costa", "Yılmaz", "Brennan", "Dubois", "Ishikawa", "Adeyemi",
    "Almeida", "Bianchi", "Chowdhury", "Dąbrowski", "Eriksen", "Fournier", "García", "Horvat",
    "Jansen", "Kaur", "Lefèvre", "Moreau", "Nowak", "Ortega", "Papadopoulos", "Qureshi",
    "Rossi", "Schäfer", "Takahashi", "Umarov", "Varga", "Xu", "Yamamoto", "Zieliński",
    "Hernández", "Østergaard", "Çelik", "Núñez", "Abebe", "Banerjee", "Kim", "Osei",
    "MacLeod", "Vasquez", "Halloran", "Weiss", "Aydın",
)
#: Names for the people in a client's life, by the gender their role implies.
_OTHER_NAMES_BY_GENDER: dict[str, tuple[str, ...]] = {
    "f": ("Ruth", "Mira", "Lotte", "Paloma", "Greta", "Farah", "Hélène", "Bea", "Ilse",
          "Kasia", "Maya", "Oona", "Rhiannon", "Tess", "Vera", "Yara", "Zeynep", "Anouk",
          "Clara", "Elif", "Hattie", "Ines", "Naomi", "Aoife"),
    "m": ("Daniel", "Jonah", "Kwesi", "Imran", "Owen", "Luca", "Tariq", "Callum", "Ezra",
          "Joaquín", "Leon", "Nils", "Pedro", "Stefan", "Umar", "Bruno", "Dev", "Gus", "Lars",
          "Rory", "Mehmet", "Anders"),
    "n": ("Sam", "Dani", "Frankie", "Kit", "Wren", "Alexis", "Jordan", "Morgan", "Sascha",
          "Tamsin", "Noel", "Robin"),
}
#: All names of others, for the friend slot of the notes.
OTHER_NAMES: tuple[str, ...] = tuple(
    name for names in _OTHER_NAMES_BY_GENDER.values() for name in names
)
_FEMALE_ROLES = ("older sister", "younger sister", "twin sister", "wife", "girlfriend",
                 "daughter", "fiancée")
_MALE_ROLES = ("older brother", "younger brother", "husband", "boyfriend", "son", "fiancé")
_WORD_CODES: tuple[str, ...] = (
    "RIVER", "WILLOW", "HERON", "ASPEN", "CEDAR", "FINCH", "HARBOUR", "JUNIPER", "KESTREL",
    "LANTERN", "MARSH", "ORCHARD", "PEBBLE", "QUARRY", "ROWAN", "SORREL", "THISTLE", "UMBER",
    "VESPER", "WREN", "ALDER", "BRACKEN", "COVE", "DUNE", "EMBER", "FERN", "GLADE", "HAZEL",
    "INLET", "LARCH", "MOSS", "OSPREY", "PLOVER", "SALT", "TIDE", "VALE",
)
_PRONOUN_WEIGHTS = (("she", 52), ("he", 40), ("they", 8))


def make_personas(rng: random.Random, count: int) -> list[Persona]:
    """Make ``count`` fictional clients with unique codes (and, where the pools allow,
    unique names). Raises `ValueError` for a negative count."""
    if count < 0:
        raise ValueError("count must not be negative")
    numbers = rng.sample(range(1, max(1000, 2 * count)), count)
    free_words = list(_WORD_CODES)
    used_names: set[str] = set()
    personas: list[Persona] = []
    for index in range(count):
        if free_words and rng.random() < 0.25:
            code = free_words.pop(rng.randrange(len(free_words)))
        else:
            code = f"C-{numbers[index]:03d}"
        pronouns = rng.choices(
            [p for p, _ in _PRONOUN_WEIGHTS], [w for _, w in _PRONOUN_WEIGHTS]
        )[0]
        name = _unique_name(rng, pronouns, used_names)
        archetype = rng.choice(_ARCHETYPES)
        age = rng.randint(*archetype.ages)
        first = name.split()[0]
        personas.append(
            Persona(
                code=code,
                display_name=name,
                age=age,
                presenting=_presenting(rng, archetype, pronouns),
                significant_others=_significant_others(rng, age, first),
                leading_themes=_leading_themes(rng, archetype),
                pronouns=pronouns,
            )
        )
    return personas


def _unique_name(rng: random.Random, pronouns: str, used: set[str]) -> str:
    name = ""
    for _ in range(20):
        name = f"{rng.choice(_GIVEN_NAMES[pronouns])} {rng.choice(_FAMILY_NAMES)}"
        if name not in used:
            break
    used.add(name)
    return name


def _presenting(rng: random.Random, archetype: _Archetype, pronouns: str) -> str:
    pos = {"she": "her", "he": "his", "they": "their"}[pronouns]
    obj = {"she": "her", "he": "him", "they": "them"}[pronouns]
    text = rng.choice(archetype.presenting).format(pos=pos, obj=obj)
    return f"{text[0].upper()}{text[1:]}."


def _significant_others(rng: random.Random, age: int, own_name: str) -> tuple[str, ...]:
    pools = {g: [n for n in names if n != own_name]
             for g, names in _OTHER_NAMES_BY_GENDER.items()}
    for names in pools.values():
        rng.shuffle(names)

    def named(roles: tuple[str, ...]) -> str:
        role = rng.choice(roles)
        gender = "f" if role in _FEMALE_ROLES else "m" if role in _MALE_ROLES else "n"
        if gender == "n" and rng.random() < 0.6:
            gender = rng.choice(("f", "m"))
        return f"{role} {pools[gender].pop()}"

    others = [rng.choice(("mother", "father", "mother", "stepfather", "grandmother"))]
    if rng.random() < 0.35:
        others.append("father" if others[0] != "father" else "mother")
    if rng.random() < 0.6:
        others.append(named(("older brother", "younger sister", "older sister",
                             "younger brother", "twin sister")))
    if rng.random() < 0.7:
        others.append(named(("partner", "husband", "wife", "girlfriend", "boyfriend",
                             "fiancé", "fiancée", "ex-partner", "partner")))
    if age > 28 and rng.random() < 0.3:
        others.append(named(("daughter", "son")))
    if rng.random() < 0.5:
        others.append(named(("friend",)))
    if rng.random() < 0.5 or len(others) < 3:
        others.append(named(("manager", "supervisor", "colleague", "flatmate")))
    if len(others) < 3:
        others.append(named(("friend", "neighbour", "cousin")))
    return tuple(others)


def _leading_themes(rng: random.Random, archetype: _Archetype) -> tuple[str, ...]:
    defenses = rng.sample(archetype.defenses, min(4, len(archetype.defenses)))
    relational = rng.sample(archetype.relational, min(3, len(archetype.relational)))
    themes = [
        *defenses,
        *relational,
        rng.choice(archetype.processes),
        rng.choice(archetype.wishes),
        rng.choice(archetype.responses_of_other),
        rng.choice(archetype.responses_of_self),
    ]
    return tuple(themes)


# -- what the notes need to know about a client ---------------------------------------------

PRONOUN_SLOTS: dict[str, dict[str, str]] = {
    "she": {"P": "She", "p": "she", "obj": "her", "pos": "her", "refl": "herself",
            "was": "was", "is": "is"},
    "he": {"P": "He", "p": "he", "obj": "him", "pos": "his", "refl": "himself",
           "was": "was", "is": "is"},
    "they": {"P": "They", "p": "they", "obj": "them", "pos": "their", "refl": "themselves",
             "was": "were", "is": "are"},
}
_PARENTS = ("mother", "father", "stepmother", "stepfather", "grandmother", "grandfather")


@dataclass(frozen=True)
class Other:
    """A person in the client's life, and how a note refers to them."""

    label: str  # as in the persona: "older brother Daniel", "mother"; "therapist"
    ref: str  # in a sentence: "Daniel", "her mother", "me"
    cap: str  # at the start of a sentence: "Daniel", "Her mother", "I"
    full: str  # first mention: "her older brother Daniel"


THERAPIST = Other("therapist", "me", "I", "me")


def other_person(label: str, pos: str) -> Other:
    """How notes name ``label``: by the name it ends with, else as "her mother"."""
    words = label.split()
    if len(words) > 1 and words[-1][:1].isupper():
        return Other(label, words[-1], words[-1], f"{pos} {label}")
    ref = f"{pos} {label}"
    return Other(label, ref, ref[0].upper() + ref[1:], ref)


@dataclass(frozen=True)
class ClientProfile:
    """Everything about a client that does not change from note to note."""

    slots: dict[str, str]  # name, pronouns, job, friend, parent, presenting concern
    others: tuple[Other, ...]
    pools: dict[str, tuple[str, ...]]  # slot pools rendered with the client's pronouns
    waves: dict[str, tuple[float, float]]  # leading theme -> (period, phase) of its wave
    wish: str  # the core CCRT components
    response_of_other: str
    response_of_self: str


@lru_cache(maxsize=2048)
def client_profile(persona: Persona) -> ClientProfile:
    """The stable side of a client, derived from the persona alone (never from the caller's
    generator), so notes stay consistent across sessions and deterministic."""
    stable = random.Random(zlib.crc32(f"{persona.code}|{persona.display_name}".encode()))
    pron = PRONOUN_SLOTS.get(persona.pronouns, PRONOUN_SLOTS["they"])
    first_name = persona.display_name.split()[0] if persona.display_name.strip() else "C."
    others = tuple(other_person(label, pron["pos"]) for label in persona.significant_others)
    if not others:
        others = (other_person("friend " + stable.choice(OTHER_NAMES), pron["pos"]),)
    parent = next((o.ref for o in others if o.label in _PARENTS),
                  f"{pron['pos']} {stable.choice(('mother', 'father'))}")
    friend = next((o.ref for o in others if o.label.startswith("friend ")), "")
    if not friend:
        taken = {o.ref for o in others} | {first_name}
        friend = stable.choice([n for n in OTHER_NAMES if n not in taken])
    presenting = persona.presenting.strip().rstrip(".") or "a difficult year"
    slots = {
        **pron,
        "name": first_name,
        "age": str(persona.age),
        "job": stable.choice(POOLS["job"]),
        "friend": friend,
        "parent": parent,
        "presenting": presenting[0].lower() + presenting[1:],
    }
    pools = {
        name: tuple(item.format_map(pron) for item in POOLS[name])
        for name in ("memory", "dream", "event", "task", "thing", "where")
    }
    waves: dict[str, tuple[float, float]] = {}
    for key in persona.leading_themes:
        if key in THEME_TEMPLATES:
            crc = zlib.crc32(f"{persona.code}|{key}".encode())
            waves[key] = (5.0 + crc % 12, (crc >> 8) % 1000 / 1000.0 * 2 * math.pi)

    def core(keys: tuple[str, ...]) -> str:
        return next((k for k in persona.leading_themes if k in keys), stable.choice(keys))

    return ClientProfile(slots, others, pools, waves, core(WISH_KEYS),
                         core(RESPONSE_OF_OTHER_KEYS), core(RESPONSE_OF_SELF_KEYS))
