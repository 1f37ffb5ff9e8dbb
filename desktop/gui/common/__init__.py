"""Common room of the GUI."""
