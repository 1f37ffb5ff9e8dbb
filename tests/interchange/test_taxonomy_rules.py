"""An import applies the services' taxonomy rules: a document the services could never have
written is refused with one sentence, by import and by restore, and nothing is written."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from db.backup import age, archive
from db.backup.errors import BackupDamaged
from db.backup.service import Key, restore_backup
from db.crypto.kdf import Argon2Params
from db.interchange import InterchangeError, dumps, export_document, import_document, read_bytes
from db.interchange.files import import_json
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE, make_vault
from tests.interchange.fill import fill

Doc = dict[str, Any]
LONG_AGO = "2020-01-01T00:00:00Z"


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Doc:
    vault, _ = make_vault(tmp_path_factory.mktemp("rules") / "vault")
    try:
        fill(vault)
        return json.loads(dumps(export_document(vault.database)))
    finally:
        vault.close()


def _theme(doc: Doc, prefix: str) -> tuple[int, Doc]:
    return next((i, t) for i, t in enumerate(doc["themes"])
                if (t["key"] or "").startswith(prefix))


def _category(doc: Doc, key: str) -> Doc:
    return next(c for c in doc["theme_categories"] if c["key"] == key)


def process_theme_with_a_level(doc: Doc) -> int:
    index, theme = _theme(doc, "process.")
    theme["dmrs_level"] = 3
    return index + 1


def defense_with_another_level(doc: Doc) -> int:
    index, theme = _theme(doc, "dmrs.projection")
    theme["dmrs_level"] = 7
    return index + 1


def process_theme_with_a_component(doc: Doc) -> int:
    index, theme = _theme(doc, "process.")
    theme["ccrt_component"] = "W"
    return index + 1


def wish_that_is_a_defense(doc: Doc) -> int:
    doc["relational_episodes"][0]["wish_theme_id"] = _theme(doc, "dmrs.projection")[1]["id"]
    return 1


def response_of_other_that_is_a_wish(doc: Doc) -> int:
    doc["relational_episodes"][0]["response_of_other_theme_id"] = \
        _theme(doc, "ccrt.w.")[1]["id"]
    return 1


def defense_in_an_archived_category(doc: Doc) -> int:
    doc["marks"][0]["theme_id"] = _theme(doc, "dmrs.projection")[1]["id"]
    _category(doc, "dmrs.l3")["archived_at"] = LONG_AGO
    return 1


def archived_theme_marked_later(doc: Doc) -> int:
    _theme(doc, "dmrs.projection")[1]["archived_at"] = LONG_AGO
    doc["marks"][0]["theme_id"] = _theme(doc, "dmrs.projection")[1]["id"]
    return 1


def pattern_of_another_client(doc: Doc) -> int:
    other = next(c for c in doc["clients"] if c["code"] == "KM-2")
    own = next(t for t in doc["themes"] if t["client_id"] is not None)
    own["client_id"] = other["id"]
    return next(i for i, m in enumerate(doc["marks"]) if m["theme_id"] == own["id"]) + 1


def category_inside_itself(doc: Doc) -> int:
    dmrs, level = _category(doc, "dmrs"), _category(doc, "dmrs.l3")
    dmrs["parent_id"] = level["id"]  # dmrs.l3 is inside dmrs: both are inside themselves
    return min(doc["theme_categories"].index(dmrs), doc["theme_categories"].index(level)) + 1


RULES: list[tuple[Callable[[Doc], int], str]] = [
    (process_theme_with_a_level,
     "Theme {n} carries a DMRS level, but only defenses filed under DMRS may."),
    (defense_with_another_level, "Theme {n} is filed under DMRS level 3 but carries level 7."),
    (process_theme_with_a_component,
     "Theme {n} carries a CCRT component, but only themes filed under CCRT may."),
    (wish_that_is_a_defense, "Relational episode {n}: its wish is not a wish theme of the CCRT."),
    (response_of_other_that_is_a_wish,
     "Relational episode {n}: its response of other is not a response of other theme of the "
     "CCRT."),
    (defense_in_an_archived_category, "Mark {n} was made after its theme was archived."),
    (archived_theme_marked_later, "Mark {n} was made after its theme was archived."),
    (pattern_of_another_client, "Mark {n} uses a pattern of another client."),
    (category_inside_itself, "Theme category {n} is inside itself."),
]


def _broken(document: Doc, change: Callable[[Doc], int], message: str) -> tuple[bytes, str]:
    bad = copy.deepcopy(document)
    n = change(bad)
    return json.dumps(bad).encode(), message.format(n=n)


@pytest.mark.parametrize(("change", "message"), RULES, ids=[c.__name__ for c, _ in RULES])
def test_import_refuses_what_the_services_refuse(document: Doc, vault: Vault, tmp_path: Path,
                                                 change: Callable[[Doc], int],
                                                 message: str) -> None:
    data, sentence = _broken(document, change, message)
    before = dumps({k: v for k, v in export_document(vault.database).items()
                    if k != "exported_at"})
    path = tmp_path / "export.json"
    path.write_bytes(data)
    with pytest.raises(InterchangeError) as caught:
        import_json(vault.database, path)
    assert caught.value.problems[0] == sentence
    assert str(caught.value).startswith(sentence)
    after = dumps({k: v for k, v in export_document(vault.database).items()
                   if k != "exported_at"})
    assert after == before


def test_the_untouched_document_is_accepted(document: Doc, tmp_path: Path) -> None:
    target, _ = Vault.create(tmp_path / "copy", PASSPHRASE, params=Argon2Params.minimum())
    try:
        import_document(target.database, read_bytes(json.dumps(document).encode()))
    finally:
        target.close()


@pytest.mark.parametrize(("change", "message"), RULES[3:6], ids=[c.__name__ for c, _ in RULES[3:6]])
def test_restore_refuses_and_creates_nothing(document: Doc, tmp_path: Path,
                                             change: Callable[[Doc], int], message: str) -> None:
    data, sentence = _broken(document, change, message)
    counts = {name: len(document[name]) for name in document if isinstance(document[name], list)}
    tar = archive.build([(archive.EXPORT, data)], app_version="0.1.0", schema_version="0005",
                        created_at="2026-12-03T10:00:00Z", counts=counts)
    backup = tmp_path / "backup.age"
    backup.write_bytes(age.encrypt(tar, passphrase=PASSPHRASE))
    target = tmp_path / "restored"
    with pytest.raises(BackupDamaged) as caught:
        restore_backup(backup, Key(passphrase=PASSPHRASE, accept_unsigned=True), target,
                       PASSPHRASE, params=Argon2Params.minimum())
    assert str(caught.value) == f"The vault export inside this backup is not valid: {sentence}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.age"]
