"""Workspace room of the GUI."""
