"""The vault's own choices for the analytics (scoring, minimum n), read in the analytics'
unit of work so a load and its settings agree. Stored by ``SettingsService``."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.analytics.scoring import DEFAULT_MIN_DEFENSES, DEFAULT_SCORING
from db.models import VaultSetting
from db.vocabulary import OdfScoring

SCORING_KEY = "odf_scoring"
MIN_DEFENSES_KEY = "odf_min_defenses"


@dataclass(frozen=True)
class Choices:
    scoring: OdfScoring = DEFAULT_SCORING
    min_defenses: int = DEFAULT_MIN_DEFENSES


def read_choices(session: Session) -> Choices:
    """The stored choices; a missing or unreadable value is its default."""
    stored: dict[str, str] = {key: value for key, value in session.execute(
        select(VaultSetting.key, VaultSetting.value).where(
            VaultSetting.key.in_((SCORING_KEY, MIN_DEFENSES_KEY))))}
    scoring, minimum = DEFAULT_SCORING, DEFAULT_MIN_DEFENSES
    with contextlib.suppress(ValueError, TypeError):
        scoring = OdfScoring(json.loads(stored.get(SCORING_KEY, '""')))
    try:
        value = json.loads(stored.get(MIN_DEFENSES_KEY, "0"))
        if isinstance(value, int) and 1 <= value <= 30:
            minimum = value
    except ValueError:
        pass
    return Choices(scoring, minimum)
