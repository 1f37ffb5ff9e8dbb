"""An age v1 file made with a passphrase, decrypted a chunk at a time.

pyrage decrypts passphrase files only whole (``pyrage.passphrase.decrypt`` takes and
returns bytes), so reading back a large backup held its ciphertext and its plaintext at
once. Here the format (c2sp.org/age, the scrypt recipient only) is read with
``cryptography``, and the plaintext comes out as the file is read:

* the header is parsed by the spec's grammar (LF line ends, arguments of visible
  characters, bodies in canonical unpadded base64 wrapped at 64 columns, a MAC line of
  exactly 43 characters) and holds exactly one ``scrypt`` stanza, which the spec forbids
  to mix with any other;
* the stanza's salt is 16 bytes, its work factor a decimal without leading zeros and at
  most :data:`db.backup.age.MAX_SCRYPT_WORK_FACTOR` (checked against the memory this
  machine can spare before scrypt runs), its body exactly 32 bytes;
* scrypt (r = 8, p = 1) derives the key that unwraps the file key (ChaCha20-Poly1305,
  zero nonce); a tag that does not match is a wrong passphrase or a damaged stanza, which
  cannot be told apart;
* the header MAC (HMAC-SHA-256 under HKDF(file key, "header"), over the header up to and
  including ``---``) is checked before any of the payload is read;
* the payload (STREAM): a 16-byte nonce, then chunks of 64 KiB of plaintext plus a 16-byte
  tag under HKDF(file key, nonce, "payload"), the nonce of each an 11-byte big-endian
  counter and a last-chunk flag. A chunk is released only once its tag checked; the
  final one must carry the flag, may be empty only when it is the only one, and nothing
  may follow it. The iterator ends normally only after such a final chunk.

Errors are those :func:`db.backup.age.decrypt` gives for the same files: a wrong passphrase
is :class:`WrongBackupKey`, anything malformed, cut short or altered
:class:`BackupDamaged` (its ``detail`` says where, for the log), a work factor above the
ceiling the one sentence of :data:`db.backup.age.TOO_SLOW`.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from db.backup.age import MAGIC, MAX_HEADER, MAX_SCRYPT_WORK_FACTOR, TOO_SLOW
from db.backup.errors import BackupDamaged, BackupError, NotABackup, WrongBackupKey
from db.backup.memory import SCRYPT_R, check_work_factor

SALT_LABEL = b"age-encryption.org/v1/scrypt"
SALT_BYTES = 16
FILE_KEY_BYTES = 16
WRAPPED_KEY_BYTES = FILE_KEY_BYTES + 16
MAC_BYTES = 32
NONCE_BYTES = 16
CHUNK = 64 * 1024
TAG_BYTES = 16
SEALED_CHUNK = CHUNK + TAG_BYTES
COLUMNS = 64
#: The chunk counter is 11 bytes.
MAX_CHUNKS = 1 << 88

_ARGUMENT = re.compile(rb"[\x21-\x7e]+")
_BASE64 = re.compile(rb"[A-Za-z0-9+/]*")
_WORK_FACTOR = re.compile(rb"[1-9][0-9]*")

Stanza = tuple[list[bytes], bytes]


def _damaged(where: str) -> BackupDamaged:
    return BackupDamaged(detail=where)


def _unbase64(text: bytes) -> bytes | None:
    """``text`` as canonical unpadded base64 decodes, or ``None`` if it is not that."""
    if not _BASE64.fullmatch(text) or len(text) % 4 == 1:
        return None
    try:
        data = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except binascii.Error:
        return None
    if base64.b64encode(data).rstrip(b"=") != text:  # unused bits set: not canonical
        return None
    return data


def _header(source: BinaryIO) -> tuple[bytes, list[Stanza], bytes]:
    """The header's bytes the MAC covers, its stanzas (arguments, body) and its MAC."""
    read = bytearray()

    def line() -> bytes:
        text = source.readline(MAX_HEADER - len(read))
        if not text.endswith(b"\n"):
            raise _damaged("age header cut short or too long")
        read.extend(text)
        return text[:-1]

    if line() + b"\n" != MAGIC:
        raise NotABackup
    stanzas: list[Stanza] = []
    text = line()
    while text.startswith(b"-> "):
        arguments = text[3:].split(b" ")
        if not all(_ARGUMENT.fullmatch(argument) for argument in arguments):
            raise _damaged("age stanza arguments")
        lines = [line()]
        while len(lines[-1]) == COLUMNS:
            lines.append(line())
        body = b"".join(lines)
        decoded = _unbase64(body) if len(lines[-1]) < COLUMNS else None
        if decoded is None:
            raise _damaged("age stanza body")
        stanzas.append((arguments, decoded))
        text = line()
    mac = _unbase64(text[4:]) if text.startswith(b"--- ") else None
    if not stanzas or mac is None or len(mac) != MAC_BYTES:
        raise _damaged("age header MAC line")
    covered = bytes(read[:len(read) - len(text) - 1 + len(b"---")])
    return covered, stanzas, mac


def _scrypt_stanza(stanzas: list[Stanza]) -> tuple[bytes, int, bytes]:
    """The salt, work factor and wrapped file key of the one scrypt stanza."""
    kinds = [arguments[0] for arguments, _ in stanzas]
    if b"scrypt" not in kinds:
        raise WrongBackupKey(detail="no scrypt stanza")
    if len(stanzas) != 1:
        raise _damaged("age scrypt stanza not alone")
    arguments, body = stanzas[0]
    if len(arguments) != 3:
        raise _damaged("age scrypt stanza arguments")
    salt = _unbase64(arguments[1])
    if salt is None or len(salt) != SALT_BYTES or not _WORK_FACTOR.fullmatch(arguments[2]):
        raise _damaged("age scrypt stanza arguments")
    work_factor = int(arguments[2])
    if work_factor > MAX_SCRYPT_WORK_FACTOR:
        raise BackupError(TOO_SLOW)
    if len(body) != WRAPPED_KEY_BYTES:
        raise _damaged("age scrypt stanza body")
    return salt, work_factor, body


def hkdf(key: bytes, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def file_key(passphrase: str, salt: bytes, work_factor: int, wrapped: bytes) -> bytes:
    """The file key the scrypt stanza wraps; :class:`WrongBackupKey` if it does not open."""
    check_work_factor(work_factor)
    wrap_key = Scrypt(salt=SALT_LABEL + salt, length=32, n=1 << work_factor, r=SCRYPT_R,
                      p=1).derive(passphrase.encode("utf-8"))
    try:
        return ChaCha20Poly1305(wrap_key).decrypt(bytes(12), wrapped, None)
    except InvalidTag:
        raise WrongBackupKey from None


def check_mac(key: bytes, covered: bytes, mac: bytes) -> None:
    """Raises :class:`BackupDamaged` unless ``mac`` is the header MAC under ``key``."""
    check = hmac.HMAC(hkdf(key, None, b"header"), hashes.SHA256())
    check.update(covered)
    try:
        check.verify(mac)
    except InvalidSignature:
        raise _damaged("age header MAC") from None


def payload(source: BinaryIO, key: bytes) -> Iterator[bytes]:
    """The plaintext of the STREAM payload read from ``source``, a checked chunk at a time.

    The nonce is read before this returns (a file that ends with its header raises here).
    """
    nonce = source.read(NONCE_BYTES)
    if len(nonce) != NONCE_BYTES:
        raise _damaged("age payload nonce cut short")
    return _chunks(source, ChaCha20Poly1305(hkdf(key, nonce, b"payload")))


def _chunks(source: BinaryIO, aead: ChaCha20Poly1305) -> Iterator[bytes]:
    """A full chunk is opened once the next has been read: only the end of the file says
    whether it is the final one."""
    chunk = source.read(SEALED_CHUNK)
    counter = 0
    while True:
        following = source.read(SEALED_CHUNK) if len(chunk) == SEALED_CHUNK else b""
        last = not following
        if len(chunk) < TAG_BYTES or counter >= MAX_CHUNKS:
            raise _damaged("age payload chunk cut short")
        try:
            plain = aead.decrypt(counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00"),
                                 chunk, None)
        except InvalidTag:
            raise _damaged(f"age payload chunk {counter}") from None
        if last and not plain and counter:
            raise _damaged("age payload ends with an empty chunk")
        yield plain
        if last:
            return
        chunk = following
        counter += 1


def decrypt(source: BinaryIO, passphrase: str) -> Iterator[bytes]:
    """The plaintext of the age file ``source`` (positioned at its start), chunk by chunk.

    The header is checked and the file key unwrapped before this returns (a wrong
    passphrase raises here); the payload is read as the iterator is.
    """
    covered, stanzas, mac = _header(source)
    salt, work_factor, wrapped = _scrypt_stanza(stanzas)
    key = file_key(passphrase, salt, work_factor, wrapped)
    check_mac(key, covered, mac)
    return payload(source, key)
