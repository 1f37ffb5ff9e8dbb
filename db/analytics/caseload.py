"""Theme prevalence across the caseload: which themes dominate among active clients."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.analytics.dto import Caseload, PrevalenceRow, ThemeRef
from db.analytics.taxonomy import TaxonomyIndex
from db.models import Client, Mark, TherapySession
from db.vocabulary import Attendance, ClientStatus


def load_caseload(session: Session, *, include_archived: bool = False,
                  since: date | None = None) -> Caseload:
    """For every theme marked with an active client: in how many clients and sessions.

    ``mean_session_share`` is the mean, over active clients, of the share of their attended
    sessions (since ``since``) in which the theme was marked — clients without it count 0;
    ``session_share`` is the theme's sessions over all attended sessions of active clients.
    Ranked by the mean share of sessions (each client weighs the same), then sessions,
    then name: a theme marked once with every client is not "everywhere".
    """
    taxonomy = TaxonomyIndex.load(session)
    active = select(Client.id).where(Client.status == ClientStatus.ACTIVE)
    attended = [TherapySession.attendance == Attendance.ATTENDED,
                TherapySession.client_id.in_(active)]
    if since is not None:
        attended.append(TherapySession.date >= since)
    session_counts = dict(session.execute(
        select(TherapySession.client_id, func.count()).where(*attended)
        .group_by(TherapySession.client_id)).all())
    active_clients = session.scalar(select(func.count()).select_from(active.subquery())) or 0
    marked: dict[uuid.UUID, dict[uuid.UUID, set[uuid.UUID]]] = defaultdict(
        lambda: defaultdict(set))  # theme -> client -> sessions
    for client_id, session_id, theme_id in session.execute(
            select(TherapySession.client_id, Mark.session_id, Mark.theme_id).distinct()
            .join(TherapySession, TherapySession.id == Mark.session_id).where(*attended)):
        target = taxonomy.target(theme_id)
        if target.archived and not include_archived:
            continue
        marked[target.id][client_id].add(session_id)
    all_sessions = sum(session_counts.values())
    rows = []
    for theme_id, by_client in marked.items():
        theme = taxonomy.themes[theme_id]
        sessions = sum(len(s) for s in by_client.values())
        mean_share = (sum(len(s) / session_counts[c] for c, s in by_client.items())
                      / active_clients) if active_clients else 0.0
        rows.append(PrevalenceRow(
            ThemeRef(theme.id, theme.key, theme.name, theme.color),
            taxonomy.root(theme.category_id).name, len(by_client),
            len(by_client) / active_clients if active_clients else 0.0, sessions, mean_share,
            sessions / all_sessions if all_sessions else 0.0))
    rows.sort(key=lambda r: (-r.mean_session_share, -r.sessions, r.theme.name.casefold()))
    return Caseload(active_clients, tuple(rows), all_sessions)
