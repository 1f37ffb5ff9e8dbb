"""The CCRT leaves out episodes of cancelled and no-show sessions, like every measure.

docs/timeline.md: "Cancelled and no-show sessions are left out of the grid and of every
measure: nothing was observed in them." The fixture is counted by hand below.
"""

from __future__ import annotations

import pytest

from db.services.hub import Services
from db.vault.vault import Vault
from tests.db.analytics_fixtures import Fixture


def test_episodes_of_cancelled_and_no_show_sessions_are_not_counted(
        vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("CA-01")
        s1, s2, s3, s4, s5 = f.sessions(client, 5, attendance={2: "cancelled", 4: "no_show"})
        # Session 1 (attended): loved / rejecting / helpless, with someone else.
        f.episode(s1, "ccrt.w.be_loved", "ccrt.ro.rejecting", "ccrt.rs.helpless")
        # Session 2 (cancelled): an episode typed into a cancelled session's note.
        f.episode(s2, "ccrt.w.be_close", "ccrt.ro.controlling", "ccrt.rs.anxious_ashamed",
                  other_kind="therapist")
        f.episode(s2, "ccrt.w.be_close", "ccrt.ro.controlling", "ccrt.rs.anxious_ashamed")
        # Session 3 (attended): close / understanding / respected, with the therapist.
        f.episode(s3, "ccrt.w.be_close", "ccrt.ro.understanding", "ccrt.rs.respected",
                  other_kind="therapist")
        # Session 4 (no-show): one more that must not count.
        f.episode(s4, "ccrt.w.be_close", "ccrt.ro.controlling", None, other_kind="therapist")
        # Session 5 (attended): loved / rejecting / respected.
        f.episode(s5, "ccrt.w.be_loved", "ccrt.ro.rejecting", "ccrt.rs.respected")
    summary = services.analytics.ccrt(client, n=1)
    overall = summary.overall
    # Attended episodes: s1, s3, s5 -> 3 episodes; therapist in s3 only -> 1.
    assert (overall.episodes, overall.transference_episodes) == (3, 1)
    # W: be_loved in s1 and s5 = 2 of 3; be_close in s3 only = 1 of 3.
    # (With the cancelled and no-show episodes be_close would have 4 of 6 and lead.)
    assert [(c.theme.key, c.episodes, c.pervasiveness)
            for c in overall.component("W").counts] == [
        ("ccrt.w.be_loved", 2, pytest.approx(2 / 3)),
        ("ccrt.w.be_close", 1, pytest.approx(1 / 3))]
    # RO: rejecting 2 of 3, understanding 1 of 3; controlling never (only in s2, s4).
    assert [c.theme.key for c in overall.component("RO").counts] == [
        "ccrt.ro.rejecting", "ccrt.ro.understanding"]
    # RS: respected in s3 and s5 = 2 of 3, helpless 1 of 3; anxious/ashamed never.
    assert [(c.theme.key, c.episodes) for c in overall.component("RS").counts] == [
        ("ccrt.rs.respected", 2), ("ccrt.rs.helpless", 1)]
    # First 1 episode = s1's, last 1 = s5's (not the no-show's nor the cancelled one's).
    assert summary.first.component("W").top is not None
    assert summary.first.component("W").top.theme.key == "ccrt.w.be_loved"
    assert summary.first.transference_episodes == 0
    last_rs = summary.last.component("RS").top
    assert last_rs is not None
    assert last_rs.theme.key == "ccrt.rs.respected"
    assert summary.last.component("RO").top is not None
    assert summary.last.component("RO").top.theme.key == "ccrt.ro.rejecting"
    # 3 episodes >= 2 × 1: the windows do not overlap.
    assert summary.overlapping is False


def test_the_timeline_view_load_agrees(vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("CA-02")
        s1, s2 = f.sessions(client, 2, attendance={2: "cancelled"})
        f.episode(s1, "ccrt.w.be_loved", None, None)
        f.episode(s2, "ccrt.w.be_close", None, None, other_kind="therapist")
    _, panels = services.analytics.client(client)
    assert (panels.ccrt.overall.episodes, panels.ccrt.overall.transference_episodes) == (1, 0)


def test_therapist_beside_others_few_episodes_and_ties(vault: Vault, services: Services
                                                       ) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("CA-03")
        s1, s2, s3 = f.sessions(client, 3)
        # With the therapist: be_close / rejecting, twice.
        f.episode(s1, "ccrt.w.be_close", "ccrt.ro.rejecting", None, other_kind="therapist")
        f.episode(s2, "ccrt.w.be_close", "ccrt.ro.rejecting", None, other_kind="therapist")
        # With others: be_loved / understanding, then assert / understanding.
        f.episode(s2, "ccrt.w.be_loved", "ccrt.ro.understanding", None)
        f.episode(s3, "ccrt.w.assert_independent", "ccrt.ro.understanding", None)
    summary = services.analytics.ccrt(client)
    assert summary.therapist is not None
    assert summary.others is not None
    therapist, others = summary.therapist, summary.others
    # Therapist: 2 episodes, W be_close 2/2 = 100%, RO rejecting 2/2.
    assert (therapist.episodes, therapist.transference_episodes) == (2, 2)
    top = therapist.component("W").top
    assert top is not None
    assert (top.theme.key, top.pervasiveness) == ("ccrt.w.be_close", 1.0)
    # Others: 2 episodes; W is a tie, be_loved 1/2 and assert 1/2; RO understanding 2/2.
    assert others.episodes == 2
    assert [c.theme.key for c in others.component("W").tied] == [
        "ccrt.w.be_loved", "ccrt.w.assert_independent"]
    assert len(others.component("RO").tied) == 1
    # All 4 episodes: W be_close 2/4 leads alone (be_loved 1, assert 1): no tie.
    assert len(summary.overall.component("W").tied) == 1
    # 4 episodes < 10: every window says a CCRT should not rest on so few.
    assert summary.overall.few
    assert therapist.few
