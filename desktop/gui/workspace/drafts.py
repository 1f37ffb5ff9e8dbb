"""After unlocking: offer back text that a crash left unsaved (restore or discard)."""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
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
                  workspace: WorkspaceView | None) -> None:
    """Read the drafts a crash left (off the GUI thread, like every read), then ask about
    each. Cancelling keeps the draft: it is offered again next time, and opening that
    note shows the unsaved text."""
    if not context.unlocked:
        return
    context.jobs.start(context.services.notes.pending_drafts, owner=parent,
                       on_done=lambda found: _ask(parent, context, workspace, found),
                       name="the unsaved drafts")


def _ask(parent: QWidget, context: AppContext, workspace: WorkspaceView | None,
         found: list[DraftDTO]) -> None:
    """Ask about each draft found."""
    if not context.unlocked:  # locked before the answer came: asked after the next unlock
        return
    if workspace is not None and not shiboken6.isValid(workspace):
        workspace = None
    restored = 0
    for draft in found:
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


def _restore(draft: DraftDTO, services: Services) -> object:
    return services.notes.save(draft.session_id, draft.kind, draft.text, "recovered")


def _discard(draft: DraftDTO, services: Services) -> None:
    services.notes.discard_draft(draft.session_id, draft.kind)


def _reopen(workspace: WorkspaceView) -> None:
    """Show the restored text if its note is the one open (read again off the GUI
    thread)."""
    if shiboken6.isValid(workspace):
        workspace.reread_session()
