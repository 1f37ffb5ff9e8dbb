"""What the command line prints: no terminal escape from data, one sentence for any error."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from db.search.service import SearchService
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from desktop.__main__ import main
from desktop.cli.output import safe_lines, safe_text
from tests.conftest import PASSPHRASE, make_vault
from tests.desktop.test_cli import run_cli, secret_file

#: Clear the screen, write the terminal's clipboard (OSC 52), a C1 CSI, a bidi override.
HOSTILE = "\x1b[2J\x1b]52;c;cm0gLXJmIH4K\x07\x9b31m\u202e"
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def _clean(text: str) -> bool:
    return not any(char in text for char in RAW)


@pytest.fixture
def hostile_vault(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "v"
    vault, _ = make_vault(folder)
    services = Services.for_vault(vault)
    client_id = services.clients.create(ClientInput(code=f"EV{HOSTILE}IL")).value.id
    session_id = services.sessions.create(client_id, SessionInput(date=date(2025, 4, 1))).value.id
    services.notes.save(session_id, "process", f"She dreamt of a lighthouse {HOSTILE} again.")
    vault.close()
    return folder, secret_file(tmp_path, "pw", PASSPHRASE)


def test_safe_text_escapes_every_control_character() -> None:
    assert safe_text(f"a{HOSTILE}b\nc") == (
        "a\\x1b[2J\\x1b]52;c;cm0gLXJmIH4K\\x07\\u009b31m\\u202eb\\x0ac")
    assert safe_lines("one\ttwo\x1b[2J\nthree") == "one\ttwo\\x1b[2J\nthree"
    assert safe_text("Zweite Sitzung – café") == "Zweite Sitzung – café"


@pytest.mark.parametrize("as_json", [False, True])
def test_search_prints_hostile_note_text_escaped(
        hostile_vault: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
        as_json: bool) -> None:
    folder, pw = hostile_vault
    args = ["search", "--vault", str(folder), "--passphrase-file", str(pw), "lighthouse"]
    assert main(args + (["--json"] if as_json else [])) == 0
    printed = capsys.readouterr().out
    assert "lighthouse" in printed
    assert _clean(printed), repr(printed)


def test_import_preview_prints_hostile_file_names_escaped(
        hostile_vault: tuple[Path, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder, pw = hostile_vault
    notes = tmp_path / "notes" / f"Client{HOSTILE}"
    notes.mkdir(parents=True)
    (notes / f"2024-03-01{HOSTILE}.txt").write_text("A quiet hour.\n", encoding="utf-8")
    (notes / f"nodate{HOSTILE}.txt").write_text("no date here\n", encoding="utf-8")
    assert main(["import", "--vault", str(folder), "--passphrase-file", str(pw),
                 str(tmp_path / "notes"), "--preview"]) == 0
    printed = capsys.readouterr().out
    assert "Would import" in printed
    assert "2024-03-01" in printed
    assert _clean(printed), repr(printed)


def test_an_unexpected_error_is_one_sentence_and_its_class_in_the_log(
        hostile_vault: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """A fault inside a real command (the search service breaks mid-way)."""
    folder, pw = hostile_vault

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the lighthouse dream of EVIL")  # client text in the message

    monkeypatch.setattr(SearchService, "search", broken)
    with caplog.at_level(logging.INFO):
        status = main(["search", "--vault", str(folder), "--passphrase-file", str(pw), "x"])
    assert status == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("threadline: Something went wrong")
    assert "Traceback" not in err
    assert "lighthouse" not in err
    assert "RuntimeError" in caplog.text
    assert "lighthouse" not in caplog.text


@pytest.mark.parametrize("page", [1, 3, -1])
def test_a_damaged_database_gives_exactly_one_line_on_stderr(tmp_path: Path, page: int) -> None:
    """SQLCipher's own log ("hmac check failed for pgno=…") must not reach the terminal."""
    folder = tmp_path / "v"
    vault, _ = make_vault(folder)
    vault.close()
    db = folder / "threadline.db"
    data = bytearray(db.read_bytes())
    pages = len(data) // 4096
    offset = (page - 1 if page > 0 else pages - 1) * 4096 + 200
    data[offset] ^= 0xFF
    db.write_bytes(bytes(data))
    pw = secret_file(tmp_path, "pw", PASSPHRASE)
    result = run_cli("search", "--vault", str(folder), "--passphrase-file", str(pw), "x")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("threadline: ")
