"""The printable one-page case summary: Qt's own PDF writer over a QTextDocument.

Every figure comes from :func:`db.analytics.summary.case_summary`; this module only lays
them out on an A4 page.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from db.analytics.scoring import SCORING_NAMES
from desktop.gui.common.labels import CCRT_COMPONENT_LABELS, GOAL_STATUS_LABELS
from desktop.gui.timeline.models import percent

STYLE = ("body { font-family: sans-serif; font-size: 9pt; } h1 { font-size: 14pt; } "
         "h2 { font-size: 10.5pt; margin-top: 8px; } td, th { padding: 1px 6px; } "
         "th { text-align: left; } .note { color: #555; font-size: 8pt; }")


def _odf(value: float | None) -> str:
    return "not enough data" if value is None else f"{value:.2f}"


def _ccrt(window: dict[str, Any] | None) -> str:
    if not window or not window["episodes"]:
        return "no episodes"
    parts = []
    for component, themes in window["components"].items():
        if themes:
            top = [t for t in themes if t["episodes"] == themes[0]["episodes"]]
            names = " = ".join(escape(t["theme"]) for t in top)
            tie = " (a tie)" if len(top) > 1 else ""
            parts.append(f"{CCRT_COMPONENT_LABELS[component]}: <b>{names}</b>{tie} "
                         f"({percent(top[0]['pervasiveness'])})")
    few = " <i>— fewer than 10 episodes</i>" if window["fewer_than_10_episodes"] else ""
    return f"{window['episodes']} episodes. " + " · ".join(parts) + few


def summary_html(data: dict[str, Any]) -> str:
    scoring = SCORING_NAMES[data["scoring"]]
    trend = "".join(f"<tr><td>{escape(p['label'])}</td><td>{_odf(p['odf'])}</td>"
                    f"<td>{p['defenses']}</td></tr>" for p in data["trend"])
    levels = "".join(f"<tr><td>{lv['level']} {escape(lv['name'])}</td>"
                     f"<td>{percent(lv['share'])}</td><td>{lv['defenses']}</td></tr>"
                     for lv in data["profile"]["levels"])
    dominant = "".join(
        f"<p><b>{title}:</b> " + (", ".join(
            f"{escape(t['theme'])} ({t['sessions']} sessions, {percent(t['share'])})"
            for t in data["dominant"][key]) or "none marked") + "</p>"
        for key, title in (("prq", "Transference (PRQ)"), ("ctq", "Countertransference (CTQ)")))
    recurring = ", ".join(f"{escape(r['theme'])} ({r['sessions']})"
                          for r in data["recurring"]) or "none"
    goals = "".join(
        f"<li>{escape(g['title'])} — {GOAL_STATUS_LABELS.get(g['status'], g['status'])}</li>"
        for g in data["goals"]) or "<li>no goals recorded</li>"
    ccrt = data["ccrt"]
    return f"""<html><head><style>{STYLE}</style></head><body>
<h1>Case summary — {escape(data['client'])}</h1>
<p>{escape(data['caption'])}. Status: {escape(data['status'])}.</p>
<p class="note">Indicative: a summary of the clinician's own tags, not a validated rating.
ODF scoring: {escape(scoring)}.</p>
<h2>Defensive functioning</h2>
<p>Overall ODF {_odf(data['overall_odf'])} from {data['overall_defenses']} defenses.</p>
<table><tr><th>Part of the treatment</th><th>ODF</th><th>n</th></tr>{trend}</table>
<h2>DMRS level profile</h2>
<table><tr><th>Level</th><th>Share</th><th>n</th></tr>{levels}</table>
<h2>CCRT</h2>
<p><b>With the therapist:</b> {_ccrt(ccrt['therapist'])}</p>
<p><b>With others:</b> {_ccrt(ccrt['others'])}</p>
<h2>Dominant transference and countertransference</h2>{dominant}
<h2>Recurring themes</h2><p>{recurring}</p>
<h2>Goals</h2><ul>{goals}</ul>
</body></html>"""


def summary_pdf(data: dict[str, Any]) -> bytes:
    """One A4 portrait page (the text is shrunk to fit if it would run over)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    writer.setTitle("Case summary")
    document = QTextDocument()
    document.setHtml(summary_html(data))
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    width = page.width()
    # Lay the text out at a readable width, then scale it onto the page.
    document.setPageSize(QSizeF(width / 3.2, 10_000))
    painter = QPainter(writer)
    laid = document.size()
    scale = min(width / laid.width(), page.height() / laid.height())
    painter.scale(scale, scale)
    document.drawContents(painter)
    painter.end()
    buffer.close()
    return bytes(buffer.data().data())
