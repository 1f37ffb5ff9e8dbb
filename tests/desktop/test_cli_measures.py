"""``threadline measures`` on a real vault: record, print CSV and JSON, refuse bad input."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from db.interchange import export_document
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vault.vault import Vault
from desktop.__main__ import main
from tests.conftest import PASSPHRASE, make_vault


@pytest.fixture
def cli_vault(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "vault"
    vault, _ = make_vault(folder)
    services = Services.for_vault(vault)
    robin = services.clients.create(ClientInput("RB-07")).value
    for week in range(3):
        services.sessions.create(robin.id, SessionInput(date(2026, 1, 5) + timedelta(weeks=week)))
    vault.close()
    secret = tmp_path / "pw"
    secret.write_text(PASSPHRASE + "\n")
    return folder, secret


def _run(folder: Path, secret: Path, *args: str) -> int:
    return main(["--vault", str(folder), "measures", "--passphrase-file", str(secret),
                 "--client", "RB-07", *args])


def test_record_and_print(cli_vault: tuple[Path, Path],
                          capsys: pytest.CaptureFixture[str]) -> None:
    folder, secret = cli_vault
    assert _run(folder, secret, "--record", "PHQ-9", "--session", "1",
                "--items", "222222222") == 0
    assert _run(folder, secret, "--record", "phq9", "--session", "2", "--total", "13") == 0
    assert _run(folder, secret, "--record", "gad7", "--session", "2", "--total", "9") == 0
    capsys.readouterr()
    assert _run(folder, secret, "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["measure"], r["session"], r["total"], r["band"]) for r in rows] == [
        ("PHQ-9", "1", "18", "moderately severe"), ("PHQ-9", "2", "13", "moderate"),
        ("GAD-7", "2", "9", "mild")]
    # (13 − 18) / 1.979899 = −2.5254 → −2.53, reliably better
    assert (rows[1]["rci"], rows[1]["change"]) == ("-2.53", "reliably_better")
    assert _run(folder, secret, "--format", "json") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["scores"][0]["items"] == "222222222"


@pytest.mark.parametrize(("args", "sentence"), [
    (("--record", "phq9", "--total", "3"), "Say which session with --session N."),
    (("--record", "phq9", "--session", "9", "--total", "3"), "RB-07 has no session 9."),
    (("--record", "phq9", "--session", "1", "--items", "22x"),
     "Give the item answers as digits, e.g. 210121001."),
    (("--record", "phq9", "--session", "1", "--total", "28"), "A PHQ-9 total is from 0 to 27."),
    (("--record", "beck", "--session", "1", "--total", "3"), "There is no measure called that."),
])
def test_refusals_change_nothing(cli_vault: tuple[Path, Path],
                                 capsys: pytest.CaptureFixture[str],
                                 args: tuple[str, ...], sentence: str) -> None:
    folder, secret = cli_vault
    assert _run(folder, secret, *args) == 1
    assert capsys.readouterr().err == f"threadline: {sentence}\n"
    with Vault.open(folder) as vault:
        vault.unlock(PASSPHRASE)
        assert export_document(vault.database)["measure_scores"] == []
