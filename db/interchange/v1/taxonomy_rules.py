"""The taxonomy rules the services keep, checked again on a document before it is imported.

The services never write data that breaks these rules, and the analytics rely on them:

* a theme carries a DMRS level only when it is filed under the DMRS tree, and the level of
  the ``dmrs.l<n>`` category it is filed in when there is one; a CCRT component only under
  the CCRT tree, and the component of its ``ccrt.w``/``ccrt.ro``/``ccrt.rs`` category
  (``ThemeService.add_theme`` and ``move`` take both from the category, the taxonomy file
  reader refuses the rest); otherwise a Process theme with a level would count in the ODF;
* a category or theme is never inside itself, and a sub-theme shares its parent's category;
* an episode's wish is a wish theme, its response of other a response-of-other theme, its
  response of self a response-of-self theme (``EpisodeService``): otherwise a defense
  could become the client's CCRT wish;
* a mark or episode uses a client's own pattern only in that client's sessions;
* a mark or episode is never made on a theme that was archived (itself, a theme above it
  or a category above it) or merged away at the time: the services offer only active
  themes. A mark made before its theme was archived is kept, as the vault keeps it.

Each broken rule is one sentence naming the record by its kind and position.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from db.taxonomy.schema import CCRT_COMPONENT_OF_CATEGORY, CCRT_ROOT, DMRS_LEVEL_CATEGORY, DMRS_ROOT
from db.vocabulary import Ccrt

Rows = dict[str, list[dict[str, Any]]]
Add = Callable[[str], None]

_EPISODE_FIELDS = ((Ccrt.WISH, "wish_theme_id", "wish", "a wish"),
                   (Ccrt.RESPONSE_OF_OTHER, "response_of_other_theme_id",
                    "response of other", "a response of other"),
                   (Ccrt.RESPONSE_OF_SELF, "response_of_self_theme_id",
                    "response of self", "a response of self"))


def _chain(start: uuid.UUID,
           parent_of: dict[uuid.UUID, uuid.UUID | None]) -> list[uuid.UUID] | None:
    """``start`` and the ids above it, nearest first; None when ``start`` is its own
    ancestor (a loop above it ends the walk there; its members are reported themselves)."""
    chain = [start]
    seen = {start}
    while (parent := parent_of.get(chain[-1])) is not None:
        if parent == start:
            return None
        if parent in seen:
            break
        chain.append(parent)
        seen.add(parent)
    return chain


class _Taxonomy:
    """The document's categories and themes, with what each theme may carry."""

    def __init__(self, rows: Rows, add: Add) -> None:
        self.categories = {row["id"]: row for row in rows["theme_categories"]}
        self.themes = {row["id"]: row for row in rows["themes"]}
        self.category_chains: dict[uuid.UUID, list[uuid.UUID]] = {}
        self.theme_chains: dict[uuid.UUID, list[uuid.UUID]] = {}
        category_parent = {i: row["parent_id"] for i, row in self.categories.items()}
        for index, row in enumerate(rows["theme_categories"]):
            chain = _chain(row["id"], category_parent)
            if chain is None:
                add(f"Theme category {index + 1} is inside itself.")
            else:
                self.category_chains[row["id"]] = chain
        theme_parent = {i: row["parent_id"] for i, row in self.themes.items()}
        for index, row in enumerate(rows["themes"]):
            chain = _chain(row["id"], theme_parent)
            if chain is None:
                add(f"Theme {index + 1} is placed under itself.")
                continue
            self.theme_chains[row["id"]] = chain
            parent = self.themes.get(row["parent_id"]) if row["parent_id"] else None
            if parent is not None and parent["category_id"] != row["category_id"]:
                add(f"Theme {index + 1} is a sub-theme filed in another category than "
                    "its parent.")

    def family(self, category_id: uuid.UUID) -> tuple[str | None, int | None, str | None]:
        """The root key of the category's tree, and the DMRS level and CCRT component of the
        nearest ``dmrs.l<n>`` and ``ccrt.*`` categories in its chain (None when none)."""
        chain = self.category_chains.get(category_id, [])
        keys = [self.categories[i]["key"] or "" for i in chain]
        level = next((int(m[1]) for k in keys if (m := DMRS_LEVEL_CATEGORY.fullmatch(k))), None)
        component = next((CCRT_COMPONENT_OF_CATEGORY[k] for k in keys
                          if k in CCRT_COMPONENT_OF_CATEGORY), None)
        return (keys[-1] if keys else None), level, component

    def archived_since(self, theme_id: uuid.UUID) -> datetime | None:
        """When the theme stopped being offered: the earliest archival (or merge) of it, a
        theme above it or a category above those; None while it is offered."""
        stamps: list[datetime] = []
        for tid in self.theme_chains.get(theme_id, []):
            theme = self.themes[tid]
            if theme["archived_at"] is not None:
                stamps.append(theme["archived_at"])
            for cid in self.category_chains.get(theme["category_id"], []):
                if self.categories[cid]["archived_at"] is not None:
                    stamps.append(self.categories[cid]["archived_at"])
        return min(stamps) if stamps else None


def _check_theme_families(rows: Rows, taxonomy: _Taxonomy, add: Add) -> None:
    for index, row in enumerate(rows["themes"]):
        root, level, component = taxonomy.family(row["category_id"])
        label = f"Theme {index + 1}"
        if row["dmrs_level"] is not None and root != DMRS_ROOT:
            add(f"{label} carries a DMRS level, but only defenses filed under DMRS may.")
        elif level is not None and row["dmrs_level"] != level:
            carried = "no level" if row["dmrs_level"] is None else f"level {row['dmrs_level']}"
            add(f"{label} is filed under DMRS level {level} but carries {carried}.")
        if row["ccrt_component"] is not None and root != CCRT_ROOT:
            add(f"{label} carries a CCRT component, but only themes filed under CCRT may.")
        elif component is not None and row["ccrt_component"] != component:
            add(f"{label} is filed under the CCRT component {component} but carries "
                f"{row['ccrt_component'] or 'none'}.")


def _check_use(label: str, theme_id: uuid.UUID, made_at: datetime, client_id: uuid.UUID,
               taxonomy: _Taxonomy, add: Add) -> None:
    theme = taxonomy.themes[theme_id]
    if theme["client_id"] is not None and theme["client_id"] != client_id:
        add(f"{label} uses a pattern of another client.")
    since = taxonomy.archived_since(theme_id)
    if since is not None and made_at > since:
        add(f"{label} was made after its theme was archived.")


def check(rows: Rows, add: Add) -> None:
    """Report every broken rule through ``add``; every reference is known to resolve."""
    taxonomy = _Taxonomy(rows, add)
    _check_theme_families(rows, taxonomy, add)
    client_of = {row["id"]: row["client_id"] for row in rows["sessions"]}
    for index, row in enumerate(rows["marks"]):
        _check_use(f"Mark {index + 1}", row["theme_id"], row["created_at"],
                   client_of[row["session_id"]], taxonomy, add)
    for index, row in enumerate(rows["relational_episodes"]):
        label = f"Relational episode {index + 1}"
        for component, field, words, article in _EPISODE_FIELDS:
            theme_id = row[field]
            if theme_id is None:
                continue
            if taxonomy.themes[theme_id]["ccrt_component"] != component:
                add(f"{label}: its {words} is not {article} theme of the CCRT.")
            _check_use(label, theme_id, row["created_at"], client_of[row["session_id"]],
                       taxonomy, add)
