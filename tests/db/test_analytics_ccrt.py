"""CCRT and caseload prevalence against hand-computed cases."""

from __future__ import annotations

from datetime import date

import pytest

from db.services.hub import Services
from db.vault.vault import Vault
from tests.db.analytics_fixtures import Fixture


def test_ccrt_most_frequent_components_pervasiveness_and_change(
        vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("CC-01")
        s1, s2, s3 = f.sessions(client, 3)
        f.episode(s1, "ccrt.w.be_loved", "ccrt.ro.rejecting", "ccrt.rs.helpless")
        f.episode(s1, "ccrt.w.be_loved", "ccrt.ro.rejecting", None, other_kind="therapist")
        f.episode(s2, "ccrt.w.be_close", "ccrt.ro.rejecting", "ccrt.rs.helpless")
        f.episode(s3, "ccrt.w.be_loved", "ccrt.ro.understanding", "ccrt.rs.respected")
        f.episode(s3, None, "ccrt.ro.understanding", "ccrt.rs.respected")
    summary = services.analytics.ccrt(client, n=2)
    overall = summary.overall
    assert (overall.episodes, overall.transference_episodes) == (5, 1)
    wish = overall.component("W")
    assert wish.top is not None
    assert (wish.top.theme.name, wish.top.episodes, wish.top.pervasiveness) == (
        "To be loved and understood", 3, pytest.approx(0.6))
    assert [(c.theme.name, c.episodes) for c in overall.component("RO").counts] == [
        ("Rejecting and opposing", 3), ("Understanding", 2)]
    # RS: helpless and respected both in 2 of 5; the tie goes to the one seen first.
    rs = overall.component("RS")
    assert [(c.theme.name, c.pervasiveness) for c in rs.counts] == [
        ("Helpless", pytest.approx(0.4)), ("Respected and accepted", pytest.approx(0.4))]
    first, last = summary.first, summary.last
    assert first.component("RO").top is not None
    assert first.component("RO").top.theme.name == "Rejecting and opposing"
    assert first.component("RO").top.pervasiveness == 1.0
    assert last.component("RO").top is not None
    assert (last.component("RO").top.theme.name, last.component("RO").top.pervasiveness) == (
        "Understanding", 1.0)
    assert last.component("W").top is not None
    assert last.component("W").top.pervasiveness == 0.5
    assert summary.overlapping is False
    assert services.analytics.ccrt(client, n=3).overlapping is True


def test_ccrt_without_episodes_and_with_merged_themes(vault: Vault, services: Services
                                                      ) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("CC-02")
        other = f.client("CC-03")
        (s1,) = f.sessions(other, 1)
        f.episode(s1, "ccrt.w.be_distant", None, None)
        f.episode(s1, "ccrt.w.feel_good", None, None)
        f.merge("ccrt.w.feel_good", "ccrt.w.be_distant")
    empty = services.analytics.ccrt(client)
    assert empty.overall.episodes == 0
    assert all(c.top is None for c in empty.overall.components)
    merged = services.analytics.ccrt(other).overall.component("W")
    assert [(c.theme.name, c.episodes) for c in merged.counts] == [
        ("To be distant and avoid conflicts", 2)]


def test_ccrt_rejects_a_window_of_no_episodes(vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        client = Fixture(s).client("CC-04")
    with pytest.raises(ValueError, match="at least one"):
        services.analytics.ccrt(client, n=0)


def test_caseload_prevalence_counts_active_clients_only(vault: Vault, services: Services
                                                        ) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        a, b = f.client("CL-A"), f.client("CL-B")
        closed = f.client("CL-C", status="closed")
        a1, a2, a3, a4 = f.sessions(a, 4)
        (b1, b2) = f.sessions(b, 2, start=date(2025, 6, 2))
        (c1,) = f.sessions(closed, 1)
        for sid in (a1, a2, b1):
            f.mark(sid, "prq.anxious_preoccupied", 2)
        f.mark(a2, "prq.anxious_preoccupied", 3)  # the same session twice counts once
        f.mark(a3, "ctq.parental_protective", 1)
        f.mark(c1, "ctq.sexualized", 3)
    caseload = services.analytics.caseload()
    assert caseload.active_clients == 2
    top, second = caseload.rows
    assert (top.theme.name, top.clients, top.client_share, top.sessions) == (
        "Anxious/preoccupied", 2, 1.0, 3)
    # Mean over the two active clients of the share of their sessions: (2/4 + 1/2) / 2.
    assert top.mean_session_share == pytest.approx(0.5)
    assert (second.theme.name, second.clients, second.mean_session_share) == (
        "Parental/protective", 1, pytest.approx((1 / 4) / 2))
    assert top.group_name == "Transference (PRQ)"
    recent = services.analytics.caseload(since=date(2025, 6, 1))
    assert [(r.theme.name, r.sessions) for r in recent.rows] == [("Anxious/preoccupied", 1)]


def test_caseload_ranks_by_share_of_sessions_not_by_clients(vault: Vault, services: Services
                                                            ) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        a, b = f.client("RK-A"), f.client("RK-B")
        a_sessions = f.sessions(a, 10)
        b_sessions = f.sessions(b, 10)
        # Resistance: once with each client (in every client, 1 of 10 sessions each).
        f.mark(a_sessions[0], "process.resistance", 1)
        f.mark(b_sessions[0], "process.resistance", 1)
        # Anxious/preoccupied: only client A, but in 8 of A's 10 sessions.
        for sid in a_sessions[:8]:
            f.mark(sid, "prq.anxious_preoccupied", 2)
    caseload = services.analytics.caseload()
    # Mean share over the two active clients: anxious (8/10 + 0) / 2 = 0.4;
    # resistance (1/10 + 1/10) / 2 = 0.1. Anxious ranks first though it is in 1 client.
    assert [(r.theme.key, r.mean_session_share) for r in caseload.rows] == [
        ("prq.anxious_preoccupied", pytest.approx(0.4)),
        ("process.resistance", pytest.approx(0.1))]
    resistance = caseload.rows[1]
    # In every client (100% of clients), but 2 of the 20 sessions: 10%, never "100%".
    assert (resistance.client_share, resistance.session_share) == (1.0, pytest.approx(0.1))
    assert caseload.sessions == 20
