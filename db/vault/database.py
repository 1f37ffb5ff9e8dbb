"""Units of work over the open vault's encrypted database."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from db.errors import DatabaseDamaged, ThreadlineError, VaultLocked
from db.vault.checkpoint import Checkpointer
from db.vault.engine import make_engine
from db.vault.seal import Seal

_COUNT = text("UPDATE commit_counter SET counter = counter + 1 WHERE id = 1 RETURNING counter")
#: Before schema 0005 (a vault not yet migrated, or one downgraded) there is nothing to
#: count; unlocking then compares the seal with 0, so a table gone missing is refused.
_COUNTED = text("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                "AND name = 'commit_counter'")

#: SQLite's primary result codes for a file that is not what it should be: CORRUPT (a page
#: failed SQLCipher's HMAC, or its content is inconsistent) and NOTADB.
_DAMAGE_CODES = {11, 26}
#: ``session.info`` key under which the audit log leaves the chain's new (seq, head); after
#: the commit, :attr:`Database.audit_listener` hears it (the vault writes its key file).
AUDIT_HEAD = "threadline.audit_head"


@contextlib.contextmanager
def _damage_as_typed_error() -> Iterator[None]:
    """A damaged page met by any query becomes :class:`DatabaseDamaged` (one sentence for
    the clinician) instead of a driver error; the check after unlocking may still run."""
    try:
        yield
    except DBAPIError as error:
        code = getattr(error.orig, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in _DAMAGE_CODES:
            raise DatabaseDamaged(detail=type(error.orig).__name__) from error
        raise


class Database:
    """The unlocked database: hands out one SQLAlchemy session per unit of work.

    Owns its copy of the data key and zeroes it in :meth:`close`.

    While the integrity check of a freshly unlocked vault runs in the background
    (:meth:`hold_writes`), reads go ahead (SQLCipher authenticates every page it reads)
    but writes wait for the verdict, so nothing is written into a damaged file.
    """

    def __init__(self, path: Path, key: bytearray, seal: Seal | None = None) -> None:
        self.path = path
        self._seal = seal  # with a seal, every write counts itself and is sealed
        self._key = bytearray(key)
        self.engine = make_engine(path, self._key)
        self._writer = sessionmaker(self.engine.execution_options(threadline_write=True),
                                    expire_on_commit=False)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self.checkpointer = Checkpointer(self.engine, allowed=self._may_checkpoint)
        self._writable = threading.Event()
        self._writable.set()
        self._refusal: ThreadlineError | None = None
        self.audit_listener: Callable[[int, str], None] | None = None

    def _may_checkpoint(self) -> bool:
        """Just before a checkpoint: flush the seal; never checkpoint a refused vault."""
        if self._seal is not None:
            self._seal.flush()
        return self._refusal is None

    def hold_writes(self) -> None:
        """Make writes wait until :meth:`release_writes` gives the integrity verdict."""
        self._writable.clear()

    def release_writes(self, refusal: ThreadlineError | None = None) -> None:
        """Let held writes go ahead; with ``refusal`` (e.g. :class:`DatabaseDamaged`),
        every write raises it instead."""
        self._refusal = refusal
        self._writable.set()

    def raise_if_refused(self) -> None:
        """Raise (a copy of) the integrity verdict's refusal, if writes are refused."""
        if self._refusal is not None:
            raise type(self._refusal)(str(self._refusal), detail=self._refusal.detail)

    @property
    def writes_held(self) -> bool:
        return not self._writable.is_set()

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction (BEGIN IMMEDIATE); commits once on success.

        Raises :class:`DatabaseDamaged` when the integrity check found damage. With a
        seal, the transaction adds one to ``commit_counter`` and the seal records the new
        number before this returns (:mod:`db.vault.seal`).
        """
        self._writable.wait()
        self.raise_if_refused()
        counter = 0
        with _damage_as_typed_error(), self._writer() as session:
            with session.begin():
                yield session
                if self._seal is not None and session.execute(_COUNTED).scalar_one():
                    counter = session.execute(_COUNT).scalar() or 0
            head = session.info.pop(AUDIT_HEAD, None)
        if self._seal is not None:
            self._seal.record(counter)
        self.checkpointer.wrote()
        if head is not None and self.audit_listener is not None:
            self.audit_listener(*head)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot; never commits. Raises :class:`DatabaseDamaged`."""
        with _damage_as_typed_error(), self._reader() as session:
            try:
                yield session
            finally:
                session.rollback()

    def close(self) -> None:
        if self.writes_held:  # a writer waiting for the integrity check must not hang
            self.release_writes(VaultLocked())
        self.checkpointer.stop()
        self.engine.dispose()
        self._key[:] = bytes(len(self._key))
