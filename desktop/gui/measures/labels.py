"""What a clinician reads for the words of outcome measures."""

from __future__ import annotations

from db.measures.reliable_change import Change

CHANGE_LABELS: dict[str, str] = {
    Change.RELIABLY_BETTER: "reliably better",
    Change.NO_RELIABLE_CHANGE: "no reliable change",
    Change.RELIABLY_WORSE: "not on track (reliably worse)",
}


def change_text(change: str | None, rci: float | None) -> str:
    if change is None or rci is None:
        return "—"
    return f"{CHANGE_LABELS[change]} (RCI {rci:+.2f})"
