"""A guard against a reference-count bug of PySide6 6.12 on Python 3.11.

That PySide returns ``None`` from every void C++ method it wraps (``QColor.setAlpha``,
``QPixmap.fill``, …), ``True`` from ``SignalInstance.emit`` and ``None`` from
``QModelIndex.data`` without taking a new reference. Each call therefore takes one
reference away from ``None`` or ``True``; after some thousands of calls the count reaches
zero and the interpreter aborts ("Fatal Python error: none_dealloc"). Python 3.12 made
these objects immortal (PEP 683), which is why the bug does no harm there.

:func:`guard` gives ``None``, ``True`` and ``False`` a reference count so large it cannot
run down in the life of a process — what Python 3.12 does for them. It changes nothing on
3.12 and later, and does nothing when the installed PySide does not have the bug.
"""

from __future__ import annotations

import ctypes
import sys

BALLAST = 1 << 40
_guarded = False


def _bug_present() -> bool:
    from PySide6.QtGui import QColor

    color = QColor(0, 0, 0)
    before = sys.getrefcount(None)
    for _ in range(8):
        color.setAlpha(255)
    lost = before - sys.getrefcount(None)
    for _ in range(max(lost, 0)):  # give back what the probe took
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    return lost > 0


def guard() -> bool:
    """Protect the singletons once per process; True when the guard was needed."""
    global _guarded
    if _guarded or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    _guarded = True
    if not _bug_present():
        return False
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += BALLAST
    return True
