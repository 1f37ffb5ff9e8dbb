"""Replace every name and place the vault knows and every date, phone number, e-mail and
street address found by pattern, consistently within one export.

Dates move by the export's offset (so intervals are kept) and keep their spelling; names
become "Person A", places "Place A", codes the export's new codes; phone numbers, e-mail
and street addresses become numbered placeholders. What is left for a person to look at:
capitalised words that may be names. Mid-sentence, that is every capitalised word not in
the short list of words Threadline knows (``common-words.json``: months, weekdays, family
and clinical words); at the start of a sentence, where every word is capitalised, only
those also missing from a dictionary of the few thousand commonest English words
(``dictionary-words.json``, from 12dicts' frequency list; resources/supervision/README.md).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from db.supervision.patterns import MONTHS, Found, find_all, month_number

Span = tuple[int, int]
_CAPITALISED = re.compile(r"(?<![\w'’])[A-ZÄÖÜ][a-zäöüß’']+(?:-[A-ZÄÖÜ]?[a-zäöüß]+)*")
MIN_NAME = 2


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    path = (Path(__file__).resolve().parents[2] / "resources" / "supervision"
            / "common-words.json")
    return frozenset(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """The commonest English words, and the short list: what a sentence may start with."""
    path = (Path(__file__).resolve().parents[2] / "resources" / "supervision"
            / "dictionary-words.json")
    return frozenset(json.loads(path.read_text(encoding="utf-8"))) | common_words()


_OPENERS = "\"“‘'([*•-"
_ENDS = ".!?:;"
_CLOSERS = "\"”’')]"


def starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a line or a list item: only spaces,
    opening quotes, brackets or a bullet stand between it and the text's start, a line
    break, or the end of the sentence before."""
    i = start
    while i > 0 and (text[i - 1].isspace() or text[i - 1] in _OPENERS):
        if text[i - 1] == "\n":
            return True
        i -= 1
    while i > 0 and text[i - 1] in _CLOSERS:  # "… I forgot.” Somehow"
        i -= 1
    return i == 0 or text[i - 1] in _ENDS


@dataclass(frozen=True)
class Piece:
    """Pseudonymised text, with the replacements and the words to look at as spans."""

    text: str
    replaced: tuple[Span, ...] = ()
    flagged: tuple[Span, ...] = ()


def _label(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass
class Pseudonymiser:
    """``names``/``places``: every one the vault knows; ``codes``: old code → new code."""

    names: list[str]
    places: list[str]
    codes: dict[str, str]
    offset_days: int
    extra_words: frozenset[str] = frozenset()
    _labels: dict[str, str] = field(default_factory=dict)
    _counters: dict[str, dict[str, int]] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        variants: dict[str, str] = {}  # casefolded variant → what it becomes
        for code, new in self.codes.items():
            if code.strip():
                variants.setdefault(code.casefold(), new)
        for kind, values in (("Person", self.names), ("Place", self.places)):
            for value in values:
                value = " ".join(value.split())
                if len(value) < MIN_NAME:
                    continue
                label = self._labels.setdefault(value.casefold(), self._new_label(kind))
                variants.setdefault(value.casefold(), label)
                for part in re.split(r"[\s,]+", value):
                    part = part.strip(".'’")
                    if len(part) >= MIN_NAME and part.casefold() not in common_words():
                        variants.setdefault(part.casefold(), label)
        self._variants = variants
        if variants:
            alternatives = "|".join(re.escape(v) for v in sorted(variants, key=len,
                                                                 reverse=True))
            self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def _new_label(self, kind: str) -> str:
        count = sum(1 for label in self._labels.values() if label.startswith(kind))
        return f"{kind} {_label(count)}"

    def _numbered(self, kind: str, original: str) -> str:
        seen = self._counters.setdefault(kind, {})
        number = seen.setdefault(original.casefold(), len(seen) + 1)
        return f"[{kind} {number}]"

    def shift(self, day: date) -> date:
        return day + timedelta(days=self.offset_days)

    def _date(self, kind: str, groups: tuple[str | None, ...], year_hint: int | None) -> str:
        try:
            if kind == "iso":
                year, month, day = (int(g or 0) for g in groups)
                moved = self.shift(date(year, month, day))
                return moved.isoformat()
            if kind in ("dotted", "slashed"):
                day, month, year = (int(g or 0) for g in groups)
                moved = self.shift(date(year, month, day))
                mark = "." if kind == "dotted" else "/"
                return f"{moved.day:02d}{mark}{moved.month:02d}{mark}{moved.year}"
            if kind == "month_year":  # "March 2024": the month its middle moves into
                middle = self.shift(date(int(groups[1] or 0), month_number(groups[0] or ""), 15))
                return f"{MONTHS[middle.month - 1].capitalize()} {middle.year}"
            if kind == "day_month":
                day_text, month_text, year_text = groups
            else:
                month_text, day_text, year_text = groups
            year = int(year_text) if year_text else (year_hint or 2000)
            moved = self.shift(date(year, month_number(month_text or ""), int(day_text or 0)))
            name = MONTHS[moved.month - 1].capitalize()
            text = f"{moved.day} {name}" if kind == "day_month" else f"{name} {moved.day}"
            return f"{text} {moved.year}" if year_text else text
        except ValueError:
            return "[date]"

    def _replacement(self, found: Found, text: str, year_hint: int | None) -> str:
        start, end, kind, groups = found
        original = text[start:end]
        if kind.startswith("date:"):
            return self._date(kind[5:], groups, year_hint)
        if kind == "name":
            return self._variants[original.casefold()]
        words = {"email": "e-mail", "phone": "phone", "address": "address"}
        return self._numbered(words[kind], original)

    def text(self, text: str, year_hint: int | None = None) -> Piece:
        """``text`` pseudonymised; ``year_hint`` dates "5 March" (the session's year)."""
        found = list(find_all(text))
        if self._pattern is not None:
            found += [(m.start(), m.end(), "name", ()) for m in self._pattern.finditer(text)]
        chosen: list[Found] = []
        taken: list[Span] = []
        for item in found:  # in priority order: an earlier finder wins an overlap
            if all(item[1] <= a or item[0] >= b for a, b in taken):
                chosen.append(item)
                taken.append((item[0], item[1]))
        chosen.sort(key=lambda item: item[0])
        out: list[str] = []
        spans: list[Span] = []
        position = length = 0
        for item in chosen:
            out.append(text[position:item[0]])
            length += item[0] - position
            new = self._replacement(item, text, year_hint)
            spans.append((length, length + len(new)))
            out.append(new)
            length += len(new)
            position = item[1]
        out.append(text[position:])
        result = "".join(out)
        return Piece(result, tuple(spans), self._flags(result, spans))

    def _flags(self, text: str, replaced: list[Span]) -> tuple[Span, ...]:
        known = common_words() | self.extra_words
        opening = dictionary_words() | self.extra_words
        flags = []
        for m in _CAPITALISED.finditer(text):
            if any(a <= m.start() < b for a, b in replaced):
                continue
            words = opening if starts_sentence(text, m.start()) else known
            word = m.group().casefold().rstrip("'’s").rstrip("'’")
            if m.group().casefold() not in words and word not in words:
                flags.append((m.start(), m.end()))
        return tuple(flags)
