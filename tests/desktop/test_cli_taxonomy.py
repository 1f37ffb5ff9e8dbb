"""``threadline taxonomy``: the vault's themes as a tree or as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.services.hub import Services
from db.services.theme_dto import ThemeInput
from desktop.__main__ import main
from tests.conftest import PASSPHRASE, make_vault
from tests.db.themes_helpers import new_session


@pytest.fixture
def vault_args(tmp_path: Path) -> list[str]:
    vault, _ = make_vault(tmp_path / "v")
    services = Services.for_vault(vault)
    tax = services.themes.taxonomy()
    services.themes.rename(tax.by_key("dmrs.humor").id, "Wit")
    services.themes.archive(tax.by_key("ctq.positive").id)
    client = services.sessions.get(new_session(services, "LARK")).client_id
    prq = next(c for c in tax.categories if c.key == "prq")
    services.themes.add_theme(ThemeInput("Withdraws before breaks", prq.id, client_id=client))
    vault.close()
    secret = tmp_path / "pw"
    secret.write_text(PASSPHRASE + "\n")
    return ["--vault", str(tmp_path / "v"), "--passphrase-file", str(secret)]


def test_text_output_is_a_tree_with_keys_levels_and_components(
        vault_args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["taxonomy", *vault_args]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Taxonomy revision 2: 15 categories, 92 themes."
    assert "Defenses (DMRS) [dmrs]" in lines
    assert "  High adaptive [dmrs.l7]" in lines
    wit = next(line for line in lines if "- Wit " in line)
    assert "dmrs.humor" in wit
    assert "level 7" in wit
    assert any("ccrt.w.be_loved" in line and "wish" in line for line in lines)
    assert any("ccrt.ro.rejecting" in line and "response of other" in line for line in lines)
    assert any("ctq.positive" in line and "archived" in line for line in lines)
    assert any("Withdraws before breaks" in line and "client LARK" in line and "own" in line
               for line in lines)
    assert out.count("- ") == 92


def test_json_output(vault_args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["taxonomy", "--json", *vault_args]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["taxonomy_revision"] == 2
    assert len(data["categories"]) == 15
    assert len(data["themes"]) == 92
    by_key = {t["key"]: t for t in data["themes"] if t["key"]}
    assert by_key["dmrs.humor"]["name"] == "Wit"
    assert by_key["dmrs.humor"]["dmrs_level"] == 7
    assert by_key["dmrs.humor"]["category_key"] == "dmrs.l7"
    assert by_key["ccrt.rs.helpless"]["ccrt_component"] == "RS"
    assert by_key["ctq.positive"]["archived"] is True
    assert by_key["ctq.positive"]["offered"] is False
    assert by_key["prq.sexualized"]["archived"] is False
    own = [t for t in data["themes"] if t["key"] is None]
    assert [(t["name"], t["client"]) for t in own] == [("Withdraws before breaks", "LARK")]
    level_of = {c["key"]: c["parent_key"] for c in data["categories"]}
    assert level_of["dmrs.l3"] == "dmrs"


def test_wrong_passphrase_is_one_line_and_exit_1(
        tmp_path: Path, vault_args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase at all\n")
    assert main(["taxonomy", "--vault", vault_args[1], "--passphrase-file", str(wrong)]) == 1
    err = capsys.readouterr().err
    assert err == "threadline: Wrong passphrase.\n"


def test_json_lists_categories_in_display_order_with_their_source(
        vault_args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["taxonomy", *vault_args]) == 0
    tree = [line.strip() for line in capsys.readouterr().out.splitlines()[1:]
            if not line.lstrip().startswith("- ")]
    assert main(["taxonomy", "--json", *vault_args]) == 0
    data = json.loads(capsys.readouterr().out)
    # The tree's order (each category followed by its subcategories) is the JSON's order.
    assert [f"{c['name']} [{c['key'] or 'own'}]" for c in data["categories"]] == tree
    by_key = {c["key"]: c for c in data["categories"]}
    assert "Perry" in by_key["dmrs"]["source"]
    themes = {t["key"]: t for t in data["themes"] if t["key"]}
    assert "Bradley" in themes["prq.sexualized"]["source"]
    own = next(t for t in data["themes"] if t["key"] is None)
    assert own["source"] == ""
