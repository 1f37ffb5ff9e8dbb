"""Outcome measures taken at sessions: PHQ-9, GAD-7 and the clinician's own simple scales."""
