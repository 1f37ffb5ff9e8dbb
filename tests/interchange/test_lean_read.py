"""A lean read (a backup's verify) checks everything a full read checks and keeps only
what the rules compare: the notes' texts are checked, then let go."""

from __future__ import annotations

import json

import pytest

from db.interchange import InterchangeError, dumps, export_document
from db.interchange.reader import pieces, read_chunks
from db.vault.vault import Vault
from tests.interchange.fill import fill


def _problems(data: bytes, *, lean: bool) -> list[str]:
    with pytest.raises(InterchangeError) as caught:
        read_chunks(pieces(data), lean=lean)
    return caught.value.problems


def test_the_same_counts_without_the_long_texts(vault: Vault) -> None:
    fill(vault)
    data = dumps(export_document(vault.database))
    full, lean = read_chunks(pieces(data)), read_chunks(pieces(data), lean=True)
    assert {n: full.count(n) for n in full.rows} == {n: lean.count(n) for n in lean.rows}
    assert any(row.get("process_note") for row in full.rows["sessions"])
    assert all("process_note" not in row for row in lean.rows["sessions"])
    assert all("comment" not in row for row in lean.rows["marks"])
    assert lean.rows["themes"] == full.rows["themes"]  # the taxonomy rules read them whole
    assert [row["id"] for row in lean.rows["sessions"]] == [
        row["id"] for row in full.rows["sessions"]]


def test_a_bad_long_text_and_a_broken_rule_are_reported_alike(vault: Vault) -> None:
    fill(vault)
    document = json.loads(dumps(export_document(vault.database)))
    document["sessions"][0]["process_note"] = "\ud800 a lone surrogate"
    document["marks"][0]["session_id"] = "00000000-0000-4000-8000-000000000000"
    document["clients"][1]["code"] = document["clients"][0]["code"]
    data = json.dumps(document, ensure_ascii=True).encode()
    assert _problems(data, lean=True) == _problems(data, lean=False)
    assert len(_problems(data, lean=True)) >= 2
