"""The preview of a supervision export as HTML: every replacement highlighted, every
capitalised word that is not a common word marked for a look."""

from __future__ import annotations

import html

from db.supervision.document import SupervisionDocument
from db.supervision.pseudonym import Piece

REPLACED_STYLE = "background-color:#fde68a;"
FLAGGED_STYLE = "background-color:#fecaca; text-decoration:underline;"


def _piece(piece: Piece) -> str:
    marks = sorted([(a, b, REPLACED_STYLE) for a, b in piece.replaced]
                   + [(a, b, FLAGGED_STYLE) for a, b in piece.flagged])
    out, position = [], 0
    for start, end, style in marks:
        out.append(html.escape(piece.text[position:start]))
        out.append(f'<span style="{style}">{html.escape(piece.text[start:end])}</span>')
        position = end
    out.append(html.escape(piece.text[position:]))
    return "".join(out).replace("\n", "<br>")


def preview_html(document: SupervisionDocument) -> str:
    parts = [f"<h2>{html.escape(document.title)}</h2>"]
    for section in document.sections:
        parts.append(f"<h3>{html.escape(section.title)}</h3>")
        parts += [f"<p>{_piece(piece)}</p>" for piece in section.paragraphs]
    return "".join(parts)
