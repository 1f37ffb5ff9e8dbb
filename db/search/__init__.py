"""Full-text search over the vault: the query language, the index and the service."""
