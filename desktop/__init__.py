"""Threadline's front ends: the Qt desktop app and the ``threadline`` command."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("threadline")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"
