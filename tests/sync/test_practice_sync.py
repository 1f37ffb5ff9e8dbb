"""What the practice and CCRT work made (migrations 0006 and 0008) travels like the rest:
note templates, a client's default template, the clinician's own scales, measure scores,
and episodes with their second and third categories and valences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import text

from db.services.dto import ClientInput, SessionInput
from db.services.episodes import EpisodeInput
from db.vocabulary import NoteKind
from tests.sync.helpers import Device, first_device, group_of, joined_device, settle, shared_bytes


def _pair(tmp_path: Path) -> tuple[Device, Device]:
    folder = tmp_path / "Sync"
    a = first_device(tmp_path / "a", folder)
    b = joined_device(tmp_path / "b", folder, group_of(a), "Laptop")
    return a, b


def _count(device: Device, table: str) -> int:
    with device.vault.database.read() as session:
        return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def _flags(device: Device) -> list[str]:
    with device.vault.database.read() as session:
        return [row[0] for row in session.execute(text(
            "SELECT kind FROM sync_conflict WHERE resolved_at IS NULL"))]


def test_templates_scales_scores_and_ccrt_categories_reach_the_other_vault(
        tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    try:
        client = a.services.clients.create(ClientInput(code="TV-04")).value
        session = a.services.sessions.create(client.id, SessionInput(
            date=date(2026, 5, 4))).value
        a.services.notes.save(session.id, NoteKind.PROCESS, "The lift was broken again.")
        own = a.services.templates.create("Short process note", "process",
                                          "What happened:\n").value.ref
        a.services.templates.save("progress.dap", "DAP (mine)", "progress", "Data:\nPlan:\n")
        a.services.templates.delete("progress.birp")
        a.services.templates.set_default(client.id, "process", own)
        scale = a.services.measures.add_scale("Sleep quality", 0, 10, False).value
        a.services.measures.record(session.id, "phq9", items=[1, 2, 0, 1, 3, 0, 1, 2, 0])
        a.services.measures.record(session.id, scale.key, total=6)
        themes = a.services.themes.ids_by_key()
        a.services.episodes.add(session.id, EpisodeInput(
            other_person="her sister", wish_theme_id=themes["ccrt.w.be_close"],
            wish_more=(themes["ccrt.w.be_loved"], themes["ccrt.w.feel_good"]),
            response_of_other_theme_id=themes["ccrt.ro.controlling"],
            response_of_other_more=(themes["ccrt.ro.upset"],),
            response_of_other_valence="negative", response_of_self_valence="positive"))
        settle([a, b])

        assert {t.name for t in b.services.templates.list()} == {
            t.name for t in a.services.templates.list()}
        assert "DAP (mine)" in {t.name for t in b.services.templates.list()}
        assert "BIRP" not in {t.name for t in b.services.templates.list()}
        assert b.services.templates.defaults(client.id)["process"] == own
        assert "Sleep quality" in {m.name for m in b.services.measures.measures()}
        assert {(s.measure, s.total) for s in b.services.measures.for_session(session.id)} == {
            ("phq9", 10), (scale.key, 6)}
        [episode] = b.services.episodes.list_for_session(session.id)
        assert [t.key for t in episode.categories("W")] == [
            "ccrt.w.be_close", "ccrt.w.be_loved", "ccrt.w.feel_good"]
        assert [t.key for t in episode.categories("RO")] == [
            "ccrt.ro.controlling", "ccrt.ro.upset"]
        assert (episode.response_of_other_valence, episode.response_of_self_valence) == (
            "negative", "positive")
        assert shared_bytes(a) == shared_bytes(b)

        # And back: a default cleared, a template removed, a score taken away on the laptop.
        b.services.templates.set_default(client.id, "process", None)
        b.services.templates.delete(own)
        b.services.measures.remove(session.id, scale.key)
        settle([a, b])
        assert "process" not in a.services.templates.defaults(client.id)
        assert own not in {t.ref for t in a.services.templates.list()}
        assert {s.measure for s in a.services.measures.for_session(session.id)} == {"phq9"}
        assert _count(a, "client_template") == 0
        assert shared_bytes(a) == shared_bytes(b)
    finally:
        a.close()
        b.close()


def test_one_measure_scored_on_two_devices_keeps_one_score_and_says_so(
        tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    try:
        client = a.services.clients.create(ClientInput(code="TV-05")).value
        session = a.services.sessions.create(client.id, SessionInput(
            date=date(2026, 5, 5))).value
        settle([a, b])
        a.services.measures.record(session.id, "gad7", total=9)
        b.services.measures.record(session.id, "gad7", total=12)
        settle([a, b])
        for device in (a, b):
            assert len(device.services.measures.for_session(session.id)) == 1
            assert "measure_scored_twice" in _flags(device)
        assert shared_bytes(a) == shared_bytes(b)
    finally:
        a.close()
        b.close()


def test_a_shipped_template_edited_on_two_devices_keeps_both_texts(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    try:
        a.services.templates.save("progress.soap", "SOAP", "progress", "S:\nO:\n(office)")
        b.services.templates.save("progress.soap", "SOAP", "progress", "S:\nO:\n(laptop)")
        a.services.measures.add_scale("Hope", 0, 10, False)
        b.services.measures.add_scale("Hope", 0, 5, False)
        settle([a, b])
        for device in (a, b):
            bodies = {t.body for t in device.services.templates.list()}
            assert {"S:\nO:\n(office)", "S:\nO:\n(laptop)"} <= bodies
            names = sorted(m.name for m in device.services.measures.measures()
                           if m.name.startswith("Hope"))
            assert names == ["Hope", "Hope (2)"]
        assert shared_bytes(a) == shared_bytes(b)
    finally:
        a.close()
        b.close()


def test_a_vault_syncing_before_0013_sends_the_practice_rows_it_already_held(
        tmp_path: Path) -> None:
    from alembic import command

    from db.services.hub import Services
    from db.sync.service import SyncService
    from db.vault.migrate import alembic_config
    from db.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    a, b = _pair(tmp_path)
    try:
        with a.vault.database.engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0009")
        with a.vault.database.read() as session:  # as 0009 left it: no capture of these
            assert not session.execute(text(
                "SELECT 1 FROM sqlite_master WHERE name = 'sync_measure_scale_ai'")).first()
        a.services.measures.add_scale("Hope", 0, 10, False)
        a.services.templates.create("Brief", "process", "Brief:\n")
        a.vault.close()
        reopened = Vault.open(tmp_path / "a")
        reopened.unlock(PASSPHRASE)  # migrates to the head: 0013 queues what is there
        a = Device(reopened, Services.for_vault(reopened), SyncService(reopened))
        settle([a, b])
        assert "Hope" in {m.name for m in b.services.measures.measures()}
        assert "Brief" in {t.name for t in b.services.templates.list()}
        assert shared_bytes(a) == shared_bytes(b)
    finally:
        a.close()
        b.close()
