"""Alembic migrations of the vault schema (run automatically when a vault is opened)."""
