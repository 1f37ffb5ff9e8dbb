"""The shipped taxonomy and the taxonomy file reader (db/taxonomy/file.py)."""

from __future__ import annotations

import copy
import dataclasses
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.taxonomy.file import (
    TaxonomyFileError,
    default_taxonomy_path,
    load_taxonomy,
    parse_taxonomy,
)
from db.taxonomy.schema import KEY_PATTERN, Taxonomy

# -- the contract other code relies on ------------------------------------------------

DMRS_BY_LEVEL = {
    7: [
        "dmrs.affiliation", "dmrs.altruism", "dmrs.anticipation", "dmrs.humor",
        "dmrs.self_assertion", "dmrs.self_observation", "dmrs.sublimation", "dmrs.suppression",
    ],
    6: ["dmrs.isolation_of_affects", "dmrs.intellectualization", "dmrs.undoing"],
    5: ["dmrs.repression", "dmrs.dissociation", "dmrs.reaction_formation", "dmrs.displacement"],
    4: [
        "dmrs.idealization_of_self_image", "dmrs.idealization_of_others_image",
        "dmrs.devaluation_of_self_image", "dmrs.devaluation_of_others_image", "dmrs.omnipotence",
    ],
    3: ["dmrs.denial", "dmrs.rationalization", "dmrs.projection", "dmrs.autistic_fantasy"],
    2: [
        "dmrs.splitting_of_self_image", "dmrs.splitting_of_others_image",
        "dmrs.projective_identification",
    ],
    1: ["dmrs.acting_out", "dmrs.help_rejecting_complaining", "dmrs.passive_aggression"],
}
DMRS_LEVEL_NAMES = {
    7: "High adaptive", 6: "Obsessional", 5: "Other neurotic", 4: "Minor image-distorting",
    3: "Disavowal", 2: "Major image-distorting", 1: "Action",
}
PRQ = [
    "prq.angry_entitled", "prq.anxious_preoccupied", "prq.avoidant_counterdependent",
    "prq.secure_engaged", "prq.sexualized",
]
CTQ = [
    "ctq.overwhelmed_disorganized", "ctq.helpless_inadequate", "ctq.positive",
    "ctq.special_overinvolved", "ctq.sexualized", "ctq.disengaged", "ctq.parental_protective",
    "ctq.criticized_mistreated",
]
CCRT = {
    "W": [
        "ccrt.w.assert_independent", "ccrt.w.oppose_control", "ccrt.w.be_controlled",
        "ccrt.w.be_distant", "ccrt.w.be_close", "ccrt.w.be_loved", "ccrt.w.feel_good",
        "ccrt.w.achieve_help",
    ],
    "RO": [
        "ccrt.ro.strong", "ccrt.ro.controlling", "ccrt.ro.upset", "ccrt.ro.bad",
        "ccrt.ro.rejecting", "ccrt.ro.helpful", "ccrt.ro.likes_me", "ccrt.ro.understanding",
    ],
    "RS": [
        "ccrt.rs.helpful", "ccrt.rs.unreceptive", "ccrt.rs.respected", "ccrt.rs.oppose_hurt",
        "ccrt.rs.self_confident", "ccrt.rs.helpless", "ccrt.rs.disappointed",
        "ccrt.rs.anxious_ashamed",
    ],
}
PROCESS = [
    "process.focus_on_affect", "process.exploring_avoidance", "process.recurring_patterns",
    "process.past_experience", "process.interpersonal_relations", "process.therapy_relationship",
    "process.fantasy_life", "process.dream_material", "process.free_association",
    "process.resistance", "process.working_through", "process.interpretation",
    "process.past_present_link", "process.alliance_rupture", "process.alliance_repair",
    # taxonomy revision 2
    "process.insight", "process.enactment", "process.repetition", "process.alliance_positive",
    "process.transference_interpretation", "process.frame", "process.breaks_and_endings",
    "process.silence", "process.negative_therapeutic_reaction",
]
CATEGORY_PARENTS = {
    "dmrs": None, **{f"dmrs.l{n}": "dmrs" for n in range(1, 8)},
    "prq": None, "ctq": None,
    "ccrt": None, "ccrt.w": "ccrt", "ccrt.ro": "ccrt", "ccrt.rs": "ccrt",
    "process": None,
}


@pytest.fixture(scope="module")
def shipped() -> Taxonomy:
    return load_taxonomy(default_taxonomy_path())


# -- the shipped taxonomy -----------------------------------------------------------------


def test_shipped_file_is_the_current_format(shipped: Taxonomy) -> None:
    assert default_taxonomy_path().is_file()
    assert shipped.format_version == 1
    assert shipped.revision >= 1


def test_shipped_categories_follow_the_published_structures(shipped: Taxonomy) -> None:
    assert {c.key: c.parent for c in shipped.categories} == CATEGORY_PARENTS
    assert shipped.category("dmrs").name == "Defenses (DMRS)"
    assert shipped.category("prq").name == "Transference (PRQ)"
    assert shipped.category("ctq").name == "Countertransference (CTQ)"
    assert shipped.category("process").name == "Process & technique"
    for level, name in DMRS_LEVEL_NAMES.items():
        assert shipped.category(f"dmrs.l{level}").name == name
    for category in shipped.categories:
        assert category.description.strip()
        assert category.source.strip()


def test_thirty_dmrs_defenses_at_their_levels(shipped: Taxonomy) -> None:
    defenses = shipped.themes_in("dmrs", recursive=True)
    assert len(defenses) == 30
    assert Counter(t.dmrs_level for t in defenses) == {7: 8, 6: 3, 5: 4, 4: 5, 3: 4, 2: 3, 1: 3}
    for level, keys in DMRS_BY_LEVEL.items():
        in_level = shipped.themes_in(f"dmrs.l{level}")
        assert [t.key for t in in_level] == keys
        assert {t.dmrs_level for t in in_level} == {level}
        assert {t.ccrt_component for t in in_level} == {None}


def test_transference_and_countertransference_factors(shipped: Taxonomy) -> None:
    assert [t.key for t in shipped.themes_in("prq")] == PRQ
    assert [t.key for t in shipped.themes_in("ctq")] == CTQ


def test_ccrt_clusters_carry_their_component(shipped: Taxonomy) -> None:
    assert shipped.themes_in("ccrt") == ()
    for component, keys in CCRT.items():
        themes = shipped.themes_in(f"ccrt.{component.lower()}")
        assert [t.key for t in themes] == keys
        assert {t.ccrt_component for t in themes} == {component}
        assert {t.dmrs_level for t in themes} == {None}
    assert len(shipped.themes_in("ccrt", recursive=True)) == 24


def test_process_themes(shipped: Taxonomy) -> None:
    assert [t.key for t in shipped.themes_in("process")] == PROCESS


def test_no_theme_outside_the_contract(shipped: Taxonomy) -> None:
    expected = [*itertools.chain(*DMRS_BY_LEVEL.values()), *PRQ, *CTQ,
                *itertools.chain(*CCRT.values()), *PROCESS]
    assert sorted(t.key for t in shipped.themes) == sorted(expected)
    assert len(shipped.themes) == 91


def test_keys_are_unique_and_follow_the_scheme(shipped: Taxonomy) -> None:
    keys = [c.key for c in shipped.categories] + [t.key for t in shipped.themes]
    assert len(keys) == len(set(keys))
    for theme in shipped.themes:
        assert KEY_PATTERN.fullmatch(theme.key)
        assert theme.key.startswith(shipped.root_of(theme.category) + ".")
        if theme.category.startswith("ccrt."):
            assert theme.key.startswith(theme.category + ".")
        assert theme.parent is None  # the theme tree is left for the clinician's sub-themes


def test_every_theme_has_a_one_line_definition_and_a_source(shipped: Taxonomy) -> None:
    for theme in shipped.themes:
        assert theme.name.strip(), theme.key
        assert theme.definition.strip(), theme.key
        assert "\n" not in theme.definition, theme.key
        assert "\r" not in theme.definition, theme.key
        assert len(theme.definition) < 200, theme.key
        assert theme.definition[0].isupper(), theme.key
        assert theme.definition.endswith("."), theme.key
        assert theme.definition.casefold() != theme.name.casefold(), theme.key
        assert theme.source.strip(), theme.key
    definitions = [t.definition for t in shipped.themes]
    assert len(definitions) == len(set(definitions))


# -- colours --------------------------------------------------------------------------

# Machado, Oliveira & Fernandes (2009) simulation matrices at full severity, applied to
# linear RGB: a colour pair that survives these stays distinguishable for most people
# with colour-vision deficiency.
_CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


def _linear(color: str) -> tuple[float, ...]:
    channels = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def _lab(rgb: tuple[float, ...]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(color: str, vision: str) -> tuple[float, float, float]:
    rgb = _linear(color)
    if vision != "normal":
        rgb = tuple(
            min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True))))
            for row in _CVD[vision]
        )
    return _lab(rgb)


def test_colours_are_valid_and_unique(shipped: Taxonomy) -> None:
    colors = [t.color for t in shipped.themes]
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colors)
    assert len(set(colors)) == len(colors)


def test_colours_show_on_a_light_background(shipped: Taxonomy) -> None:
    for theme in shipped.themes:
        lightness = _lab(_linear(theme.color))[0]
        assert 15 <= lightness <= 93, theme.key


@pytest.mark.parametrize("vision", ["normal", "protanopia", "deuteranopia", "tritanopia"])
def test_colours_within_a_category_stay_distinguishable(shipped: Taxonomy, vision: str) -> None:
    # CIE76 colour difference; about 2.3 is just noticeable side by side.
    minimum = 6.0 if vision == "normal" else 4.5
    for category in shipped.categories:
        for a, b in itertools.combinations(shipped.themes_in(category.key), 2):
            distance = math.dist(_seen(a.color, vision), _seen(b.color, vision))
            assert distance >= minimum, (vision, a.key, b.key, round(distance, 1))


def test_dmrs_colours_run_from_warm_to_cool_with_level(shipped: Taxonomy) -> None:
    hues = []
    for level in range(1, 8):
        labs = [_lab(_linear(t.color)) for t in shipped.themes_in(f"dmrs.l{level}")]
        a, b = sum(lab[1] for lab in labs), sum(lab[2] for lab in labs)
        hues.append(math.degrees(math.atan2(b, a)) % 360)
    # Hue angle in CIELAB: red ~30, orange ~50, yellow ~80, cyan ~230, blue ~290.
    assert hues == sorted(hues)
    assert all(h < 90 for h in hues[:4])  # immature levels 1-4 are warm
    assert all(180 < h < 330 for h in hues[4:])  # neurotic and mature levels are cool


# -- the reader's helpers ---------------------------------------------------------------


def test_lookups(shipped: Taxonomy) -> None:
    assert shipped.theme("dmrs.humor").dmrs_level == 7
    assert shipped.theme("ccrt.rs.helpless").ccrt_component == "RS"
    assert shipped.root_of("dmrs.l3") == "dmrs"
    assert [c.key for c in shipped.subcategories("ccrt")] == ["ccrt.w", "ccrt.ro", "ccrt.rs"]
    with pytest.raises(KeyError):
        shipped.theme("dmrs.sarcasm")
    with pytest.raises(KeyError):
        shipped.category("pdm")


def test_specs_are_frozen(shipped: Taxonomy) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        shipped.themes[0].name = "Renamed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        shipped.revision = 99  # type: ignore[misc]


# -- malformed files --------------------------------------------------------------------


def _category(key: str, parent: str | None, name: str) -> dict[str, Any]:
    return {"key": key, "parent": parent, "name": name,
            "description": f"Test category {name}.", "source": "Test source (2024)"}


def _theme(key: str, category: str, name: str, color: str, **extra: Any) -> dict[str, Any]:
    theme = {"key": key, "category": category, "parent": None, "name": name,
             "definition": f"Test definition of {name}.", "source": "Test source (2024)",
             "color": color, "dmrs_level": None, "ccrt_component": None}
    return {**theme, **extra}


def _small_document() -> dict[str, Any]:
    """A valid taxonomy: categories 0-4, themes 0-4 (theme 4 is a sub-theme of theme 3)."""
    return {
        "format": "threadline-taxonomy",
        "version": 1,
        "taxonomy_revision": 3,
        "categories": [
            _category("dmrs", None, "Defenses"),
            _category("dmrs.l1", "dmrs", "Action"),
            _category("ccrt", None, "Relationship patterns"),
            _category("ccrt.w", "ccrt", "Wishes"),
            _category("process", None, "Process"),
        ],
        "themes": [
            _theme("dmrs.acting_out", "dmrs.l1", "Acting out", "#a50026", dmrs_level=1),
            _theme("dmrs.passive_aggression", "dmrs.l1", "Passive aggression", "#c63935",
                   dmrs_level=1),
            _theme("ccrt.w.be_close", "ccrt.w", "To be close", "#999933", ccrt_component="W"),
            _theme("process.resistance", "process", "Resistance", "#777777"),
            _theme("process.resistance_lateness", "process", "Comes late", "#999999",
                   parent="process.resistance"),
        ],
    }


def _record_lines(text: str) -> list[int]:
    """Lines on which the categories, then the themes, start in ``json.dumps(indent=2)``."""
    starts = re.compile(r"    [^\s}]")
    return [n for n, line in enumerate(text.splitlines(), start=1) if starts.match(line)]


def _assert_one_sentence(message: str) -> None:
    assert "\n" not in message
    assert message.endswith(".")
    assert not re.search(r"\.\s+[A-Z]", message), message


def test_the_small_document_is_valid() -> None:
    taxonomy = parse_taxonomy(json.dumps(_small_document(), indent=2), "small.json")
    assert taxonomy.revision == 3
    assert taxonomy.theme("process.resistance_lateness").parent == "process.resistance"


Mutation = Callable[[dict[str, Any]], object]

# (id, mutation, kind and index of the record the error is about, words the message holds)
RECORD_CASES: list[tuple[str, Mutation, str, int, str]] = [
    ("theme not an object", lambda d: d["themes"].__setitem__(1, "Denial"),
     "theme", 1, "theme number 2 at line {line} is not a JSON object"),
    ("missing field", lambda d: d["themes"][1].pop("definition"),
     "theme", 1, '"dmrs.passive_aggression" at line {line} has no "definition" field'),
    ("missing key", lambda d: d["themes"][1].pop("key"),
     "theme", 1, 'theme number 2 at line {line} has no "key" field'),
    ("malformed key", lambda d: d["themes"][0].update(key="DMRS Acting out"),
     "theme", 0, 'theme number 1 at line {line} has "key" "DMRS Acting out"'),
    ("extra field", lambda d: d["themes"][2].update(notes="x"),
     "theme", 2, 'at line {line} has an unknown field "notes"'),
    ("extra category field", lambda d: d["categories"][4].update(color="#000000"),
     "category", 4, 'category "process" at line {line} has an unknown field "color"'),
    ("name not text", lambda d: d["themes"][3].update(name=5),
     "theme", 3, 'has "name" 5, which is not a single line of text'),
    ("blank name", lambda d: d["categories"][2].update(name="   "),
     "category", 2, 'category "ccrt" at line {line} has "name" "   "'),
    ("two-line definition", lambda d: d["themes"][3].update(definition="One.\nTwo."),
     "theme", 3, '"process.resistance" at line {line} has "definition"'),
    ("long definition", lambda d: d["themes"][3].update(definition="x" * 201),
     "theme", 3, "a single line of text of 1 to 200 characters"),
    ("level is a boolean", lambda d: d["themes"][0].update(dmrs_level=True),
     "theme", 0, 'has "dmrs_level" true, which is not a whole number from 1 to 7'),
    ("level out of range", lambda d: d["themes"][0].update(dmrs_level=8),
     "theme", 0, 'has "dmrs_level" 8'),
    ("level as text", lambda d: d["themes"][0].update(dmrs_level="1"),
     "theme", 0, 'has "dmrs_level" "1"'),
    ("short colour", lambda d: d["themes"][2].update(color="#12345"),
     "theme", 2, 'has "color" "#12345", which is not a colour written as #rrggbb'),
    ("named colour", lambda d: d["themes"][2].update(color="red"),
     "theme", 2, 'has "color" "red"'),
    ("non-hex colour", lambda d: d["themes"][2].update(color="#12345g"),
     "theme", 2, 'has "color" "#12345g"'),
    ("missing colour", lambda d: d["themes"][2].update(color=None),
     "theme", 2, 'has "color" null'),
    ("unknown component", lambda d: d["themes"][2].update(ccrt_component="X"),
     "theme", 2, 'has "ccrt_component" "X", which is not one of "W", "RO", "RS" or null'),
    ("lowercase component", lambda d: d["themes"][2].update(ccrt_component="w"),
     "theme", 2, 'has "ccrt_component" "w"'),
    ("duplicate theme key", lambda d: d["themes"][3].update(key="dmrs.acting_out"),
     "theme", 3, '"dmrs.acting_out" at line {line} reuses the key of the theme at line {t0}'),
    ("duplicate category key", lambda d: d["categories"][3].update(key="ccrt"),
     "category", 3, '"ccrt" at line {line} reuses the key of the category at line {c2}'),
    ("theme reuses a category key",
     lambda d: d["themes"][4].update(key="process"),
     "theme", 4, '"process" at line {line} reuses the key of the category at line {c4}'),
    ("unknown category", lambda d: d["themes"][3].update(category="technique"),
     "theme", 3, 'names category "technique", which is not defined in this file'),
    ("unknown category parent", lambda d: d["categories"][1].update(parent="defenses"),
     "category", 1, '"dmrs.l1" at line {line} has parent "defenses", which is not a category in'),
    ("unknown theme parent", lambda d: d["themes"][4].update(parent="process.silence"),
     "theme", 4, 'has parent "process.silence", which is not a theme in this file'),
    ("parent in another category", lambda d: d["themes"][4].update(parent="dmrs.acting_out"),
     "theme", 4, "a sub-theme must share its parent's category"),
    ("category cycle", lambda d: d["categories"][0].update(parent="dmrs.l1"),
     "category", 0, '"dmrs" at line {line} is its own ancestor (dmrs -> dmrs.l1 -> dmrs)'),
    ("category is its own parent", lambda d: d["categories"][4].update(parent="process"),
     "category", 4, '"process" at line {line} is its own ancestor (process -> process)'),
    ("theme cycle",
     lambda d: d["themes"][3].update(parent="process.resistance_lateness"),
     "theme", 3, "is its own ancestor (process.resistance -> process.resistance_lateness ->"),
    ("level outside DMRS", lambda d: d["themes"][3].update(dmrs_level=3),
     "theme", 3, '"process.resistance" at line {line} has a "dmrs_level", but only DMRS'),
    ("DMRS defense without level", lambda d: d["themes"][1].update(dmrs_level=None),
     "theme", 1, '"dmrs.passive_aggression" at line {line} is a DMRS defense but has no'),
    ("level disagrees with category", lambda d: d["themes"][0].update(dmrs_level=2),
     "theme", 0, 'is in category "dmrs.l1" but has "dmrs_level" 2'),
    ("CCRT cluster without component", lambda d: d["themes"][2].update(ccrt_component=None),
     "theme", 2, '"ccrt.w.be_close" at line {line} is a CCRT cluster but has no'),
    ("component outside CCRT", lambda d: d["themes"][3].update(ccrt_component="RS"),
     "theme", 3, 'has a "ccrt_component", but only CCRT clusters may have one'),
    ("component disagrees with category", lambda d: d["themes"][2].update(ccrt_component="RO"),
     "theme", 2, 'has "ccrt_component" "RO" instead of "W"'),
    ("two themes with one name", lambda d: d["themes"][4].update(name="RESISTANCE"),
     "theme", 4, 'has the name "RESISTANCE", like the theme at line {t3} in the same category'),
    ("two categories with one name", lambda d: d["categories"][4].update(name="Defenses"),
     "category", 4, "like the category at line {c0} under the same parent"),
]


@pytest.mark.parametrize(
    ("mutate", "kind", "index", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in RECORD_CASES],
)
def test_a_broken_record_is_named_with_its_file_line_and_key(
    tmp_path: Path, mutate: Mutation, kind: str, index: int, expected: str
) -> None:
    document = _small_document()
    mutate(document)
    text = json.dumps(document, indent=2)
    path = tmp_path / "broken-taxonomy.json"
    path.write_text(text, encoding="utf-8")
    lines = _record_lines(text)
    places = {f"c{i}": lines[i] for i in range(5)} | {f"t{i}": lines[5 + i] for i in range(5)}
    line = lines[index] if kind == "category" else lines[5 + index]

    with pytest.raises(TaxonomyFileError) as caught:
        load_taxonomy(path)

    message = str(caught.value)
    assert message.startswith(f"In {path}, {kind} ")
    assert f"at line {line} " in message
    assert expected.format(line=line, **places) in message
    _assert_one_sentence(message)


def _text(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2)


def _edited(edit: Callable[[dict[str, Any]], object]) -> str:
    document = _small_document()
    edit(document)
    return _text(document)


FILE_CASES: list[tuple[str, Callable[[], str], str]] = [
    ("empty file", lambda: "", "is not valid JSON (Expecting value at line 1, column 1)"),
    ("top level is a list", lambda: "[]", "is not a Threadline taxonomy file"),
    ("absurdly long number", lambda: '{"version": ' + "9" * 5000 + "}",
     "holds JSON that Threadline cannot read"),
    ("absurdly deep nesting", lambda: "[" * 100_000, "holds JSON that Threadline cannot read"),
    ("another format", lambda: _edited(lambda d: d.update(format="qualcoder-codebook")),
     'is not a Threadline taxonomy file (its "format" is "qualcoder-codebook"'),
    ("no format", lambda: _edited(lambda d: d.pop("format")),
     'is not a Threadline taxonomy file (its "format" is missing instead of'),
    ("newer version", lambda: _edited(lambda d: d.update(version=2, moods=[])),
     "was written for a newer version of Threadline (taxonomy format 2;"),
    ("version as text", lambda: _edited(lambda d: d.update(version="1")),
     '"version" is "1", which is not a whole number of 1 or more'),
    ("version as boolean", lambda: _edited(lambda d: d.update(version=True)),
     '"version" is true'),
    ("version zero", lambda: _edited(lambda d: d.update(version=0)), '"version" is 0'),
    ("missing themes", lambda: _edited(lambda d: d.pop("themes")),
     'the field "themes" is missing'),
    ("extra top-level field", lambda: _edited(lambda d: d.update(comment="draft")),
     'the field "comment" is not part of the taxonomy format'),
    ("revision zero", lambda: _edited(lambda d: d.update(taxonomy_revision=0)),
     '"taxonomy_revision" is 0'),
    ("revision as text", lambda: _edited(lambda d: d.update(taxonomy_revision="3")),
     '"taxonomy_revision" is "3"'),
    ("categories not a list", lambda: _edited(lambda d: d.update(categories={})),
     '"categories" is not a list'),
    ("top-level field twice",
     lambda: _text(_small_document()).replace('"version": 1,', '"version": 1,\n  "version": 1,'),
     'the field "version" appears twice'),
]


@pytest.mark.parametrize(
    ("make_text", "expected"), [pytest.param(*case[1:], id=case[0]) for case in FILE_CASES]
)
def test_a_broken_file_is_named(
    tmp_path: Path, make_text: Callable[[], str], expected: str
) -> None:
    path = tmp_path / "broken-taxonomy.json"
    path.write_text(make_text(), encoding="utf-8")
    with pytest.raises(TaxonomyFileError) as caught:
        load_taxonomy(path)
    message = str(caught.value)
    assert str(path) in message
    assert expected in message
    _assert_one_sentence(message)


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    text = _text(_small_document())
    text = text[: text.rindex("}")] + ",\n}"  # a trailing comma after the last field
    path = tmp_path / "trailing-comma.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyFileError) as caught:
        load_taxonomy(path)
    last_line = text.count("\n") + 1
    assert str(caught.value) == (
        f"{path} is not valid JSON (Expecting property name enclosed in double quotes "
        f"at line {last_line}, column 1)."
    )


def test_a_field_twice_in_one_theme_names_the_theme_line() -> None:
    text = _text(_small_document())
    text = text.replace('"name": "Resistance",', '"name": "Resistance",\n      "name": "Pause",')
    line = _record_lines(text)[5 + 3]
    with pytest.raises(TaxonomyFileError) as caught:
        parse_taxonomy(text, "codebook.json")
    assert str(caught.value) == (
        f'In codebook.json, theme number 4 at line {line} has the field "name" twice.'
    )


def test_an_unreadable_file_is_a_taxonomy_error(tmp_path: Path) -> None:
    missing = tmp_path / "gone.json"
    with pytest.raises(TaxonomyFileError, match="gone.json could not be read"):
        load_taxonomy(missing)
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"format": "Th\u00e9me"}'.encode("latin-1"))
    with pytest.raises(TaxonomyFileError, match=r"latin1\.json could not be read \(not UTF-8\)"):
        load_taxonomy(latin1)


def test_line_numbers_hold_for_compact_files_and_windows_line_ends() -> None:
    document = _small_document()
    document["themes"][3]["color"] = "blue"
    with pytest.raises(TaxonomyFileError, match="at line 1 has"):
        parse_taxonomy(json.dumps(document), "compact.json")
    text = _text(document)
    line = _record_lines(text)[5 + 3]
    with pytest.raises(TaxonomyFileError, match=f"at line {line} has"):
        parse_taxonomy(text.replace("\n", "\r\n"), "windows.json")


def test_tolerated_variations(tmp_path: Path) -> None:
    document = _small_document()
    document["themes"][2]["color"] = "#ABCDEF"
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + _text(document).encode("utf-8"))
    taxonomy = load_taxonomy(path)
    assert taxonomy.theme("ccrt.w.be_close").color == "#abcdef"
    shuffled = {k: document[k] for k in reversed(list(document))}
    assert parse_taxonomy(json.dumps(shuffled), "shuffled.json") == taxonomy


# -- robustness: whatever the file holds, the only failure is TaxonomyFileError ----------

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=6,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    section=st.sampled_from(["categories", "themes"]),
    index=st.integers(min_value=0, max_value=4),
    field=st.sampled_from(["key", "category", "parent", "name", "definition", "source",
                           "color", "dmrs_level", "ccrt_component", "description", "extra"]),
    value=_json_values,
)
def test_any_field_value_is_read_or_refused_cleanly(
    section: str, index: int, field: str, value: object
) -> None:
    document = copy.deepcopy(_small_document())
    document[section][index][field] = value
    try:
        parse_taxonomy(json.dumps(document, indent=2), "fuzzed.json")
    except TaxonomyFileError as error:
        message = str(error)
    else:
        return
    assert "fuzzed.json" in message
    _assert_one_sentence(message)


@settings(max_examples=200)
@given(text=st.text(max_size=60) | st.builds(json.dumps, _json_values))
def test_any_text_is_read_or_refused_cleanly(text: str) -> None:
    try:
        parse_taxonomy(text, "noise.json")
    except TaxonomyFileError as error:
        message = str(error)
    else:
        return
    assert "noise.json" in message
