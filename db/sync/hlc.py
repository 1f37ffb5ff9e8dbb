"""A hybrid logical clock: wall-clock milliseconds in the high bits, a counter below.

A stamp is one integer, ``ms << 16 | counter``. A device's next stamp is greater than its
last one and than every stamp it has received, so a change made after seeing another is
ordered after it even when the two clocks disagree; the wall time only breaks ties among
changes that did not see each other. Ties of equal stamps are broken by device id.
"""

from __future__ import annotations

COUNTER_BITS = 16


def stamp(last: int, wall_ms: int) -> int:
    """The next stamp after ``last`` for a change made at ``wall_ms``."""
    return max(last + 1, wall_ms << COUNTER_BITS)


def wall_ms(value: int) -> int:
    return value >> COUNTER_BITS


Version = tuple[int, str]
"""(stamp, device id): how a row version is ordered against another, on every device."""
