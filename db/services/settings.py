"""Settings that belong to the vault (stored encrypted inside it)."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import select

from db.errors import ValidationError
from db.models import VaultSetting
from db.services.base import DatabaseProvider
from db.services.dto import Changed, Outcome


@dataclass(frozen=True)
class VaultSettings:
    auto_lock_minutes: int = 10
    default_session_minutes: int = 50
    privacy_view: bool = True  # show client codes, not names, by default
    backup_folder: str = ""
    backup_recipient: str = ""  # an age public key for automatic backups
    backup_keep_daily: int = 7
    backup_keep_weekly: int = 8
    backup_on_quit: bool = True
    backup_interval_hours: int = 24
    last_backup_at: str = ""  # ISO 8601, set by the backup service
    demo_vault: bool = False  # set by `threadline demo`: every client is fictional

    def validate(self) -> None:
        if not 1 <= self.auto_lock_minutes <= 240:
            raise ValidationError("Auto-lock must be between 1 and 240 minutes.",
                                  field="auto_lock_minutes")
        if not 5 <= self.default_session_minutes <= 600:
            raise ValidationError("A session lasts between 5 and 600 minutes.",
                                  field="default_session_minutes")
        if self.backup_keep_daily < 0 or self.backup_keep_weekly < 0:
            raise ValidationError("Backups to keep cannot be negative.", field="backup_keep")


class SettingsService:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def load(self) -> VaultSettings:
        with self._vault.database.read() as session:
            stored = {row.key: row.value for row in session.scalars(select(VaultSetting))}
        known: dict[str, Any] = {}
        for f in fields(VaultSettings):
            if f.name in stored:
                try:
                    known[f.name] = json.loads(stored[f.name])
                except ValueError:
                    continue  # an unreadable value falls back to its default
        return replace(VaultSettings(), **known)

    def save(self, settings: VaultSettings) -> Outcome[VaultSettings]:
        settings.validate()
        with self._vault.database.write() as session:
            for f in fields(settings):
                value = json.dumps(getattr(settings, f.name))
                row = session.get(VaultSetting, f.name)
                if row is None:
                    session.add(VaultSetting(key=f.name, value=value))
                elif row.value != value:
                    row.value = value
        return Outcome(settings, Changed(settings=True))

    def update(self, **changes: Any) -> Outcome[VaultSettings]:
        return self.save(replace(self.load(), **changes))
