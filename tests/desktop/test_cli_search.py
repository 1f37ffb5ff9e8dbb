"""``threadline search``: the service's hits as text or JSON, with the CLI's exit codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from db.search.dto import SearchFilters
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from desktop.__main__ import main
from tests.conftest import PASSPHRASE, make_vault
from tests.desktop.test_cli import run_cli, secret_file


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, Path]:
    """A vault with two fictional clients; returns (vault folder, passphrase file)."""
    folder = tmp_path / "v"
    vault, _ = make_vault(folder)
    services = Services.for_vault(vault)
    for code, day, text in [("ROWAN", date(2025, 3, 4), "The locked room in the dream."),
                            ("ROWAN", date(2025, 3, 11), "Spoke of the garden, not the room."),
                            ("ASPEN", date(2025, 3, 5), "A room of her own, she said.")]:
        try:
            client_id = services.clients.by_code(code).id
        except Exception:
            client_id = services.clients.create(ClientInput(code=code)).value.id
        session_id = services.sessions.create(client_id, SessionInput(date=day)).value.id
        services.notes.save(session_id, "process", text)
    vault.close()
    return folder, secret_file(tmp_path, "pw", PASSPHRASE)


def search(filled: tuple[Path, Path], *args: str) -> list[str]:
    return ["search", "--vault", str(filled[0]), "--passphrase-file", str(filled[1]), *args]


def test_json_gives_the_services_hits(filled: tuple[Path, Path],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(search(filled, "room", "--json")) == 0
    printed = json.loads(capsys.readouterr().out)
    with make_vault_open(filled) as services:
        expected = services.search.search("room").hits
    assert [h["session_id"] for h in printed["hits"]] == [str(h.session_id) for h in expected]
    first = printed["hits"][0]
    assert set(first) == {"kind", "client_code", "client_id", "session_id", "number", "date",
                          "snippet", "spans", "score", "source_id"}
    assert all(first["snippet"][s:e].lower() == "room" for s, e in first["spans"])
    assert printed["more"] is False


def test_client_filter_and_text_output(filled: tuple[Path, Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(search(filled, '"locked room"', "--client", "rowan")) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == ["ROWAN  #1  2025-03-04  Process note",
                                "    The locked room in the dream."]
    assert main(search(filled, "garden", "--client", "ASPEN")) == 0
    assert capsys.readouterr().out == "Nothing matches. Try: search all clients and dates.\n"


def test_limit_says_there_is_more(filled: tuple[Path, Path],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(search(filled, "room", "--limit", "1", "--json")) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (len(printed["hits"]), printed["more"]) == (1, True)


def test_user_errors_exit_1_with_one_line(filled: tuple[Path, Path]) -> None:
    result = run_cli(*search(filled, "room", "--client", "NOBODY"))
    assert (result.returncode, result.stderr) == (
        1, "threadline: There is no client with the code NOBODY.\n")
    result = run_cli(*search(filled, "--", "-room"))  # -- : a query that starts with -
    assert result.returncode == 1
    assert result.stderr == ("threadline: Add a word to look for; a search cannot only "
                             "leave words out.\n")
    assert result.stdout == ""


def test_bad_query_text_is_searched_as_words(filled: tuple[Path, Path],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(search(filled, '(locked)^ :"room', "--json")) == 0
    assert len(json.loads(capsys.readouterr().out)["hits"]) == 1


def test_usage_errors_exit_2(filled: tuple[Path, Path]) -> None:
    assert run_cli(*search(filled, "room", "--from", "yesterday")).returncode == 2
    assert run_cli(*search(filled, "room", "--limit", "0")).returncode == 2
    assert run_cli(*search(filled, "room", "--kind", "letters")).returncode == 2


def test_date_and_kind_filters(filled: tuple[Path, Path],
                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(search(filled, "room", "--from", "2025-03-05", "--to", "2025-03-10",
                       "--kind", "process", "--json")) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [(h["client_code"], h["date"]) for h in hits] == [("ASPEN", "2025-03-05")]
    with make_vault_open(filled) as services:
        same = services.search.search("room", SearchFilters(date_from=date(2025, 3, 5),
                                                            date_to=date(2025, 3, 10)))
    assert [str(h.session_id) for h in same.hits] == [h["session_id"] for h in hits]


class make_vault_open:  # noqa: N801 (a small context manager used like a function)
    def __init__(self, filled: tuple[Path, Path]) -> None:
        from db.vault.vault import Vault
        self._vault = Vault.open(filled[0])

    def __enter__(self) -> Services:
        self._vault.unlock(PASSPHRASE)
        return Services.for_vault(self._vault)

    def __exit__(self, *exc: object) -> None:
        self._vault.close()


def test_theme_filter(filled: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    from db.services.marks import MarkInput

    with make_vault_open(filled) as services:
        theme = services.themes.offered()[0]
        aspen = services.clients.by_code("ASPEN").id
        services.marks.add(services.sessions.list_for_client(aspen)[0].id, MarkInput(theme.id))
    assert main(search(filled, "room", "--theme", theme.name.upper(), "--json")) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [h["client_code"] for h in hits] == ["ASPEN"]
    assert main(search(filled, "room", "--theme", "No Such Theme")) == 1
    assert "There is no theme called No Such Theme." in capsys.readouterr().err
