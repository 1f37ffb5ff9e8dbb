"""Data files Threadline ships: taxonomy, icons, desktop integration, schemas."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """The path of a shipped file, e.g. ``resource_path("taxonomy", "default-taxonomy.json")``."""
    return ROOT.joinpath(*parts)
