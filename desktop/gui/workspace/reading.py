"""What the workspace reads to show a client or a session, read off the GUI thread.

Opening the biggest client reads a thousand sessions with their theme chips (tens of
milliseconds warm, hundreds cold, more while the integrity check reads the whole file);
a session's note comes with its passage anchors, marks and episodes. None of it may hold
the GUI thread up, so each is one job (``desktop.gui.common.jobs``): the window keeps
painting and taking keys, and the answer is shown when it arrives, all of a piece.

* **One read per thing shown, the latest wins**: a read started for the client (or the
  session) makes the one before it stale, so clicking quickly down the list shows the
  last row clicked, never an older answer arriving late.
* **A session is shown whole**: the note's text and whatever other rooms need beside it
  (the themes room's anchors and marks: :attr:`SessionReads.parts`) are read in the same
  job and handed over in the same GUI-thread call, before any key press can reach the
  editor; passage anchors never meet a text they were not read with.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from db.errors import NotFound

if TYPE_CHECKING:
    from db.services.dto import ClientDTO, NoteDTO, SessionDTO
    from db.services.hub import Services
    from desktop.gui.common.context import AppContext
    from desktop.gui.common.jobs import Failure

#: A room's part of a session's reading: called on the job's thread.
Part = Callable[["Services", uuid.UUID], object]


@dataclass(frozen=True)
class ClientReading:
    client: ClientDTO
    sessions: list[SessionDTO]


@dataclass(frozen=True)
class SessionReading:
    note: NoteDTO
    parts: dict[str, object] = field(default_factory=dict)

    @property
    def session_id(self) -> uuid.UUID:
        return self.note.session_id


def read_client(services: Services, client_id: uuid.UUID) -> ClientReading:
    return ClientReading(services.clients.get(client_id),
                         services.sessions.list_for_client(client_id))


class SessionReads:
    """Starts the workspace's reads; ``parts`` are what other rooms add to a session's."""

    def __init__(self, context: AppContext, owner: QObject) -> None:
        self._context = context
        self._owner = owner
        self.parts: dict[str, Part] = {}

    def client(self, client_id: uuid.UUID, on_done: Callable[[ClientReading], object],
               on_error: Callable[[Failure], object]) -> None:
        services = self._context.services
        self._start("client", lambda: read_client(services, client_id), on_done, on_error)

    def session(self, session_id: uuid.UUID, on_done: Callable[[SessionReading], object],
                on_error: Callable[[Failure], object]) -> None:
        services, parts = self._context.services, dict(self.parts)

        def read() -> SessionReading:
            note = services.notes.load(session_id)
            return SessionReading(note, {name: part(services, session_id)
                                         for name, part in parts.items()})

        self._start("session", read, on_done, on_error)

    def rows(self, session_ids: frozenset[uuid.UUID],
             on_done: Callable[[list[SessionDTO] | None], object],
             on_error: Callable[[Failure], object]) -> None:
        """The list rows of ``session_ids`` again (``None`` if one is gone). Reads of the
        same rows replace each other; reads of other rows do not."""
        services = self._context.services

        def read() -> list[SessionDTO] | None:
            try:
                return [services.sessions.get(session_id) for session_id in session_ids]
            except NotFound:
                return None

        self._context.jobs.start(read, on_done=on_done, on_error=on_error,
                                 key=(self._owner, "rows", session_ids), owner=self._owner,
                                 name="reading session rows")

    def forget(self, what: str) -> None:
        """Drop the answer of a read still on its way (its thing is no longer wanted)."""
        for job in self._context.jobs.running((self._owner, what)):
            job.cancel()

    def busy_with(self, what: str) -> bool:
        """A read of the client (or the session) is on its way and still wanted."""
        return any(job.wanted for job in self._context.jobs.running((self._owner, what)))

    @property
    def busy(self) -> bool:
        """A read is on its way whose answer will still be shown (session rows included)."""
        return any(job.wanted for job in self._context.jobs.running()
                   if isinstance(job.key, tuple) and job.key[:1] == (self._owner,))

    def _start(self, what: str, work: Callable[[], Any], on_done: Callable[[Any], object],
               on_error: Callable[[Failure], object]) -> None:
        self._context.jobs.start(work, on_done=on_done, on_error=on_error,
                                 key=(self._owner, what), owner=self._owner,
                                 name=f"reading a {what}")
