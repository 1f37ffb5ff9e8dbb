"""Themes in the GUI: the theme editor, the quick picker, passage highlights and marks."""

from desktop.qt_refcount_guard import guard

# Live anchor tracking makes many small Qt calls per keystroke; see the module's docstring.
guard()
