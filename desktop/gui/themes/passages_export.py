"""The Passages list as Markdown or CSV (no Qt): what the clinician chose to export."""

from __future__ import annotations

import csv
import io

from db.services.marks import INTENSITIES
from db.services.theme_passages import ThemePassagesDTO
from desktop.gui.common.dates import short_date
from desktop.gui.common.labels import NOTE_KIND_LABELS

COLUMNS = ("Date", "Client", "Session", "Note", "Passage", "Comment", "Intensity")


def rows(found: ThemePassagesDTO) -> list[tuple[str, ...]]:
    return [(p.date.isoformat(), p.client_code, str(p.session_number),
             NOTE_KIND_LABELS.get(p.note_kind, p.note_kind), p.quote, p.comment,
             f"{p.intensity} {INTENSITIES.get(p.intensity, '')}".strip())
            for p in found.passages]


def to_csv(found: ThemePassagesDTO) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read accents correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(found))
    return out.getvalue().encode("utf-8-sig")


def to_markdown(found: ThemePassagesDTO) -> bytes:
    lines = [f"# Passages marked “{found.theme_name}”", ""]
    for p in found.passages:
        kind = NOTE_KIND_LABELS.get(p.note_kind, p.note_kind).lower()
        lines.append(f"## {p.client_code} · session {p.session_number} · "
                     f"{short_date(p.date)} ({kind})")
        lines += ["", "> " + p.quote.replace("\n", "\n> "), ""]
        intensity = INTENSITIES.get(p.intensity, str(p.intensity))
        lines.append(f"Intensity: {p.intensity} ({intensity})"
                     + (f". {p.comment}" if p.comment else ""))
        lines.append("")
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
