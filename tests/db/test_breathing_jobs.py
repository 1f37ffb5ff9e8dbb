"""A background job that breathes (db/progress.py) pauses between its units of work, so
that the window's thread gets the interpreter, and does the same work."""

from __future__ import annotations

import time
import uuid

from db.progress import BREATH_S, Cancel, checked
from db.suggestions.learn import MarkedPassage, Suggester, train


def _busy(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_a_breathing_job_pauses_after_its_share_of_work_and_only_then() -> None:
    cancel = Cancel(breathe=True)
    _busy(BREATH_S * 1.5)
    start = time.perf_counter()
    cancel.check()
    assert time.perf_counter() - start >= BREATH_S * 0.9  # it slept
    start = time.perf_counter()
    cancel.check()
    assert time.perf_counter() - start < BREATH_S / 2  # just slept: no second pause


def test_a_job_that_does_not_breathe_never_pauses() -> None:
    cancel = Cancel()
    _busy(BREATH_S * 1.5)
    start = time.perf_counter()
    for _ in checked(range(10_000), cancel, every=1):
        pass
    assert time.perf_counter() - start < BREATH_S * 5


def test_learning_while_breathing_learns_the_same_model() -> None:
    themes = [uuid.UUID(int=n) for n in (1, 2, 3)]
    words = {themes[0]: "furious slammed door shouted", themes[1]: "tearful alone missed",
             themes[2]: "joked laughed lightly"}
    marked = [MarkedPassage(theme, f"{text} {n} times, session {n % 7}")
              for n in range(80) for theme, text in words.items()]
    calm, breathing = train(marked), train(marked, Cancel(breathe=True))
    assert isinstance(calm, Suggester)
    assert isinstance(breathing, Suggester)
    assert calm.report == breathing.report
    for text in ("he slammed the door", "she was tearful", "we laughed"):
        assert calm.suggest(text) == breathing.suggest(text)
