"""``threadline summary``: a one-page PDF with the figures of the timeline."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from db.services.hub import Services
from desktop.__main__ import main
from tests.conftest import PASSPHRASE, make_vault
from tests.db.analytics_fixtures import STORY_THEMES, Fixture, story_client


def test_summary_is_one_pdf_page_with_the_figures(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "v"
    vault, _ = make_vault(folder)
    with vault.database.write() as s:
        client = story_client(Fixture(s), "SUM-01", 40, STORY_THEMES)
    services = Services.for_vault(vault)
    services.clients.add_goal(client, "Sleep through the night")
    _, analytics = services.analytics.client(client)
    vault.close()
    secret = tmp_path / "pw"
    secret.write_text(PASSPHRASE + "\n")
    target = tmp_path / "summary.pdf"
    assert main(["summary", "--vault", str(folder), "--passphrase-file", str(secret),
                 "--client", "SUM-01", "--out", str(target)]) == 0
    assert "not encrypted" in capsys.readouterr().out
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(
        b"/Type/Page\n") >= 1
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "SUM-01" in text
        assert f"Overall ODF {analytics.overall_odf:.2f}" in text
        assert f"from {analytics.overall_defenses} defenses" in text
        assert "With the therapist" in text
        assert "Sleep through the night" in text
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True,
                              check=True).stdout
        pages = [line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")]
        assert pages == ["1"]
