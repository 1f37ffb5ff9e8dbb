"""The interchange format carries several CCRT categories and valence (added in 0.3), and
reads files written before they existed."""

from __future__ import annotations

from pathlib import Path

from db.interchange import dumps, export_document, import_document, read_bytes
from db.services.episodes import EpisodeInput
from db.services.hub import Services
from db.vault.vault import Vault
from tests.db.analytics_fixtures import Fixture
from tests.interchange.test_roundtrip import empty_vault, without_stamp


def _client_with_episodes(vault: Vault) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("FX-01")
        one, two = f.sessions(client, 2)
        f.episode(one, "ccrt.w.be_loved", "ccrt.ro.rejecting", None)  # as before 0.3
        t = f.themes
    Services.for_vault(vault).episodes.add(two, EpisodeInput(
        wish_theme_id=t["ccrt.w.be_loved"], wish_more=(t["ccrt.w.be_close"],),
        response_of_other_theme_id=t["ccrt.ro.understanding"],
        response_of_other_valence="positive"))


def test_round_trip_keeps_every_category_and_valence(vault: Vault, tmp_path: Path) -> None:
    _client_with_episodes(vault)
    first = export_document(vault.database)
    old_style, new_style = sorted(first["relational_episodes"],
                                  key=lambda e: "wish_theme_2_id" in e)
    # An episode without the new facts is written exactly as before they existed.
    assert "wish_theme_2_id" not in old_style
    assert "response_of_other_valence" not in old_style
    assert new_style["response_of_other_valence"] == "positive"
    assert new_style["wish_theme_2_id"] is not None
    with empty_vault(tmp_path / "copy") as target:
        import_document(target.database, read_bytes(dumps(first)))
        second = export_document(target.database)
        services = Services.for_vault(target)
        client = services.clients.by_code("FX-01")
        wish = services.analytics.ccrt(client.id).overall.component("W")
    assert dumps(without_stamp(first)) == dumps(without_stamp(second))
    assert [(c.theme.key, c.episodes) for c in wish.counts] == [
        ("ccrt.w.be_loved", 2), ("ccrt.w.be_close", 1)]
