"""Backups in the GUI: File ▸ Back up now… and Restore…, the backup settings page, the
automatic backup scheduler and the status-bar note of the last good backup."""
