"""Fill a vault with a demo caseload of fictional clients, through the services.

Everything goes through the same services the GUI uses (clients, goals, sessions, notes,
finalizing, addenda, marks, episodes, settings), so the demo is also a test that they
hold up. Many sessions at a time use the services' bulk variants (``create_many``,
``save_many``, ``finalize_many``), which apply the same checks in one unit of work.

The same seed and end date always give the same caseload (texts, dates, numbers, marks);
only the generated ids and the moments of saving and finalizing differ.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from db.demo import goals as bank
from db.demo.marking import MarkPlan, plan_marks, write_marks
from db.demo.personas import Persona, make_personas
from db.demo.prose import generate_note
from db.demo.schedule import FREQUENCIES, Slot, plan
from db.services.base import in_chunks
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vocabulary import Attendance, ClientStatus, GoalStatus, NoteKind, RevisionReason

#: Progress callback: (sessions written so far, sessions in all).
Progress = Callable[[int, int], None]
NOTES_PER_BATCH = 200
#: Raised whenever the same seed would give a different caseload (benchmarks rebuild then).
GENERATOR_VERSION = 1
DEMO_SETTING = "demo_vault"


@dataclass(frozen=True)
class DemoSize:
    clients: int
    sessions: tuple[int, int]  # per client, inclusive range (small) or ignored (large)
    total_sessions: int | None  # exact total (large), or None
    biggest: int | None  # one client with exactly this many sessions
    words: tuple[int, int]  # mean and spread of process-note length


SIZES: dict[str, DemoSize] = {
    "small": DemoSize(6, (20, 80), None, None, (320, 80)),
    "large": DemoSize(60, (0, 0), 24_000, 1_000, (600, 110)),
}


@dataclass(frozen=True)
class DemoSummary:
    clients: int
    sessions: int
    notes: int
    finalized: int
    addenda: int
    goals: int
    marks: int
    episodes: int
    seconds: float


@dataclass(frozen=True)
class _ClientPlan:
    persona: Persona
    status: str
    frequency: str
    slots: list[Slot]


def build_demo(services: Services, size: str = "small", seed: int = 1,
               today: date | None = None, progress: Progress | None = None) -> DemoSummary:
    """Write the ``size`` caseload (``small`` or ``large``) into an empty vault.

    Raises `ValueError` for an unknown size; service errors propagate unchanged.
    """
    if size not in SIZES:
        raise ValueError(f"unknown demo size {size!r}")
    started = time.perf_counter()
    spec, today = SIZES[size], today or date.today()
    plans = _plan_caseload(spec, seed, today)
    total = sum(len(p.slots) for p in plans)
    counts = dict.fromkeys(("notes", "finalized", "addenda", "goals", "marks", "episodes"), 0)
    theme_ids = services.themes.ids_by_key()
    done = 0
    for index, client_plan in enumerate(plans):
        rng = random.Random(f"threadline-demo:{seed}:{index}")
        written = _write_client(services, theme_ids, rng, client_plan, spec, counts)
        done += written
        if progress:
            progress(done, total)
    services.settings.update(**{DEMO_SETTING: True})
    return DemoSummary(len(plans), total, counts["notes"], counts["finalized"],
                       counts["addenda"], counts["goals"], counts["marks"],
                       counts["episodes"], time.perf_counter() - started)


# --- planning ------------------------------------------------------------------------------


def _session_counts(spec: DemoSize, rng: random.Random) -> list[int]:
    if spec.total_sessions is None:
        return [rng.randint(*spec.sessions) for _ in range(spec.clients)]
    rest = spec.total_sessions - (spec.biggest or 0)
    others = spec.clients - (1 if spec.biggest else 0)
    weights = [rng.uniform(0.4, 1.6) for _ in range(others)]
    counts = [max(1, round(rest * w / sum(weights))) for w in weights]
    counts[-1] += rest - sum(counts)
    return ([spec.biggest] if spec.biggest else []) + counts


def _plan_caseload(spec: DemoSize, seed: int, today: date) -> list[_ClientPlan]:
    rng = random.Random(f"threadline-demo:{seed}")
    personas = make_personas(rng, spec.clients)
    plans = []
    for persona, count in zip(personas, _session_counts(spec, rng), strict=True):
        status = rng.choices(tuple(ClientStatus), (75, 8, 17))[0]
        if count >= 600:
            status, frequency = ClientStatus.ACTIVE, "three times weekly"
        else:
            frequency = rng.choices(tuple(FREQUENCIES), (55, 35, 10) if count < 250
                                    else (15, 60, 25))[0]
        last = today - timedelta(days={ClientStatus.ACTIVE: rng.randint(0, 6),
                                       ClientStatus.PAUSED: rng.randint(30, 90),
                                       ClientStatus.CLOSED: rng.randint(20, 600)}[status])
        plans.append(_ClientPlan(persona, status, frequency, plan(rng, count, last, frequency)))
    return plans


# --- writing one client --------------------------------------------------------------------


def _write_client(services: Services, theme_ids: dict[str, uuid.UUID], rng: random.Random,
                  cp: _ClientPlan, spec: DemoSize, counts: dict[str, int]) -> int:
    first, last = cp.slots[0].date, cp.slots[-1].date
    attended = [s for s in cp.slots if s.attendance == Attendance.ATTENDED]
    brief = len(cp.slots) <= 30
    modality = ("Brief psychodynamic therapy" if brief else
                {"weekly": "Psychodynamic psychotherapy",
                 "twice weekly": "Psychoanalytic psychotherapy",
                 "three times weekly": "Psychoanalysis"}[cp.frequency])
    client = services.clients.create(ClientInput(
        code=cp.persona.code, display_name=cp.persona.display_name, status=ClientStatus.ACTIVE,
        intake_date=first - timedelta(days=rng.randint(7, 28)), modality=modality,
        frequency=cp.frequency, frame_start_date=first,
        planned_sessions=30 if brief else None, notes=cp.persona.presenting,
    )).value
    sessions = services.sessions.create_many(client.id, [
        SessionInput(date=s.date, start_time=s.start_time, attendance=s.attendance)
        for s in cp.slots]).value
    # A closed treatment reached its ending; an ongoing one is about three quarters in.
    span = len(attended) if cp.status == ClientStatus.CLOSED else max(len(attended) * 4 // 3, 1)
    open_tail = 0 if cp.status == ClientStatus.CLOSED else rng.randint(1, 2)
    finalize: list[uuid.UUID] = []
    finalized_attended: list[uuid.UUID] = []
    batch: list[tuple[uuid.UUID, str, str]] = []
    marks: list[MarkPlan] = []
    number = 0
    for index, (slot, dto) in enumerate(zip(cp.slots, sessions, strict=True)):
        if slot.attendance == Attendance.ATTENDED:
            number += 1
            note = generate_note(rng, cp.persona, number, span, _words(rng, spec), slot.context)
            batch += [(dto.id, NoteKind.PROCESS, note.process_note),
                      (dto.id, NoteKind.PROGRESS, note.progress_note)]
            marks.append(plan_marks(rng, dto.id, note))
        else:
            batch.append((dto.id, NoteKind.PROGRESS, _missed_note(rng, slot)))
        if index < len(cp.slots) - open_tail:
            finalize.append(dto.id)
            if slot.attendance == Attendance.ATTENDED:
                finalized_attended.append(dto.id)
        if len(batch) >= 2 * NOTES_PER_BATCH:
            _flush(services, theme_ids, batch, marks, counts)
    _flush(services, theme_ids, batch, marks, counts)
    for chunk in in_chunks(finalize):
        services.notes.finalize_many(list(chunk))
    counts["finalized"] += len(finalize)
    counts["addenda"] += _addenda(services, rng, finalized_attended)
    counts["goals"] += _goals(services, rng, client.id, cp, first, last)
    if cp.status != ClientStatus.ACTIVE:
        services.clients.set_status(client.id, cp.status,
                                    on=last + timedelta(days=7) if cp.status == ClientStatus.CLOSED
                                    else None)
    return len(cp.slots)


def _words(rng: random.Random, spec: DemoSize) -> int:
    mean, spread = spec.words
    return max(150, min(2 * mean, round(rng.gauss(mean, spread))))


def _missed_note(rng: random.Random, slot: Slot) -> str:
    if slot.attendance == Attendance.NO_SHOW:
        return rng.choice(bank.NO_SHOW)
    return rng.choice(bank.CANCELLED_BY_THERAPIST if slot.cancelled_by_therapist
                      else bank.CANCELLED_BY_CLIENT)


def _flush(services: Services, theme_ids: dict[str, uuid.UUID],
           batch: list[tuple[uuid.UUID, str, str]], marks: list[MarkPlan],
           counts: dict[str, int]) -> None:
    if batch:
        services.notes.save_many(batch, reason=RevisionReason.MANUAL)
        counts["notes"] += len(batch)
    written = write_marks(services, theme_ids, marks)
    counts["marks"] += written.marks
    counts["episodes"] += written.episodes
    batch.clear()
    marks.clear()


def _addenda(services: Services, rng: random.Random, finalized: list[uuid.UUID]) -> int:
    chosen = [sid for sid in finalized if rng.random() < 0.02]
    if finalized and not chosen:
        chosen = [rng.choice(finalized)]
    for session_id in chosen:
        services.notes.add_addendum(session_id, rng.choice(bank.ADDENDA))
    return len(chosen)


def _goals(services: Services, rng: random.Random, client_id: uuid.UUID, cp: _ClientPlan,
           first: date, last: date) -> int:
    """Two or three goals, reviewed about every quarter of the treatment so far."""
    titles = rng.sample(bank.GOALS, rng.randint(2, 3))
    for title in titles:
        goal = services.clients.add_goal(client_id, title).value
        status: str = GoalStatus.OPEN
        reviews = rng.randint(1, 4)
        for step in range(1, reviews + 1):
            on = first + (last - first) * step // (reviews + 1)
            final = step == reviews and cp.status == ClientStatus.CLOSED
            status = _next_status(rng, status, final=final)
            services.clients.review_goal(goal.id, on, rng.choice(bank.REVIEWS[status]), status)
    return len(titles)


def _next_status(rng: random.Random, status: str, final: bool) -> str:
    if status in (GoalStatus.ACHIEVED, GoalStatus.DROPPED):
        return status
    if final:
        return rng.choices((GoalStatus.ACHIEVED, GoalStatus.PROGRESSING, GoalStatus.DROPPED),
                           (6, 3, 1))[0]
    return rng.choices(tuple(GoalStatus), (2, 6, 1, 0.3))[0]
