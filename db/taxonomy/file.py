"""Read and validate taxonomy files (format ``threadline-taxonomy``, version 1).

The format is documented in ``docs/taxonomy-format.md``.  Every problem is reported as a
:class:`TaxonomyFileError` whose message is one sentence naming the file and, where the
problem belongs to one category or theme, the line where that record starts and its key.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from db.taxonomy.schema import (
    CATEGORY_FIELDS,
    FORMAT_NAME,
    FORMAT_VERSION,
    THEME_FIELDS,
    TOP_FIELDS,
    CategorySpec,
    FieldRule,
    Taxonomy,
    ThemeSpec,
    family_problem,
    find_cycle,
    record_problem,
    show,
)

_WHITESPACE = re.compile(r"[ \t\n\r]*")


class TaxonomyFileError(ValueError):
    """A taxonomy file cannot be read; the message is one sentence a person can act on."""


class _DuplicateMember(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def default_taxonomy_path() -> Path:
    """The taxonomy shipped with Threadline."""
    return Path(__file__).resolve().parents[2] / "resources" / "taxonomy" / "default-taxonomy.json"


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and validate a taxonomy file; raise :class:`TaxonomyFileError` if it is unusable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else "not UTF-8"
        raise TaxonomyFileError(f"{path} could not be read ({reason}).") from error
    return parse_taxonomy(text, str(path))


def parse_taxonomy(text: str, source_name: str) -> Taxonomy:
    """Validate the text of a taxonomy file; ``source_name`` names it in error messages."""
    return _Reader(text, source_name).read()


def _no_duplicate_members(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for name, value in pairs:
        if name in result:
            raise _DuplicateMember(name)
        result[name] = value
    return result


class _Reader:
    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.lines: dict[tuple[str, int], int] = {}  # (kind, index in its list) -> line
        self.key_lines: dict[str, tuple[str, int]] = {}  # key -> (kind, line) of first use

    def read(self) -> Taxonomy:
        document = self._decode()
        revision = self._check_header(document)
        categories = tuple(
            CategorySpec(**self._record("category", i, raw, CATEGORY_FIELDS))
            for i, raw in enumerate(document["categories"])
        )
        themes = tuple(
            ThemeSpec(**self._record("theme", i, raw, THEME_FIELDS))
            for i, raw in enumerate(document["themes"])
        )
        self._check_categories(categories)
        self._check_themes(categories, themes)
        return Taxonomy(FORMAT_VERSION, revision, categories, themes)

    # -- decoding ---------------------------------------------------------------------

    def _decode(self) -> dict[str, Any]:
        """Parse the JSON, remembering the line on which each category and theme starts."""
        try:
            document = json.loads(self.text)
        except json.JSONDecodeError as error:
            raise TaxonomyFileError(
                f"{self.source} is not valid JSON ({error.msg} at line {error.lineno}, "
                f"column {error.colno})."
            ) from error
        except (ValueError, RecursionError) as error:  # huge numbers, absurd nesting
            raise TaxonomyFileError(
                f"{self.source} holds JSON that Threadline cannot read (a number too long or "
                "lists nested too deeply)."
            ) from error
        if not isinstance(document, dict):
            raise TaxonomyFileError(
                f"{self.source} is not a Threadline taxonomy file (it holds no JSON object)."
            )
        # The JSON is known to be valid, so this second, position-aware pass cannot fail
        # on syntax; it decodes each member and list element with Python's own decoder.
        decoder = json.JSONDecoder(object_pairs_hook=_no_duplicate_members)
        members: dict[str, Any] = {}
        pos = self._skip(self._skip(0) + 1)
        while self.text[pos] == '"':
            name, pos = decoder.raw_decode(self.text, pos)
            pos = self._skip(self._skip(pos) + 1)
            if name in members:
                raise TaxonomyFileError(f'In {self.source}, the field "{name}" appears twice.')
            kind = {"categories": "category", "themes": "theme"}.get(name)
            if kind is not None and self.text[pos] == "[":
                members[name], pos = self._decode_list(decoder, kind, pos)
            else:  # scalars, or values of the wrong type that the header check reports
                members[name], pos = json.JSONDecoder().raw_decode(self.text, pos)
            pos = self._skip(pos)
            pos = self._skip(pos + 1) if self.text[pos] == "," else pos
        return members

    def _decode_list(
        self, decoder: json.JSONDecoder, kind: str, pos: int
    ) -> tuple[list[object], int]:
        items: list[object] = []
        pos = self._skip(pos + 1)
        line, counted = self.text.count("\n", 0, pos) + 1, pos
        while self.text[pos] != "]":
            line, counted = line + self.text.count("\n", counted, pos), pos
            self.lines[kind, len(items)] = line
            try:
                item, pos = decoder.raw_decode(self.text, pos)
            except _DuplicateMember as duplicate:
                raise self._error(
                    kind, len(items), None, f'has the field "{duplicate.name}" twice'
                ) from None
            items.append(item)
            pos = self._skip(pos)
            pos = self._skip(pos + 1) if self.text[pos] == "," else pos
        return items, pos + 1

    def _skip(self, pos: int) -> int:
        match = _WHITESPACE.match(self.text, pos)
        return match.end() if match else pos

    # -- errors -----------------------------------------------------------------------

    def _error(self, kind: str, index: int, key: object, problem: str) -> TaxonomyFileError:
        subject = f'{kind} "{key}"' if isinstance(key, str) else f"{kind} number {index + 1}"
        line = self.lines[kind, index]
        return TaxonomyFileError(f"In {self.source}, {subject} at line {line} {problem}.")

    # -- structure --------------------------------------------------------------------

    def _check_header(self, document: dict[str, Any]) -> int:
        """Check the top-level fields and return the taxonomy revision."""
        source = self.source
        if document.get("format") != FORMAT_NAME:
            found = show(document["format"]) if "format" in document else "missing"
            raise TaxonomyFileError(
                f'{source} is not a Threadline taxonomy file (its "format" is {found} '
                f'instead of "{FORMAT_NAME}").'
            )
        version = document.get("version")
        if type(version) is not int or version < 1:
            raise TaxonomyFileError(
                f'In {source}, "version" is {show(version)}, which is not a whole number '
                "of 1 or more."
            )
        if version > FORMAT_VERSION:
            raise TaxonomyFileError(
                f"{source} was written for a newer version of Threadline (taxonomy format "
                f"{version}; this version reads up to format {FORMAT_VERSION})."
            )
        for name in TOP_FIELDS:
            if name not in document:
                raise TaxonomyFileError(f'In {source}, the field "{name}" is missing.')
        for name in document:
            if name not in TOP_FIELDS:
                raise TaxonomyFileError(
                    f'In {source}, the field "{name}" is not part of the taxonomy format.'
                )
        revision = document["taxonomy_revision"]
        if type(revision) is not int or revision < 1:
            raise TaxonomyFileError(
                f'In {source}, "taxonomy_revision" is {show(revision)}, which is not a whole '
                "number of 1 or more."
            )
        for name in ("categories", "themes"):
            if not isinstance(document[name], list):
                raise TaxonomyFileError(f'In {source}, "{name}" is not a list.')
        return revision

    def _record(
        self, kind: str, index: int, raw: object, rules: dict[str, FieldRule]
    ) -> dict[str, Any]:
        """Check one category or theme field by field, and that its key is new."""
        if not isinstance(raw, dict):
            raise self._error(kind, index, None, "is not a JSON object")
        key = raw.get("key")
        if rules["key"].problem(key) is not None:
            key = None  # name the record by its position until its key is known to be sound
        problem = record_problem(raw, rules)
        if problem is not None:
            raise self._error(kind, index, key, problem)
        key = str(key)
        if key in self.key_lines:
            other_kind, other_line = self.key_lines[key]
            raise self._error(
                kind, index, key, f"reuses the key of the {other_kind} at line {other_line}"
            )
        self.key_lines[key] = (kind, self.lines[kind, index])
        if "color" in raw:
            return {**raw, "color": str(raw["color"]).lower()}
        return dict(raw)

    # -- meaning ----------------------------------------------------------------------

    def _check_categories(self, categories: tuple[CategorySpec, ...]) -> None:
        keys = {c.key for c in categories}
        for i, category in enumerate(categories):
            if category.parent is not None and category.parent not in keys:
                problem = f'has parent "{category.parent}", which is not a category in this file'
                raise self._error("category", i, category.key, problem)
        self._check_acyclic("category", [(c.key, c.parent) for c in categories])
        named = [(c.key, c.parent or "", c.name) for c in categories]
        self._check_names("category", named, "under the same parent")

    def _check_themes(
        self, categories: tuple[CategorySpec, ...], themes: tuple[ThemeSpec, ...]
    ) -> None:
        parent_of = {c.key: c.parent for c in categories}
        category_of = {t.key: t.category for t in themes}
        for i, theme in enumerate(themes):
            if theme.category not in parent_of:
                problem = f'names category "{theme.category}", which is not defined in this file'
            elif theme.parent is not None and theme.parent not in category_of:
                problem = f'has parent "{theme.parent}", which is not a theme in this file'
            elif theme.parent is not None and category_of[theme.parent] != theme.category:
                problem = (
                    f'has parent "{theme.parent}" from another category, but a sub-theme '
                    "must share its parent's category"
                )
            else:
                root = theme.category
                while parent_of[root] is not None:
                    root = str(parent_of[root])
                problem = family_problem(theme, root) or ""
            if problem:
                raise self._error("theme", i, theme.key, problem)
        self._check_acyclic("theme", [(t.key, t.parent) for t in themes])
        named = [(t.key, t.category, t.name) for t in themes]
        self._check_names("theme", named, "in the same category")

    def _check_acyclic(self, kind: str, parents: list[tuple[str, str | None]]) -> None:
        cycle = find_cycle(parents)
        if cycle is not None:
            index, path = cycle
            raise self._error(kind, index, path[0], f"is its own ancestor ({' -> '.join(path)})")

    def _check_names(self, kind: str, records: list[tuple[str, str, str]], place: str) -> None:
        """Names must tell siblings apart, so no two share a name (ignoring case)."""
        seen: dict[tuple[str, str], int] = {}
        for index, (key, group, name) in enumerate(records):
            earlier = seen.setdefault((group, name.casefold()), index)
            if earlier != index:
                line = self.lines[kind, earlier]
                problem = f'has the name "{name}", like the {kind} at line {line} {place}'
                raise self._error(kind, index, key, problem)
