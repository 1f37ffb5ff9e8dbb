"""After unlocking: offer back text that a crash left unsaved (restore or discard)."""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from db.plural import count
from desktop.gui.common import dialogs
from desktop.gui.common.context import AppContext
from desktop.gui.common.dates import moment
from desktop.gui.common.labels import NOTE_KIND_LABELS
from desktop.gui.common.operations import error_sentence

if TYPE_CHECKING:
    from db.services.dto import DraftDTO
    from db.services.hub import Services
    from desktop.gui.workspace.workspace import WorkspaceView

log = logging.getLogger(__name__)
RESTORE, DISCARD = "Restore the unsaved text", "Discard it"


def offer_pending(parent: QWidget, context: AppContext,
                  workspace: WorkspaceView | None) -> int:
    """Ask about each pending draft; returns how many were restored.

    Cancelling keeps the draft: it is offered again next time, and opening that note
    shows the unsaved text.
    """
    if not context.unlocked:
        return 0
    restored = 0
    for draft in context.services.notes.pending_drafts():
        when = moment(draft.updated_at)
        kind = NOTE_KIND_LABELS.get(draft.kind, draft.kind).lower()
        words = len(draft.text.split())
        answer = dialogs.choose(
            parent, "Unsaved text found",
            f"Threadline closed before the {kind} of "
            f"session {draft.number} ({draft.client_code}) was saved. {count(words, 'word')} from "
            f"{when} were kept safe.", [RESTORE, DISCARD])
        def failed(error: BaseException) -> None:
            dialogs.warning(parent, "Unsaved text", error_sentence(error))

        if answer == RESTORE:
            context.submit(partial(_restore, draft), on_error=failed)
            restored += 1
        elif answer == DISCARD:
            context.submit(partial(_discard, draft), on_error=failed)
    if restored and workspace is not None:
        context.submit(lambda _services: None, on_done=lambda _: _reopen(workspace))
    return restored


def _restore(draft: DraftDTO, services: Services) -> object:
    return services.notes.save(draft.session_id, draft.kind, draft.text, "recovered")


def _discard(draft: DraftDTO, services: Services) -> None:
    services.notes.discard_draft(draft.session_id, draft.kind)


def _reopen(workspace: WorkspaceView) -> None:
    """Show the restored text if its note is the one open."""
    note = workspace.editor.note
    if note is not None:
        workspace.editor.load(note.session_id)
