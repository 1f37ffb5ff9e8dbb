"""Client ▸ Prepare for supervision… in the main window.

``install(window)`` is listed in ``desktop/app.py``'s extensions; the dialog goes when the
vault locks (it holds client text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow
    from desktop.gui.supervision.dialog import SupervisionDialog


class SupervisionExtension:
    """Kept as ``window.supervision``."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialog: SupervisionDialog | None = None
        window.add_section("client")
        window.add_action("client", "Prepare for &supervision…", self.open,
                          tip="A pseudonymised summary for supervision, as PDF or age file")
        window.context.events.locked.connect(self._locked)

    def open(self) -> SupervisionDialog | None:
        from desktop.gui.supervision.dialog import SupervisionDialog

        client_id = self.window.current_client_id()
        if client_id is None:
            self.window.show_message("Choose a client first.")
            return None
        self._locked()
        self.dialog = SupervisionDialog(self.window.context, client_id, self.window)
        self.dialog.written.connect(
            lambda path: self.window.show_message(f"Supervision export written to {path}."))
        self.dialog.show()
        return self.dialog

    def _locked(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None


def install(window: MainWindow) -> None:
    window.supervision = SupervisionExtension(window)  # type: ignore[attr-defined]
