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
from db.vocabulary import OdfScoring

# Written by the backup service when a backup has been verified, never by a save of the
# settings: a settings object read before that backup must not turn it back into "none".
RECORDED = frozenset({"last_backup_at"})
CLINICIAN_NAME_MAX = 120


@dataclass(frozen=True)
class VaultSettings:
    auto_lock_minutes: int = 10
    lock_with_screen: bool = True  # lock when the screen locks or the machine sleeps
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
    clinician_name: str = ""  # who signs a finalized note ("Dr A. Example, MSc")
    odf_scoring: str = "presence"  # how defenses are counted: db.vocabulary.OdfScoring
    odf_min_defenses: int = 2  # ODF points on fewer defenses are shown greyed

    def validate(self) -> None:
        if not 1 <= self.auto_lock_minutes <= 240:
            raise ValidationError("Auto-lock must be between 1 and 240 minutes.",
                                  field="auto_lock_minutes")
        if not 5 <= self.default_session_minutes <= 600:
            raise ValidationError("A session lasts between 5 and 600 minutes.",
                                  field="default_session_minutes")
        name = self.clinician_name
        if len(name) > CLINICIAN_NAME_MAX or any(not c.isprintable() for c in name):
            raise ValidationError("The clinician name is one line of at most "
                                  f"{CLINICIAN_NAME_MAX} characters.", field="clinician_name")
        if self.odf_scoring not in {s.value for s in OdfScoring}:
            raise ValidationError("Choose presence, occurrences or intensity for the ODF.",
                                  field="odf_scoring")
        if not 1 <= self.odf_min_defenses <= 30:
            raise ValidationError("The minimum number of defenses is between 1 and 30.",
                                  field="odf_min_defenses")
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
        """Store every setting the clinician chooses (not those in :data:`RECORDED`);
        returns the settings as stored now."""
        settings.validate()
        self._store({f.name: getattr(settings, f.name) for f in fields(settings)
                     if f.name not in RECORDED})
        return Outcome(self.load(), Changed(settings=True))

    def update(self, **changes: Any) -> Outcome[VaultSettings]:
        """Change only the settings named (so a concurrent change of another survives)."""
        replace(self.load(), **changes).validate()  # raises TypeError for an unknown name
        self._store(changes)
        return Outcome(self.load(), Changed(settings=True))

    def _store(self, values: dict[str, Any]) -> None:
        with self._vault.database.write() as session:
            for key, setting in values.items():
                value = json.dumps(setting)
                row = session.get(VaultSetting, key)
                if row is None:
                    session.add(VaultSetting(key=key, value=value))
                elif row.value != value:
                    row.value = value
