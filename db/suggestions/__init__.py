"""Theme suggestions learned from the clinician's own marked passages (held in memory only)."""
