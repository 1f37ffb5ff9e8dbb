"""The theme editor's service: each edit, its undo and redo, merge and archive rules."""

from __future__ import annotations

import uuid

import pytest

from db.errors import ValidationError
from db.services.episodes import EpisodeInput
from db.services.hub import Services
from db.services.marks import MarkInput
from db.services.theme_dto import ArchiveNeedsConfirmation, CategoryInput, ThemeInput
from tests.db.themes_helpers import new_session, theme_id


def category_id(services: Services, key: str) -> uuid.UUID:
    return next(c.id for c in services.themes.taxonomy().categories if c.key == key)



@pytest.mark.parametrize(("operation", "field", "value"), [
    ("rename", "name", "Wit"),
    ("recolour", "color", "#1a2b3c"),
    ("redescribe", "definition", "Finds the funny side of a painful thing."),
])
def test_simple_edits_and_their_undo(services: Services, operation: str, field: str,
                                     value: str) -> None:
    themes = services.themes
    humor = theme_id(services, "dmrs.humor")
    before = themes.taxonomy()
    outcome = getattr(themes, operation)(humor, value)
    assert outcome.changed.themes
    after = themes.taxonomy()
    assert getattr(after.theme(humor), field) == value
    redo = themes.apply(outcome.value.inverse).value.inverse
    assert themes.taxonomy() == before
    themes.apply(redo)
    assert themes.taxonomy() == after


def test_bad_values_are_refused_and_change_nothing(services: Services) -> None:
    themes = services.themes
    humor = theme_id(services, "dmrs.humor")
    before = themes.taxonomy()
    with pytest.raises(ValidationError, match="name"):
        themes.rename(humor, "   ")
    with pytest.raises(ValidationError, match="#rrggbb"):
        themes.recolour(humor, "red")
    with pytest.raises(ValidationError, match="already a theme called"):
        themes.rename(humor, "ALTRUISM")
    assert themes.taxonomy() == before


def test_move_files_the_theme_under_its_new_level_and_undo_restores_it(
        services: Services) -> None:
    themes = services.themes
    humor = theme_id(services, "dmrs.humor")
    child = themes.add_theme(ThemeInput("Gallows humour", category_id(services, "dmrs.l7"),
                                        parent_id=humor)).value.theme_id
    before = themes.taxonomy()
    outcome = themes.move(humor, category_id(services, "dmrs.l6"))
    after = themes.taxonomy()
    assert after.theme(humor).dmrs_level == 6
    assert after.theme(child).category_id == category_id(services, "dmrs.l6")
    assert after.theme(child).dmrs_level == 6
    themes.move(humor, category_id(services, "process"))
    assert themes.taxonomy().theme(humor).dmrs_level is None
    themes.move(humor, category_id(services, "dmrs.l6"))
    themes.apply(outcome.value.inverse)
    assert themes.taxonomy().theme(humor) == before.theme(humor)
    assert themes.taxonomy().theme(child) == before.theme(child)


def test_a_theme_cannot_be_moved_under_itself(services: Services) -> None:
    themes = services.themes
    humor = theme_id(services, "dmrs.humor")
    child = themes.add_theme(ThemeInput("Irony", category_id(services, "dmrs.l7"),
                                        parent_id=humor)).value.theme_id
    with pytest.raises(ValidationError, match="under itself"):
        themes.move(humor, category_id(services, "dmrs.l7"), parent_id=child)


def test_add_theme_and_category_and_their_undo(services: Services) -> None:
    themes = services.themes
    before = themes.taxonomy()
    cat = themes.add_category(CategoryInput("Supervision", description="For supervision"))
    new = themes.add_theme(ThemeInput("Parallel process", cat.value.category_id,
                                      color="#AABBCC"))
    theme = themes.theme(new.value.theme_id)
    assert (theme.color, theme.key, theme.offered) == ("#aabbcc", None, True)
    themes.apply(new.value.inverse)
    themes.apply(cat.value.inverse)
    assert themes.taxonomy() == before


def test_category_edits_and_undo(services: Services) -> None:
    themes = services.themes
    prq = category_id(services, "prq")
    before = themes.taxonomy()
    results = [themes.rename_category(prq, "Transference"),
               themes.redescribe_category(prq, "How the client relates to me."),
               themes.move_category(prq, category_id(services, "process"))]
    moved = themes.taxonomy().category(prq)
    assert (moved.name, moved.parent_id) == ("Transference", category_id(services, "process"))
    with pytest.raises(ValidationError, match="inside itself"):
        themes.move_category(category_id(services, "process"), prq)
    for outcome in reversed(results):
        themes.apply(outcome.value.inverse)
    assert themes.taxonomy() == before


def test_archived_themes_keep_history_but_are_not_offered(services: Services) -> None:
    themes, marks = services.themes, services.marks
    session_id = new_session(services)
    denial = theme_id(services, "dmrs.denial")
    mark = marks.add(session_id, MarkInput(denial, 3, "Said the diagnosis was a mix-up."))
    outcome = themes.archive(denial)
    assert denial not in {t.id for t in themes.offered()}
    listed = marks.list_for_session(session_id)
    assert [(m.id, m.theme_name, m.theme_offered) for m in listed] == [
        (mark.value.id, "Denial", False)]
    with pytest.raises(ValidationError, match="archived"):
        marks.add(session_id, MarkInput(denial))
    themes.apply(outcome.value.inverse)
    assert denial in {t.id for t in themes.offered()}


def test_archiving_a_category_with_marks_asks_first(services: Services) -> None:
    themes = services.themes
    session_id = new_session(services)
    services.marks.add(session_id, MarkInput(theme_id(services, "prq.sexualized")))
    prq = category_id(services, "prq")
    before = themes.taxonomy()
    with pytest.raises(ArchiveNeedsConfirmation) as asked:
        themes.archive_category(prq)
    assert asked.value.mark_count == 1
    assert "1 mark" in str(asked.value)
    assert themes.taxonomy() == before
    outcome = themes.archive_category(prq, confirm=True)
    offered = {t.id for t in themes.offered()}
    assert not any(t.id in offered for t in themes.taxonomy().themes_in(prq))
    themes.apply(outcome.value.inverse)
    assert themes.taxonomy() == before
    # an unused category needs no confirmation
    themes.archive_category(category_id(services, "ctq"))


def test_merge_moves_marks_and_episode_references_and_undo_moves_them_back(
        services: Services) -> None:
    themes, marks = services.themes, services.marks
    session_id = new_session(services)
    close, loved = theme_id(services, "ccrt.w.be_close"), theme_id(services, "ccrt.w.be_loved")
    first = marks.add(session_id, MarkInput(close, 2)).value
    kept = marks.add(session_id, MarkInput(loved, 1)).value
    episode = services.episodes.add(session_id, EpisodeInput("her sister", "sibling",
                                                             wish_theme_id=close)).value
    child = themes.add_theme(ThemeInput("Close at a distance", category_id(services, "ccrt.w"),
                                        parent_id=close)).value.theme_id
    before = themes.taxonomy()

    outcome = themes.merge(close, loved)

    after = themes.taxonomy()
    assert after.theme(close).merged_into_id == loved
    assert not after.theme(close).offered
    assert after.theme(loved).mark_count == 2
    assert {m.theme_id for m in marks.list_for_session(session_id)} == {loved}
    wish = services.episodes.list_for_session(session_id)[0].wish
    assert wish is not None
    assert wish.id == loved
    assert after.theme(child).parent_id is None
    assert after.theme(child).offered
    # a mark added to the target after the merge stays there on undo
    later = marks.add(session_id, MarkInput(loved, 3)).value
    redo = themes.apply(outcome.value.inverse).value.inverse
    by_id = {m.id: m.theme_id for m in marks.list_for_session(session_id)}
    assert by_id == {first.id: close, kept.id: loved, later.id: loved}
    assert services.episodes.list_for_session(session_id)[0].wish.id == close  # type: ignore[union-attr]
    marks.delete(later.id)
    assert themes.taxonomy() == before
    themes.apply(redo)
    assert themes.taxonomy().theme(close).merged_into_id == loved
    assert episode.id == services.episodes.list_for_session(session_id)[0].id


@pytest.mark.parametrize(("source", "target", "message"), [
    ("dmrs.humor", "dmrs.humor", "into itself"),
    ("ccrt.w.be_close", "ccrt.ro.helpful", "same component"),
])
def test_merge_refusals(services: Services, source: str, target: str, message: str) -> None:
    before = services.themes.taxonomy()
    with pytest.raises(ValidationError, match=message):
        services.themes.merge(theme_id(services, source), theme_id(services, target))
    assert services.themes.taxonomy() == before


def test_merge_into_an_archived_theme_is_refused(services: Services) -> None:
    altruism = theme_id(services, "dmrs.altruism")
    services.themes.archive(altruism)
    with pytest.raises(ValidationError, match="not archived"):
        services.themes.merge(theme_id(services, "dmrs.humor"), altruism)


def test_delete_only_unused_themes_and_undo_brings_the_key_back(services: Services) -> None:
    themes = services.themes
    humor = theme_id(services, "dmrs.humor")
    outcome = themes.delete_theme(humor)
    assert "dmrs.humor" not in themes.ids_by_key()
    themes.apply(outcome.value.inverse)
    assert themes.ids_by_key(["dmrs.humor"]) == {"dmrs.humor": humor}
    services.marks.add(new_session(services), MarkInput(humor))
    with pytest.raises(ValidationError, match="archive it instead"):
        themes.delete_theme(humor)
    with pytest.raises(ValidationError, match="empty category"):
        themes.delete_category(category_id(services, "dmrs.l7"))


def test_client_patterns_are_offered_only_for_their_client(services: Services) -> None:
    themes = services.themes
    wren = services.sessions.get(new_session(services, "WREN")).client_id
    other_session = new_session(services, "HERON")
    avoidant = theme_id(services, "prq.avoidant_counterdependent")
    pattern = themes.add_theme(ThemeInput(
        "Withdraws when a break is announced", category_id(services, "prq"),
        parent_id=avoidant, client_id=wren)).value.theme_id
    dto = themes.theme(pattern)
    assert dto.client_id == wren
    assert dto.parent_id == avoidant
    assert dto.color == themes.theme(avoidant).color
    assert pattern in {t.id for t in themes.offered(wren)}
    assert pattern not in {t.id for t in themes.offered(None)}
    assert pattern not in {t.id for t in themes.offered_for_session(other_session)}
    assert [t.id for t in themes.patterns_for_client(wren)] == [pattern]
    with pytest.raises(ValidationError, match="another client"):
        services.marks.add(other_session, MarkInput(pattern))
    with pytest.raises(ValidationError, match="client's pattern"):
        themes.merge(theme_id(services, "prq.secure_engaged"), pattern)
