"""The templates Threadline ships. They live here, not in the vault: a vault row with the
same ``key`` is the clinician's edited copy (or, ``deleted``, their wish not to see it)."""

from __future__ import annotations

from dataclasses import dataclass

from db.vocabulary import NoteKind


@dataclass(frozen=True)
class ShippedTemplate:
    key: str
    name: str
    kind: NoteKind
    body: str


def _headings(*names: str) -> str:
    return "".join(f"{name}:\n\n\n" for name in names)


SHIPPED: tuple[ShippedTemplate, ...] = (
    ShippedTemplate("process.psychodynamic", "Process note", NoteKind.PROCESS, _headings(
        "Presentation and frame", "Content and associations", "Dreams", "Transference",
        "Countertransference", "Defenses and resistance noticed",
        "Interventions and response", "Plan")),
    ShippedTemplate("progress.dap", "DAP", NoteKind.PROGRESS, _headings(
        "Data", "Assessment", "Plan")),
    ShippedTemplate("progress.soap", "SOAP", NoteKind.PROGRESS, _headings(
        "Subjective", "Objective", "Assessment", "Plan")),
    ShippedTemplate("progress.birp", "BIRP", NoteKind.PROGRESS, _headings(
        "Behavior", "Intervention", "Response", "Plan")),
)

BY_KEY = {template.key: template for template in SHIPPED}
