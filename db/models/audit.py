"""The audit log and the vault's own settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, IdMixin, UtcDateTime


class AuditEvent(IdMixin, Base):
    """An append-only, hash-chained record of a sensitive action.

    Names entities by id only; ``detail`` is a small JSON object that never holds note
    text. ``hash`` covers this event's fields and the previous event's hash.
    """

    __tablename__ = "audit_event"

    seq: Mapped[int] = mapped_column(unique=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    action: Mapped[str] = mapped_column(String(40))
    entity_type: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str] = mapped_column(String(36), default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class VaultSetting(Base):
    """A vault-level setting (JSON value), encrypted with everything else."""

    __tablename__ = "vault_setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CommitCounter(Base):
    """One row: how many write transactions the vault has committed (``db.vault.seal``).

    ``Database.write()`` adds one in every write transaction; the seal beside the database
    records the same number, so a log that lost committed transactions is told apart from
    one that did not.
    """

    __tablename__ = "commit_counter"

    id: Mapped[int] = mapped_column(primary_key=True)
    counter: Mapped[int] = mapped_column(default=0)
