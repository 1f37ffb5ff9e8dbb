"""After unlocking: offer back text that a crash left unsaved (restore or discard)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from db.errors import ThreadlineError
from desktop.gui import dialogs
from desktop.gui.context import AppContext

if TYPE_CHECKING:
    from desktop.gui.workspace import WorkspaceView

log = logging.getLogger(__name__)
RESTORE, DISCARD = "Restore the unsaved text", "Discard it"
KIND_NAMES = {"process": "process note", "progress": "progress note"}


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
        when = draft.updated_at.astimezone().strftime("%a %d %b %Y at %H:%M")
        words = len(draft.text.split())
        answer = dialogs.choose(
            parent, "Unsaved text found",
            f"Threadline closed before the {KIND_NAMES.get(draft.kind, draft.kind)} of "
            f"session {draft.number} ({draft.client_code}) was saved. {words} words from "
            f"{when} were kept safe.", [RESTORE, DISCARD])
        try:
            if answer == RESTORE:
                context.apply(context.services.notes.save(draft.session_id, draft.kind,
                                                          draft.text, "recovered"))
                restored += 1
            elif answer == DISCARD:
                context.services.notes.discard_draft(draft.session_id, draft.kind)
        except ThreadlineError as error:
            dialogs.warning(parent, "Unsaved text", str(error))
    if restored and workspace is not None and workspace.editor.note is not None:
        workspace.editor.load(workspace.editor.note.session_id)
    return restored
