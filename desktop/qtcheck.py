"""Say plainly what a desktop is missing before Qt would crash on it.

Run as ``python -m desktop.qtcheck`` (``make run`` does) or call :func:`problems`.
"""

from __future__ import annotations

import os
import sys

#: System libraries the xcb platform plugin loads, with the Debian/Ubuntu package name.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-shape": "libxcb-shape0",
    "EGL": "libegl1",
    "fontconfig": "libfontconfig1",
}


def problems(environ: dict[str, str] | None = None) -> list[str]:
    """Sentences describing what stops a real window from opening (empty when fine)."""
    env = dict(os.environ if environ is None else environ)
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal", "vnc")) or sys.platform != "linux":
        return []
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return ["No display was found: Threadline needs a graphical desktop session "
                "(DISPLAY or WAYLAND_DISPLAY is not set)."]
    if env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY"):
        return []
    import ctypes.util  # only here: it costs start-up time on every other path

    missing = [pkg for lib, pkg in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None]
    if missing:
        return ["Qt needs system libraries that are not installed; install them with: "
                f"sudo apt-get install {' '.join(missing)}"]
    return []


def main() -> int:
    found = problems()
    for sentence in found:
        sys.stderr.write(f"threadline: {sentence}\n")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
