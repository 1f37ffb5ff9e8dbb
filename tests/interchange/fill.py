"""A small vault holding every kind of record, with non-ASCII text (fictional clients)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import select

from db.models import Mark, MeasureScale, MeasureScore, RelationalEpisode, Theme, ThemeCategory
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vault.vault import Vault

PROCESS = ("Élodie arrived late and spoke of her mother — „immer zu spät“. "
           "She fell silent; I felt sleepy, then irritated. 夢の話をした。")


def fill(vault: Vault) -> Services:
    services = Services.for_vault(vault)
    anna = services.clients.create(ClientInput(
        code="ÉL-07", display_name="Élodie L.", intake_date=date(2024, 1, 9),
        modality="psychodynamic", frequency="weekly", frame_start_date=date(2024, 1, 16),
        planned_sessions=40, notes="Referred by her GP; ✓ consent signed.")).value
    services.clients.create(ClientInput(code="KM-2", status="paused"))
    goal = services.clients.add_goal(anna.id, "Tolerate separations without 😶 withdrawal").value
    services.clients.review_goal(goal.id, date(2024, 3, 1), "Some movement.")
    first = services.sessions.create(anna.id, SessionInput(
        date=date(2024, 1, 16), start_time=time(10, 0))).value
    second = services.sessions.create(anna.id, SessionInput(date=date(2024, 1, 23))).value
    services.notes.save(first.id, "process", PROCESS, reason="manual")
    services.notes.save(first.id, "progress", "Alliance forming.", reason="manual")
    services.notes.finalize(first.id)
    services.notes.add_addendum(first.id, "Nachtrag: she phoned to cancel next week.")
    services.notes.save(second.id, "process", "Short note.", reason="manual")
    services.notes.save_draft(second.id, "process", "Short note, still typing…")
    services.settings.update(backup_keep_daily=5, backup_folder="/media/ÜSB")
    now = datetime(2024, 1, 16, 12, 0, tzinfo=UTC)
    with vault.database.write() as session:
        shipped = session.scalars(select(Theme).where(Theme.key.is_not(None))
                                  .order_by(Theme.key)).first()
        wish = session.scalars(select(Theme).where(Theme.ccrt_component == "W")
                               .order_by(Theme.key)).first()
        assert shipped is not None, "the vault holds the shipped taxonomy"
        assert wish is not None
        custom = ThemeCategory(name="Mes thèmes", position=99)
        session.add(custom)
        session.flush()
        own = Theme(category_id=custom.id, name="Abandon", client_id=anna.id,
                    definition="Peur d’être laissée", archived_at=now)
        session.add(own)
        session.flush()
        session.add(Mark(session_id=first.id, theme_id=shipped.id, intensity=3,
                         comment="clear", note_kind="process", anchor_start=0, anchor_end=6,
                         anchor_text="Élodie", anchor_prefix="", anchor_suffix=" arrived"))
        # Marked before the pattern was archived: the services offer no archived theme.
        before = datetime(2024, 1, 16, 11, 0, tzinfo=UTC)
        session.add(Mark(session_id=second.id, theme_id=own.id, anchor_lost_at=now,
                         created_at=before, updated_at=before))
        session.add(RelationalEpisode(session_id=first.id, other_person="mother",
                                      other_kind="parent", wish_theme_id=wish.id,
                                      narrative="She waited at the window."))
        shipped_id = shipped.id
    services.themes.rename(shipped_id, "Projection (renamed by the clinician)")
    own_template = services.templates.create("Träume zuerst", "process", "Traum:\n\nEinfälle:\n")
    services.templates.save("progress.soap", "SOAP (mine)", "progress", "S:\nO:\nA:\nP:\n")
    services.templates.set_default(anna.id, "process", own_template.value.ref)
    with vault.database.write() as session:
        scale = MeasureScale(name="Schlaf 0–10", minimum=0, maximum=10, higher_is_worse=False)
        session.add(scale)
        session.flush()
        session.add(MeasureScore(session_id=first.id, measure="phq9", total=14,
                                 items="122211212"))
        session.add(MeasureScore(session_id=first.id, measure=str(scale.id), total=4))
    services.audit.record("unlock")
    return services
