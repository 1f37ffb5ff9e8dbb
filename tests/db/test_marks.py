"""Marks on sessions and passages, passage anchors across save and reopen, and episodes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.anchors import Edit, apply_edit, make_anchor
from db.errors import NotFound, ValidationError
from db.services.episodes import EpisodeInput
from db.services.hub import Services
from db.services.marks import MarkInput
from db.services.passages import PassageInput, PassageRef
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.db.themes_helpers import new_session, theme_id

NOTE = ("She arrived late and said the traffic was awful. When I mentioned the summer break "
        "she went quiet, then joked that I would be glad to be rid of her.")


def passage(words: str, text: str = NOTE) -> PassageInput:
    start = text.index(words)
    return PassageInput.of("process", make_anchor(text, start, start + len(words)))


def test_session_and_passage_marks(services: Services) -> None:
    session_id = new_session(services)
    services.notes.save(session_id, "process", NOTE, "manual")
    humor = theme_id(services, "dmrs.humor")
    whole = services.marks.add(session_id, MarkInput(theme_id(services, "prq.secure_engaged"), 1))
    joke = services.marks.add(session_id, MarkInput(
        humor, 3, "  Jokes about being a burden.  ", passage("joked that I would be glad")))
    assert joke.changed.sessions == {session_id}
    listed = services.marks.list_for_session(session_id)
    assert [m.id for m in listed] == [joke.value.id, whole.value.id]  # passages first
    first = listed[0]
    assert (first.theme_name, first.intensity, first.intensity_word, first.comment) == (
        "Humor", 3, "dominant", "Jokes about being a burden.")
    assert first.passage.anchor is not None
    assert NOTE[first.passage.anchor.start:first.passage.anchor.end] == "joked that I would be glad"
    assert not listed[1].passage.is_passage
    chips = services.sessions.get(session_id).chips
    assert chips[0].name == "Humor"
    assert chips[0].intensity == 3


def test_update_and_delete(services: Services) -> None:
    session_id = new_session(services)
    mark = services.marks.add(session_id, MarkInput(theme_id(services, "dmrs.denial"))).value
    updated = services.marks.update(mark.id, 1, "only a hint").value
    assert (updated.intensity, updated.comment) == (1, "only a hint")
    gone = services.marks.delete(mark.id).value
    assert gone.id == mark.id
    assert services.marks.list_for_session(session_id) == []
    with pytest.raises(NotFound):
        services.marks.update(mark.id, 2, "")


@pytest.mark.parametrize(("data", "message"), [
    (dict(intensity=4), "Intensity"),
    (dict(intensity=0), "Intensity"),
    (dict(comment="x" * 4001), "at most"),
    (dict(passage=PassageInput("process", 5, 5, "")), "Select some words"),
    (dict(passage=PassageInput("diary", 0, 3, "She")), "note kind"),
])
def test_bad_marks_are_refused(services: Services, data: dict[str, object],
                               message: str) -> None:
    session_id = new_session(services)
    with pytest.raises(ValidationError, match=message):
        services.marks.add(session_id, MarkInput(theme_id(services, "dmrs.humor"),
                                                 **data))  # type: ignore[arg-type]
    assert services.marks.list_for_session(session_id) == []


def test_marks_on_a_finalized_note_are_allowed_and_audited(services: Services) -> None:
    session_id = new_session(services)
    services.notes.save(session_id, "process", NOTE, "manual")
    services.notes.finalize(session_id)
    before = services.audit.count()
    mark = services.marks.add(session_id, MarkInput(theme_id(services, "dmrs.humor"), 2,
                                                    "private evidence")).value
    services.marks.update(mark.id, 3, "more private evidence")
    services.marks.delete(mark.id)
    events = services.audit.events(limit=3)
    assert services.audit.count() == before + 3
    assert [e.action for e in reversed(events)] == [
        "mark_finalized", "mark_finalized_edit", "mark_finalized_delete"]
    assert all(json.loads(e.detail)["mark"] == str(mark.id) for e in events)
    assert not any("evidence" in e.detail for e in events)
    assert services.audit.verify_chain() is None


def test_anchors_follow_edits_and_survive_save_and_reopen(
        services: Services, vault: Vault, vault_dir: Path) -> None:
    session_id = new_session(services)
    services.notes.save(session_id, "process", NOTE, "manual")
    joke = services.marks.add(session_id, MarkInput(
        theme_id(services, "dmrs.humor"), passage=passage("joked"))).value
    quiet = services.marks.add(session_id, MarkInput(
        theme_id(services, "dmrs.isolation_of_affects"), passage=passage("went quiet"))).value
    # the clinician types before both passages and deletes the second one's words
    edits = [Edit(0, 0, "Session after the holiday. "), ]
    text = NOTE
    refs = services.passages.anchors(session_id, "process")
    anchors = {r.id: r.anchor for r in refs}
    for edit in edits:
        text = edit.apply(text)
        anchors = {i: apply_edit(a, edit) if a else None for i, a in anchors.items()}
    start = text.index("went quiet")
    deletion = Edit(start, len("went quiet, then "), "")
    text = deletion.apply(text)
    anchors = {i: apply_edit(a, deletion) if a else None for i, a in anchors.items()}
    assert anchors[quiet.id] is None
    services.notes.save(session_id, "process", text, "manual")
    saved = services.passages.save(session_id, "process",
                                   [PassageRef("mark", i, a) for i, a in anchors.items()])
    assert saved.value == 2
    vault.close()

    with Vault.open(vault_dir) as reopened:
        reopened.unlock(PASSPHRASE)
        again = Services.for_vault(reopened)
        assert again.passages.sync(session_id, "process",
                                   again.notes.load(session_id).process_note).value == 0
        by_id = {m.id: m for m in again.marks.list_for_session(session_id)}
        moved = by_id[joke.id].passage
        assert moved.anchor is not None
        assert text[moved.anchor.start:moved.anchor.end] == "joked"
        lost = by_id[quiet.id].passage
        assert lost.anchor is None
        assert lost.lost
        assert lost.quote == "went quiet"
        assert by_id[quiet.id].theme_name == "Isolation of affects"


def test_sync_refinds_drifted_anchors_and_drops_vanished_ones(services: Services) -> None:
    session_id = new_session(services)
    services.notes.save(session_id, "process", NOTE, "manual")
    late = services.marks.add(session_id, MarkInput(
        theme_id(services, "dmrs.rationalization"), passage=passage("the traffic was awful")))
    joke = services.marks.add(session_id, MarkInput(
        theme_id(services, "dmrs.humor"), passage=passage("joked")))
    restored = "Monday.\n" + NOTE.replace("joked", "said")  # e.g. an older revision restored
    changed = services.passages.sync(session_id, "process", restored)
    assert changed.value == 2
    marks = {m.id: m.passage for m in services.marks.list_for_session(session_id)}
    anchor = marks[late.value.id].anchor
    assert anchor is not None
    assert restored[anchor.start:anchor.end] == "the traffic was awful"
    assert marks[joke.value.id].lost


def test_make_session_level(services: Services) -> None:
    session_id = new_session(services)
    mark = services.marks.add(session_id, MarkInput(
        theme_id(services, "dmrs.humor"), passage=passage("joked"))).value
    detached = services.marks.make_session_level(mark.id).value
    assert not detached.passage.is_passage
    assert not detached.passage.lost


def test_episodes_with_components_and_transference(services: Services) -> None:
    session_id = new_session(services)
    services.notes.save(session_id, "process", NOTE, "manual")
    episodes = services.episodes
    ep = episodes.add(session_id, EpisodeInput(
        "", "therapist", wish_theme_id=theme_id(services, "ccrt.w.be_loved"),
        response_of_other_theme_id=theme_id(services, "ccrt.ro.rejecting"),
        response_of_self_theme_id=theme_id(services, "ccrt.rs.disappointed"),
        narrative="Expects me to be glad she is gone.",
        passage=passage("joked that I would be glad to be rid of her"))).value
    assert ep.other_person == "Therapist"
    assert ep.is_transference
    assert ep.wish is not None
    assert ep.wish.key == "ccrt.w.be_loved"
    mother = episodes.add(session_id, EpisodeInput("her mother at the station", "mother")).value
    assert not mother.is_transference
    assert mother.wish is None
    updated = episodes.update(mother.id, EpisodeInput(
        "her mother", "mother", wish_theme_id=theme_id(services, "ccrt.w.be_close"))).value
    assert updated.wish is not None
    assert updated.wish.key == "ccrt.w.be_close"
    client_id = services.sessions.get(session_id).client_id
    assert [e.id for e in episodes.list_for_client(client_id)] == [ep.id, mother.id]
    refs = services.passages.anchors(session_id, "process")
    assert [(r.owner, r.id) for r in refs] == [("episode", ep.id)]
    episodes.delete(mother.id)
    assert [e.id for e in episodes.list_for_session(session_id)] == [ep.id]


@pytest.mark.parametrize(("data", "message"), [
    (dict(other_kind="neighbour"), "who the other person is"),
    (dict(wish_theme="ccrt.ro.helpful"), "CCRT wish for the wish"),
    (dict(response_of_self_theme="dmrs.humor"), "response of self"),
    (dict(other_person="x" * 121), "at most 120"),
])
def test_bad_episodes_are_refused(services: Services, data: dict[str, str],
                                  message: str) -> None:
    session_id = new_session(services)
    fields: dict[str, object] = {"other_person": data.get("other_person", "a friend"),
                                 "other_kind": data.get("other_kind", "friend")}
    for name in ("wish_theme", "response_of_self_theme"):
        if name in data:
            fields[f"{name}_id"] = theme_id(services, data[name])
    with pytest.raises(ValidationError, match=message):
        services.episodes.add(session_id, EpisodeInput(**fields))  # type: ignore[arg-type]
    assert services.episodes.list_for_session(session_id) == []


def test_editing_an_episode_keeps_its_passage_unless_told(services: Services) -> None:
    session_id = new_session(services)
    services.notes.save(session_id, "process", NOTE, "manual")
    ep = services.episodes.add(session_id, EpisodeInput(
        "her boss", "boss", passage=passage("arrived late"))).value
    kept = services.episodes.update(ep.id, EpisodeInput("her manager", "boss")).value
    assert kept.other_person == "her manager"
    assert kept.passage.anchor == ep.passage.anchor
    moved = services.episodes.update(ep.id, EpisodeInput("her manager", "boss"),
                                     keep_passage=False).value
    assert moved.passage.anchor is None
