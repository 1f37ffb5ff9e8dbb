"""Errors of reading and importing interchange documents."""

from __future__ import annotations

from db.errors import ThreadlineError


class InterchangeError(ThreadlineError):
    """The document cannot be imported; nothing was changed.

    ``problems`` lists one sentence per problem found; the message is the first of them
    (with a count of the others), so a command line can show it on one line.
    """

    def __init__(self, problems: list[str]) -> None:
        first = problems[0] if problems else "This file is not a Threadline export."
        more = len(problems) - 1
        suffix = f" ({more} more problem{'s' if more != 1 else ''} found.)" if more > 0 else ""
        super().__init__(first + suffix)
        self.problems = list(problems)


class ImportClash(InterchangeError):
    """Records of the document already exist in the vault; nothing was imported.

    The message says how many; ``problems`` names each clash (the first ones).
    """

    def __init__(self, count: int, clashes: list[str]) -> None:
        super().__init__(clashes)
        self.args = (f"{count} record{'s' if count != 1 else ''} of this export "
                     f"{'are' if count != 1 else 'is'} already in the vault, so nothing was "
                     "imported.",)
