"""Vault room of the GUI."""
