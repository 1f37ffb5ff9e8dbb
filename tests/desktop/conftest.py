"""Desktop tests never open a real modal dialog: questions need a preset answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.gui.common import dialogs


@pytest.fixture(autouse=True)
def strict_dialogs() -> Iterator[None]:
    dialogs.reset()
    dialogs.set_strict(True)
    dialogs.set_recording(True)
    yield
    dialogs.set_recording(False)
    dialogs.reset()
