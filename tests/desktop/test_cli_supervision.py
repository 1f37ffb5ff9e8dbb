"""``threadline supervision`` on the demo vault with names planted in notes and episodes:
none survives in the PDF (read back with pdftotext) nor in the age file (decrypted),
intervals between sessions are kept, and two exports share neither code nor offset."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from pyrage import decrypt, x25519

from db.demo.generator import build_demo
from db.services.dto import ClientInput, SessionInput
from db.services.episodes import EpisodeInput
from db.services.hub import Services
from db.supervision.service import SupervisionService
from db.vault.vault import Vault
from desktop.__main__ import main
from tests.conftest import PASSPHRASE, make_vault

PLANTED = ("Marguerite", "Vandersloot", "Ignatius", "Oksana", "Wolverhampton",
           "7700 900123", "m.vandersloot@example.org", "Larkspur", "2025-02-03",
           "3 February 2025", "MV-01")
# The demo vault takes about 15 s to build (once for the module).
pytestmark = pytest.mark.slow

NOTE = ("Marguerite Vandersloot came in late. She spoke of Ignatius, who lives at 14 "
        "Larkspur Road, and of her friend Oksana in Wolverhampton. Call +44 7700 900123 or "
        "write to m.vandersloot@example.org. On 2025-02-03 (3 February 2025) she dreamt "
        "of MV-01 being read aloud.")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("supervision") / "vault"
    vault, _ = make_vault(folder)
    services = Services.for_vault(vault)
    build_demo(services, "small", seed=3, today=date(2026, 6, 1))
    client = services.clients.create(ClientInput("MV-01", "Marguerite Vandersloot",
                                                 intake_date=date(2025, 1, 6))).value
    for week in (0, 1, 3, 7):
        made = services.sessions.create(client.id, SessionInput(
            date(2025, 1, 6) + timedelta(weeks=week))).value
        services.notes.save(made.id, "process", NOTE, reason="manual")
    wish = next(t for t in services.themes.taxonomy().themes if t.ccrt_component == "W")
    services.episodes.add(made.id, EpisodeInput(
        "her neighbour Ignatius", wish_theme_id=wish.id,
        narrative="Ignatius shouted at Marguerite over the fence."))
    SupervisionService(vault).set_lists(["Oksana"], ["Wolverhampton"])
    vault.close()
    secret = folder.parent / "pw"
    secret.write_text(PASSPHRASE + "\n")
    return folder, secret


def _export(demo: tuple[Path, Path], out: Path, *more: str) -> int:
    folder, secret = demo
    return main(["--vault", str(folder), "supervision", "--passphrase-file", str(secret),
                 "--client", "MV-01", "--include-notes", "--out", str(out), "--yes", *more])


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _dates(text: str) -> list[date]:
    return [date.fromisoformat(d) for d in re.findall(r"Session \d+ — (\d{4}-\d{2}-\d{2})",
                                                       text)]


def test_no_planted_name_survives_and_intervals_are_kept(demo: tuple[Path, Path],
                                                         tmp_path: Path) -> None:
    first, second = tmp_path / "one.pdf", tmp_path / "two.pdf"
    assert _export(demo, first) == 0
    assert _export(demo, second) == 0
    one, two = _pdf_text(first), _pdf_text(second)
    assert re.search(r"Person [A-Z]+ came in late", one)
    assert "in Place A." in one
    squashed = " ".join(one.split())
    for planted in PLANTED:
        assert planted.casefold() not in squashed.casefold(), planted
    days = _dates(one)[:4]
    assert [(b - a).days for a, b in zip(days, days[1:], strict=False)] == [7, 14, 28]
    code_one = re.search(r"SV-[A-Z0-9]{5}", one)
    code_two = re.search(r"SV-[A-Z0-9]{5}", two)
    assert code_one is not None and code_two is not None  # noqa: PT018
    assert code_one.group() != code_two.group()
    assert _dates(one)[0] != _dates(two)[0]  # a different offset each time
    assert _dates(one)[0] != date(2025, 1, 6)


def test_an_age_file_to_the_supervisor_holds_no_name(demo: tuple[Path, Path],
                                                     tmp_path: Path) -> None:
    identity = x25519.Identity.generate()
    out = tmp_path / "for-supervisor.age"
    assert _export(demo, out, "--recipient", str(identity.to_public())) == 0
    pdf = tmp_path / "decrypted.pdf"
    pdf.write_bytes(decrypt(out.read_bytes(), [identity]))
    text = " ".join(_pdf_text(pdf).split())
    assert "Supervision summary" in text
    for planted in PLANTED:
        assert planted.casefold() not in text.casefold(), planted
    folder, _ = demo
    with Vault.open(folder) as vault:
        vault.unlock(PASSPHRASE)
        events = Services.for_vault(vault).audit.events()
        exports = [e for e in events if e.action == "supervision_export"]
        assert exports
        assert all("Marguerite" not in e.detail for e in exports)


def test_declining_the_preview_writes_nothing(demo: tuple[Path, Path], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    folder, secret = demo
    out = tmp_path / "never.pdf"
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert main(["--vault", str(folder), "supervision", "--passphrase-file", str(secret),
                 "--client", "MV-01", "--include-notes", "--out", str(out)]) == 1
    shown = capsys.readouterr()
    assert re.search(r"«Person [A-Z]+» came in late", shown.out)
    assert "⟦Modality⟧" not in shown.out  # Threadline's own words are not flagged
    assert shown.err == "threadline: Nothing was written.\n"
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "sentence"), [
    (("--recipient", "age1notakey"), "That is not an age public key (one starts with “age1”)."),
    (("--from", "2025-03-01", "--to", "2025-01-01"),
     "The start of the period is after its end."),
])
def test_bad_input_is_one_sentence_and_writes_nothing(
        demo: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        args: tuple[str, ...], sentence: str) -> None:
    out = tmp_path / "x.pdf"
    capsys.readouterr()
    assert _export(demo, out, *args) == 1
    assert capsys.readouterr().err == f"threadline: {sentence}\n"
    assert not out.exists()
