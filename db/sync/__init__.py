"""Keeping several vaults of one clinician in step through a synced folder (docs/sync.md)."""
