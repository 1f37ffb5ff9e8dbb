"""Desktop tests never open a real modal dialog: questions need a preset answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.gui import dialogs


@pytest.fixture(autouse=True)
def strict_dialogs() -> Iterator[None]:
    dialogs.reset()
    dialogs.set_strict(True)
    yield
    dialogs.reset()
