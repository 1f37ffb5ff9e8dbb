"""Realistic session calendars for the demo clients.

A client is seen on fixed weekdays at a fixed hour (weekly, twice or three times
weekly). There are no sessions during the practice's breaks — Christmas to New Year, the
week around Easter and three weeks in summer — and now and then a session is cancelled
by the client or by the therapist, or the client simply does not come.

Calendars are built backwards from the last session, so an ongoing treatment ends near
the date given and a closed one ends where it ended. The same ``random.Random`` state
always gives the same calendar.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from db.demo.prose import SessionContext

#: Frequency label -> how many sessions a week.
FREQUENCIES = {"weekly": 1, "twice weekly": 2, "three times weekly": 3}
CANCELLED_BY_CLIENT = 0.045
CANCELLED_BY_THERAPIST = 0.015
NO_SHOW = 0.02


@dataclass(frozen=True)
class Slot:
    """One row of a client's calendar: a session that took place or was missed."""

    date: date
    start_time: time
    attendance: str  # "attended", "cancelled" or "no_show"
    cancelled_by_therapist: bool = False
    context: SessionContext = SessionContext()


def easter(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def break_label(day: date, summer_start: dict[int, date]) -> str:
    """The practice break ``day`` falls in ("the summer break"), or empty."""
    if (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 3):
        return "the Christmas break"
    sunday = easter(day.year)
    if sunday - timedelta(days=6) <= day <= sunday + timedelta(days=2):
        return "the Easter break"
    start = summer_start[day.year]
    if start <= day < start + timedelta(days=21):
        return "the summer break"
    return ""


def _summer_starts(rng: random.Random, first_year: int, last_year: int) -> dict[int, date]:
    """The Monday each summer break starts: late July to mid August."""
    starts = {}
    for year in range(first_year, last_year + 1):
        first_monday = date(year, 7, 20) + timedelta(days=(7 - date(year, 7, 20).weekday()) % 7)
        starts[year] = first_monday + timedelta(weeks=rng.randint(0, 3))
    return starts


def weekdays_for(rng: random.Random, per_week: int) -> tuple[int, ...]:
    """Fixed weekdays (0 = Monday) spread over the working week."""
    spreads: dict[int, list[tuple[int, ...]]] = {
        1: [(d,) for d in range(5)],
        2: [(0, 3), (1, 3), (0, 2), (1, 4), (2, 4)],
        3: [(0, 2, 4), (0, 1, 3), (1, 2, 4)],
    }
    return rng.choice(spreads[per_week])


def plan(rng: random.Random, count: int, last: date, frequency: str) -> list[Slot]:
    """``count`` calendar rows, oldest first, the newest on or before ``last``.

    Raises `ValueError` for an unknown frequency or a count below 1.
    """
    if frequency not in FREQUENCIES or count < 1:
        raise ValueError("unknown frequency or empty calendar")
    days = weekdays_for(rng, FREQUENCIES[frequency])
    hour = time(rng.choice((8, 9, 10, 11, 13, 14, 15, 16, 17, 18)), rng.choice((0, 0, 30)))
    years = count // (40 * len(days)) + 2
    summers = _summer_starts(rng, last.year - years - 1, last.year)
    rows: list[tuple[date, str, bool, str]] = []  # date, attendance, by therapist, break
    day, pending_break = last, ""
    while len(rows) < count:
        if day.year not in summers:
            summers.update(_summer_starts(rng, day.year - 5, day.year))
        label = break_label(day, summers)
        if label:
            pending_break = label
        elif day.weekday() in days:
            roll = rng.random()
            if roll < CANCELLED_BY_CLIENT:
                rows.append((day, "cancelled", False, pending_break))
            elif roll < CANCELLED_BY_CLIENT + CANCELLED_BY_THERAPIST:
                rows.append((day, "cancelled", True, pending_break))
            elif roll < CANCELLED_BY_CLIENT + CANCELLED_BY_THERAPIST + NO_SHOW:
                rows.append((day, "no_show", False, pending_break))
            else:
                rows.append((day, "attended", False, pending_break))
            pending_break = ""
        day -= timedelta(days=1)
    rows.reverse()
    return _with_context(rows, hour)


def _with_context(rows: list[tuple[date, str, bool, str]], hour: time) -> list[Slot]:
    """Tell each session what happened around it: a break before or after, a missed session.

    The fourth item of a row names the break that follows it (empty if none).
    """
    slots: list[Slot] = []
    for index, (day, attendance, by_therapist, break_after) in enumerate(rows):
        before = rows[index - 1] if index else None
        break_before = before[3] if before else ""
        missed_before = before is not None and before[1] != "attended"
        context = SessionContext(
            after_break=bool(break_before),
            before_break=bool(break_after),
            after_cancellation=missed_before and not break_before,
            cancelled_by_therapist=bool(before and before[2]),
            break_label=break_before or break_after,
        )
        slots.append(Slot(day, hour, attendance, by_therapist, context))
    return slots
