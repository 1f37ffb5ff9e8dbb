"""The two ways Threadline looks things up in a taxonomy, written once for every shape of it.

A taxonomy comes as file records (:mod:`db.taxonomy.schema`), as ORM rows, as the theme
editor's DTOs and as the analytics' index; each finds an item by its id or key with
:func:`one`, and walks from a category (or theme) to the top with :func:`ancestry`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

T = TypeVar("T")


def one(items: Iterable[T], key: Callable[[T], Hashable], wanted: Hashable) -> T:
    """The item whose ``key`` is ``wanted``; ``KeyError(wanted)`` if there is none."""
    for item in items:
        if key(item) == wanted:
            return item
    raise KeyError(wanted)


def ancestry(start: T, parent_of: Callable[[T], T | None]) -> list[T]:
    """``start`` and each item above it, nearest first, up to the top.

    ``parent_of`` gives the item above (None at the top). A cycle, which the services
    never let happen, ends the walk instead of looping.
    """
    chain = [start]
    seen = {id(start)}
    while (parent := parent_of(chain[-1])) is not None and id(parent) not in seen:
        chain.append(parent)
        seen.add(id(parent))
    return chain
