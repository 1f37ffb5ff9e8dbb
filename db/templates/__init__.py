"""Note templates: the shipped shapes of a note, the clinician's own, per-client defaults."""
