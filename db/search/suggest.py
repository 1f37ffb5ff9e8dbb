"""What to try when a search finds nothing (one sentence, shared by the window and the
command line)."""

from __future__ import annotations

from db.search.query import parse


def nothing_found(query: str, filtered: bool = False) -> str:
    """"Nothing matches." and the one or two things most likely to help with ``query``."""
    parsed = parse(query)
    terms = [t for g in parsed.groups for t in g]
    tips: list[str] = []
    if any(t.exact for t in terms):
        tips.append("remove the quotes to find other forms of the words")
    if len(terms) > 1:
        tips.append("use fewer words")
    if filtered:
        tips.append("search all clients and dates")
    if not tips:
        word = next((t.tokens[-1] for t in terms if not t.prefix and t.tokens), "")
        if len(word) >= 5:
            tips.append(f"type the start of a word with * ({word[:4].lower()}*)")
    if not tips:
        return "Nothing matches."
    return "Nothing matches. Try: " + "; ".join(tips) + "."
