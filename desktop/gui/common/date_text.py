"""Dates as a clinician types them: ``12.3.2025``, ``2025-03-12``, ``3/12/25``, ``12 Mar``.

No Qt here, so the rules can be tested on their own. Which of day and month comes first
in ``3/12/25`` follows the system locale (``day_first``); a dotted date is always day
first, an ISO date always year first. A missing year is this year's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta

ENGLISH_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december")
RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
_LEAD_WORD = re.compile(r"^([^\W\d_]+)\.?,?\s+(?=\d)")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})([./-])(\d{1,2})(?:\2(\d{2}|\d{4})?)?\.?$")
_WORDS = re.compile(r"^(\d{1,2})\.?\s*([^\W\d_]+)\.?,?\s*(\d{2}|\d{4})?$")
_WORDS_MONTH_FIRST = re.compile(r"^([^\W\d_]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{2}|\d{4})?$")


def month_table(*names: str) -> dict[str, int]:
    """Full and three-letter month names, lower case, January first (English always)."""
    table: dict[str, int] = {}
    for group in (ENGLISH_MONTHS, names):
        for number, name in enumerate(group, start=1):
            name = name.lower().rstrip(".")
            if name:
                table.setdefault(name, number)
                table.setdefault(name[:3], number)
    return table


def parse_date(text: str, today: date, *, day_first: bool = True,
               months: Mapping[str, int] | None = None) -> date | None:
    """The date ``text`` means, or ``None`` if it is not one (31.2. is not)."""
    text = " ".join(text.strip().lower().split())
    if not text:
        return None
    if text in RELATIVE:
        return today + timedelta(days=RELATIVE[text])
    months = months if months is not None else month_table()
    if (lead := _LEAD_WORD.match(text)) and lead[1] not in months:
        text = text[lead.end():]  # a weekday, as the field shows it: "wed 12 mar 2025"
    if match := _ISO.match(text):
        return _make(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.match(text):
        first, second = int(match[1]), int(match[3])
        day, month = (first, second) if day_first or match[2] == "." else (second, first)
        return _make(_year(match[4], today), month, day)
    if (match := _WORDS.match(text)) and match[2] in months:
        return _make(_year(match[3], today), months[match[2]], int(match[1]))
    if (match := _WORDS_MONTH_FIRST.match(text)) and match[1] in months:
        return _make(_year(match[3], today), months[match[1]], int(match[2]))
    return None


def _year(text: str | None, today: date) -> int:
    if not text:
        return today.year
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
