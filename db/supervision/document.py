"""What a supervision export holds: sections of pseudonymised text, ready to preview."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from db.supervision.pseudonym import Piece


@dataclass(frozen=True)
class SupervisionChoice:
    """What goes: summary and analytics always; notes and passages only when chosen.

    ``session_ids``: the sessions whose notes go (``None``: every one in the range).
    """

    client_id: uuid.UUID
    date_from: date | None = None
    date_to: date | None = None
    include_notes: bool = False
    include_passages: bool = False
    session_ids: frozenset[uuid.UUID] | None = None


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[Piece, ...]


@dataclass(frozen=True)
class SupervisionDocument:
    """``code`` and ``offset_days`` are this export's own (never reused by the vault)."""

    client_id: uuid.UUID
    code: str
    offset_days: int
    sections: tuple[Section, ...]
    sessions: int
    notes: int

    @property
    def title(self) -> str:
        return f"Supervision summary — {self.code}"

    def plain_text(self) -> str:
        lines = [self.title, ""]
        for section in self.sections:
            lines += [section.title, ""]
            lines += [p.text + "\n" for p in section.paragraphs]
        return "\n".join(lines)

    def replaced_count(self) -> int:
        return sum(len(p.replaced) for s in self.sections for p in s.paragraphs)

    def flagged_count(self) -> int:
        return sum(len(p.flagged) for s in self.sections for p in s.paragraphs)

    def marked_text(self, replaced: tuple[str, str] = ("«", "»"),
                    flagged: tuple[str, str] = ("⟦", "⟧")) -> str:
        """The text with every replacement and every word to look at marked (the
        command line's preview)."""
        out = [self.title, ""]
        for section in self.sections:
            out += [section.title, ""]
            for piece in section.paragraphs:
                marks = sorted([(a, b, replaced) for a, b in piece.replaced]
                               + [(a, b, flagged) for a, b in piece.flagged])
                text, position = [], 0
                for start, end, (left, right) in marks:
                    text += [piece.text[position:start], left, piece.text[start:end], right]
                    position = end
                text.append(piece.text[position:])
                out += ["".join(text), ""]
        return "\n".join(out)
