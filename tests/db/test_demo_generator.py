"""The demo caseload: built through the services, valid by their rules, the same per seed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from db.demo.generator import DemoSummary, build_demo
from db.services.hub import Services
from db.vault.vault import Vault
from tests.conftest import make_vault

TODAY = date(2026, 11, 20)


def _build(folder: Path, seed: int) -> tuple[Vault, DemoSummary]:
    vault, _ = make_vault(folder)
    return vault, build_demo(Services.for_vault(vault), "small", seed, TODAY)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, DemoSummary]]:
    vault, summary = _build(tmp_path_factory.mktemp("demo") / "vault", seed=5)
    yield Services.for_vault(vault), summary
    vault.close()


def export(services: Services) -> list[Any]:
    """Everything a clinician can see of the caseload, read back through the services,
    without the generated ids and the moments of saving."""
    keys = {t.id: t.key for t in services.themes.taxonomy().themes}
    result: list[Any] = []
    for client in services.clients.list_clients():
        full = services.clients.get(client.id)
        result.append((full.code, full.display_name, full.status, full.intake_date,
                       full.closing_date, full.modality, full.frequency, full.notes,
                       [(g.title, g.status, [(r.reviewed_on, r.note) for r in g.reviews])
                        for g in full.goals]))
        marks: dict[object, list[Any]] = {}
        for m in services.marks.list_for_client(client.id):
            marks.setdefault(m.session_id, []).append(
                (keys[m.theme_id], m.intensity, m.comment,
                 m.passage.anchor.start if m.passage.anchor else None, m.passage.quote))
        episodes: dict[object, list[Any]] = {}
        for e in services.episodes.list_for_client(client.id):
            episodes.setdefault(e.session_id, []).append(
                (e.other_person, e.other_kind, e.wish and e.wish.key, e.narrative,
                 e.passage.quote))
        for s in services.sessions.list_for_client(client.id):
            note = services.notes.load(s.id)
            result.append((s.number, s.date, s.start_time, s.attendance,
                           s.finalized_at is not None, note.process_note, note.progress_note,
                           [a.text for a in note.addenda], sorted(marks.get(s.id, [])),
                           sorted(episodes.get(s.id, []))))
    return result


def test_the_same_seed_gives_the_same_caseload(demo: tuple[Services, DemoSummary],
                                               tmp_path: Path) -> None:
    services, summary = demo
    vault, again = _build(tmp_path / "again", seed=5)
    try:
        assert export(Services.for_vault(vault)) == export(services)
        assert (again.sessions, again.marks, again.episodes) == (
            summary.sessions, summary.marks, summary.episodes)
    finally:
        vault.close()


def test_small_caseload_has_something_for_every_view(
        demo: tuple[Services, DemoSummary]) -> None:
    services, summary = demo
    clients = services.clients.list_clients()
    assert len(clients) == summary.clients == 6
    assert all(20 <= c.session_count <= 80 for c in clients)
    assert summary.marks >= 8 * summary.sessions * 0.8  # about ten a session
    assert summary.episodes >= summary.sessions * 0.5
    assert summary.addenda >= 1
    assert summary.goals >= 12
    attendance = Counter(s.attendance for c in clients
                         for s in services.sessions.list_for_client(c.id))
    assert attendance["attended"] > 0.85 * summary.sessions
    assert attendance["cancelled"] + attendance["no_show"] > 0
    assert services.settings.load().demo_vault is True


def test_every_service_invariant_holds(demo: tuple[Services, DemoSummary]) -> None:
    services, _ = demo
    themes = {t.id: t for t in services.themes.taxonomy().themes}
    for client in services.clients.list_clients():
        sessions = sorted(services.sessions.list_for_client(client.id), key=lambda s: s.number)
        assert [s.number for s in sessions] == list(range(1, len(sessions) + 1))
        days = [s.date for s in sessions]
        assert days == sorted(days)
        assert len(set(days)) == len(days)
        assert all(s.date <= TODAY for s in sessions)
        unfinalized = [s for s in sessions if s.finalized_at is None]
        assert len(unfinalized) <= 2
        assert all(s.number > len(sessions) - 2 for s in unfinalized)
        for s in sessions:
            note = services.notes.load(s.id)
            assert note.progress_note
            if s.attendance != "attended":
                assert not note.process_note
                assert not services.marks.list_for_session(s.id)
                continue
            for mark in services.marks.list_for_session(s.id):
                assert mark.theme_offered
                anchor = mark.passage.anchor
                if anchor is not None:
                    assert note.process_note[anchor.start:anchor.end] == anchor.text
            for episode in services.episodes.list_for_session(s.id):
                anchor = episode.passage.anchor
                assert anchor is not None
                assert note.process_note[anchor.start:anchor.end] == anchor.text
                for ref, component in ((episode.wish, "W"), (episode.response_of_other, "RO"),
                                       (episode.response_of_self, "RS")):
                    assert ref is not None
                    assert themes[ref.id].ccrt_component == component
    assert services.audit.verify_chain() is None
    finalized = sum(1 for c in services.clients.list_clients()
                    for s in services.sessions.list_for_client(c.id) if s.finalized_at)
    assert Counter(e.action for e in services.audit.events())["finalize"] == finalized
