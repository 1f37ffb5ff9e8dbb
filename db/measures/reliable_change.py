"""Jacobson & Truax (1991): is a change between two scores larger than measurement error?

``S_E = SD · sqrt(1 − r)`` (the standard error of measurement), ``S_diff = sqrt(2 · S_E²)``
(the standard error of the difference of two scores), ``RCI = (x2 − x1) / S_diff``; an
|RCI| above 1.96 is unlikely (p < .05) without real change.
"""

from __future__ import annotations

import math
from enum import StrEnum

THRESHOLD = 1.96


class Change(StrEnum):
    RELIABLY_BETTER = "reliably_better"
    NO_RELIABLE_CHANGE = "no_reliable_change"
    RELIABLY_WORSE = "reliably_worse"  # "not on track"


def s_diff(sd: float, reliability: float) -> float:
    standard_error = sd * math.sqrt(1 - reliability)
    return math.sqrt(2 * standard_error ** 2)


def rci(first: float, later: float, sd: float, reliability: float) -> float:
    return (later - first) / s_diff(sd, reliability)


def change(index: float, higher_is_worse: bool = True) -> Change:
    if abs(index) <= THRESHOLD:
        return Change.NO_RELIABLE_CHANGE
    worse = index > 0 if higher_is_worse else index < 0
    return Change.RELIABLY_WORSE if worse else Change.RELIABLY_BETTER
