"""A backup's plaintext as a stream of authenticated pieces, never whole.

The ciphertext is read from the file a piece at a time; its header is checked first
(:func:`db.backup.age.read_header`: armor, magic, which key it needs, the scrypt work
factor). A passphrase file is then decrypted by :mod:`db.backup.scrypt_stream` in this
thread, as it is read; a file for age keys by ``pyrage.decrypt_io`` in a thread of its
own writing into a pipe (:mod:`db.backup.pipe`), since pyrage only pushes. Either way
a piece is released only once the chunk it came from has authenticated.

:func:`plaintext` is a context manager, so that the rule *nothing is believed until the
whole file has authenticated* lives in one place: leaving its block normally reads and
authenticates whatever the reader left (the tar's padding, or more), and raises if the
file does not end with a valid final chunk. Leaving it with a :class:`BackupError` (a
damaged archive) also reads on, so a damaged ciphertext further on is reported instead,
as it was when the file was decrypted whole before its archive was read. A cancel is
checked between pieces; a cancelled read reads nothing more.

Errors are those :func:`db.backup.age.decrypt` gives for the same file; an error of
reading the file itself (:class:`db.errors.FileChanged`, an ``OSError``) is raised as
it is.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import chain

import pyrage
from pyrage import x25519

from db.backup import age, pipe, scrypt_stream
from db.backup.errors import BackupDamaged, BackupError
from db.backup.stream import PieceReader
from db.progress import Cancel


class _Source(io.BufferedReader):
    """The ciphertext; remembers an error of reading it, which pyrage reports its own way."""

    error: BaseException | None = None

    def read(self, size: int | None = -1) -> bytes:
        try:
            return super().read(size)
        except BaseException as error:
            self.error = error
            raise


def _head(ciphertext: Iterator[bytes]) -> bytes:
    """At least the first :data:`age.MAX_HEADER` bytes (all of a shorter file)."""
    pieces: list[bytes] = []
    count = 0
    while count < age.MAX_HEADER and (piece := next(ciphertext, None)) is not None:
        pieces.append(piece)
        count += len(piece)
    return b"".join(pieces)


def _checked(pieces: Iterator[bytes], cancel: Cancel | None) -> Iterator[bytes]:
    for piece in pieces:
        if cancel is not None:
            cancel.check()
        yield piece


def _from_pyrage(pieces: Iterator[bytes], source: _Source) -> Iterator[bytes]:
    try:
        yield from pieces
    except pyrage.DecryptError as error:  # the header: no key opens it, or it is malformed
        raise age.classify(error, age.wrong_identity()) from error
    except OSError as error:  # rage reports a bad chunk or a cut file as an I/O error
        if source.error is not None:
            raise source.error from None
        raise BackupDamaged(detail=str(error)[:80]) from error


def _primed(pieces: Iterator[bytes]) -> Iterator[bytes]:
    """``pieces``, its first already read: the header's errors (a wrong key) raise here."""
    first = next(pieces, None)
    return pieces if first is None else chain([first], pieces)


def _drain(pieces: Iterator[bytes]) -> None:
    for _ in pieces:
        pass


@contextmanager
def plaintext(ciphertext: Iterator[bytes], *, passphrase: str | None = None,
              identities: Sequence[x25519.Identity] = (), cancel: Cancel | None = None,
              ) -> Iterator[Iterator[bytes]]:
    """The plaintext of the age file whose bytes ``ciphertext`` gives, piece by piece.

    Entering checks the header and opens the file key (a wrong key or passphrase raises
    here); the block reads what it needs; leaving it normally means the whole file
    authenticated.
    """
    head = _head(ciphertext)
    header = age.read_header(head)
    age.check_key(header, passphrase=passphrase, identities=identities)
    source = _Source(PieceReader(chain([head], ciphertext)))
    del head
    if passphrase is not None and header.uses_passphrase:
        pieces = _primed(_checked(scrypt_stream.decrypt(source, passphrase), cancel))
        yield from _authenticated(pieces)
        return
    keys = list(identities)
    with pipe.pushed(lambda writer: pyrage.decrypt_io(source, writer, keys),
                     name="backup decryption") as pushed:
        pieces = _primed(_checked(_from_pyrage(pushed, source), cancel))
        yield from _authenticated(pieces)


def _authenticated(pieces: Iterator[bytes]) -> Iterator[Iterator[bytes]]:
    """Hands ``pieces`` to the block, then reads (and so authenticates) what it left."""
    try:
        yield pieces
    except BackupError:
        _drain(pieces)  # a damaged ciphertext further on is the error to report
        raise
    _drain(pieces)
