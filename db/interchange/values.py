"""How values of the interchange format are spelled in JSON (ISO 8601, canonical UUIDs)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from importlib.metadata import PackageNotFoundError, version
from typing import Any


def app_version() -> str:
    try:
        return version("threadline")
    except PackageNotFoundError:  # a source tree that is not installed
        return "0.1.0"


def format_datetime(value: datetime) -> str:
    """UTC, to the second, with microseconds only when there are any: ``...T10:00:00Z``."""
    value = value.astimezone(UTC)
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}"
    return text + "Z"


def to_json(kind: str, value: Any) -> Any:
    """One stored value as it appears in a document."""
    if value is None:
        return None
    if kind == "uuid":
        return str(value)
    if kind == "datetime":
        assert isinstance(value, datetime)
        return format_datetime(value)
    if kind in ("date", "time"):
        assert isinstance(value, date | time)
        return value.isoformat()
    return value
