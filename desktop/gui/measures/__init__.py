"""Outcome measures in the window: the session's measures beside the themes, score entry,
and a chart on the timeline's session axis."""
