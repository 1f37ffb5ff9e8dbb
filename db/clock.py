"""The time Threadline stamps on what it writes: aware UTC, one function for all of db.

Front ends take it as a default for their injectable ``now`` so tests can pass their own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

#: What services ask for the time: an aware UTC datetime (tests pass one they move on).
Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)
