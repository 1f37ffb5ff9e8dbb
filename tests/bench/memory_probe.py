"""Run as a program: the main window on a vault, unlocked, the biggest client and its
timeline shown; prints the peak and the current resident memory in MB (10^6 bytes).

``python -m tests.bench.memory_probe VAULT_DIR`` — a process of its own, so that the peak
(``VmHWM``, which starts afresh at exec) belongs to this one measurement. The last line is
``peak peak-once-unlocked current timeline-shown(0/1)``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.app import build_window, make_application
from tests.bench.bench_vault import biggest_client
from tests.conftest import PASSPHRASE

TIMEOUT = 300.0


def _wait(app: QApplication, done: Callable[[], bool]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.005)


def _resident_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024 / 1e6  # kB (KiB) -> MB of 10^6 bytes
    return 0.0


def _reset_peak() -> None:
    """Start the peak (VmHWM) again from now: Linux resets it on writing 5 to clear_refs."""
    Path("/proc/self/clear_refs").write_text("5")


def main(folder: Path) -> tuple[float, float, float, bool]:
    app = make_application()
    with tempfile.TemporaryDirectory() as settings_dir:
        settings = QSettings(str(Path(settings_dir) / "t.ini"), QSettings.Format.IniFormat)
        window = build_window(folder, settings=settings)
        window.resize(1280, 800)
        window.show()
        _wait(app, lambda: window.gate.started)
        view = window.gate.unlock
        view.secret.setText(PASSPHRASE)
        view.unlock_button.click()
        _wait(app, lambda: window.workspace is not None)
        # The key is derived: its Argon2id working memory (up to 256 MiB, by calibration)
        # is freed. The peak with the vault open counts from here.
        unlocking_peak = _resident_mb("VmHWM")
        _reset_peak()
        workspace = window.workspace
        assert workspace is not None
        services = window.context.services
        client_id = biggest_client(services)
        count = services.clients.get(client_id).session_count
        workspace.clients.select(client_id)
        _wait(app, lambda: workspace.client_view.sessions.model.rowCount() >= count)
        try:
            timeline = window.show_view("timeline")
        except KeyError:  # not installed in the main window yet: the same view on its own
            from desktop.gui.timeline.view import TimelineView

            timeline = TimelineView(services)
            timeline.resize(1280, 800)
            timeline.show()
        show_client = getattr(timeline, "show_client", None)
        if show_client is not None:
            show_client(client_id)
            # The analytics load off the GUI thread: wait until the view shows them.
            _wait(app, lambda: getattr(timeline, "analytics", None) is not None)
        timeline.grab()
        for _ in range(50):
            app.processEvents()
        current = _resident_mb()
        peak_open = _resident_mb("VmHWM")
        timeline.close()
        window.close()
    # Not ru_maxrss: Linux carries the peak of the process that started this one across
    # exec, so a large benchmark runner would be counted as this probe's peak.
    return max(unlocking_peak, peak_open), peak_open, current, show_client is not None


if __name__ == "__main__":
    peak, peak_open, current, shown = main(Path(sys.argv[1]))
    sys.stdout.write(f"{peak:.1f} {peak_open:.1f} {current:.1f} {int(shown)}\n")
