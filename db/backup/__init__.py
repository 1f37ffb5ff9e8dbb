"""Encrypted backups (age v1 over a tar with a manifest), verify and safe restore."""
