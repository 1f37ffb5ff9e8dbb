"""The records of a taxonomy file, as frozen dataclasses, and the rule each field follows.

The file format itself is described in ``docs/taxonomy-format.md``; ``db.taxonomy.file``
reads and validates it.  This module holds no I/O, so the dataclasses can be imported by
any service that works with a parsed taxonomy.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from db.taxonomy.tree import ancestry, one
from db.vocabulary import Ccrt

FORMAT_NAME = "threadline-taxonomy"
FORMAT_VERSION = 1
"""The newest taxonomy format version this version of Threadline reads."""

TOP_FIELDS = ("format", "version", "taxonomy_revision", "categories", "themes")
DMRS_ROOT = "dmrs"
CCRT_ROOT = "ccrt"
DMRS_LEVELS = range(1, 8)
CCRT_COMPONENTS = tuple(Ccrt)
#: The component a theme carries from the CCRT category it is filed in ("ccrt.w": "W").
CCRT_COMPONENT_OF_CATEGORY: dict[str, str] = {
    f"{CCRT_ROOT}.{component.lower()}": component for component in Ccrt}

KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*")
DMRS_LEVEL_CATEGORY = re.compile(r"dmrs\.l([1-7])")
COLOR_PATTERN = re.compile(r"#[0-9a-fA-F]{6}")
MAX_KEY_LENGTH = 64


@dataclass(frozen=True)
class CategorySpec:
    """A category of themes; categories form a tree through ``parent``."""

    key: str
    name: str
    parent: str | None
    description: str
    source: str


@dataclass(frozen=True)
class ThemeSpec:
    """A theme a clinician can mark on a session or a passage.

    ``dmrs_level`` is set only for DMRS defenses and ``ccrt_component`` only for CCRT
    clusters; ``color`` is always lowercase ``#rrggbb``.
    """

    key: str
    category: str
    parent: str | None
    name: str
    definition: str
    source: str
    color: str
    dmrs_level: int | None
    ccrt_component: str | None


@dataclass(frozen=True)
class Taxonomy:
    """A whole taxonomy file, with categories and themes in the order the file lists them."""

    format_version: int
    revision: int
    categories: tuple[CategorySpec, ...]
    themes: tuple[ThemeSpec, ...]

    def category(self, key: str) -> CategorySpec:
        """Return the category with this key; raise ``KeyError`` if there is none."""
        return one(self.categories, lambda c: c.key, key)

    def theme(self, key: str) -> ThemeSpec:
        """Return the theme with this key; raise ``KeyError`` if there is none."""
        return one(self.themes, lambda t: t.key, key)

    def subcategories(self, parent_key: str | None) -> tuple[CategorySpec, ...]:
        """The direct children of a category (``None`` gives the root categories)."""
        return tuple(c for c in self.categories if c.parent == parent_key)

    def root_of(self, category_key: str) -> str:
        """The key of the root category above (or equal to) ``category_key``."""
        return ancestry(self.category(category_key),
                        lambda c: self.category(c.parent) if c.parent else None)[-1].key

    def themes_in(self, category_key: str, *, recursive: bool = False) -> tuple[ThemeSpec, ...]:
        """Themes filed directly under a category, or under it and all its subcategories."""
        keys = {category_key}
        if recursive:
            keys = {c.key for c in self.categories if self._is_within(c.key, category_key)}
        return tuple(t for t in self.themes if t.category in keys)

    def _is_within(self, key: str, ancestor: str) -> bool:
        current: str | None = key
        while current is not None:
            if current == ancestor:
                return True
            current = self.category(current).parent
        return False


@dataclass(frozen=True)
class FieldRule:
    """What one field of a category or theme may hold.

    ``kind`` is one of ``key``, ``text``, ``color``, ``dmrs_level``, ``ccrt_component``.
    """

    kind: str
    nullable: bool = False
    max_length: int = 0

    def problem(self, value: object) -> str | None:
        """Return why ``value`` breaks this rule (completing "… which is not …"), or None."""
        if value is None:
            return None if self.nullable else self._expected()
        ok = (
            (self.kind == "key" and _is_key(value))
            or (self.kind == "text" and _is_text(value, self.max_length))
            or (
                self.kind == "color"
                and isinstance(value, str)
                and COLOR_PATTERN.fullmatch(value) is not None
            )
            or (self.kind == "dmrs_level" and type(value) is int and value in DMRS_LEVELS)
            or (self.kind == "ccrt_component" and value in CCRT_COMPONENTS)
        )
        return None if ok else self._expected()

    def _expected(self) -> str:
        expected = {
            "key": "a key of lowercase letters, digits and underscores in dotted parts, "
            'such as "dmrs.humor"',
            "text": f"a single line of text of 1 to {self.max_length} characters",
            "color": "a colour written as #rrggbb",
            "dmrs_level": "a whole number from 1 to 7",
            "ccrt_component": 'one of "W", "RO", "RS"',
        }[self.kind]
        return f"{expected} or null" if self.nullable else expected


CATEGORY_FIELDS: dict[str, FieldRule] = {
    "key": FieldRule("key"),
    "parent": FieldRule("key", nullable=True),
    "name": FieldRule("text", max_length=80),
    "description": FieldRule("text", max_length=300),
    "source": FieldRule("text", max_length=200),
}

THEME_FIELDS: dict[str, FieldRule] = {
    "key": FieldRule("key"),
    "category": FieldRule("key"),
    "parent": FieldRule("key", nullable=True),
    "name": FieldRule("text", max_length=80),
    "definition": FieldRule("text", max_length=200),
    "source": FieldRule("text", max_length=200),
    "color": FieldRule("color"),
    "dmrs_level": FieldRule("dmrs_level", nullable=True),
    "ccrt_component": FieldRule("ccrt_component", nullable=True),
}


def record_problem(raw: dict[str, object], rules: dict[str, FieldRule]) -> str | None:
    """Why a category or theme object has a missing, mistyped or unknown field, or None.

    The wording completes a sentence about the record.
    """
    for name, rule in rules.items():
        if name not in raw:
            return f'has no "{name}" field'
        problem = rule.problem(raw[name])
        if problem is not None:
            return f'has "{name}" {show(raw[name])}, which is not {problem}'
    for name in raw:
        if name not in rules:
            return f'has an unknown field "{name}"'
    return None


def family_problem(theme: ThemeSpec, root: str) -> str | None:
    """Why a theme breaks the DMRS/CCRT rules, given the root key of its category's tree.

    DMRS defenses carry a level (matching ``dmrs.l<n>`` when filed there), CCRT clusters
    carry a component (matching ``ccrt.w``/``ccrt.ro``/``ccrt.rs``), and no other theme
    carries either.  The wording completes a sentence about the theme.
    """
    level_match = DMRS_LEVEL_CATEGORY.fullmatch(theme.category)
    component = CCRT_COMPONENT_OF_CATEGORY.get(theme.category)
    if root == DMRS_ROOT and theme.dmrs_level is None:
        return 'is a DMRS defense but has no "dmrs_level"'
    if root == DMRS_ROOT and level_match and int(level_match[1]) != theme.dmrs_level:
        return f'is in category "{theme.category}" but has "dmrs_level" {theme.dmrs_level}'
    if root != DMRS_ROOT and theme.dmrs_level is not None:
        return 'has a "dmrs_level", but only DMRS defenses may have one'
    if root == CCRT_ROOT and theme.ccrt_component is None:
        return 'is a CCRT cluster but has no "ccrt_component"'
    if root == CCRT_ROOT and component and component != theme.ccrt_component:
        return (
            f'is in category "{theme.category}" but has "ccrt_component" '
            f'"{theme.ccrt_component}" instead of "{component}"'
        )
    if root != CCRT_ROOT and theme.ccrt_component is not None:
        return 'has a "ccrt_component", but only CCRT clusters may have one'
    return None


def find_cycle(parents: list[tuple[str, str | None]]) -> tuple[int, list[str]] | None:
    """The first record (in list order) that is its own ancestor, with the loop of keys.

    Parents that name no record end the walk; they are reported elsewhere.
    """
    parent_of = dict(parents)
    for index, (key, _) in enumerate(parents):
        chain = [key]
        current = parent_of[key]
        while current is not None and current in parent_of and current not in chain:
            chain.append(current)
            current = parent_of[current]
        if current == key:
            return index, [*chain, key]
    return None


def show(value: object) -> str:
    """A short JSON rendering of a value for an error message."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_key(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) <= MAX_KEY_LENGTH
        and KEY_PATTERN.fullmatch(value) is not None
    )


def _is_text(value: object, max_length: int) -> bool:
    """One line of visible text: no line breaks, tabs or other control characters."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= max_length
        and value.strip() != ""
        and not any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value)
    )
