"""The version the app reports is the version the package declares."""

from __future__ import annotations

import tomllib
from pathlib import Path

from desktop import __version__


def test_version_matches_pyproject() -> None:
    root = Path(__file__).resolve().parents[2]
    declared = tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]
    assert __version__ == declared
