"""A supervision export that reveals no one: what goes, pseudonymised, previewed, written."""
