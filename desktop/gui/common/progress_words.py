"""What a clinician reads for each step of long work (:class:`db.progress.Step`).

No Qt here, so the command line's progress line uses the same words as the dialogs.
"""

from __future__ import annotations

from db.progress import Step

STEP_WORDS: dict[Step, str] = {
    Step.READING: "Reading the file",
    Step.CHECKING: "Checking every record",
    Step.DECRYPTING: "Decrypting",
    Step.CREATING_VAULT: "Creating the new vault",
    Step.IMPORTING: "Writing the records",
    Step.INDEXING: "Indexing for search",
    Step.EXPORTING: "Exporting the vault",
    Step.ENCRYPTING: "Encrypting",
    Step.WRITING: "Writing the file",
    Step.VERIFYING: "Reading it back and verifying",
}


def step_line(step: Step, done: float | None) -> str:
    """``Writing the records… 42 %`` (no share when the step cannot tell)."""
    words = STEP_WORDS.get(step, str(step))
    return f"{words}…" if done is None else f"{words}… {round(done * 100):d} %"
