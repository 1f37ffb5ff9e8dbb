"""Apply one template edit inside a unit of work and return the edit that undoes it.

Every function validates before it writes, so a refused edit changes nothing.
"""

from __future__ import annotations

import uuid

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.errors import NotFound, ValidationError
from db.models import Client, ClientTemplate, NoteTemplate
from db.templates.dto import (
    ClearTemplate,
    PutTemplate,
    SetDefault,
    TemplateEdit,
    TemplateState,
)
from db.templates.shipped import BY_KEY
from db.vocabulary import NoteKind, is_one_of

MAX_NAME = 120
MAX_BODY = 20_000


def own_id(ref: str) -> uuid.UUID | None:
    """The id of an own template's ``ref``; ``None`` for a shipped key."""
    if ref in BY_KEY:
        return None
    try:
        return uuid.UUID(ref)
    except ValueError:
        raise NotFound from None


def row_for(session: Session, ref: str) -> NoteTemplate | None:
    ident = own_id(ref)
    if ident is None:
        return session.scalars(select(NoteTemplate).where(NoteTemplate.key == ref)
                               .order_by(NoteTemplate.created_at)).first()
    return session.get(NoteTemplate, ident)


def _state(row: NoteTemplate) -> TemplateState:
    return TemplateState(row.name, row.kind, row.body, row.deleted)


def _check(state: TemplateState) -> TemplateState:
    name = " ".join(state.name.split())
    if not name:
        raise ValidationError("Give the template a name.", field="name")
    if len(name) > MAX_NAME:
        raise ValidationError(f"A template's name can have at most {MAX_NAME} characters.",
                              field="name")
    if not is_one_of(NoteKind, state.kind):
        raise ValidationError("A template is for the process note or the progress note.",
                              field="kind")
    if len(state.body) > MAX_BODY:
        raise ValidationError(f"A template can hold at most {MAX_BODY:,} characters.",
                              field="body")
    return TemplateState(name, state.kind, state.body, state.deleted)


def _put(session: Session, edit: PutTemplate) -> TemplateEdit:
    state = _check(edit.state)
    row = row_for(session, edit.ref)
    if row is None:
        ident = own_id(edit.ref)
        row = NoteTemplate(id=ident or uuid.uuid4(), key=None if ident else edit.ref,
                           name=state.name, kind=state.kind, body=state.body,
                           deleted=state.deleted)
        session.add(row)
        return ClearTemplate(edit.ref)
    before = _state(row)
    row.name, row.kind, row.body, row.deleted = (state.name, state.kind, state.body,
                                                 state.deleted)
    return PutTemplate(edit.ref, before)


def _clear(session: Session, edit: ClearTemplate) -> TemplateEdit:
    row = row_for(session, edit.ref)
    if row is None:
        raise NotFound
    before = _state(row)
    session.delete(row)
    return PutTemplate(edit.ref, before)


def _set_default(session: Session, edit: SetDefault) -> TemplateEdit:
    if session.get(Client, edit.client_id) is None:
        raise NotFound
    if not is_one_of(NoteKind, edit.kind):
        raise ValidationError("A template is for the process note or the progress note.",
                              field="kind")
    if edit.ref is not None:
        own_id(edit.ref)  # a name that is neither shipped nor an id is not a template
        row = row_for(session, edit.ref)
        if (row is None and edit.ref not in BY_KEY) or (row is not None and row.deleted):
            raise NotFound
    current = session.get(ClientTemplate, (edit.client_id, edit.kind))
    before = current.template if current is not None else None
    if edit.ref is None:
        session.execute(delete(ClientTemplate).where(
            ClientTemplate.client_id == edit.client_id, ClientTemplate.kind == edit.kind))
    elif current is None:
        session.add(ClientTemplate(client_id=edit.client_id, kind=edit.kind,
                                   template=edit.ref))
    else:
        current.template = edit.ref
    return SetDefault(edit.client_id, edit.kind, before)


def apply(session: Session, edit: TemplateEdit) -> TemplateEdit:
    """Apply ``edit``; return its inverse. Raises ``ValidationError``/``NotFound``."""
    if isinstance(edit, PutTemplate):
        return _put(session, edit)
    if isinstance(edit, ClearTemplate):
        return _clear(session, edit)
    return _set_default(session, edit)
