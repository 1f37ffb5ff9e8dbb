"""The time Threadline stamps on what it writes: aware UTC, one function for all of db.

Front ends take it as a default for their injectable ``now`` so tests can pass their own.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
