"""CCRT relational episodes: a story about the client and another person, told as a wish,
the other's response and the self's response (each a theme of that CCRT component).

Episodes where the other person is the therapist are transference material
(``EpisodeDTO.is_transference``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.clock import utcnow
from db.errors import ValidationError
from db.models import RelationalEpisode, Theme, ThemeCategory, TherapySession
from db.services import audit
from db.services.base import DatabaseProvider, get_or_404, insert_rows, load_many
from db.services.dto import Changed, Outcome
from db.services.passages import PassageInput, PassageState, passage_state, write_passage
from db.services.theme_edits import EPISODE_FIELDS, EPISODE_MORE_FIELDS, theme_is_offered
from db.vocabulary import Ccrt, OtherPerson, Valence

OTHER_KINDS = tuple(OtherPerson)
OTHER_KIND_LABELS: dict[str, str] = {kind: kind.capitalize() for kind in OTHER_KINDS}
COMPONENT_WORDS: dict[str, str] = {c: c.words for c in Ccrt}
MAX_OTHER = 120


@dataclass(frozen=True)
class ThemeRef:
    id: uuid.UUID
    key: str | None
    name: str
    color: str


@dataclass(frozen=True)
class EpisodeInput:
    other_person: str = ""  # free text ("her older brother"); defaults to the kind's label
    other_kind: str = "other"
    wish_theme_id: uuid.UUID | None = None
    response_of_other_theme_id: uuid.UUID | None = None
    response_of_self_theme_id: uuid.UUID | None = None
    narrative: str = ""
    passage: PassageInput | None = None
    # The second and third category of a component, in the order scored (at most two).
    wish_more: tuple[uuid.UUID, ...] = ()
    response_of_other_more: tuple[uuid.UUID, ...] = ()
    response_of_self_more: tuple[uuid.UUID, ...] = ()
    #: "positive" / "negative" (db.vocabulary.Valence), None: not rated.
    response_of_other_valence: str | None = None
    response_of_self_valence: str | None = None


@dataclass(frozen=True)
class EpisodeDTO:
    id: uuid.UUID
    session_id: uuid.UUID
    other_person: str
    other_kind: str
    wish: ThemeRef | None
    response_of_other: ThemeRef | None
    response_of_self: ThemeRef | None
    narrative: str
    passage: PassageState
    created_at: datetime
    wish_more: tuple[ThemeRef, ...] = ()
    response_of_other_more: tuple[ThemeRef, ...] = ()
    response_of_self_more: tuple[ThemeRef, ...] = ()
    response_of_other_valence: str | None = None
    response_of_self_valence: str | None = None

    def categories(self, component: str) -> tuple[ThemeRef, ...]:
        """Every category scored for a component (W, RO or RS), first one first."""
        first, more = {Ccrt.WISH: (self.wish, self.wish_more),
                       Ccrt.RESPONSE_OF_OTHER: (self.response_of_other,
                                                self.response_of_other_more),
                       Ccrt.RESPONSE_OF_SELF: (self.response_of_self,
                                               self.response_of_self_more)}[Ccrt(component)]
        return ((first,) if first else ()) + more

    @property
    def is_transference(self) -> bool:
        """The other person is the therapist: the episode is transference material."""
        return self.other_kind == "therapist"


def _ref(session: Session, theme_id: uuid.UUID | None) -> ThemeRef | None:
    if theme_id is None:
        return None
    theme = get_or_404(session, Theme, theme_id)
    return ThemeRef(theme.id, theme.key, theme.name, theme.color)


def _more(session: Session, row: RelationalEpisode, component: Ccrt
          ) -> tuple[ThemeRef, ...]:
    refs = (_ref(session, getattr(row, f)) for f in EPISODE_MORE_FIELDS[component])
    return tuple(r for r in refs if r is not None)


def episode_dto(session: Session, row: RelationalEpisode) -> EpisodeDTO:
    return EpisodeDTO(row.id, row.session_id, row.other_person, row.other_kind,
                      _ref(session, row.wish_theme_id),
                      _ref(session, row.response_of_other_theme_id),
                      _ref(session, row.response_of_self_theme_id), row.narrative,
                      passage_state(row), row.created_at,
                      _more(session, row, Ccrt.WISH),
                      _more(session, row, Ccrt.RESPONSE_OF_OTHER),
                      _more(session, row, Ccrt.RESPONSE_OF_SELF),
                      row.response_of_other_valence, row.response_of_self_valence)


_MORE_INPUT = {Ccrt.WISH: "wish_more", Ccrt.RESPONSE_OF_OTHER: "response_of_other_more",
               Ccrt.RESPONSE_OF_SELF: "response_of_self_more"}
MAX_CATEGORIES = 3


def _check_theme(session: Session, row: RelationalEpisode, component: str, field: str,
                 theme_id: uuid.UUID, client_id: uuid.UUID) -> None:
    if theme_id == getattr(row, field):
        return  # unchanged themes may since have been archived
    theme = get_or_404(session, Theme, theme_id)
    if theme.ccrt_component != component:
        raise ValidationError(f"Choose a CCRT {COMPONENT_WORDS[component]} for the "
                              f"{COMPONENT_WORDS[component]}.", field=field)
    if not theme_is_offered(session, theme) or theme.client_id not in (None, client_id):
        raise ValidationError("That theme is archived; choose another.", field=field)


def _apply_more(session: Session, row: RelationalEpisode, data: EpisodeInput,
                client_id: uuid.UUID) -> None:
    """The second and third categories and the two valences, checked like the first."""
    for component, fields in EPISODE_MORE_FIELDS.items():
        first = getattr(data, EPISODE_FIELDS[component])
        more = tuple(getattr(data, _MORE_INPUT[component]))
        if len(more) > MAX_CATEGORIES - 1:
            raise ValidationError(f"An episode holds at most {MAX_CATEGORIES} categories "
                                  f"per component.", field=_MORE_INPUT[component])
        if more and first is None:
            raise ValidationError(f"Choose the first {COMPONENT_WORDS[component]} before "
                                  f"adding more.", field=_MORE_INPUT[component])
        if len({first, *more}) != 1 + len(more):
            raise ValidationError("Each category of a component is chosen once.",
                                  field=_MORE_INPUT[component])
        padded = (*more, None, None)[:2]
        for field, theme_id in zip(fields, padded, strict=True):
            if theme_id is not None:
                _check_theme(session, row, component, field, theme_id, client_id)
        for field, theme_id in zip(fields, padded, strict=True):
            setattr(row, field, theme_id)
    for field in ("response_of_other_valence", "response_of_self_valence"):
        value = getattr(data, field)
        if value is not None and value not in {v.value for v in Valence}:
            raise ValidationError("Rate the response positive or negative, or leave it "
                                  "unrated.", field=field)
        setattr(row, field, value)


def _apply(session: Session, row: RelationalEpisode, data: EpisodeInput,
           client_id: uuid.UUID, with_passage: bool = True) -> None:
    if data.other_kind not in OTHER_KINDS:
        raise ValidationError("Choose who the other person is.", field="other_kind")
    other = " ".join(data.other_person.split()) or OTHER_KIND_LABELS[data.other_kind]
    if len(other) > MAX_OTHER:
        raise ValidationError(f"Describe the other person in at most {MAX_OTHER} characters.",
                              field="other_person")
    for component, field in EPISODE_FIELDS.items():
        theme_id = getattr(data, field)
        if theme_id is None or theme_id == getattr(row, field):
            continue  # unchanged themes may since have been archived
        theme = get_or_404(session, Theme, theme_id)
        if theme.ccrt_component != component:
            raise ValidationError(f"Choose a CCRT {COMPONENT_WORDS[component]} for the "
                                  f"{COMPONENT_WORDS[component]}.", field=field)
        if not theme_is_offered(session, theme) or theme.client_id not in (None, client_id):
            raise ValidationError("That theme is archived; choose another.", field=field)
    row.other_person, row.other_kind = other, data.other_kind
    row.wish_theme_id = data.wish_theme_id
    row.response_of_other_theme_id = data.response_of_other_theme_id
    row.response_of_self_theme_id = data.response_of_self_theme_id
    row.narrative = data.narrative.strip()
    _apply_more(session, row, data, client_id)
    if with_passage:
        write_passage(row, data.passage)


def _audit_if_finalized(session: Session, sess: TherapySession, action: str,
                        episode_id: uuid.UUID) -> None:
    if sess.finalized_at is not None:
        audit.record(session, action, "session", sess.id, {"episode": str(episode_id)})


def _add(session: Session, session_id: uuid.UUID,
         data: EpisodeInput) -> tuple[TherapySession, RelationalEpisode]:
    sess = get_or_404(session, TherapySession, session_id)
    # The id is given here, not at flush: the audit event of a finalized note names it.
    row = RelationalEpisode(id=uuid.uuid4(), session_id=session_id)
    _apply(session, row, data, sess.client_id)
    session.add(row)
    _audit_if_finalized(session, sess, "episode_finalized", row.id)
    return sess, row


def _add_many(session: Session, items: list[tuple[uuid.UUID, EpisodeInput]]) -> set[uuid.UUID]:
    """What :func:`_add` does for each item, written with one bulk insert and one chain
    of audit events; returns the clients touched."""
    rows: list[dict[str, object]] = []
    events: list[audit.Event] = []
    clients: set[uuid.UUID] = set()
    for session_id, data in items:
        sess = get_or_404(session, TherapySession, session_id)
        row = RelationalEpisode(id=uuid.uuid4(), session_id=session_id)  # never added
        _apply(session, row, data, sess.client_id)
        now = utcnow()
        rows.append({**{c.key: getattr(row, c.key) for c in _COLUMNS},
                     "created_at": now, "updated_at": now})
        if sess.finalized_at is not None:
            events.append(audit.Event("episode_finalized", "session", sess.id,
                                      {"episode": str(row.id)}))
        clients.add(sess.client_id)
    insert_rows(session, RelationalEpisode, rows)
    if events:
        audit.record_many(session, events)
    return clients


_COLUMNS = RelationalEpisode.__table__.columns


class EpisodeService:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def list_for_session(self, session_id: uuid.UUID) -> list[EpisodeDTO]:
        with self._vault.database.read() as session:
            rows = session.scalars(select(RelationalEpisode)
                                   .where(RelationalEpisode.session_id == session_id)
                                   .order_by(RelationalEpisode.created_at))
            return [episode_dto(session, r) for r in rows]

    def list_for_client(self, client_id: uuid.UUID) -> list[EpisodeDTO]:
        """All of a client's episodes in session order (for the CCRT and its pervasiveness)."""
        with self._vault.database.read() as session:
            rows = session.scalars(select(RelationalEpisode).join(TherapySession)
                                   .where(TherapySession.client_id == client_id)
                                   .order_by(TherapySession.number,
                                             RelationalEpisode.created_at))
            return [episode_dto(session, r) for r in rows]

    def add(self, session_id: uuid.UUID, data: EpisodeInput) -> Outcome[EpisodeDTO]:
        with self._vault.database.write() as session:
            sess, row = _add(session, session_id, data)
            session.flush()
            dto = episode_dto(session, row)
        return Outcome(dto, Changed(clients=frozenset({sess.client_id}),
                                    sessions=frozenset({session_id})))

    def add_many(self, items: list[tuple[uuid.UUID, EpisodeInput]]) -> Outcome[int]:
        """Add several episodes, each ``(session_id, data)``, in one unit of work: all or
        none, with the same checks as :meth:`add`. The value is how many were added."""
        with self._vault.database.write() as session:
            # Held while adding, so sessions and the (small) taxonomy are read only once.
            held = (load_many(session, TherapySession, {sid for sid, _ in items}),
                    session.scalars(select(Theme)).all(),
                    session.scalars(select(ThemeCategory)).all())
            clients = _add_many(session, items)
            del held
        return Outcome(len(items), Changed(clients=frozenset(clients),
                                           sessions=frozenset(sid for sid, _ in items)))

    def update(self, episode_id: uuid.UUID, data: EpisodeInput, *,
               keep_passage: bool = True) -> Outcome[EpisodeDTO]:
        """Change an episode; its passage stays as it is unless ``keep_passage`` is false,
        in which case ``data.passage`` replaces it (``None``: the whole session)."""
        with self._vault.database.write() as session:
            row = get_or_404(session, RelationalEpisode, episode_id)
            sess = get_or_404(session, TherapySession, row.session_id)
            _apply(session, row, data, sess.client_id, with_passage=not keep_passage)
            _audit_if_finalized(session, sess, "episode_finalized_edit", row.id)
            dto = episode_dto(session, row)
        return Outcome(dto, Changed(clients=frozenset({sess.client_id}),
                                    sessions=frozenset({sess.id})))

    def delete(self, episode_id: uuid.UUID) -> Outcome[EpisodeDTO]:
        with self._vault.database.write() as session:
            row = get_or_404(session, RelationalEpisode, episode_id)
            sess = get_or_404(session, TherapySession, row.session_id)
            dto = episode_dto(session, row)
            _audit_if_finalized(session, sess, "episode_finalized_delete", row.id)
            session.delete(row)
        return Outcome(dto, Changed(clients=frozenset({sess.client_id}),
                                    sessions=frozenset({sess.id})))
