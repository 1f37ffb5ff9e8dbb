"""Themes in the GUI: the theme editor, the quick picker, passage highlights and marks."""
