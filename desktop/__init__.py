"""Threadline's front ends: the Qt desktop app and the ``threadline`` command."""

# Kept as a literal (not read from package metadata) because importlib.metadata costs
# tens of milliseconds at start-up; tests/desktop/test_version.py keeps it in step
# with pyproject.toml.
__version__ = "0.1.0"
