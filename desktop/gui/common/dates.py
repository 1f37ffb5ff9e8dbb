"""How Threadline writes dates and times on screen, said once.

No Qt here: plain functions over ``date`` and ``datetime``. Times of day are local; an
aware UTC stamp from the vault is turned into the clinician's time zone first.
"""

from __future__ import annotations

from datetime import date, datetime


def short_date(day: date) -> str:
    """``8 Sep 2025``: day without a leading zero, short month."""
    return f"{day.day} {day:%b %Y}"


def long_date(day: date) -> str:
    """``Sunday 8 November 2026``."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def weekday_date(day: date) -> str:
    """``Sunday 2026-11-08``: the weekday and the date that sorts."""
    return f"{day:%A} {day.isoformat()}"


def moment(at: datetime, *, seconds: bool = False) -> str:
    """``Sun 8 Nov 2026, 10:42`` in local time (``10:42:07`` with ``seconds``)."""
    local = at.astimezone()
    clock = f"{local:%H:%M:%S}" if seconds else f"{local:%H:%M}"
    return f"{local:%a} {short_date(local)}, {clock}"
