"""The three scorings of ODF, the vault setting that chooses one, and the DMRS profile,
against hand-computed cases (the arithmetic is in the comments)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from db.analytics.defenses import defensive_functioning, overall_odf
from db.analytics.dto import TimelineFilter
from db.errors import ValidationError
from db.services.hub import Services
from db.vault.vault import Vault
from db.vocabulary import OdfScoring
from tests.db.analytics_fixtures import Fixture


def _two_sessions(vault: Vault) -> uuid.UUID:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("SC-01")
        one, two = f.sessions(client, 2)
        # Session 1: humor (7) at 3 on the session and on a passage (2 marks, intensity 3);
        # acting out (1) at 1 on the session (1 mark, intensity 1).
        f.mark(one, "dmrs.humor", 3)
        f.mark(one, "dmrs.humor", 3, passage=(0, "a joke about the chair"))
        f.mark(one, "dmrs.acting_out", 1)
        # Session 2: repression (5) at 2 on the session and on two passages (3 marks,
        # highest intensity 2); undoing (6) at 1 (1 mark).
        f.mark(two, "dmrs.repression", 2)
        f.mark(two, "dmrs.repression", 1, passage=(4, "forgot the appointment"))
        f.mark(two, "dmrs.repression", 2, passage=(40, "could not recall the dream"))
        f.mark(two, "dmrs.undoing", 1)
    return client


@pytest.mark.parametrize(("scoring", "odf", "weights", "shares", "overall"), [
    # presence: s1 (7 + 1) / 2 = 4, s2 (5 + 6) / 2 = 5.5; pooled (7 + 1 + 5 + 6) / 4.
    (OdfScoring.PRESENCE, (4.0, 5.5), (2, 2), (0.5, 0.5), 19 / 4),
    # occurrences: s1 (7·2 + 1·1) / 3 = 5, s2 (5·3 + 6·1) / 4 = 21/4;
    # pooled (14 + 1 + 15 + 6) / 7 = 36/7; mature share of s1 = 2/3.
    (OdfScoring.OCCURRENCES, (5.0, 21 / 4), (3, 4), (2 / 3, 1 / 3), 36 / 7),
    # intensity: s1 (7·3 + 1·1) / 4 = 11/2, s2 (5·2 + 6·1) / 3 = 16/3;
    # pooled (21 + 1 + 10 + 6) / 7 = 38/7; mature share of s1 = 3/4.
    (OdfScoring.INTENSITY, (5.5, 16 / 3), (4, 3), (3 / 4, 1 / 4), 38 / 7),
])
def test_each_scoring_against_the_hand_count(
        vault: Vault, services: Services, scoring: OdfScoring, odf: tuple[float, float],
        weights: tuple[float, float], shares: tuple[float, float], overall: float) -> None:
    timeline = services.analytics.timeline(_two_sessions(vault))
    first, second = defensive_functioning(timeline, scoring=scoring)
    assert (first.odf, second.odf) == pytest.approx(odf)
    assert (first.weight, second.weight) == pytest.approx(weights)
    assert (first.mature, first.immature) == pytest.approx(shares)
    assert second.neurotic == pytest.approx(1.0)
    # The n behind each point is the defenses seen, whatever the scoring: 2 and 2.
    assert (first.defenses, second.defenses) == (2, 2)
    assert overall_odf(timeline, scoring) == pytest.approx(overall)


def test_the_scoring_is_a_vault_setting_and_every_load_uses_it(
        vault: Vault, services: Services) -> None:
    client = _two_sessions(vault)
    _, default = services.analytics.client(client)
    assert default.choices.scoring is OdfScoring.PRESENCE
    assert default.overall_odf == pytest.approx(19 / 4)
    services.settings.update(odf_scoring="occurrences", odf_min_defenses=3)
    _, chosen = services.analytics.client(client)
    assert chosen.choices.scoring is OdfScoring.OCCURRENCES
    assert chosen.overall_odf == pytest.approx(36 / 7)
    # Both sessions rest on 2 defenses, fewer than the minimum of 3.
    assert [p.sparse for p in chosen.defenses] == [True, True]
    _, asked = services.analytics.client(client, scoring=OdfScoring.INTENSITY)
    assert asked.overall_odf == pytest.approx(38 / 7)
    with pytest.raises(ValidationError):
        services.settings.update(odf_scoring="weighted somehow")
    with pytest.raises(ValidationError):
        services.settings.update(odf_min_defenses=0)
    assert services.settings.load().odf_scoring == "occurrences"


def test_the_profile_has_all_seven_levels_and_every_defense(
        vault: Vault, services: Services) -> None:
    client = _two_sessions(vault)
    _, whole = services.analytics.client(client)
    profile = whole.profile
    assert profile is not None
    # Presence: four (session, defense) pairs, one each at levels 7, 6, 5 and 1.
    assert [(lv.level, lv.defenses, lv.share) for lv in profile.levels] == [
        (7, 1, 0.25), (6, 1, 0.25), (5, 1, 0.25), (4, 0, 0.0), (3, 0, 0.0), (2, 0, 0.0),
        (1, 1, 0.25)]
    assert len(profile.by_defense) == 30  # the 30 DMRS defenses, marked or not
    humor = next(d for d in profile.by_defense if d.theme and d.theme.key == "dmrs.humor")
    assert (humor.level, humor.defenses, humor.share) == (7, 1, 0.25)
    assert sum(d.share or 0 for d in profile.by_defense) == pytest.approx(1.0)
    # mature 1/4, neurotic (levels 5-6) 2/4, immature 1/4
    assert profile.summary == pytest.approx(
        {"mature": 0.25, "neurotic": 0.5, "immature": 0.25})
    second = whole.defenses[1].date
    _, late = services.analytics.client(client, TimelineFilter(
        date_from=second - timedelta(days=1)))
    assert late.profile is not None
    # Only session 2: repression (5) and undoing (6), one each.
    assert [(lv.level, lv.share) for lv in late.profile.levels if lv.share] == [
        (6, 0.5), (5, 0.5)]
    assert late.profile.odf == pytest.approx(5.5)


def test_no_defense_gives_an_empty_profile_not_zeros(vault: Vault, services: Services
                                                     ) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("SC-02")
        (one,) = f.sessions(client, 1)
        f.mark(one, "ctq.positive", 2)
    _, panels = services.analytics.client(client)
    assert panels.profile is not None
    assert panels.profile.odf is None
    assert {lv.share for lv in panels.profile.levels} == {None}
