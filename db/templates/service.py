"""Note templates: list, edit (with the inverse for undo), per-client defaults, and the
text a new session's notes start from."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import NotFound
from db.models import ClientTemplate, NoteTemplate
from db.services.base import DatabaseProvider
from db.services.dto import Changed, Outcome
from db.templates import edits
from db.templates.dto import (
    ClearTemplate,
    PutTemplate,
    SetDefault,
    TemplateDTO,
    TemplateEdit,
    TemplateEditResult,
    TemplateState,
)
from db.templates.shipped import BY_KEY, SHIPPED

LABELS = {PutTemplate: "Edit template", ClearTemplate: "Remove template",
          SetDefault: "Default template"}


def _listing(session: Session) -> list[TemplateDTO]:
    rows = list(session.scalars(select(NoteTemplate).order_by(NoteTemplate.created_at)))
    overrides: dict[str, NoteTemplate] = {}
    for row in rows:
        if row.key is not None:
            overrides.setdefault(row.key, row)
    out: list[TemplateDTO] = []
    for shipped in SHIPPED:
        override = overrides.get(shipped.key)
        if override is None:
            out.append(TemplateDTO(shipped.key, shipped.name, shipped.kind, shipped.body,
                                   True, False))
        elif not override.deleted:
            out.append(TemplateDTO(shipped.key, override.name, override.kind, override.body,
                                   True, True))
    own = [row for row in rows if row.key is None or row.key not in BY_KEY]
    own.sort(key=lambda row: (row.name.casefold(), str(row.id)))
    out += [TemplateDTO(str(row.id), row.name, row.kind, row.body, False, False)
            for row in own if not row.deleted]
    return out


def starting_notes(session: Session, client_id: uuid.UUID) -> dict[str, str]:
    """The text each note of a new session of ``client_id`` starts with, by note kind:
    its default template's body (nothing for a kind without one, or whose template went)."""
    chosen = dict(session.execute(select(ClientTemplate.kind, ClientTemplate.template)
                                  .where(ClientTemplate.client_id == client_id)).all())
    if not chosen:
        return {}
    by_ref = {template.ref: template for template in _listing(session)}
    return {kind: by_ref[ref].body for kind, ref in chosen.items() if ref in by_ref}


class TemplateService:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def list(self, kind: str | None = None) -> list[TemplateDTO]:
        """Shipped templates first (in their order), then the clinician's own by name."""
        with self._vault.database.read() as session:
            items = _listing(session)
        return [item for item in items if kind is None or item.kind == kind]

    def get(self, ref: str) -> TemplateDTO:
        for item in self.list():
            if item.ref == ref:
                return item
        raise NotFound

    def find(self, name: str) -> TemplateDTO:
        """The template called ``name`` (ignoring case), or its ref; raises ``NotFound``."""
        wanted = name.strip().casefold()
        for item in self.list():
            if wanted in (item.ref.casefold(), item.name.casefold()):
                return item
        raise NotFound("There is no template called that.")

    def defaults(self, client_id: uuid.UUID) -> dict[str, str]:
        """The default template's ref of each note kind that has one for ``client_id``."""
        with self._vault.database.read() as session:
            return dict(session.execute(
                select(ClientTemplate.kind, ClientTemplate.template)
                .where(ClientTemplate.client_id == client_id)).all())

    def apply(self, edit: TemplateEdit, label: str | None = None
              ) -> Outcome[TemplateEditResult]:
        """Apply any edit (an inverse from an earlier result: undo, and redo)."""
        with self._vault.database.write() as session:
            inverse = edits.apply(session, edit)
        ref = getattr(edit, "ref", None)
        changed = (Changed(clients=frozenset({edit.client_id}))
                   if isinstance(edit, SetDefault) else Changed())
        return Outcome(TemplateEditResult(label or LABELS[type(edit)], inverse, ref), changed)

    def create(self, name: str, kind: str, body: str) -> Outcome[TemplateEditResult]:
        ref = str(uuid.uuid4())
        return self.apply(PutTemplate(ref, TemplateState(name, kind, body)), "New template")

    def save(self, ref: str, name: str, kind: str, body: str) -> Outcome[TemplateEditResult]:
        return self.apply(PutTemplate(ref, TemplateState(name, kind, body)), "Edit template")

    def delete(self, ref: str) -> Outcome[TemplateEditResult]:
        """An own template goes; a shipped one is hidden (undo brings either back)."""
        current = self.get(ref)
        if current.shipped:
            state = TemplateState(current.name, current.kind, current.body, deleted=True)
            return self.apply(PutTemplate(ref, state), "Delete template")
        return self.apply(ClearTemplate(ref), "Delete template")

    def set_default(self, client_id: uuid.UUID, kind: str, ref: str | None
                    ) -> Outcome[TemplateEditResult]:
        return self.apply(SetDefault(client_id, kind, ref))
