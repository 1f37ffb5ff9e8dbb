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


def test_json_carries_the_n_the_shares_and_the_overall_odf(
        client_vault: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder, secret = client_vault
    assert main(["timeline", "--vault", str(folder), "--passphrase-file", str(secret),
                 "--client", "MT-07", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first, third = data["sessions"]
    # Session 1: humor (7) and acting out (1), each once: n = 2, ODF (7 + 1) / 2 = 4,
    # mature 1/2, neurotic 0, immature 1/2.
    assert (first["number"], first["defenses"], first["odf"]) == (1, 2, 4.0)
    assert (first["mature"], first["neurotic"], first["immature"]) == (0.5, 0.0, 0.5)
    # Session 3 (session 2 was cancelled): no defense, n = 0 and no ODF.
    assert (third["number"], third["defenses"], third["odf"]) == (3, 0, None)
    # All sessions pooled: the same two (session, defense) pairs -> 4, n = 2.
    assert (data["overall_odf"], data["overall_defenses"]) == (4.0, 2)
    assert data["scoring"] == "presence"


def test_csv_carries_the_n_and_the_three_shares(
        client_vault: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder, secret = client_vault
    assert main(["timeline", "--vault", str(folder), "--passphrase-file", str(secret),
                 "--client", "MT-07"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    by_session = {r["session"]: r for r in rows}
    # The same hand count as above, on every row of session 1.
    one = by_session["1"]
    assert (one["defenses"], one["mature"], one["neurotic"], one["immature"]) == (
        "2", "0.5", "0", "0.5")
    three = by_session["3"]
    assert (three["defenses"], three["odf"], three["mature"]) == ("0", "", "")
    # The last column is clean: rows once ended in a printed "\x0d" (CRLF through the
    # escaping of terminal output).
    assert {r["scoring"] for r in rows} == {"presence"}


def test_caseload_json_and_csv_rank_by_share_of_sessions(
        client_vault: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder, secret = client_vault
    assert main(["caseload", "--vault", str(folder), "--passphrase-file", str(secret),
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # One active client, MT-07, with 2 attended sessions (the cancelled one is not seen):
    # humor, acting out and anxious in session 1 = 1/2 each; positive in session 3 = 1/2;
    # the archived resistance is left out.
    assert (data["active_clients"], data["sessions"]) == (1, 2)
    assert {t["key"]: t["mean_session_share"] for t in data["themes"]} == {
        "dmrs.humor": 0.5, "dmrs.acting_out": 0.5, "prq.anxious_preoccupied": 0.5,
        "ctq.positive": 0.5}
    assert main(["caseload", "--vault", str(folder), "--passphrase-file", str(secret)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["theme"] for r in rows] == [t["theme"] for t in data["themes"]]
    assert rows[0]["all_sessions"] == "2"


def test_timeline_json_range_limits_every_panel(
        client_vault: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder, secret = client_vault
    assert main(["timeline", "--vault", str(folder), "--passphrase-file", str(secret),
                 "--client", "MT-07", "--format", "json", "--from", "2025-01-10"]) == 0
    data = json.loads(capsys.readouterr().out)
    # Only session 3 (2025-01-20) is on or after the 10th: no defense there.
    assert data["range"] == {"from": "2025-01-20", "to": "2025-01-20", "sessions": 1,
                             "first_session": 3, "last_session": 3}
    assert data["overall_odf"] is None
    assert data["profile"]["defenses"] == 0
    assert "MT-07" in data["caption"]
    with pytest.raises(SystemExit) as exit_:
        main(["timeline", "--vault", str(folder), "--client", "MT-07", "--from", "soon"])
    assert exit_.value.code == 2


def test_compare_two_periods_with_the_difference(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cmp"
    vault, _ = make_vault(folder)
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("CP-01")
        s1, s2, s3, s4 = f.sessions(client, 4)  # 2025-01-06, -13, -20, -27
        # Early (sessions 1-2): acting out (1) and denial (3); anxious (PRQ) twice.
        f.mark(s1, "dmrs.acting_out", 2)
        f.mark(s2, "dmrs.denial", 2)
        f.mark(s1, "prq.anxious_preoccupied", 2)
        f.mark(s2, "prq.anxious_preoccupied", 1)
        f.episode(s1, "ccrt.w.be_loved", "ccrt.ro.rejecting", None)
        # Late (sessions 3-4): humor (7) and self-observation (7), undoing (6).
        f.mark(s3, "dmrs.humor", 2)
        f.mark(s4, "dmrs.self_observation", 2)
        f.mark(s4, "dmrs.undoing", 1)
        f.mark(s4, "prq.secure_engaged", 2)
        f.episode(s3, "ccrt.w.be_loved", "ccrt.ro.understanding", None)
    vault.close()
    secret = tmp_path / "pw"
    secret.write_text(PASSPHRASE + "\n")
    assert main(["compare", "--vault", str(folder), "--passphrase-file", str(secret),
                 "--client", "CP-01", "--period", "2025-01-01..2025-01-13",
                 "--period", "2025-01-14..", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first, second = data["first"], data["second"]
    # Early ODF: (1 + 3) / 2 = 2 from 2 defenses; late: (7 + 7 + 6) / 3 = 6.67 from 3.
    assert (first["odf"], first["defenses"]) == (2.0, 2)
    assert (second["odf"], second["defenses"]) == (round(20 / 3, 4), 3)
    assert data["difference"]["odf"] == round(20 / 3 - 2, 4)
    # Level 7: 0 early, 2/3 late; level 1: 1/2 early, 0 late.
    assert data["difference"]["levels"]["7"] == round(2 / 3, 4)
    assert data["difference"]["levels"]["1"] == -0.5
    assert first["top"]["prq"][0] == {"key": "prq.anxious_preoccupied",
                                      "theme": "Anxious/preoccupied", "sessions": 2,
                                      "share": 1.0}
    assert second["top"]["prq"][0]["key"] == "prq.secure_engaged"
    ro = {r["theme"]: r["change"] for r in data["difference"]["ccrt"]["RO"]}
    # One episode each: rejecting 100% -> 0%, understanding 0% -> 100%.
    assert ro == {"Rejecting and opposing": -1.0, "Understanding": 1.0}
    assert main(["compare", "--vault", str(folder), "--passphrase-file", str(secret),
                 "--client", "CP-01", "--period", "2025-01-01..2025-01-13"]) == 2
    capsys.readouterr()
    assert main(["compare", "--vault", str(folder), "--passphrase-file", str(secret),
                 "--client", "CP-01", "--period", "2025-02-01..2025-01-13",
                 "--period", "2025-01-14.."]) == 1
    assert capsys.readouterr().err.strip().endswith("The first period ends before it begins.")
    # The difference of the most frequent PRQ themes: anxious 100% -> 0%, secure 0% -> 50%.
    assert main(["compare", "--vault", str(folder), "--passphrase-file", str(secret),
                 "--client", "CP-01", "--period", "2025-01-01..2025-01-13",
                 "--period", "2025-01-14.."]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {r["theme"]: (r["first"], r["second"]) for r in data["difference"]["top"]["prq"]} \
        == {"Anxious/preoccupied": (1.0, 0.0), "Secure/engaged": (0.0, 0.5)}
    assert data["second"]["ccrt_others"]["episodes"] == 1
