"""Where every cell of the heat strip goes: display rows, x positions and the RGBA image.

Pure functions over a :class:`~db.analytics.dto.Timeline`, built with numpy so that a
client with 1,000 sessions and 60 themes draws as one image, not thousands of items.
"""

from __future__ import annotations

import bisect
import math
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum

import numpy as np

from db.analytics.dto import Timeline

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Page:
    """What the strip's cells are drawn on (see desktop/gui/timeline/ink.py)."""

    background: RGB  # a session without the theme
    group_band: RGB  # a category's heading row
    gap: RGB  # calendar days between sessions, in date mode
    separator: RGB  # the thin line between rows


LIGHT_PAGE = Page((250, 250, 247), (234, 234, 228), (238, 237, 232), (255, 255, 255))
DARK_PAGE = Page((36, 38, 42), (52, 55, 60), (44, 46, 50), (24, 25, 28))
SUMMARY_COLOR = "#4f5b6b"
#: How strongly a theme's colour shows at intensity 1, 2 and 3 (blended over the background).
ALPHA = {1: 0.36, 2: 0.68, 3: 1.0}
DAY = 86_400.0
MAX_DATE_PIXELS = 20_000
MAX_CELL_DAYS = 7
#: Image pixels per display row; the last one is a thin separator line between rows.
ROW_PIXELS = 6


class XMode(Enum):
    SESSION = "session"
    DATE = "date"


@dataclass(frozen=True)
class DisplayRow:
    """A line of the strip: a category header (``row`` is None) or a theme row."""

    group: int
    row: int | None
    label: str
    collapsed: bool = False


def display_rows(timeline: Timeline, collapsed: set[uuid.UUID]) -> list[DisplayRow]:
    rows: list[DisplayRow] = []
    for index, group in enumerate(timeline.groups):
        folded = group.category_id in collapsed
        mark = "▸" if folded else "▾"
        rows.append(DisplayRow(index, None, f"{mark} {group.name.upper()}", folded))
        if not folded:
            rows.extend(DisplayRow(index, r, timeline.rows[r].name) for r in group.rows)
    return rows


def day_seconds(day: date) -> float:
    """Seconds since the epoch at midnight UTC of ``day`` (what a date axis expects)."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()


@dataclass(frozen=True)
class XScale:
    """Maps columns to x and back. Session mode: column i is centred on x = i.
    Date mode: x is seconds since the epoch; a session spans from its date to the next
    session (at most a week), so breaks in treatment show as empty stretches."""

    mode: XMode
    starts: tuple[float, ...]
    spans: tuple[float, ...]

    @classmethod
    def build(cls, timeline: Timeline, mode: XMode) -> XScale:
        count = len(timeline.sessions)
        if mode is XMode.SESSION:
            return cls(mode, tuple(i - 0.5 for i in range(count)), (1.0,) * count)
        starts = [day_seconds(c.date) for c in timeline.sessions]
        spans = []
        for index, start in enumerate(starts):
            following = starts[index + 1] - start if index + 1 < count else MAX_CELL_DAYS * DAY
            spans.append(max(DAY, min(following, MAX_CELL_DAYS * DAY)))
        return cls(mode, tuple(starts), tuple(spans))

    @property
    def extent(self) -> tuple[float, float]:
        if not self.starts:
            return (0.0, 1.0)
        return (self.starts[0], self.starts[-1] + self.spans[-1])

    def center(self, column: int) -> float:
        return self.starts[column] + self.spans[column] / 2

    def column_at(self, x: float) -> int | None:
        index = bisect.bisect_right(self.starts, x) - 1
        if index < 0 or x >= self.starts[index] + self.spans[index]:
            return None
        return index


def _rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    try:
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except (ValueError, IndexError):
        return (136, 136, 136)


#: Palette slots of a display row: intensity 0..3, then "no session here" (date mode).
_OUTSIDE = 4


def _palette(color: str | None, empty: RGB, outside: RGB, page: Page) -> np.ndarray:
    """RGBA for intensity 0..3 of one colour blended over the background, and outside."""
    table = np.empty((5, 4), dtype=np.uint8)
    table[:, 3] = 255
    table[0, :3] = empty
    table[_OUTSIDE, :3] = outside
    base = np.array(page.background, dtype=float)
    target = np.array(_rgb(color) if color else empty, dtype=float)
    for level, alpha in ALPHA.items():
        table[level, :3] = np.round(base + (target - base) * alpha) if color else empty
    return table


def _pixel_columns(scale: XScale, count: int) -> tuple[np.ndarray, float, float]:
    """For each image pixel, the column it shows (``count`` where there is none), with
    the x of the image's left edge and the width of a pixel."""
    if scale.mode is XMode.SESSION:
        return np.arange(max(count, 1)), -0.5, 1.0
    low, high = scale.extent
    days = max(1, math.ceil((high - low) / DAY))
    step = max(1, math.ceil(days / MAX_DATE_PIXELS))
    per_pixel = DAY * step
    pixels = math.ceil(days / step)
    first = ((np.array(scale.starts) - low) // per_pixel).astype(int)
    width = np.maximum(1, (np.array(scale.spans) // per_pixel).astype(int))
    pixel_column = np.full(pixels, count, dtype=int)
    for column in range(count):  # later sessions win where a short span rounds over
        pixel_column[first[column]:first[column] + width[column]] = column
    return pixel_column, low, per_pixel


def render(timeline: Timeline, rows: list[DisplayRow], scale: XScale,
           page: Page = LIGHT_PAGE) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """The strip as an RGBA array (display rows × pixels) and its rectangle (x, y, w, h).

    Built from one array of levels (display rows × sessions) and one small palette per
    row, with a single gather: no per-row or per-cell drawing.
    """
    count = len(timeline.sessions)
    pixel_column, left, per_pixel = _pixel_columns(scale, count)
    levels = np.zeros((len(rows), count + 1), dtype=np.uint8)
    levels[:, count] = _OUTSIDE
    palettes = np.empty((len(rows), 5, 4), dtype=np.uint8)
    for y, line in enumerate(rows):
        if line.row is None:
            palettes[y] = _palette(SUMMARY_COLOR if line.collapsed else None,
                                   page.group_band, page.group_band, page)
            if line.collapsed:
                _group_levels(timeline, line.group, levels[y])
            continue
        row = timeline.rows[line.row]
        palettes[y] = _palette(row.color, page.background, page.gap, page)
        if row.columns:
            levels[y, list(row.columns)] = row.intensities
    if count == 0:
        levels[:, :] = 0
    image = palettes[np.arange(len(rows))[:, None], levels[:, pixel_column]]
    image = np.repeat(image, ROW_PIXELS, axis=0)
    image[ROW_PIXELS - 1::ROW_PIXELS, :, :3] = page.separator
    return image, (left, 0.0, len(pixel_column) * per_pixel, float(len(rows)))


def _group_levels(timeline: Timeline, group: int, out: np.ndarray) -> None:
    """The highest intensity of any theme of the group, per session, into ``out``."""
    for r in timeline.groups[group].rows:
        row = timeline.rows[r]
        if row.columns:
            columns = list(row.columns)
            out[columns] = np.maximum(out[columns], row.intensities)
