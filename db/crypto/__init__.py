"""Key derivation, key wrapping and the vault key file. No ORM and no Qt in here."""
