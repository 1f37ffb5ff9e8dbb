"""A small passphrase strength estimate, good enough to refuse very weak passphrases.

It estimates guessing entropy from length and character variety, discounts repeats,
keyboard/alphabet runs and very common passwords, and maps the result to a hint.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

MIN_BITS = 45.0  # below this a passphrase is refused
GOOD_BITS = 70.0

_COMMON = frozenset(
    [
        "password",
        "passw0rd",
        "password1",
        "123456",
        "12345678",
        "123456789",
        "1234567890",
        "qwerty",
        "qwertyuiop",
        "letmein",
        "welcome",
        "iloveyou",
        "admin",
        "abc123",
        "monkey",
        "dragon",
        "football",
        "baseball",
        "sunshine",
        "princess",
        "trustno1",
        "therapy",
        "therapist",
        "threadline",
        "secret",
        "changeme",
    ]
)
_RUNS = ("abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "0123456789")


@dataclass(frozen=True)
class Strength:
    bits: float
    acceptable: bool
    hint: str


def _pool(passphrase: str) -> int:
    pool = 0
    if any(c in string.ascii_lowercase for c in passphrase):
        pool += 26
    if any(c in string.ascii_uppercase for c in passphrase):
        pool += 26
    if any(c in string.digits for c in passphrase):
        pool += 10
    if any(c in string.punctuation or c == " " for c in passphrase):
        pool += 33
    if any(ord(c) > 127 for c in passphrase):
        pool += 60
    return max(pool, 1)


def _effective_length(passphrase: str) -> float:
    lowered = passphrase.lower()
    length = 0.0
    for i, ch in enumerate(lowered):
        prev = lowered[i - 1] if i else ""
        in_run = bool(prev) and any(prev + ch in run for run in _RUNS)
        length += 0.25 if (ch == prev or in_run) else 1.0
    return length


def estimate(passphrase: str) -> Strength:
    if passphrase.strip().lower() in _COMMON or len(set(passphrase)) <= 2:
        return Strength(0.0, False, "This is one of the most common passwords; choose another.")
    bits = _effective_length(passphrase) * math.log2(_pool(passphrase))
    if bits < MIN_BITS:
        hint = "Too weak: use a longer passphrase, for example four or five unrelated words."
        return Strength(bits, False, hint)
    if bits < GOOD_BITS:
        return Strength(bits, True, "Acceptable; a few more words would make it strong.")
    return Strength(bits, True, "Strong.")
