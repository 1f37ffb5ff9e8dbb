"""Fill the bundle's ``licenses/`` folder with every text THIRD-PARTY-NOTICES.md names.

Texts come from the installed packages' own metadata wherever a package ships them, so
they always match the bundled versions; the few that no wheel carries are kept in
``packaging/licenses/`` (see SOURCES.md there for where each came from).
"""

from __future__ import annotations

import re
import shutil
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEPT = HERE / "licenses"

#: Folder in ``licenses/`` -> the distribution whose licence files go there.
DISTRIBUTIONS: dict[str, str] = {
    "SQLAlchemy": "sqlalchemy",
    "Alembic": "alembic",
    "cryptography": "cryptography",
    "sqlcipher3": "sqlcipher3",
    "pyrage": "pyrage",
    "platformdirs": "platformdirs",
    "pyqtgraph": "pyqtgraph",
    "NumPy": "numpy",
    "Mako": "mako",
    "MarkupSafe": "markupsafe",
    "typing_extensions": "typing_extensions",
    "cffi": "cffi",
    "pycparser": "pycparser",
    "colorama": "colorama",
    "PyInstaller": "pyinstaller",
}

LICENCE_NAME = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)


class LicenceError(Exception):
    """A licence text the notices promise could not be found."""


def distribution_licence_files(name: str) -> list[tuple[Path, Path]]:
    """(installed file, path relative to the component's folder) for one distribution."""
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError as error:
        raise LicenceError(f"{name} is not installed, so its licence cannot be bundled") from error
    found = []
    for entry in dist.files or []:
        parts = Path(entry).parts
        if not parts or not parts[0].endswith(".dist-info"):
            continue
        if len(parts) > 2 and parts[1] == "licenses":
            relative = Path(*parts[2:])
        elif len(parts) == 2 and LICENCE_NAME.match(parts[1]):
            relative = Path(parts[1])
        else:
            continue
        found.append((Path(str(dist.locate_file(entry))), relative))
    if not found:
        raise LicenceError(f"{name} ships no licence file")
    return found


def python_licence() -> Path:
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    base = Path(sys.base_prefix)
    for candidate in (base / "lib" / version / "LICENSE.txt", base / "LICENSE.txt",
                      Path("/usr/share/doc") / version / "copyright"):
        if candidate.is_file():
            return candidate
    raise LicenceError("Python's LICENSE.txt was not found next to the interpreter")


def sqlcipher_notice(notices: Path) -> str:
    """The SQLCipher notice as THIRD-PARTY-NOTICES.md reproduces it."""
    text = notices.read_text(encoding="utf-8")
    match = re.search(r"^## SQLCipher$.*?^```text\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)
    if not match or "ZETETIC LLC" not in match.group(1):
        raise LicenceError("THIRD-PARTY-NOTICES.md no longer holds the SQLCipher notice")
    return match.group(1)


def qt_versions() -> str:
    import PySide6
    from PySide6 import QtCore

    return (f"Qt {QtCore.qVersion()}\nPySide6 {PySide6.__version__}\n"
            "Both are the unmodified builds published on PyPI (PySide6-Essentials).\n")


def sqlcipher_version() -> str:
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(":memory:")
    try:
        (cipher,) = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    return f"SQLCipher {cipher} (SQLite {dbapi2.sqlite_version}), built into sqlcipher3\n"


def write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def collect_licences(target: Path, repo: Path) -> list[Path]:
    """Write ``target`` afresh; return the files written. Raises :class:`LicenceError`."""
    if target.exists():
        shutil.rmtree(target)
    for folder, name in DISTRIBUTIONS.items():
        for source, relative in distribution_licence_files(name):
            copy(source, target / folder / relative)
    copy(python_licence(), target / "Python" / "LICENSE")
    copy(KEPT / "LGPL-3.0.txt", target / "Qt" / "LGPL-3.0.txt")
    copy(KEPT / "GPL-3.0.txt", target / "Qt" / "GPL-3.0.txt")
    write(target / "Qt" / "VERSION.txt", qt_versions())
    write(target / "SQLCipher" / "LICENSE.md", sqlcipher_notice(repo / "THIRD-PARTY-NOTICES.md"))
    write(target / "SQLCipher" / "VERSION.txt", sqlcipher_version())
    copy(KEPT / "Apache-2.0.txt", target / "OpenSSL" / "LICENSE.txt")
    copy(KEPT / "Apache-2.0.txt", target / "age" / "LICENSE-APACHE")
    copy(KEPT / "SOURCES.md", target / "SOURCES.md")
    return sorted(path for path in target.rglob("*") if path.is_file())
