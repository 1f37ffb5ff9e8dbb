"""``threadline taxonomy [--json]``: print the vault's themes with keys, levels and components."""

from __future__ import annotations

import argparse
import json
import uuid
from typing import Any

from db.plural import count
from db.services.hub import Services
from db.services.theme_dto import CategoryDTO, TaxonomyDTO, ThemeDTO
from db.vocabulary import Ccrt
from desktop.cli.common import add_vault_options, unlocked_vault
from desktop.cli.output import out


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("taxonomy", help="print the vault's taxonomy of themes")
    add_vault_options(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a tree")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with unlocked_vault(args) as vault:
        services = Services.for_vault(vault)
        taxonomy = services.themes.taxonomy()
        revision = services.themes.applied_revision()
        codes = {c.id: c.code for c in services.clients.list_clients()}
    if args.json:
        out(json.dumps(as_json(taxonomy, revision, codes), ensure_ascii=False, indent=2) + "\n")
    else:
        out(as_text(taxonomy, revision, codes))
    return 0


def _status(archived: bool, offered: bool = True, merged: bool = False) -> str:
    if merged:
        return "merged"
    if archived:
        return "archived"
    return "" if offered else "hidden"


def display_order(taxonomy: TaxonomyDTO) -> tuple[list[CategoryDTO], list[ThemeDTO]]:
    """Categories and themes in the order the tree shows them: each category, its themes
    (each followed by its sub-themes), then its subcategories."""
    categories: list[CategoryDTO] = []
    themes: list[ThemeDTO] = []

    def theme(t: ThemeDTO) -> None:
        themes.append(t)
        for child in taxonomy.themes_in(t.category_id, t.id):
            theme(child)

    def category(c: CategoryDTO) -> None:
        categories.append(c)
        for t in taxonomy.themes_in(c.id):
            theme(t)
        for sub in taxonomy.subcategories(c.id):
            category(sub)

    for root in taxonomy.subcategories(None):
        category(root)
    return categories, themes


def as_json(taxonomy: TaxonomyDTO, revision: int,
            codes: dict[uuid.UUID, str]) -> dict[str, Any]:
    """The taxonomy in display order (that of the text tree), sources included."""
    category_key = {c.id: c.key for c in taxonomy.categories}
    categories, themes = display_order(taxonomy)
    theme_key = {t.id: t.key for t in taxonomy.themes}
    return {
        "taxonomy_revision": revision,
        "categories": [{
            "id": str(c.id), "key": c.key, "name": c.name,
            "parent": str(c.parent_id) if c.parent_id else None,
            "parent_key": category_key.get(c.parent_id) if c.parent_id else None,
            "description": c.description, "source": c.source,
            "archived": c.archived_at is not None, "active": c.active,
        } for c in categories],
        "themes": [{
            "id": str(t.id), "key": t.key, "name": t.name, "category": str(t.category_id),
            "category_key": category_key[t.category_id],
            "parent": str(t.parent_id) if t.parent_id else None,
            "parent_key": theme_key.get(t.parent_id) if t.parent_id else None,
            "definition": t.definition, "source": t.source, "color": t.color,
            "dmrs_level": t.dmrs_level,
            "ccrt_component": t.ccrt_component,
            "client": codes.get(t.client_id) if t.client_id else None,
            "archived": t.archived_at is not None,
            "merged_into": str(t.merged_into_id) if t.merged_into_id else None,
            "offered": t.offered, "marks": t.mark_count,
        } for t in themes],
    }


def as_text(taxonomy: TaxonomyDTO, revision: int, codes: dict[uuid.UUID, str]) -> str:
    lines = [f"Taxonomy revision {revision}: {count(len(taxonomy.categories), 'category')}, "
             f"{count(len(taxonomy.themes), 'theme')}."]

    def category(c: CategoryDTO, depth: int) -> None:
        status = _status(c.archived_at is not None)
        lines.append("  " * depth + f"{c.name} [{c.key or 'own'}]"
                     + (f" ({status})" if status else ""))
        for theme in taxonomy.themes_in(c.id):
            themes(theme, depth + 1)
        for sub in taxonomy.subcategories(c.id):
            category(sub, depth + 1)

    def themes(t: ThemeDTO, depth: int) -> None:
        facts = [t.key or "own", t.color]
        if t.dmrs_level is not None:
            facts.append(f"level {t.dmrs_level}")
        if t.ccrt_component is not None:
            facts.append(Ccrt(t.ccrt_component).words)
        if t.client_id is not None:
            facts.append(f"client {codes.get(t.client_id, '?')}")
        status = _status(t.archived_at is not None, t.offered, t.merged_into_id is not None)
        if status:
            facts.append(status)
        lines.append("  " * depth + f"- {t.name}  ({', '.join(facts)})")
        for child in taxonomy.themes_in(t.category_id, t.id):
            themes(child, depth + 1)

    for root in taxonomy.subcategories(None):
        category(root, 0)
    return "\n".join(lines) + "\n"
