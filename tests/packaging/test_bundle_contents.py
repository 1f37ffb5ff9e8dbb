"""What is in the built bundle: data files, only the Qt that is used, libraries, licences."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from desktop import qtcheck
from tests.packaging.conftest import REPO

pytestmark = pytest.mark.dist

USED_QT = {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport"}
#: Qt libraries that must never be in the bundle (big and unused).
UNWANTED_QT = re.compile(r"libQt6(Qml|Quick|WebEngine|3D|Multimedia|Pdf|Designer|Charts)")
#: Libraries the spec leaves out with Qt's GTK theme plugin (see packaging/threadline.spec).
GTK_STACK = ("libgtk-3", "libgdk-3", "libatk-", "libgdk_pixbuf", "libcairo", "libpango")
#: System libraries a bundle may find missing on a bare machine: the ones desktop/qtcheck.py
#: names (with their package), the graphics drivers' GL libraries and the Wayland client
#: libraries that every Wayland desktop has (only Qt's Wayland plugins use them).
SYSTEM_LIBRARIES = tuple(f"lib{name}." for name in qtcheck.XCB_LIBRARIES) + (
    "libGL.", "libGLX.", "libOpenGL.", "libEGL.", "libwayland-")


def load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("threadline_build",
                                                  REPO / "packaging" / "build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pyinstaller_found_every_module_threadline_needs() -> None:
    build = load_build_script()
    warn_file = REPO / "build" / "pyinstaller" / "threadline" / "warn-threadline.txt"
    assert warn_file.is_file()
    assert build.missing_modules(warn_file) == []


def test_migrations_taxonomy_and_icons_travel_as_files(bundle: Path) -> None:
    internal = bundle / "_internal"
    migrations = REPO / "db" / "migrations"
    for source in [migrations / "env.py", migrations / "script.py.mako",
                   *(migrations / "versions").glob("*.py")]:
        shipped = internal / source.relative_to(REPO)
        assert shipped.read_bytes() == source.read_bytes(), source
    for source in (REPO / "resources").rglob("*"):
        if source.suffix in {".json", ".svg", ".png", ".desktop", ".xml"}:
            assert (internal / source.relative_to(REPO)).read_bytes() == source.read_bytes()
    assert (internal / "resources" / "taxonomy" / "default-taxonomy.json").is_file()


def test_only_the_qt_modules_threadline_uses(bundle: Path) -> None:
    pyside = bundle / "_internal" / "PySide6"
    bindings = {path.name.split(".")[0] for path in pyside.glob("Qt*.so")}
    assert {"QtCore", "QtGui", "QtWidgets"} <= bindings <= USED_QT
    unwanted = [path.name for path in bundle.rglob("libQt6*") if UNWANTED_QT.match(path.name)]
    assert unwanted == []


def elf_files(bundle: Path) -> list[Path]:
    return [path for path in bundle.rglob("*")
            if path.is_file() and not path.is_symlink()
            and (".so" in path.name or path == bundle / "threadline")
            and path.read_bytes()[:4] == b"\x7fELF"]


def test_every_bundled_library_finds_what_it_needs(bundle: Path) -> None:
    # As the bundle's own loader does, look in _internal first.
    env = dict(os.environ, LD_LIBRARY_PATH=str(bundle / "_internal"))
    problems = []
    for path in elf_files(bundle):
        result = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True,
                                check=False)
        for line in result.stdout.splitlines():
            name = line.strip().split(" ")[0]
            if "not found" in line and not name.startswith(SYSTEM_LIBRARIES):
                problems.append(f"{path.relative_to(bundle)} needs {name}")
            if name.startswith(GTK_STACK):
                problems.append(f"{path.relative_to(bundle)} pulls in {name}")
    assert problems == []


def test_licences_promised_by_the_notices_are_in_the_bundle(bundle: Path) -> None:
    notices = (REPO / "THIRD-PARTY-NOTICES.md").read_text(encoding="utf-8")
    assert (bundle / "THIRD-PARTY-NOTICES.md").read_text(encoding="utf-8") == notices
    assert (bundle / "LICENSE").read_bytes() == (REPO / "LICENSE").read_bytes()
    promised = set(re.findall(r"`(licenses/[^`]+)`", notices))
    assert len(promised) > 10
    for entry in sorted(promised):
        path = bundle / entry
        if entry.endswith("/"):
            assert path.is_dir(), entry
            assert any(path.iterdir()), entry
        else:
            assert path.is_file(), entry
            assert path.stat().st_size > 0, entry


def test_the_qt_licence_texts_and_version_are_there(bundle: Path) -> None:
    qt = bundle / "licenses" / "Qt"
    lgpl = (qt / "LGPL-3.0.txt").read_text(encoding="utf-8")
    gpl = (qt / "GPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl
    assert "Version 3, 29 June 2007" in lgpl
    assert "GNU GENERAL PUBLIC LICENSE" in gpl
    assert "Version 3, 29 June 2007" in gpl
    from PySide6 import QtCore

    assert f"Qt {QtCore.qVersion()}\n" in (qt / "VERSION.txt").read_text(encoding="utf-8")
