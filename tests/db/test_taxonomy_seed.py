"""Seeding a new vault with the shipped taxonomy, and upgrading it without undoing edits."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from db.services.hub import Services, after_unlock
from db.services.theme_dto import CategoryInput, ThemeInput
from db.taxonomy.file import default_taxonomy_path, load_taxonomy
from db.taxonomy.seed import upgrade_taxonomy
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE


def shipped_document() -> dict[str, Any]:
    return json.loads(default_taxonomy_path().read_text(encoding="utf-8"))


def write_taxonomy(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def newer_taxonomy(tmp_path: Path) -> Path:
    """The shipped file, one revision on: reworded and recoloured old themes, new ones."""
    doc = shipped_document()
    doc["taxonomy_revision"] += 1
    for theme in doc["themes"]:
        if theme["key"] in ("dmrs.humor", "prq.sexualized"):
            theme["color"] = "#000000"
            theme["definition"] = "A newer wording."
    doc["categories"].append({"key": "pdm", "parent": None, "name": "Mental capacities (PDM-2)",
                              "description": "Capacities of mental functioning.",
                              "source": "Lingiardi & McWilliams (2017)"})
    new_themes = [
        ("pdm.mentalization", "pdm", None, None, "Mentalization"),
        ("dmrs.affiliation_2", "dmrs.l7", 7, None, "Seeking company"),
        ("process.note_taking", "process", None, None, "Note taking"),
        ("ctq.bored", "ctq", None, None, "Bored"),
        ("prq.dependent", "prq", None, None, "Dependent"),
    ]
    for key, category, level, component, name in new_themes:
        doc["themes"].append({"key": key, "category": category, "parent": None, "name": name,
                              "definition": "A definition.", "source": "A source.",
                              "color": "#336699", "dmrs_level": level,
                              "ccrt_component": component})
    return write_taxonomy(tmp_path / "newer.json", doc)


def test_a_new_vault_holds_the_whole_shipped_taxonomy(services: Services) -> None:
    taxonomy = services.themes.taxonomy()
    shipped = load_taxonomy(default_taxonomy_path())
    assert len(taxonomy.categories) == 15
    assert len(taxonomy.themes) == 91
    key_of = {c.id: c.key for c in taxonomy.categories}
    per_category = Counter(key_of[t.category_id] for t in taxonomy.themes)
    assert per_category == {"dmrs.l7": 8, "dmrs.l6": 3, "dmrs.l5": 4, "dmrs.l4": 5,
                            "dmrs.l3": 4, "dmrs.l2": 3, "dmrs.l1": 3, "prq": 5, "ctq": 8,
                            "ccrt.w": 8, "ccrt.ro": 8, "ccrt.rs": 8, "process": 24}
    levels = Counter(t.dmrs_level for t in taxonomy.themes if t.dmrs_level)
    assert levels == {7: 8, 6: 3, 5: 4, 4: 5, 3: 4, 2: 3, 1: 3}
    assert sum(levels.values()) == 30
    components = Counter(t.ccrt_component for t in taxonomy.themes if t.ccrt_component)
    assert components == {"W": 8, "RO": 8, "RS": 8}
    for spec in shipped.themes:
        theme = taxonomy.by_key(spec.key)
        assert (theme.name, theme.color, theme.definition, theme.source) == (
            spec.name, spec.color, spec.definition, spec.source)
        assert theme.offered
        assert theme.client_id is None
    # category tree and display order follow the file
    dmrs = next(c for c in taxonomy.categories if c.key == "dmrs")
    assert [c.key for c in taxonomy.subcategories(dmrs.id)] == [f"dmrs.l{n}"
                                                               for n in range(7, 0, -1)]
    level7 = next(c for c in taxonomy.categories if c.key == "dmrs.l7")
    assert [t.key for t in taxonomy.themes_in(level7.id)] == [
        t.key for t in shipped.themes_in("dmrs.l7")]


def test_ids_by_key_finds_shipped_themes(services: Services) -> None:
    ids = services.themes.ids_by_key(["dmrs.humor", "ccrt.w.be_loved", "no.such"])
    assert set(ids) == {"dmrs.humor", "ccrt.w.be_loved"}
    assert services.themes.theme(ids["dmrs.humor"]).name == "Humor"
    assert len(services.themes.ids_by_key()) == 91


def test_upgrade_adds_new_keys_and_keeps_every_clinician_edit(
        services: Services, vault: Vault, tmp_path: Path) -> None:
    themes = services.themes
    tax = themes.taxonomy()
    humor, sexualized = tax.by_key("dmrs.humor"), tax.by_key("prq.sexualized")
    themes.rename(humor.id, "Wit")
    themes.recolour(sexualized.id, "#123456")
    themes.archive(tax.by_key("ctq.positive").id)
    themes.delete_theme(tax.by_key("ctq.disengaged").id)
    process = next(c for c in tax.categories if c.key == "process")
    own = themes.add_theme(ThemeInput("Lateness", process.id)).value.theme_id
    prq = next(c for c in tax.categories if c.key == "prq")
    themes.archive_category(prq.id)
    mine = themes.add_category(CategoryInput("My codes")).value.category_id
    doc = shipped_document()
    # the clinician deleted a whole (emptied) category: its new themes must not come back
    ctq = next(c for c in tax.categories if c.key == "ctq")
    for theme in themes.taxonomy().themes_in(ctq.id):
        themes.delete_theme(theme.id)
    themes.delete_category(ctq.id)
    before = themes.taxonomy()

    report = upgrade_taxonomy(vault.database, newer_taxonomy(tmp_path))

    assert report.revision_after == doc["taxonomy_revision"] + 1
    assert set(report.added_categories) == {"pdm"}
    assert set(report.added_themes) == {"pdm.mentalization", "dmrs.affiliation_2",
                                        "process.note_taking", "prq.dependent"}
    assert "ctq.bored" in report.skipped
    after = themes.taxonomy()
    for old in before.themes:  # nothing that was there changed, not even reworded ones
        assert after.theme(old.id) == old
    for old in before.categories:
        assert after.category(old.id) == old
    assert after.theme(humor.id).name == "Wit"
    assert after.theme(humor.id).color != "#000000"
    assert after.theme(sexualized.id).color == "#123456"
    assert after.theme(own).name == "Lateness"
    assert after.category(mine).name == "My codes"
    with pytest.raises(KeyError):
        after.by_key("ctq.disengaged")
    with pytest.raises(KeyError):
        after.by_key("ctq.bored")
    # added after the siblings already there; in an archived category it stays hidden
    silence = after.by_key("process.note_taking")
    assert silence.position > max(t.position for t in before.themes_in(process.id))
    dependent = after.by_key("prq.dependent")
    assert dependent.category_id == prq.id
    assert not dependent.offered
    assert not after.category(prq.id).active
    assert after.by_key("pdm.mentalization").offered


def test_upgrade_is_idempotent_and_never_goes_backwards(
        services: Services, vault: Vault, tmp_path: Path) -> None:
    newer = newer_taxonomy(tmp_path)
    assert upgrade_taxonomy(vault.database, newer).changed
    first = services.themes.taxonomy()
    again = upgrade_taxonomy(vault.database, newer)
    assert not again.changed
    assert again.revision_before == again.revision_after
    older = upgrade_taxonomy(vault.database, default_taxonomy_path())
    assert not older.changed
    assert services.themes.taxonomy() == first


def test_a_deleted_shipped_theme_stays_deleted_on_later_revisions(
        services: Services, vault: Vault, tmp_path: Path) -> None:
    humor = services.themes.taxonomy().by_key("dmrs.humor")
    services.themes.delete_theme(humor.id)
    upgrade_taxonomy(vault.database, newer_taxonomy(tmp_path))
    with pytest.raises(KeyError):
        services.themes.taxonomy().by_key("dmrs.humor")


def test_a_malformed_shipped_file_changes_nothing(
        services: Services, vault: Vault, tmp_path: Path) -> None:
    before = services.themes.taxonomy()
    doc = shipped_document()
    doc["taxonomy_revision"] += 1
    doc["themes"][3]["color"] = "red"
    report = upgrade_taxonomy(vault.database, write_taxonomy(tmp_path / "bad.json", doc))
    assert "bad.json" in report.error
    assert "line" in report.error
    assert not report.changed
    doc["version"] = 99
    report = upgrade_taxonomy(vault.database, write_taxonomy(tmp_path / "new.json", doc))
    assert "newer version of Threadline" in report.error
    assert services.themes.taxonomy() == before


def test_unlock_runs_the_upgrade_and_it_survives_reopening(vault_dir: Path) -> None:
    from tests.conftest import make_vault

    vault, _ = make_vault(vault_dir)
    vault.close()
    with Vault.open(vault_dir) as reopened:
        reopened.unlock(PASSPHRASE)
        report = after_unlock(reopened.database)
        assert not report.changed
        assert not report.error
        assert len(Services.for_vault(reopened).themes.taxonomy().themes) == 91


REVISION_2 = ("process.insight", "process.enactment", "process.repetition",
              "process.alliance_positive", "process.transference_interpretation",
              "process.frame", "process.breaks_and_endings", "process.silence",
              "process.negative_therapeutic_reaction")


def test_revision_2_adds_the_process_vocabulary_and_keeps_the_clinicians_edits(
        tmp_path: Path) -> None:
    from db.crypto.kdf import Argon2Params

    doc = shipped_document()
    assert doc["taxonomy_revision"] == 2
    first = dict(doc, taxonomy_revision=1,
                 themes=[t for t in doc["themes"] if t["key"] not in REVISION_2])
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, params=Argon2Params.minimum())
    try:
        upgrade_taxonomy(vault.database, write_taxonomy(tmp_path / "r1.json", first))
        themes = Services.for_vault(vault).themes
        tax = themes.taxonomy()
        themes.rename(tax.by_key("process.resistance").id, "Holding back")
        themes.recolour(tax.by_key("process.interpretation").id, "#123456")
        themes.archive(tax.by_key("process.working_through").id)
        process = next(c for c in tax.categories if c.key == "process")
        own = themes.add_theme(ThemeInput("Silence before breaks", process.id)).value.theme_id
        before = themes.taxonomy()
        report = upgrade_taxonomy(vault.database)
        after = themes.taxonomy()
    finally:
        vault.close()
    assert (report.revision_before, report.revision_after) == (1, 2)
    assert set(report.added_themes) == set(REVISION_2)
    for old in before.themes:  # every edit, and the clinician's own theme, as they were
        assert after.theme(old.id) == old
    assert after.theme(own).name == "Silence before breaks"
    for key in REVISION_2:
        added = after.by_key(key)
        assert added.source
        assert added.definition
        assert added.category_id == process.id
