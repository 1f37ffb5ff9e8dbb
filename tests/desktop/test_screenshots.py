"""The guide's and README's pictures exist and were drawn by today's app (`make screenshots`).

``docs/make_screenshots.py`` stamps each picture with the version that drew it; a picture
without today's version shows an older window than the one people will see.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QImage

from desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
#: The pictures `make screenshots` draws (the others are still taken by hand).
DRAWN = ("welcome", "recovery-key", "unlock", "workspace", "finalized", "frame-and-goals",
         "settings", "lock-screen", "import-folder")


def test_every_picture_the_docs_show_exists() -> None:
    for page in (ROOT / "README.md", ROOT / "docs" / "user-guide.md"):
        for name in re.findall(r"\(((?:docs/)?images/[\w-]+\.png)\)", page.read_text("utf-8")):
            path = (ROOT / name) if name.startswith("docs/") else ROOT / "docs" / name
            assert path.is_file(), f"{page.name} shows {name}, which does not exist"


def test_the_drawn_pictures_show_todays_app() -> None:
    for name in DRAWN:
        image = QImage(str(ROOT / "docs" / "images" / f"{name}.png"))
        assert not image.isNull(), name
        assert image.text("Threadline") == __version__, (
            f"{name}.png was not drawn by Threadline {__version__}: run make screenshots")
