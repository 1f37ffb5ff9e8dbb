"""Turn any failure of a backup job into one sentence for the clinician."""

from __future__ import annotations

import logging

from db.errors import ThreadlineError
from db.progress import Step

log = logging.getLogger(__name__)


def sentence(error: BaseException) -> str:
    if isinstance(error, ThreadlineError):
        log.info("backup job failed: %s %s", type(error).__name__, error.detail)
        return str(error)
    if isinstance(error, OSError):
        log.info("backup job failed: %s errno=%s", type(error).__name__, error.errno)
        return f"The file could not be written or read: {error.strerror or 'disk error'}."
    # Unexpected: whoever ran it logs its class and place (never its text or traceback).
    return "Something went wrong; nothing was changed."


#: The steps of writing a backup, in order, as :func:`db.backup.service.create_backup`
#: reports them, and what the backup dialog calls them.
_STEP_WORDS = {
    Step.EXPORTING: "Exporting the vault",
    Step.ENCRYPTING: "Encrypting",
    Step.WRITING: "Writing the file",
    Step.VERIFYING: "Reading it back and verifying",
}
STEPS = tuple(_STEP_WORDS)


def step_words(step: Step) -> str:
    return _STEP_WORDS[step]
