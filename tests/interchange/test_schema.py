"""The published JSON Schema matches the format and accepts real exports."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from db.interchange import InterchangeError, export_document, read_bytes
from db.interchange.v1.schema import schema_text
from db.vault.vault import Vault
from tests.interchange.fill import fill
from tests.interchange.test_validation import BAD

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "resources/schema/threadline-interchange-v1.schema.json"


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_published_schema_is_current() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "regenerate it: python -m db.interchange.v1.schema > " + str(SCHEMA))


def test_a_real_export_is_valid(vault: Vault) -> None:
    fill(vault)
    validator().validate(export_document(vault.database))


# References, duplicates and cross-field rules are beyond JSON Schema; the rest must agree.
BEYOND_SCHEMA = {"dangling", "empty code", "anchor", "surrogate", "version-text"}


@pytest.mark.parametrize(("name", "change"), [(n, c) for n, c, _ in BAD if n not in BEYOND_SCHEMA])
def test_schema_and_reader_reject_the_same_documents(vault: Vault, name: str, change) -> None:
    fill(vault)
    bad = copy.deepcopy(export_document(vault.database))
    change(bad)
    assert not validator().is_valid(bad), name
    with pytest.raises(InterchangeError):
        read_bytes(json.dumps(bad).encode())
