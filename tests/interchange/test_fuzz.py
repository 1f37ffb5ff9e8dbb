"""Property-based fuzzing: random and mutated input only ever gives clean errors."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyrage import x25519

from db.backup.errors import BackupError
from db.backup.service import Key, create_backup, restore_backup
from db.crypto.kdf import Argon2Params
from db.interchange import InterchangeError, dumps, export_document, import_document, read_bytes
from db.interchange.records import RECORDS
from db.vault.vault import Vault
from tests.conftest import make_vault
from tests.interchange.fill import fill

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    vault, _ = make_vault(tmp_path_factory.mktemp("fuzz") / "vault")
    try:
        fill(vault)
        return export_document(vault.database)
    finally:
        vault.close()


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes_are_refused_cleanly(data: bytes) -> None:
    with pytest.raises(InterchangeError):
        read_bytes(data)


@FUZZ
@given(value=json_values)
def test_random_json_is_refused_cleanly(value: Any) -> None:
    with pytest.raises(InterchangeError):
        read_bytes(json.dumps(value).encode())


@FUZZ
@given(record=st.sampled_from([r.name for r in RECORDS]), index=st.integers(0, 3),
       field=st.text(min_size=1, max_size=30), value=json_values, drop=st.booleans())
def test_mutated_exports_import_or_fail_cleanly(exported: dict[str, Any], tmp_path: Path,
                                                record: str, index: int, field: str,
                                                value: Any, drop: bool) -> None:
    document = copy.deepcopy(exported)
    rows = document[record]
    if rows:
        row = rows[index % len(rows)]
        names = list(row)
        name = names[hash(field) % len(names)]
        if drop:
            del row[name]
        else:
            row[name] = value
    try:
        parsed = read_bytes(dumps(document))
    except InterchangeError as error:
        problems = error.problems
        parsed = None
    if parsed is None:
        assert problems
        assert all(p.strip() for p in problems)
        return
    target = Path(tempfile.mkdtemp(dir=tmp_path)) / "vault"
    vault, _ = Vault.create(target, "quiet harbour lantern 4 violet",
                            params=Argon2Params.minimum())
    try:
        import_document(vault.database, parsed)  # a valid document imports into an empty vault
    finally:
        vault.close()


class Sealed(tuple):  # type: ignore[type-arg]
    """A backup and its key, with a short repr for Hypothesis's reports."""

    def __repr__(self) -> str:
        return "<a good backup>"


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, x25519.Identity]:
    identity = x25519.Identity.generate()
    folder = tmp_path_factory.mktemp("sealed")
    vault, _ = make_vault(folder / "vault")
    try:
        fill(vault)
        create_backup(vault.database, folder / "b.age", recipients=[identity.to_public()])
    finally:
        vault.close()
    return Sealed(((folder / "b.age").read_bytes(), identity))


@FUZZ
@given(cuts=st.lists(st.tuples(st.integers(0, 10**9), st.binary(max_size=8)), min_size=1,
                     max_size=4))
def test_mutated_backups_restore_cleanly_or_not_at_all(
        sealed: tuple[bytes, x25519.Identity], tmp_path: Path,
        cuts: list[tuple[int, bytes]]) -> None:
    data, identity = sealed
    mutated = bytearray(data)
    for position, insert in cuts:
        at = position % (len(mutated) + 1)
        mutated[at:at + len(insert) or at + 1] = insert  # replace, delete or insert bytes
    if bytes(mutated) == data:
        return
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    (folder / "b.age").write_bytes(bytes(mutated))
    with pytest.raises(BackupError):
        restore_backup(folder / "b.age", Key(identities=(identity,)), folder / "restored",
                       "amber meadow 71 distant kettle", params=Argon2Params.minimum())
    assert [p.name for p in folder.iterdir()] == ["b.age"]
