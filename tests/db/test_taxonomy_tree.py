"""The one lookup and the one walk to the top that every shape of the taxonomy uses."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from db.taxonomy.tree import ancestry, one


@dataclass(eq=False)
class Node:
    key: str
    parent: Node | None = None


def test_one_finds_by_key_and_says_which_key_is_missing() -> None:
    items = [Node("defenses"), Node("relational")]
    assert one(items, lambda n: n.key, "relational") is items[1]
    with pytest.raises(KeyError, match="transference"):
        one(items, lambda n: n.key, "transference")


def test_ancestry_runs_from_the_start_to_the_top() -> None:
    top = Node("defenses")
    middle = Node("level-4", top)
    leaf = Node("idealization", middle)
    assert [n.key for n in ancestry(leaf, lambda n: n.parent)] == [
        "idealization", "level-4", "defenses"]
    assert ancestry(top, lambda n: n.parent) == [top]


def test_a_cycle_ends_the_walk_instead_of_looping() -> None:
    a, b = Node("a"), Node("b")
    a.parent, b.parent = b, a
    assert [n.key for n in ancestry(a, lambda n: n.parent)] == ["a", "b"]
