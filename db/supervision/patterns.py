"""What is found by pattern in free text: dates, phone numbers, e-mail and street
addresses. Each finder yields ``(start, end, kind, groups)``."""

from __future__ import annotations

import re
from collections.abc import Iterator

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|" \
         r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
_B, _E = r"(?<![\w.])", r"(?![\w])"

DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(_B + r"(\d{4})-(\d{1,2})-(\d{1,2})" + _E)),
    ("dotted", re.compile(_B + r"(\d{1,2})\.(\d{1,2})\.(\d{4})" + _E)),
    ("slashed", re.compile(_B + r"(\d{1,2})/(\d{1,2})/(\d{4})" + _E)),
    ("day_month", re.compile(_B + r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH
                             + r"(?:,?\s+(\d{4}))?" + _E, re.IGNORECASE)),
    ("month_day", re.compile(_B + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?"
                             + _E, re.IGNORECASE)),
    ("month_year", re.compile(_B + _MONTH + r"\s+(\d{4})" + _E, re.IGNORECASE)),
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s\-/().]{5,}\d(?!\w)")
MIN_PHONE_DIGITS = 7
_SUFFIX = (r"street|st|road|rd|avenue|ave|lane|ln|way|drive|dr|court|ct|place|pl|square|"
           r"sq|crescent|close|gardens|terrace|boulevard|blvd|row|hill|park")
ADDRESS_EN = re.compile(r"(?<!\w)\d{1,5}[a-zA-Z]?,?\s+(?:[A-ZÄÖÜ][\w'’-]*\s+){1,4}(?:"
                        + _SUFFIX + r")\b\.?", re.IGNORECASE)
ADDRESS_DE = re.compile(r"(?<!\w)[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|gasse|platz|"
                        r"allee|ring|damm)(?:\s+\d{1,4}[a-z]?)", re.IGNORECASE)
ADDRESS_DE_WORD = re.compile(r"(?<!\w)[A-ZÄÖÜ][\wäöüß-]+\s+(?:Straße|Strasse|Weg|Platz|Allee)"
                             r"\s+\d{1,4}[a-z]?(?!\w)")

Found = tuple[int, int, str, tuple[str | None, ...]]


def find_all(text: str) -> Iterator[Found]:
    """Every pattern match, in the order of priority (dates before phone numbers)."""
    for pattern in (EMAIL,):
        for m in pattern.finditer(text):
            yield m.start(), m.end(), "email", ()
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            yield m.start(), m.end(), f"date:{kind}", m.groups()
    for pattern in (ADDRESS_EN, ADDRESS_DE, ADDRESS_DE_WORD):
        for m in pattern.finditer(text):
            yield m.start(), m.end(), "address", ()
    for m in PHONE.finditer(text):
        if sum(c.isdigit() for c in m.group()) >= MIN_PHONE_DIGITS:
            yield m.start(), m.end(), "phone", ()


def month_number(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return next(i for i, month in enumerate(MONTHS, start=1) if month.startswith(key))
