"""Frozen values of note templates, and the edits the template service applies and undoes.

Every edit returns its inverse (``TemplateService.apply``), the way theme edits do, so the
GUI's undo stack holds values and never a live row.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class TemplateDTO:
    """``ref`` names the template everywhere (a shipped key, or a vault template's id)."""

    ref: str
    name: str
    kind: str
    body: str
    shipped: bool  # one of Threadline's own (perhaps edited)
    edited: bool  # a shipped template the clinician changed


@dataclass(frozen=True)
class TemplateState:
    name: str
    kind: str
    body: str
    deleted: bool = False


@dataclass(frozen=True)
class PutTemplate:
    """Give template ``ref`` this state (its vault row is made when there is none)."""

    ref: str
    state: TemplateState


@dataclass(frozen=True)
class ClearTemplate:
    """Remove template ``ref``'s vault row: an own template is gone, a shipped one is as
    shipped again."""

    ref: str


@dataclass(frozen=True)
class SetDefault:
    """Which template a new session of ``client_id`` starts its ``kind`` note from."""

    client_id: uuid.UUID
    kind: str
    ref: str | None


TemplateEdit = PutTemplate | ClearTemplate | SetDefault


@dataclass(frozen=True)
class TemplateEditResult:
    label: str
    inverse: TemplateEdit
    ref: str | None = None
