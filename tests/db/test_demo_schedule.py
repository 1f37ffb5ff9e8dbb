"""Demo calendars: fixed weekdays, the practice's breaks, missed sessions, context."""

from __future__ import annotations

import random
from datetime import date

import pytest

from db.demo.schedule import FREQUENCIES, break_label, easter, plan


@pytest.mark.parametrize(("year", "sunday"), [(2024, date(2024, 3, 31)),
                                              (2025, date(2025, 4, 20)),
                                              (2026, date(2026, 4, 5)),
                                              (2038, date(2038, 4, 25))])
def test_easter(year: int, sunday: date) -> None:
    assert easter(year) == sunday


@pytest.mark.parametrize("frequency", tuple(FREQUENCIES))
def test_calendar_keeps_the_frame_and_the_breaks(frequency: str) -> None:
    last = date(2026, 11, 20)
    slots = plan(random.Random(4), 400, last, frequency)
    assert len(slots) == 400
    days = [s.date for s in slots]
    assert days == sorted(days)
    assert len(set(days)) == len(days)
    assert days[-1] <= last
    assert len({d.weekday() for d in days}) == FREQUENCIES[frequency]
    assert len({s.start_time for s in slots}) == 1
    assert not any(d.month == 12 and d.day >= 22 or d.month == 1 and d.day <= 3 for d in days)
    assert not any(easter(d.year) - date.resolution * 6 <= d <= easter(d.year) for d in days)
    missed = [s for s in slots if s.attendance != "attended"]
    assert 0.02 * len(slots) < len(missed) < 0.2 * len(slots)
    assert any(s.cancelled_by_therapist for s in missed)
    after = [s for s in slots if s.context.after_break]
    assert {s.context.break_label for s in after} >= {"the Christmas break", "the summer break"}
    for before, current in zip(slots, slots[1:], strict=False):
        if current.context.after_cancellation:
            assert before.attendance != "attended"
        if current.context.after_break:
            assert before.context.before_break
            assert (current.date - before.date).days > 7


def test_the_same_generator_state_gives_the_same_calendar() -> None:
    first = plan(random.Random(9), 120, date(2026, 6, 1), "twice weekly")
    assert plan(random.Random(9), 120, date(2026, 6, 1), "twice weekly") == first
    assert plan(random.Random(10), 120, date(2026, 6, 1), "twice weekly") != first


def test_no_calendar_without_sessions_or_with_an_unknown_frequency() -> None:
    with pytest.raises(ValueError, match="frequency"):
        plan(random.Random(1), 0, date(2026, 6, 1), "weekly")
    with pytest.raises(ValueError, match="frequency"):
        plan(random.Random(1), 10, date(2026, 6, 1), "fortnightly")


def test_break_label_needs_a_summer_start() -> None:
    assert break_label(date(2026, 12, 24), {2026: date(2026, 7, 27)}) == "the Christmas break"
    assert break_label(date(2026, 8, 3), {2026: date(2026, 7, 27)}) == "the summer break"
    assert break_label(date(2026, 9, 3), {2026: date(2026, 7, 27)}) == ""
