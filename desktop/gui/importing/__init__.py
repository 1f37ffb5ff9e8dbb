"""Importing into the open vault: a Threadline export (JSON) or a folder of notes."""
