"""Three vaults, random edits and offline periods: once every file has been exchanged,
every vault holds the same records and no saved text is missing (Hypothesis, stateful)."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule

from db.errors import NoteFinalized, NotFound, ThreadlineError
from db.services.dto import ClientInput, SessionInput
from db.services.marks import MarkInput
from db.vocabulary import NoteKind, RevisionReason
from tests.sync.helpers import Device, first_device, group_of, joined_device, settle, shared_bytes

DEVICES = 3
WORDS = ("ferry", "mother", "silence", "dream", "anger", "winter", "door", "late")
device_no = st.integers(0, DEVICES - 1)


class ThreeVaults(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="tl-sync-"))
        folder = self.root / "Sync"
        first = first_device(self.root / "v0", folder, "Office")
        self.devices: list[Device] = [first]
        for n in range(1, DEVICES):
            self.devices.append(joined_device(self.root / f"v{n}", folder, group_of(first),
                                              f"Device {n}"))
        self.themes = list(first.services.themes.ids_by_key().values())[:6]
        self.clients: list[uuid.UUID] = []
        self.sessions: list[uuid.UUID] = []
        self.marks: list[uuid.UUID] = []
        self.saved: list[tuple[uuid.UUID, str]] = []
        self.counter = 0

    def teardown(self) -> None:
        """Once every file has been exchanged: the same records everywhere, every text."""
        try:
            self.check_converged()
        finally:
            for device in self.devices:
                device.close()
            shutil.rmtree(self.root, ignore_errors=True)

    @rule(d=device_no)
    def add_client(self, d: int) -> None:
        self.counter += 1
        try:  # codes repeat, so that two devices make the same one offline
            client = self.devices[d].services.clients.create(
                ClientInput(code=f"C-{self.counter % 3}")).value
        except ThreadlineError:
            return
        self.clients.append(client.id)

    @precondition(lambda self: self.clients)
    @rule(d=device_no, pick=st.integers(0, 1000), day=st.integers(0, 60))
    def add_session(self, d: int, pick: int, day: int) -> None:
        try:
            made = self.devices[d].services.sessions.create(
                self.clients[pick % len(self.clients)],
                SessionInput(date=date(2026, 1, 1) + timedelta(days=day))).value
        except ThreadlineError:
            return
        self.sessions.append(made.id)

    @precondition(lambda self: self.sessions)
    @rule(d=device_no, pick=st.integers(0, 1000), words=st.lists(st.sampled_from(WORDS),
                                                                  min_size=1, max_size=4))
    def save_note(self, d: int, pick: int, words: list[str]) -> None:
        self.counter += 1
        text = f"{self.counter}: {' '.join(words)}"
        session_id = self.sessions[pick % len(self.sessions)]
        try:
            self.devices[d].services.notes.save(session_id, NoteKind.PROCESS, text,
                                                reason=RevisionReason.MANUAL)
        except (NotFound, NoteFinalized):
            return
        self.saved.append((session_id, text))

    @precondition(lambda self: self.sessions)
    @rule(d=device_no, pick=st.integers(0, 1000))
    def finalize(self, d: int, pick: int) -> None:
        try:
            self.devices[d].services.notes.finalize(self.sessions[pick % len(self.sessions)])
        except ThreadlineError:
            return

    @precondition(lambda self: self.sessions)
    @rule(d=device_no, pick=st.integers(0, 1000), theme=st.integers(0, 5))
    def mark(self, d: int, pick: int, theme: int) -> None:
        try:
            made = self.devices[d].services.marks.add(
                self.sessions[pick % len(self.sessions)],
                MarkInput(theme_id=self.themes[theme], intensity=1 + theme % 3)).value
        except ThreadlineError:
            return
        self.marks.append(made.id)

    @precondition(lambda self: self.marks)
    @rule(d=device_no, pick=st.integers(0, 1000))
    def unmark(self, d: int, pick: int) -> None:
        try:
            self.devices[d].services.marks.delete(self.marks[pick % len(self.marks)])
        except ThreadlineError:
            return

    @precondition(lambda self: self.sessions)
    @rule(d=device_no, pick=st.integers(0, 1000))
    def delete_session(self, d: int, pick: int) -> None:
        try:
            self.devices[d].services.sessions.delete(self.sessions[pick % len(self.sessions)])
        except ThreadlineError:
            return

    @precondition(lambda self: self.clients)
    @rule(d=device_no, pick=st.integers(0, 1000))
    def delete_client(self, d: int, pick: int) -> None:
        try:
            self.devices[d].services.clients.delete(self.clients[pick % len(self.clients)])
        except ThreadlineError:
            return

    @rule(d=device_no, theme=st.integers(0, 5), archive=st.booleans())
    def edit_taxonomy(self, d: int, theme: int, archive: bool) -> None:
        themes = self.devices[d].services.themes
        self.counter += 1
        try:
            if archive:
                themes.archive(self.themes[theme])
            else:
                themes.rename(self.themes[theme], f"Theme {self.counter}")
        except ThreadlineError:
            return

    @rule(d=device_no, source=st.integers(0, 5), into=st.integers(0, 5))
    def merge_themes(self, d: int, source: int, into: int) -> None:
        try:
            self.devices[d].services.themes.merge(self.themes[source], self.themes[into])
        except ThreadlineError:
            return

    @precondition(lambda self: self.sessions)
    @rule(d=device_no, pick=st.integers(0, 1000), total=st.integers(0, 21))
    def score(self, d: int, pick: int, total: int) -> None:
        try:  # one measure: two devices score it at one session offline
            self.devices[d].services.measures.record(
                self.sessions[pick % len(self.sessions)], "gad7", total=total)
        except ThreadlineError:
            return

    @rule(d=device_no, words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))
    def edit_template(self, d: int, words: list[str]) -> None:
        self.devices[d].services.templates.save("progress.dap", "DAP", "progress",
                                                " ".join(words))

    @rule(d=device_no)
    def sync(self, d: int) -> None:
        self.devices[d].sync.run()

    def check_converged(self) -> None:
        settle(self.devices, rounds=5)
        states = [shared_bytes(device) for device in self.devices]
        assert states[1] == states[0]
        assert states[2] == states[0]
        for device in self.devices:
            notes = device.services.notes
            for session_id, text in self.saved:
                try:
                    note = notes.load(session_id)
                except NotFound:
                    continue
                texts = {note.process_note, *(a.text for a in note.addenda)}
                texts |= {r.text for r in notes.revisions(session_id, NoteKind.PROCESS)}
                assert text in texts

ThreeVaults.TestCase.settings = settings(
    max_examples=3, stateful_step_count=15, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TestThreeVaults = pytest.mark.slow(ThreeVaults.TestCase)
