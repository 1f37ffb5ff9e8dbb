"""Migration 0006 keeps every episode as it was: one category per component, valence
unrated; the new categories and valences then store and read back."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text

from db.errors import ValidationError
from db.services.episodes import EpisodeInput
from db.services.hub import Services
from db.vault.migrate import alembic_config
from db.vault.vault import Vault
from tests.db.analytics_fixtures import Fixture


def test_episodes_survive_the_upgrade_unchanged(vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("MG-06")
        (one,) = f.sessions(client, 1)
        f.episode(one, "ccrt.w.be_loved", "ccrt.ro.rejecting", "ccrt.rs.helpless")
        wish, ro, rs = (f.themes[k] for k in (
            "ccrt.w.be_loved", "ccrt.ro.rejecting", "ccrt.rs.helpless"))
    triggers = ("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'relational_episode' ORDER BY name")
    with vault.database.engine.begin() as conn:
        kept = conn.execute(text(triggers)).all()
        assert kept  # the search index's triggers
        command.downgrade(alembic_config(conn), "0005")
        # The table is copied in both directions; its triggers are made again each time.
        # At 0005 only the search index's triggers existed (sync's came with 0009).
        searching = [row for row in kept if row[0].startswith("search_")]
        assert searching
        assert conn.execute(text(triggers)).all() == searching
        columns = {row[1] for row in conn.execute(text("PRAGMA table_info(relational_episode)"))}
        assert "wish_theme_2_id" not in columns
        command.upgrade(alembic_config(conn), "head")
        assert conn.execute(text(triggers)).all() == kept
        rows = conn.execute(text(
            "SELECT wish_theme_id, response_of_other_theme_id, response_of_self_theme_id, "
            "wish_theme_2_id, response_of_other_theme_3_id, response_of_other_valence, "
            "response_of_self_valence FROM relational_episode")).all()
    assert [tuple(rows[0])] == [(wish.hex, ro.hex, rs.hex, None, None, None, None)]
    summary = services.analytics.ccrt(client)
    top = summary.overall.component("W").top
    assert top is not None
    assert top.theme.key == "ccrt.w.be_loved"


def test_several_categories_and_valence_count_as_luborsky_scores_them(
        vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("MG-07")
        one, two = f.sessions(client, 2)
        t = f.themes
    add = services.episodes.add
    # Episode 1: W be_loved + be_close; RO rejecting (negative); RS helpless + anxious.
    add(one, EpisodeInput(
        wish_theme_id=t["ccrt.w.be_loved"], wish_more=(t["ccrt.w.be_close"],),
        response_of_other_theme_id=t["ccrt.ro.rejecting"],
        response_of_other_valence="negative",
        response_of_self_theme_id=t["ccrt.rs.helpless"],
        response_of_self_more=(t["ccrt.rs.anxious_ashamed"],),
        response_of_self_valence="negative"))
    # Episode 2: W be_loved; RO understanding + helpful (positive); RS unrated.
    dto = add(two, EpisodeInput(
        wish_theme_id=t["ccrt.w.be_loved"],
        response_of_other_theme_id=t["ccrt.ro.understanding"],
        response_of_other_more=(t["ccrt.ro.helpful"],), response_of_other_valence="positive",
        response_of_self_theme_id=t["ccrt.rs.respected"])).value
    assert [r.name for r in dto.categories("RO")] == ["Understanding", "Helpful"]
    assert dto.response_of_other_valence == "positive"
    overall = services.analytics.ccrt(client).overall
    # W: be_loved in both episodes = 2/2; be_close in one = 1/2.
    assert [(c.theme.key, c.pervasiveness) for c in overall.component("W").counts] == [
        ("ccrt.w.be_loved", 1.0), ("ccrt.w.be_close", 0.5)]
    # RO: rejecting, understanding and helpful each in 1 of 2 episodes.
    assert [c.episodes for c in overall.component("RO").counts] == [1, 1, 1]
    # Valence: RO one positive, one negative; RS one negative, one scored but unrated.
    assert overall.valence == {"RO": (1, 1, 0), "RS": (0, 1, 1)}
    with pytest.raises(ValidationError):  # a fourth wish
        add(one, EpisodeInput(wish_theme_id=t["ccrt.w.be_loved"], wish_more=(
            t["ccrt.w.be_close"], t["ccrt.w.be_distant"], t["ccrt.w.feel_good"])))
    with pytest.raises(ValidationError):  # an RO in the wish slot
        add(one, EpisodeInput(wish_theme_id=t["ccrt.w.be_loved"],
                              wish_more=(t["ccrt.ro.helpful"],)))
    with pytest.raises(ValidationError):
        add(one, EpisodeInput(response_of_self_theme_id=t["ccrt.rs.helpless"],
                              response_of_self_valence="neutral"))
    assert services.analytics.ccrt(client).overall.episodes == 2
