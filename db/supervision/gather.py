"""Build the sections of a supervision export from one read of the vault, every piece of
text through the export's pseudonymiser."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.analytics.defenses import defensive_functioning
from db.analytics.grid import load_timeline
from db.measures.service import client_series
from db.models import Client, Goal, Mark, RelationalEpisode, Theme, TherapySession
from db.supervision.document import Section, SupervisionChoice
from db.supervision.pseudonym import Piece, Pseudonymiser

TOP_THEMES = 12
ODF_DECIMALS = 1


def _frame(client: Client, sessions: list[TherapySession], p: Pseudonymiser,
           code: str, goals: list[str]) -> Section:
    counts = Counter(s.attendance for s in sessions)
    lines = [p.text(f"Client {code}. Modality: {client.modality or '—'}; frequency: "
                    f"{client.frequency or '—'}.")]
    if client.intake_date is not None:
        lines.append(p.text(f"Intake: {client.intake_date.isoformat()}."))
    if sessions:
        lines.append(p.text(
            f"{len(sessions)} sessions in this period ({counts['attended']} attended, "
            f"{counts['cancelled']} cancelled, {counts['no_show']} not attended), from "
            f"{sessions[0].date.isoformat()} to {sessions[-1].date.isoformat()}."))
    else:
        lines.append(Piece("No sessions in this period."))
    lines += [p.text(f"Goal: {title}") for title in goals]
    return Section("Frame", tuple(lines))


def gather(session: Session, client: Client, sessions: list[TherapySession],
           choice: SupervisionChoice, p: Pseudonymiser) -> tuple[list[Section], int]:
    code = p.codes.get(client.code, "")
    ids = {s.id for s in sessions}
    by_id = {s.id: s for s in sessions}
    goals = list(session.scalars(select(Goal.title).where(Goal.client_id == client.id)
                                 .order_by(Goal.position)))
    sections = [_frame(client, sessions, p, code, goals)]
    grid = load_timeline(session, client.id)
    odf = {point.session_id: point.odf for point in defensive_functioning(grid)}
    sections.append(Section("Sessions", tuple(
        p.text(f"Session {s.number} — {s.date.isoformat()} — {s.attendance}"
               + (f" — ODF {odf[s.id]:.{ODF_DECIMALS}f}" if odf.get(s.id) is not None
                  else ""), s.date.year) for s in sessions)))
    themes = Counter[str]()
    for row in grid.rows:
        in_range = sum(1 for c in row.columns if grid.sessions[c].session_id in ids)
        if in_range:
            themes[row.name] = in_range
    sections.append(Section("Themes (sessions marked)", tuple(
        p.text(f"{name}: {count}") for name, count in themes.most_common(TOP_THEMES))))
    measures = []
    for series in client_series(session, client.id):
        points = [pt for pt in series.points if pt.session_id in ids]
        if points:
            measures.append(p.text(f"{series.measure.name}: " + "; ".join(
                f"session {pt.number} {pt.score.total}"
                + (f" ({pt.score.band})" if pt.score.band else "") for pt in points)))
    sections.append(Section("Measures", tuple(measures)))
    names = {ident: name for ident, name in session.execute(select(Theme.id, Theme.name))}
    episodes = []
    for episode in session.scalars(select(RelationalEpisode).where(
            RelationalEpisode.session_id.in_(ids))):
        number = by_id[episode.session_id].number
        parts = [f"Session {number}: with {episode.other_person}"]
        for label, theme_id in (("wish", episode.wish_theme_id),
                                ("response of other", episode.response_of_other_theme_id),
                                ("response of self", episode.response_of_self_theme_id)):
            if theme_id is not None:
                parts.append(f"{label}: {names.get(theme_id, '—')}")
        if choice.include_notes and episode.narrative.strip():
            parts.append(f"“{episode.narrative}”")
        episodes.append(p.text("; ".join(parts) + ".", by_id[episode.session_id].date.year))
    sections.append(Section("Relational episodes (CCRT)", tuple(episodes)))
    chosen = [s for s in sessions if choice.session_ids is None or s.id in choice.session_ids]
    notes = 0
    if choice.include_notes:
        texts = []
        for s in chosen:
            if s.process_note.strip():
                texts.append(p.text(f"Session {s.number} — {s.date.isoformat()}", s.date.year))
                texts.append(p.text(s.process_note, s.date.year))
                notes += 1
        sections.append(Section("Process notes", tuple(texts)))
    if choice.include_passages:
        chosen_ids = {s.id for s in chosen}
        passages = [p.text(f"Session {by_id[m.session_id].number}, "
                           f"{names.get(m.theme_id, '—')}: “{m.anchor_text}”",
                           by_id[m.session_id].date.year)
                    for m in session.scalars(select(Mark).where(Mark.session_id.in_(chosen_ids),
                                                                Mark.anchor_text.is_not(None)))]
        sections.append(Section("Marked passages", tuple(passages)))
    return sections, notes
