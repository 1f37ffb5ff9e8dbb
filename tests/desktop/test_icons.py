"""The application icon, the desktop entry and the AppStream metainfo that Threadline ships.

These check what a Linux desktop relies on when it installs Threadline: every hicolor size
is there and drawn, the PNGs are up to date with the SVG they come from, and the
.desktop and metainfo files agree with each other and with the icon. No window is shown:
QImage and QSvgRenderer work without a QGuiApplication.
"""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

APP_ID = "org.threadline.Threadline"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

REPO_ROOT = Path(__file__).resolve().parents[2]
ICONS_DIR = REPO_ROOT / "resources" / "icons"
SOURCE_SVG = ICONS_DIR / "threadline.svg"
HICOLOR_DIR = ICONS_DIR / "hicolor"
LINUX_DIR = REPO_ROOT / "resources" / "linux"
DESKTOP_FILE = LINUX_DIR / f"{APP_ID}.desktop"
METAINFO_FILE = LINUX_DIR / f"{APP_ID}.metainfo.xml"


def png_path(size: int) -> Path:
    return HICOLOR_DIR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def load_png(path: Path) -> QImage:
    image = QImage(str(path))
    assert not image.isNull(), f"{path} is missing or not a readable PNG"
    # RGBA8888 keeps the byte order R, G, B, A on every platform.
    return image.convertToFormat(QImage.Format.Format_RGBA8888)


def rgba_bytes(image: QImage) -> bytes:
    """The pixels of an RGBA8888 image, row after row, four bytes each."""
    assert image.bytesPerLine() == 4 * image.width()
    return bytes(image.constBits())[: image.sizeInBytes()]


def load_make_icons() -> ModuleType:
    # packaging/ is a folder of scripts, not a package (and its name would clash with the
    # PyPI "packaging" module), so the script is loaded from its path.
    path = REPO_ROOT / "packaging" / "make_icons.py"
    spec = importlib.util.spec_from_file_location("threadline_make_icons", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment, method-assign]  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    assert parser.has_section("Desktop Entry")
    return parser["Desktop Entry"]


# -- icon ---------------------------------------------------------------------------------


def test_svg_parses_and_is_square() -> None:
    renderer = QSvgRenderer(str(SOURCE_SVG))
    assert renderer.isValid()
    view_box = renderer.viewBoxF()
    assert (view_box.x(), view_box.y(), view_box.width(), view_box.height()) == (0, 0, 512, 512)


def test_svg_holds_no_text() -> None:
    # Text in an icon depends on installed fonts and cannot be read at 16 px.
    root = ET.parse(SOURCE_SVG).getroot()
    assert not [element for element in root.iter() if element.tag.endswith("}text")]


def test_scalable_icon_is_a_copy_of_the_source() -> None:
    scalable = HICOLOR_DIR / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == SOURCE_SVG.read_bytes()


@pytest.fixture(scope="module")
def fresh_hicolor(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hicolor tree rendered now from the SVG, by the same script that made the PNGs."""
    target = tmp_path_factory.mktemp("hicolor")
    load_make_icons().make_icons(SOURCE_SVG, target)
    return target


@pytest.mark.parametrize("size", SIZES)
def test_png_has_the_size_its_folder_names(size: int) -> None:
    image = load_png(png_path(size))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()


@pytest.mark.parametrize("size", SIZES)
def test_png_is_drawn_on_a_transparent_background(size: int) -> None:
    image = load_png(png_path(size))
    alpha = rgba_bytes(image)[3::4]
    opaque = alpha.count(255)
    # The rounded tile fills most of the square; its corners stay see-through.
    assert opaque > 0.6 * size * size
    assert alpha[0] == 0
    assert alpha[-1] == 0


@pytest.mark.parametrize("size", SIZES)
def test_png_is_up_to_date_with_the_svg(size: int, fresh_hicolor: Path) -> None:
    fresh = load_png(fresh_hicolor / png_path(size).relative_to(HICOLOR_DIR))
    committed = load_png(png_path(size))

    # Antialiasing may differ slightly between Qt builds, along a few edge pixels; a
    # changed drawing differs by far more (recolouring only the knot changes ~1% of the
    # pixels). After editing the SVG, run packaging/make_icons.py.
    allowed = max(2, size * size // 400)
    assert count_differing_pixels(fresh, committed, tolerance=16) <= allowed


def count_differing_pixels(first: QImage, second: QImage, tolerance: int) -> int:
    """How many pixels differ by more than ``tolerance`` in any channel."""
    a, b = rgba_bytes(first), rgba_bytes(second)
    assert len(a) == len(b)
    return sum(
        1
        for offset in range(0, len(a), 4)
        if any(abs(a[i] - b[i]) > tolerance for i in range(offset, offset + 4))
    )


# -- desktop entry ------------------------------------------------------------------------


def test_desktop_entry_has_the_keys_a_launcher_needs() -> None:
    entry = read_desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Threadline"
    assert entry["GenericName"]
    assert entry["Comment"]
    assert entry["Exec"] == "threadline"
    assert entry["Terminal"] == "false"
    assert entry["StartupWMClass"] == "threadline"
    categories = entry["Categories"]
    assert categories.endswith(";")
    assert "Office" in categories.split(";")
    assert entry["Keywords"].endswith(";")


def test_desktop_entry_names_an_icon_that_is_shipped() -> None:
    icon = read_desktop_entry()["Icon"]
    assert icon == APP_ID
    assert (HICOLOR_DIR / "scalable" / "apps" / f"{icon}.svg").is_file()
    for size in SIZES:
        assert (HICOLOR_DIR / f"{size}x{size}" / "apps" / f"{icon}.png").is_file()


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="needs desktop-file-utils"
)
def test_desktop_entry_passes_desktop_file_validate() -> None:
    result = subprocess.run(
        ["desktop-file-validate", "--no-hints", str(DESKTOP_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout


# -- AppStream metainfo -------------------------------------------------------------------


def test_metainfo_matches_the_desktop_entry_and_the_project() -> None:
    root = ET.parse(METAINFO_FILE).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "MIT"
    assert root.findtext("launchable") == DESKTOP_FILE.name
    assert root.findtext("name") == read_desktop_entry()["Name"]

    releases = root.findall("releases/release")
    assert releases, "the metainfo lists no release"
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    # Software centres show the newest release first; it must be the version we build.
    assert releases[0].get("version") == pyproject["project"]["version"]


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="needs appstream")
def test_metainfo_passes_appstreamcli_validate() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
