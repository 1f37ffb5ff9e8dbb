"""The FTS index follows every write path: services, plain ORM, Core bulk inserts, cascades.

Marks, episodes, restore and import are written by other parts of Threadline; the index
is kept by SQL triggers, so these tests write those rows the ways such code can (ORM
objects, Core bulk inserts, raw SQL) and check both search results and the index itself.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import delete, insert, text, update

from db.models import Client, Mark, RelationalEpisode, Theme, ThemeCategory, TherapySession
from db.search.dto import SearchFilters
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vault.vault import Vault
from tests.db.search.index_check import assert_index_matches_sources, caught_up


def kinds_found(services: Services, query: str, **filters: object) -> list[str]:
    found = caught_up(services).search.search(query, SearchFilters(**filters))  # type: ignore[arg-type]
    return [hit.kind for hit in found.hits]


@pytest.fixture
def session_id(services: Services) -> uuid.UUID:
    client = services.clients.create(ClientInput(code="WREN", display_name="Ada Example"))
    return services.sessions.create(client.value.id,
                                    SessionInput(date=date(2025, 5, 6))).value.id


@pytest.fixture
def theme_id(vault: Vault) -> uuid.UUID:
    with vault.database.write() as session:
        category = ThemeCategory(name="Defenses")
        session.add(category)
        session.flush()
        theme = Theme(category_id=category.id, name="Splitting")
        session.add(theme)
        session.flush()
        return theme.id


def test_saving_a_note_indexes_it_and_replaces_the_old_text(
        services: Services, vault: Vault, session_id: uuid.UUID) -> None:
    services.notes.save(session_id, "process", "The lighthouse keeper's daughter.")
    assert kinds_found(services, "lighthouse") == ["process"]
    services.notes.save(session_id, "process", "A quiet harbour instead.", "manual")
    assert kinds_found(services, "lighthouse") == []
    assert kinds_found(services, "harbour") == ["process"]
    services.notes.save(session_id, "progress", "Attended; harbour again.")
    assert sorted(kinds_found(services, "harbour")) == ["process", "progress"]
    assert_index_matches_sources(vault)


def test_finalize_and_addendum(services: Services, vault: Vault,
                               session_id: uuid.UUID) -> None:
    services.notes.save(session_id, "process", "Spoke of the orchard.")
    services.notes.finalize(session_id)
    assert kinds_found(services, "orchard") == ["process"]
    services.notes.add_addendum(session_id, "Later remembered the orchard gate.")
    assert sorted(kinds_found(services, "orchard")) == ["addendum", "process"]
    assert kinds_found(services, "gate") == ["addendum"]
    assert_index_matches_sources(vault)


def test_marks_created_updated_deleted(services: Services, vault: Vault,
                                       session_id: uuid.UUID, theme_id: uuid.UUID) -> None:
    with vault.database.write() as session:
        mark = Mark(session_id=session_id, theme_id=theme_id, comment="idealises the father")
        session.add(mark)
        session.flush()
        mark_id = mark.id
    assert kinds_found(services, "idealises") == ["mark"]
    with vault.database.write() as session:
        session.execute(update(Mark).where(Mark.id == mark_id).values(comment="devalues him"))
    assert kinds_found(services, "idealises") == []
    assert kinds_found(services, "devalues") == ["mark"]
    assert_index_matches_sources(vault)
    with vault.database.write() as session:
        session.execute(delete(Mark).where(Mark.id == mark_id))
    assert kinds_found(services, "devalues") == []
    assert_index_matches_sources(vault)


def test_episodes_created_updated_deleted(services: Services, vault: Vault,
                                          session_id: uuid.UUID) -> None:
    with vault.database.write() as session:
        episode = RelationalEpisode(session_id=session_id, other_person="Employer",
                                    narrative="Wanted recognition, was overlooked.")
        session.add(episode)
        session.flush()
        episode_id = episode.id
    assert kinds_found(services, "employer") == ["episode"]
    assert kinds_found(services, "overlooked") == ["episode"]
    with vault.database.write() as session:
        row = session.get(RelationalEpisode, episode_id)
        assert row is not None
        row.other_person, row.narrative = "Sister", "Felt shut out."
    assert kinds_found(services, "employer") == []
    assert kinds_found(services, "sister shut") == ["episode"]
    with vault.database.write() as session:
        row = session.get(RelationalEpisode, episode_id)
        session.delete(row)
    assert kinds_found(services, "sister") == []
    assert_index_matches_sources(vault)


def test_client_rename_and_session_date_move_with_the_index(
        services: Services, vault: Vault, session_id: uuid.UUID) -> None:
    services.notes.save(session_id, "process", "Talked about winter.")
    client = services.sessions.get(session_id).client_id
    assert kinds_found(services, "ada") == ["client"]
    services.clients.update(client, ClientInput(code="HERON", display_name="Bea Example"))
    assert kinds_found(services, "ada") == []
    assert kinds_found(services, "heron") == ["client"]
    assert kinds_found(services, "winter", date_from=date(2025, 5, 6)) == ["process"]
    services.sessions.update(session_id, SessionInput(date=date(2024, 1, 2), number=1))
    assert kinds_found(services, "winter", date_from=date(2025, 5, 6)) == []
    assert kinds_found(services, "winter", date_to=date(2024, 1, 2)) == ["process"]
    hit = caught_up(services).search.search("winter").hits[0]
    assert (hit.client_code, hit.date) == ("HERON", date(2024, 1, 2))
    assert_index_matches_sources(vault)


def test_deleting_a_session_removes_all_its_texts(services: Services, vault: Vault,
                                                   session_id: uuid.UUID,
                                                   theme_id: uuid.UUID) -> None:
    services.notes.save(session_id, "process", "kestrel in the process note")
    services.notes.save(session_id, "progress", "kestrel in the progress note")
    with vault.database.write() as session:
        session.add(Mark(session_id=session_id, theme_id=theme_id, comment="kestrel mark"))
        session.add(RelationalEpisode(session_id=session_id, other_person="Kestrel",
                                      narrative="kestrel episode"))
    services.notes.finalize(session_id)
    services.notes.add_addendum(session_id, "kestrel addendum")
    assert len(kinds_found(services, "kestrel")) == 5
    services.sessions.delete(session_id)
    assert kinds_found(services, "kestrel") == []
    assert_index_matches_sources(vault)


def test_deleting_a_client_cascades_through_the_database(
        services: Services, vault: Vault, session_id: uuid.UUID, theme_id: uuid.UUID) -> None:
    """Foreign-key cascades (not only the ORM's) reach the index through the triggers."""
    services.notes.save(session_id, "process", "falcon")
    with vault.database.write() as session:
        session.add(Mark(session_id=session_id, theme_id=theme_id, comment="falcon mark"))
    with vault.database.write() as session:
        session.execute(text("DELETE FROM client"))
    assert kinds_found(services, "falcon") == []
    assert kinds_found(services, "wren") == []
    assert_index_matches_sources(vault)


def test_client_delete_service(services: Services, vault: Vault,
                               session_id: uuid.UUID) -> None:
    services.notes.save(session_id, "process", "osprey")
    services.clients.delete(services.sessions.get(session_id).client_id)
    assert kinds_found(services, "osprey") == []
    assert_index_matches_sources(vault)


def test_bulk_core_inserts_as_restore_and_import_do(services: Services, vault: Vault) -> None:
    client_id = uuid.uuid4()
    with vault.database.write() as session:
        session.execute(insert(Client), [{"id": client_id, "code": "IBIS",
                                          "display_name": "Cleo Example"}])
        session.execute(insert(TherapySession), [
            {"id": uuid.uuid4(), "client_id": client_id, "number": n, "date": date(2020, 1, n),
             "process_note": f"session {n} about the pelican", "progress_note": ""}
            for n in range(1, 21)])
    found = caught_up(services).search.search("pelican", limit=50)
    assert len(found.hits) == 20
    assert {h.client_code for h in found.hits} == {"IBIS"}
    assert kinds_found(services, "cleo") == ["client"]
    assert_index_matches_sources(vault)


def test_failed_write_leaves_the_index_untouched(services: Services, vault: Vault,
                                                 session_id: uuid.UUID) -> None:
    services.notes.save(session_id, "process", "heron by the water")

    class Boom(Exception):
        pass

    with pytest.raises(Boom), vault.database.write() as session:  # noqa: PT012
        session.execute(update(TherapySession).values(process_note="stork instead"))
        raise Boom
    assert kinds_found(services, "heron") == ["process"]
    assert kinds_found(services, "stork") == []
    assert_index_matches_sources(vault)


def test_mark_and_episode_services(services: Services, vault: Vault, session_id: uuid.UUID,
                                   theme_id: uuid.UUID) -> None:
    from db.services.episodes import EpisodeInput
    from db.services.marks import MarkInput

    mark = services.marks.add(session_id, MarkInput(theme_id, 2, "clings to the rules")).value
    episode = services.episodes.add(session_id, EpisodeInput(
        other_person="Landlord", narrative="Asked for the repair, was ignored.")).value
    assert kinds_found(services, "rules") == ["mark"]
    assert kinds_found(services, "landlord ignored") == ["episode"]
    assert kinds_found(services, "rules", theme_id=theme_id) == ["mark"]
    services.marks.update(mark.id, 3, "rigid about the timetable")
    services.episodes.update(episode.id, EpisodeInput(other_person="Neighbour",
                                                      narrative="Wanted quiet."))
    assert kinds_found(services, "rules OR landlord") == []
    assert sorted(kinds_found(services, "timetable OR neighbour")) == ["episode", "mark"]
    assert_index_matches_sources(vault)
    services.marks.delete(mark.id)
    services.episodes.delete(episode.id)
    assert kinds_found(services, "timetable OR neighbour") == []
    assert_index_matches_sources(vault)


def test_upgrading_an_older_vault_indexes_what_it_holds(services: Services, vault: Vault,
                                                        session_id: uuid.UUID,
                                                        theme_id: uuid.UUID) -> None:
    from alembic import command

    from db.vault.migrate import alembic_config, upgrade_to_head

    services.notes.save(session_id, "process", "An older note about the quarry.")
    services.notes.finalize(session_id)
    services.notes.add_addendum(session_id, "The quarry again.")
    with vault.database.write() as session:
        session.add(Mark(session_id=session_id, theme_id=theme_id, comment="quarry mark"))
    with vault.database.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0001")  # as written before search existed
    with vault.database.read() as session:
        tables = set(session.execute(text(
            "SELECT name FROM sqlite_master WHERE name LIKE 'search%'")).scalars())
    assert tables == set()
    assert upgrade_to_head(vault.database.path, vault.database.engine) is True
    assert sorted(kinds_found(services, "quarry")) == ["addendum", "mark", "process"]
    assert kinds_found(services, "wren") == ["client"]
    assert_index_matches_sources(vault)
