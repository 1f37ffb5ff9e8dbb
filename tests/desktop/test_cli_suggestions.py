"""``threadline suggestions`` on a real vault: off below the thresholds, the accuracy the
Settings dialog shows, three themes for a passage read from standard input, and a bad
passage refused with one sentence."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from db.services.hub import Services
from desktop.__main__ import main
from tests.conftest import PASSPHRASE, make_vault
from tests.db.suggestion_helpers import hand_made, mark_in_vault, three_themes


def _vault(tmp_path: Path, per_theme: int) -> tuple[Path, Path, dict[str, str]]:
    folder = tmp_path / "vault"
    vault, _ = make_vault(folder)
    services = Services.for_vault(vault)
    themes = three_themes(services)
    mark_in_vault(services, hand_made(themes, per_theme))
    names = {key: services.themes.theme(theme_id).name for key, theme_id in themes.items()}
    vault.close()
    secret = tmp_path / "pw"
    secret.write_text(PASSPHRASE + "\n")
    return folder, secret, names


def _run(folder: Path, secret: Path, *args: str, stdin: str = "",
         monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["--vault", str(folder), "suggestions", "--passphrase-file", str(secret),
                 *args])


def test_off_below_two_hundred_marked_passages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    folder, secret, _ = _vault(tmp_path, 60)  # 180 passages
    assert _run(folder, secret, "--json", monkeypatch=monkeypatch) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["on"] is False
    assert document["marked_passages"] == 180
    assert document["accuracy"] is None
    assert _run(folder, secret, monkeypatch=monkeypatch) == 0
    assert capsys.readouterr().out.startswith(
        "Suggestions are off: 180 marked passages (200 needed)")


def test_accuracy_and_the_themes_for_a_passage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    folder, secret, names = _vault(tmp_path, 70)  # 210 passages, words of their own each
    assert _run(folder, secret, "--json", "--passage", "-",
                stdin="At the funeral she cried at the grave.", monkeypatch=monkeypatch) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["on"] is True
    assert document["themes_with_enough_passages"] == 3
    assert document["accuracy"]["top1"] > 0.9  # each theme's words are its own
    assert document["accuracy"]["top3"] == 1.0  # three themes: always among the three
    assert document["suggested"][0] == names["loss"]
    assert _run(folder, secret, "--passage", "-", stdin="He stormed out, furious.",
                monkeypatch=monkeypatch) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("On 210 marked passages, the first suggestion would have "
                               "been right")
    assert lines[1] == f"1. {names['anger']}"


def test_an_empty_or_huge_passage_is_refused_in_one_sentence(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder, secret, _ = _vault(tmp_path, 70)
    assert _run(folder, secret, "--passage", "-", stdin="  \n", monkeypatch=monkeypatch) != 0
    said = capsys.readouterr()
    assert "Give the passage on standard input" in said.err
    assert "Traceback" not in said.err
    assert _run(folder, secret, "--passage", "-", stdin="word " * 5000,
                monkeypatch=monkeypatch) != 0
    assert "longer than 20,000 characters" in capsys.readouterr().err
