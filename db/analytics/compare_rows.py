"""The comparison of two periods as the lines of a table: what the window's Compare
periods… shows, made here from :func:`db.analytics.report.compare_json` so the table
and ``threadline compare --format json`` cannot tell different numbers.

Each line is (section, what, first period, second period, difference), already written
out: the Qt layer only displays it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from db.vocabulary import Ccrt

SECTIONS = ("Sessions", "ODF", "DMRS levels", "CCRT", "CCRT with the therapist",
            "CCRT with others", "Most frequent PRQ", "Most frequent CTQ")
COMPONENT_WORDS = {c.value: c.words.capitalize() for c in Ccrt}
TOP_KEYS = {"prq": "Most frequent PRQ", "ctq": "Most frequent CTQ"}
NONE = "—"


@dataclass(frozen=True)
class CompareLine:
    section: str
    label: str
    first: str
    second: str
    difference: str


def percent(value: float | None) -> str:
    return NONE if value is None else f"{value * 100:.0f}%"


def points(value: float | None) -> str:
    """A change of share in percentage points: "+12 pts", "−5 pts", "±0"."""
    if value is None:
        return NONE
    change = round(value * 100)
    return f"{change:+d} pts" if change else "±0"


def odf_text(odf: float | None, defenses: int) -> str:
    return f"{NONE} (n = 0)" if odf is None else f"{odf:.2f} (n = {defenses})"


def signed(value: float | None) -> str:
    return NONE if value is None else f"{value:+.2f}"


def _top(window: dict[str, Any] | None, component: str) -> str:
    """The CCRT of one component in one window: the top theme(s), ties said."""
    if window is None or not window["episodes"]:
        return "no episodes"
    counts = window["components"].get(component, [])
    if not counts:
        return NONE
    best = counts[0]["episodes"]
    tied = [c for c in counts if c["episodes"] == best]
    names = " = ".join(c["theme"] for c in tied)
    return f"{names} ({percent(tied[0]['pervasiveness'])})"


def _episodes(window: dict[str, Any] | None) -> str:
    if window is None:
        return "0"
    few = " (fewer than 10)" if window["fewer_than_10_episodes"] else ""
    return f"{window['episodes']}{few}"


def compare_lines(data: dict[str, Any]) -> tuple[CompareLine, ...]:
    """Every line of the table, in the order shown, from ``compare_json``'s dict."""
    a, b, diff = data["first"], data["second"], data["difference"]
    lines = [CompareLine("Sessions", "Sessions seen", str(a["range"]["sessions"]),
                         str(b["range"]["sessions"]),
                         f"{b['range']['sessions'] - a['range']['sessions']:+d}"),
             CompareLine("ODF", "Overall defensive functioning", odf_text(a["odf"], a["defenses"]),
                         odf_text(b["odf"], b["defenses"]), signed(diff["odf"]))]
    for x, y in zip(a["profile"]["levels"], b["profile"]["levels"], strict=True):
        lines.append(CompareLine("DMRS levels", f"{x['level']} {x['name']}", percent(x["share"]),
                                 percent(y["share"]), points(diff["levels"][str(x["level"])])))
    lines.append(CompareLine("CCRT", "Episodes", _episodes(a["ccrt"]), _episodes(b["ccrt"]),
                             f"{b['ccrt']['episodes'] - a['ccrt']['episodes']:+d}"))
    for component, rows in diff["ccrt"].items():
        for row in rows:
            lines.append(CompareLine("CCRT", f"{COMPONENT_WORDS[component]}: {row['theme']}",
                                     percent(row["first"]), percent(row["second"]),
                                     points(row["change"])))
    for section, key in (("CCRT with the therapist", "ccrt_therapist"),
                         ("CCRT with others", "ccrt_others")):
        lines.append(CompareLine(section, "Episodes", _episodes(a[key]), _episodes(b[key]), ""))
        for component in COMPONENT_WORDS:
            lines.append(CompareLine(section, COMPONENT_WORDS[component],
                                     _top(a[key], component), _top(b[key], component), ""))
    for key, section in TOP_KEYS.items():
        for row in diff["top"][key]:
            lines.append(CompareLine(section, row["theme"], percent(row["first"]),
                                     percent(row["second"]), points(row["change"])))
    return tuple(lines)


def period_caption(period: dict[str, Any]) -> str:
    """"2025-01-01 to 2025-03-31: MT-07 · sessions 1–12 (…)" — the range asked for, then
    the sessions it holds."""
    asked = f"{period['from'] or 'the start'} to {period['to'] or 'today'}"
    return f"{asked}: {period['caption']}"
