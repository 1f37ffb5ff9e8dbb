"""Sync in the window: the Sync page, the status-bar note, syncing every minute."""
