"""Read-side analytics of a client's marks: the timeline grid, defensive functioning,
CCRT, recurrence, co-occurrence and caseload prevalence.

Every function here reads; nothing writes. The loaders in :mod:`db.analytics.grid`,
:mod:`db.analytics.ccrt` and :mod:`db.analytics.caseload` open one read unit of work and
return frozen DTOs (:mod:`db.analytics.dto`); the other modules are pure functions over
those DTOs, so the GUI and the command line show the same numbers. The rules and formulas
are written down in ``docs/timeline.md``.
"""
