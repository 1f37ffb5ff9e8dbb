"""``threadline timeline``: the CLI prints the numbers the services compute."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from db.analytics.defenses import defensive_functioning
from db.analytics.dto import DefensePoint, Timeline, TimelineFilter
from db.analytics.grid import apply_filter
from db.analytics.tables import DECIMALS
from db.services.hub import Services
from db.vault.vault import Vault
from desktop.__main__ import main
from tests.conftest import PASSPHRASE, make_vault
from tests.db.analytics_fixtures import Fixture


@pytest.fixture
def client_vault(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "vault"
    vault, _ = make_vault(folder)
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("MT-07")
        s1, s2, s3 = f.sessions(client, 3, attendance={2: "cancelled"})
        f.mark(s1, "dmrs.humor", 2)
        f.mark(s1, "dmrs.acting_out", 1, passage=(3, "left the room"))
        f.mark(s1, "prq.anxious_preoccupied", 3)
        f.mark(s3, "ctq.positive", 1)
        f.mark(s3, "process.resistance", 2)
        f.archive("process.resistance")
    vault.close()
    secret = tmp_path / "pw"
    secret.write_text(PASSPHRASE + "\n")
    return folder, secret


def _expected(folder: Path, include_archived: bool = False
              ) -> tuple[Timeline, tuple[DefensePoint, ...]]:
    with Vault.open(folder) as vault:
        vault.unlock(PASSPHRASE)
        services = Services.for_vault(vault)
        client = services.clients.by_code("MT-07")
        grid = apply_filter(services.analytics.timeline(client.id),
                            TimelineFilter(include_archived=include_archived))
        return grid, defensive_functioning(grid)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, DECIMALS)


def test_csv_lists_every_cell_with_the_session_odf(
        client_vault: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder, secret = client_vault
    assert main(["timeline", "--vault", str(folder), "--passphrase-file", str(secret),
                 "--client", "mt-07"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    grid, points = _expected(folder)
    expected = [(str(grid.sessions[c.column].number), grid.sessions[c.column].date.isoformat(),
                 r.key, str(c.intensity)) for r in grid.rows for c in r.cells]
    got = [(r["session"], r["date"], r["theme_key"], r["intensity"]) for r in rows]
    assert sorted(got) == sorted(expected)
    assert [(r["theme_key"], r["intensity"]) for r in rows] == [
        ("dmrs.acting_out", "1"), ("dmrs.humor", "2"), ("prq.anxious_preoccupied", "3"),
        ("ctq.positive", "1")]
    # Session 1: humor (7) and acting out (1), (7 + 1) / 2 = 4; session 3 has no defense:
    # empty, never 0.
    assert {r["session"]: r["odf"] for r in rows} == {"1": "4", "3": ""}
    assert points[0].odf == 4.0


def test_json_equals_the_service_results(
        client_vault: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder, secret = client_vault
    assert main(["timeline", "--vault", str(folder), "--passphrase-file", str(secret),
                 "--client", "MT-07", "--format", "json", "--include-archived"]) == 0
    data = json.loads(capsys.readouterr().out)
    grid, points = _expected(folder, include_archived=True)
    assert data["client"] == "MT-07"
    assert [s["number"] for s in data["sessions"]] == [c.number for c in grid.sessions]
    assert [s["odf"] for s in data["sessions"]] == [_round(p.odf) for p in points]
    assert [s["mature"] for s in data["sessions"]] == [_round(p.mature) for p in points]
    themes = {(s["number"], t["key"], t["intensity"]) for s in data["sessions"]
              for t in s["themes"]}
    assert themes == {(grid.sessions[c.column].number, r.key, c.intensity)
                      for r in grid.rows for c in r.cells}
    assert (3, "process.resistance", 2) in themes


def test_an_unknown_client_is_one_line_and_exit_1(
        client_vault: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder, secret = client_vault
    assert main(["timeline", "--vault", str(folder), "--passphrase-file", str(secret),
                 "--client", "NOBODY"]) == 1
    err = capsys.readouterr().err
    assert err == "threadline: There is no client with the code NOBODY.\n"


def test_a_wrong_format_is_a_usage_error(client_vault: tuple[Path, Path]) -> None:
    folder, secret = client_vault
    with pytest.raises(SystemExit) as exit_:
        main(["timeline", "--vault", str(folder), "--client", "MT-07", "--format", "xml"])
    assert exit_.value.code == 2
