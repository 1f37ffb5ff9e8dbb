"""The owner of the full-text index's freshness: re-indexes notes autosaves left pending.

Autosaves only mark a note's index entry as pending (migration 0004, :mod:`db.search.pending`);
the :class:`Indexer` brings those entries up to date. The GUI's write pipeline runs
:meth:`Indexer.catch_up` when writing pauses and before a search reads; the command line
runs it before each search. The storage layer (``Database``, the checkpointer) knows
nothing of search.
"""

from __future__ import annotations

from db.search.pending import catch_up, pending_count
from db.services.base import DatabaseProvider


class Indexer:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def pending(self) -> int:
        """How many note texts wait to be re-indexed."""
        with self._vault.database.read() as session:
            return pending_count(session)

    def catch_up(self) -> int:
        """Re-index the notes changed since they were last indexed (usually none, or the
        one being typed); returns how many. Reads first and writes only when some are."""
        if not self.pending():
            return 0
        with self._vault.database.write() as session:
            return catch_up(session)
