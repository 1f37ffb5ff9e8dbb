"""Interchange format version 1: its writer and its strict reader."""
