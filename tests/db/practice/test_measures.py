"""Outcome measures in a real vault, and the reliable change index worked by hand.

The published values (docs/measures.md):
PHQ-9  SD 3.5 (Kocalevent, Hinz & Brähler 2013), test–retest r 0.84 (Kroenke et al. 2001)
GAD-7  SD 3.4 (Löwe et al. 2008), test–retest r 0.83 (Spitzer et al. 2006)
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from db.errors import NotFound, ValidationError
from db.interchange import export_document
from db.measures.questionnaires import GAD7, PHQ9
from db.measures.reliable_change import Change, change, rci, s_diff
from db.services.dto import ClientInput, SessionDTO, SessionInput
from db.services.hub import Services
from db.vault.vault import Vault


def test_phq9_s_diff_and_rci_by_hand() -> None:
    # S_E = 3.5 · sqrt(1 − 0.84) = 3.5 · sqrt(0.16) = 3.5 · 0.4 = 1.4
    # S_diff = sqrt(2 · 1.4²) = sqrt(3.92) = 1.979899
    assert s_diff(3.5, 0.84) == pytest.approx(math.sqrt(3.92))
    assert s_diff(3.5, 0.84) == pytest.approx(1.979899, abs=1e-6)
    # intake 18, later 14: RCI = −4 / 1.979899 = −2.0203 → reliably better (|RCI| > 1.96)
    assert rci(18, 14, 3.5, 0.84) == pytest.approx(-2.0203, abs=1e-4)
    assert change(rci(18, 14, 3.5, 0.84)) is Change.RELIABLY_BETTER
    # intake 18, later 15: RCI = −3 / 1.979899 = −1.5152 → no reliable change
    assert rci(18, 15, 3.5, 0.84) == pytest.approx(-1.5152, abs=1e-4)
    assert change(rci(18, 15, 3.5, 0.84)) is Change.NO_RELIABLE_CHANGE
    # intake 10, later 14: RCI = +4 / 1.979899 = +2.0203 → reliably worse: not on track
    assert change(rci(10, 14, 3.5, 0.84)) is Change.RELIABLY_WORSE


def test_gad7_s_diff_by_hand() -> None:
    # S_E = 3.4 · sqrt(1 − 0.83) = 3.4 · sqrt(0.17) = 3.4 · 0.4123106 = 1.401856
    # S_diff = 1.401856 · sqrt(2) = 1.401856 · 1.4142136 = 1.982524
    # 1.96 · 1.982524 = 3.8857: a change of 4 points is reliable, 3 is not
    assert s_diff(3.4, 0.83) == pytest.approx(1.982524, abs=1e-6)
    # intake 12, later 8: RCI = −4 / 1.982524 = −2.0176
    assert rci(12, 8, GAD7.sd, GAD7.reliability) == pytest.approx(-2.0176, abs=1e-4)
    assert change(rci(12, 8, GAD7.sd, GAD7.reliability)) is Change.RELIABLY_BETTER
    assert change(rci(12, 9, GAD7.sd, GAD7.reliability)) is Change.NO_RELIABLE_CHANGE


@pytest.mark.parametrize(("total", "band"), [
    # Kroenke et al. 2001: 5, 10, 15 and 20 mark mild, moderate, moderately severe, severe
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "moderately severe"), (19, "moderately severe"),
    (20, "severe"), (27, "severe"),
])
def test_phq9_bands(total: int, band: str) -> None:
    assert PHQ9.band(total) == band


@pytest.mark.parametrize(("total", "band"), [
    # Spitzer et al. 2006: 5, 10 and 15 mark mild, moderate and severe anxiety
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "severe"), (21, "severe"),
])
def test_gad7_bands(total: int, band: str) -> None:
    assert GAD7.band(total) == band


def _sessions(services: Services, count: int) -> list[SessionDTO]:
    robin = services.clients.create(ClientInput("RB-07")).value
    start = date(2026, 1, 5)
    return [services.sessions.create(robin.id, SessionInput(start + timedelta(weeks=i))).value
            for i in range(count)]


def test_a_clients_series_with_bands_and_reliable_change(services: Services) -> None:
    first, second, third = _sessions(services, 3)
    # intake by items: 2+2+2+2+2+2+2+2+2 = 18, "moderately severe"; item 9 answered → risk
    intake = services.measures.record(first.id, "phq9",
                                      items=[2] * 9).value
    assert (intake.total, intake.band, intake.change, intake.risk) == (
        18, "moderately severe", Change.NO_RELIABLE_CHANGE, True)
    better = services.measures.record(second.id, "phq9", total=13).value
    # (13 − 18) / 1.979899 = −2.5254
    assert better.rci == pytest.approx(-2.5254, abs=1e-4)
    assert (better.band, better.change, better.risk) == ("moderate", Change.RELIABLY_BETTER,
                                                         False)
    worse = services.measures.record(third.id, "phq9", total=22).value
    assert worse.change == Change.RELIABLY_WORSE  # (22 − 18) / 1.979899 = +2.0203
    [series] = services.measures.series(third.client_id)
    assert [p.number for p in series.points] == [1, 2, 3]
    assert [p.score.total for p in series.points] == [18, 13, 22]
    # replacing a score keeps one per session and measure
    services.measures.record(second.id, "phq9", total=12)
    assert [s.total for s in services.measures.for_session(second.id)] == [12]


def test_own_scales_have_range_and_direction_but_no_rci(services: Services) -> None:
    [first] = _sessions(services, 1)
    scale = services.measures.add_scale("Sleep quality", 0, 10, higher_is_worse=False).value
    assert services.measures.find("sleep quality").key == scale.key
    score = services.measures.record(first.id, scale.key, total=7).value
    assert (score.total, score.band, score.rci) == (7, None, None)
    assert [d.name for d in services.measures.measures()] == ["PHQ-9", "GAD-7",
                                                              "Sleep quality"]
    assert services.measures.find("phq-9").key == "phq9"


@pytest.mark.parametrize(("measure", "kwargs", "sentence"), [
    ("phq9", {"items": [1] * 8}, "PHQ-9 needs an answer from 0 to 3 to each of its 9 items."),
    ("phq9", {"items": [4] + [0] * 8},
     "PHQ-9 needs an answer from 0 to 3 to each of its 9 items."),
    ("phq9", {"items": [1] * 9, "total": 10}, "The items add up to 9, not 10."),
    ("gad7", {"total": 22}, "A GAD-7 total is from 0 to 21."),
    ("gad7", {"total": -1}, "A GAD-7 total is from 0 to 21."),
    ("gad7", {}, "Give the item answers or the total."),
    ("bdi", {"total": 3}, "There is no measure called that."),
])
def test_bad_scores_are_refused_in_one_sentence_and_change_nothing(
        services: Services, vault: Vault, measure: str, kwargs: dict[str, object],
        sentence: str) -> None:
    [first] = _sessions(services, 1)
    before = export_document(vault.database)
    with pytest.raises((ValidationError, NotFound)) as caught:
        services.measures.record(first.id, measure, **kwargs)  # type: ignore[arg-type]
    assert str(caught.value) == sentence
    after = export_document(vault.database)
    assert {**before, "exported_at": ""} == {**after, "exported_at": ""}


@pytest.mark.parametrize(("name", "low", "high", "sentence"), [
    ("", 0, 10, "Give the scale a name."),
    ("PHQ-9", 0, 10, "There is already a measure with that name."),
    ("Mood", 5, 5, "A scale goes from a lowest to a higher highest value, both from 0 to "
                   "10,000."),
    ("Mood", -1, 5, "A scale goes from a lowest to a higher highest value, both from 0 to "
                    "10,000."),
])
def test_bad_scales_are_refused(services: Services, vault: Vault, name: str, low: int,
                                high: int, sentence: str) -> None:
    before = export_document(vault.database)
    with pytest.raises(ValidationError) as caught:
        services.measures.add_scale(name, low, high)
    assert str(caught.value) == sentence
    assert export_document(vault.database)["measure_scales"] == before["measure_scales"]


def test_importing_a_scale_whose_name_the_vault_has_adds_it(services: Services, vault: Vault,
                                                            tmp_path: object) -> None:
    """Before, the table's unique name made such an import fail as a whole."""
    from pathlib import Path

    from db.interchange import dumps, import_document, read_bytes
    from tests.conftest import make_vault

    services.measures.add_scale("Sleep", 0, 10)
    data = dumps(export_document(vault.database))
    other, _ = make_vault(Path(str(tmp_path)) / "other")
    try:
        Services.for_vault(other).measures.add_scale("Sleep", 0, 5)
        import_document(other.database, read_bytes(data))
        names = [m.name for m in Services.for_vault(other).measures.measures()]
        assert names.count("Sleep") == 2
    finally:
        other.close()
