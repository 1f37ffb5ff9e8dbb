"""Build the installable Threadline app: ``dist/threadline/`` and its tarball.

Run with the Python that has Threadline's dependencies and PyInstaller (``make dist``)::

    python packaging/build.py [--clean]

Steps: freeze the app with ``packaging/threadline.spec``; refuse the result if PyInstaller
could not find one of Threadline's own modules or a module it cannot run without; add
``LICENSE``, ``THIRD-PARTY-NOTICES.md``, ``licenses/`` and the install scripts; pack
``dist/threadline-<version>-<os>-<machine>.tar.gz``. Prints how long it took and how big
the results are.
"""

from __future__ import annotations

import argparse
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
DIST = REPO / "dist"
WORK = REPO / "build" / "pyinstaller"
BUNDLE = DIST / "threadline"

sys.path.insert(0, str(PACKAGING))
from licences import LicenceError, collect_licences  # noqa: E402

#: Modules the bundle cannot work without; PyInstaller reporting one of them missing
#: (in its warn file) fails the build. Threadline's own packages are always checked.
REQUIRED_MODULES = (
    "sqlcipher3", "sqlcipher3.dbapi2", "pyrage", "cryptography", "alembic", "sqlalchemy",
    "sqlalchemy.dialects.sqlite", "platformdirs", "PySide6.QtCore", "PySide6.QtGui",
    "PySide6.QtWidgets",
)
OWN_PACKAGES = ("db", "desktop", "resources")


class BuildError(Exception):
    """The build cannot go on; the message says why."""


def project_version() -> str:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def tarball_path(version: str) -> Path:
    system = platform.system().lower()
    return DIST / f"threadline-{version}-{system}-{platform.machine().lower()}.tar.gz"


def run_pyinstaller(clean: bool) -> None:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(WORK),
               str(PACKAGING / "threadline.spec")]
    if clean:
        command.insert(3, "--clean")
    if subprocess.run(command, cwd=REPO, check=False).returncode != 0:
        raise BuildError("PyInstaller failed (its messages are above).")


def missing_modules(warn_file: Path) -> list[str]:
    """Required or own modules that PyInstaller's warn file reports as missing."""
    missing = []
    pattern = re.compile(r"^missing module named '?([\w.]+)'? - imported by (.*)$")
    for line in warn_file.read_text(encoding="utf-8").splitlines():
        match = pattern.match(line)
        if not match:
            continue
        name = match.group(1)
        own = name.split(".")[0] in OWN_PACKAGES
        if own or name in REQUIRED_MODULES:
            missing.append(name)
    return missing


def add_top_level_files(bundle: Path) -> None:
    for name in ("LICENSE", "THIRD-PARTY-NOTICES.md"):
        shutil.copy2(REPO / name, bundle / name)
    for script in ("install.sh", "uninstall.sh"):
        target = bundle / script
        shutil.copy2(PACKAGING / "linux" / script, target)
        target.chmod(0o755)


def make_tarball(bundle: Path, target: Path, top: str) -> None:
    partial = target.with_name(target.name + ".part")
    with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname=top)
    partial.replace(target)


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*")
               if path.is_file() and not path.is_symlink())


def build(clean: bool) -> None:
    version = project_version()
    started = time.monotonic()
    run_pyinstaller(clean)
    frozen = time.monotonic()
    missing = missing_modules(WORK / "threadline" / "warn-threadline.txt")
    if missing:
        raise BuildError(f"PyInstaller could not find: {', '.join(sorted(set(missing)))}.")
    collect_licences(BUNDLE / "licenses", REPO)
    if sys.platform.startswith("linux"):
        add_top_level_files(BUNDLE)
        tarball = tarball_path(version)
        make_tarball(BUNDLE, tarball, f"threadline-{version}")
    else:  # Windows and macOS get their installers elsewhere (docs/packaging.md)
        for name in ("LICENSE", "THIRD-PARTY-NOTICES.md"):
            shutil.copy2(REPO / name, BUNDLE / name)
        tarball = None
    done = time.monotonic()
    mib = 1024 * 1024
    sys.stdout.write(f"built {BUNDLE.relative_to(REPO)} ({folder_size(BUNDLE) / mib:.0f} MiB) "
                     f"in {done - started:.0f} s (PyInstaller {frozen - started:.0f} s)\n")
    if tarball is not None:
        size = tarball.stat().st_size / mib
        sys.stdout.write(f"packed {tarball.relative_to(REPO)} ({size:.0f} MiB)\n")


def main() -> int:
    parser = argparse.ArgumentParser(description="Build the Threadline app bundle.")
    parser.add_argument("--clean", action="store_true",
                        help="drop PyInstaller's cache first (slower, for release builds)")
    args = parser.parse_args()
    try:
        build(args.clean)
    except (BuildError, LicenceError) as error:
        sys.stderr.write(f"build: {error}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
