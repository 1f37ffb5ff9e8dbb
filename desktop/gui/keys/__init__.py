"""Vault security: passphrase change, re-encryption, recovery keys."""
