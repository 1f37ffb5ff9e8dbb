"""Shared set-up for the theme, mark and episode tests: a fictional client and sessions."""

from __future__ import annotations

import uuid
from datetime import date

from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services


def new_session(services: Services, code: str = "WREN", day: int = 5) -> uuid.UUID:
    try:
        client_id = services.clients.by_code(code).id
    except Exception:  # noqa: BLE001 - NotFound: make the client first
        client_id = services.clients.create(ClientInput(code=code)).value.id
    return services.sessions.create(client_id, SessionInput(date=date(2026, 3, day))).value.id


def theme_id(services: Services, key: str) -> uuid.UUID:
    return services.themes.ids_by_key([key])[key]
