"""Counts in words: "1 client", "2 clients", "1 addendum", "3 addenda" — said once.

No Qt: the command line, the services' summaries and the window all count with it.
"""

from __future__ import annotations

#: Nouns whose plural is not the singular with an "s".
IRREGULAR = {"addendum": "addenda", "category": "categories", "analysis": "analyses",
             "child": "children", "person": "people"}


def plural(noun: str) -> str:
    return IRREGULAR.get(noun, noun + "s")


def count(n: int, noun: str, *, thousands: bool = False) -> str:
    """``count(1, "client")`` → ``"1 client"``; ``thousands``: ``24,000 sessions``."""
    number = f"{n:,}" if thousands else str(n)
    return f"{number} {noun if n == 1 else plural(noun)}"
