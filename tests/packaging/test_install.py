"""The tarball unpacks, installs for one user into ~/.local, runs, and uninstalls cleanly."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tomllib
from pathlib import Path

import pytest

from tests.packaging.conftest import REPO, TIMEOUT

pytestmark = pytest.mark.dist

APP_ID = "org.threadline.Threadline"
ICON_SIZES = ("16x16", "24x24", "32x32", "48x48", "64x64", "128x128", "256x256", "512x512")


def version() -> str:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


@pytest.fixture
def unpacked(bundle: Path, tmp_path: Path) -> Path:
    tarballs = sorted((REPO / "dist").glob(f"threadline-{version()}-linux-*.tar.gz"))
    assert len(tarballs) == 1, tarballs
    with tarfile.open(tarballs[0]) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    folder = tmp_path / "unpacked" / f"threadline-{version()}"
    assert (folder / "threadline").is_file()
    return folder


def sh(script: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(script)], capture_output=True, text=True, timeout=TIMEOUT,
                          check=False, env=dict(os.environ))


def test_install_run_and_uninstall_for_one_user(unpacked: Path) -> None:
    home = Path(os.environ["HOME"])
    data = Path(os.environ["XDG_DATA_HOME"])
    installed = sh(unpacked / "install.sh")
    assert installed.returncode == 0, installed.stderr
    again = sh(unpacked / "install.sh")  # installing over an earlier install replaces it
    assert again.returncode == 0, again.stderr

    app = home / ".local" / "lib" / "threadline"
    command = home / ".local" / "bin" / "threadline"
    entry = data / "applications" / f"{APP_ID}.desktop"
    assert command.is_symlink()
    assert command.resolve() == (app / "threadline").resolve()
    assert f'Exec="{app}/threadline"' in entry.read_text(encoding="utf-8").splitlines()
    icons = [data / "icons" / "hicolor" / size / "apps" / f"{APP_ID}.png" for size in ICON_SIZES]
    icons.append(data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg")
    assert all(icon.is_file() for icon in icons)
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                                 text=True, check=False)
        assert checked.returncode == 0, checked.stdout

    if shutil.which("appstreamcli"):
        checked = subprocess.run(["appstreamcli", "validate", "--no-net",
                                  str(data / "metainfo" / f"{APP_ID}.metainfo.xml")],
                                 capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stdout

    ran = subprocess.run([str(command), "--version"], capture_output=True, text=True,
                         timeout=TIMEOUT, check=False)
    assert ran.stdout == f"Threadline {version()}\n"

    vault = data / "Threadline" / "vault"
    vault.mkdir(parents=True)
    (vault / "vault.key").write_text("kept", encoding="utf-8")
    removed = sh(app / "uninstall.sh")
    assert removed.returncode == 0, removed.stderr
    assert not app.exists()
    assert not command.exists()
    assert not command.is_symlink()
    assert not entry.exists()
    assert not any(icon.exists() for icon in icons)
    assert not (data / "metainfo" / f"{APP_ID}.metainfo.xml").exists()
    assert (vault / "vault.key").read_text(encoding="utf-8") == "kept"


def test_install_refuses_to_replace_a_file_it_did_not_make(unpacked: Path) -> None:
    home = Path(os.environ["HOME"])
    command = home / ".local" / "bin" / "threadline"
    command.parent.mkdir(parents=True)
    command.write_text("#!/bin/sh\n", encoding="utf-8")
    refused = sh(unpacked / "install.sh")
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1
    assert "move it away first" in refused.stderr
    assert command.read_text(encoding="utf-8") == "#!/bin/sh\n"
    assert not (home / ".local" / "lib" / "threadline").exists()


def test_install_refuses_to_replace_another_programs_link(unpacked: Path,
                                                          tmp_path: Path) -> None:
    home = Path(os.environ["HOME"])
    command = home / ".local" / "bin" / "threadline"
    command.parent.mkdir(parents=True)
    elsewhere = tmp_path / "other-threadline"
    elsewhere.write_text("#!/bin/sh\n", encoding="utf-8")
    command.symlink_to(elsewhere)
    refused = sh(unpacked / "install.sh")
    assert refused.returncode == 1
    assert "move it away first" in refused.stderr
    assert command.readlink() == elsewhere


def test_uninstall_without_an_install_says_so(unpacked: Path) -> None:
    result = sh(unpacked / "uninstall.sh")
    assert result.returncode == 1
    assert "not installed" in result.stderr
