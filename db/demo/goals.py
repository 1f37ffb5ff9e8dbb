"""Treatment goals and goal reviews for the demo clients (all fictional)."""

from __future__ import annotations

GOALS: tuple[str, ...] = (
    "Understand what sets off the spells of low mood",
    "Be able to say no at work without days of guilt",
    "Sleep through the night more often than not",
    "Notice the pull to withdraw and talk about it instead",
    "Tolerate being alone in the evenings",
    "Put words to anger before it turns inward",
    "Return to work at least part time",
    "Keep one close friendship going through a disagreement",
    "Rely less on checking and reassurance",
    "Make sense of the relationship with father",
    "Grieve the loss without closing down",
    "Manage the ending of the therapy without breaking off",
    "Recognise the pattern of choosing partners who withhold",
    "Stay with difficult feelings in the session instead of changing the subject",
)

REVIEWS: dict[str, tuple[str, ...]] = {
    "open": (
        "Agreed at intake; too early to say.",
        "Still largely in the background of the work.",
    ),
    "progressing": (
        "Some movement: the client brings this more often and with more curiosity.",
        "Clear change in the last months, though it falls back under stress.",
        "The client describes two recent situations handled differently.",
        "Slower than hoped, but the theme is now open to discussion.",
    ),
    "achieved": (
        "Reviewed together: the client feels this has been reached and wants to keep it.",
        "Achieved and stable for several months.",
    ),
    "dropped": (
        "Set aside by mutual agreement; other concerns have come first.",
    ),
}

ADDENDA: tuple[str, ...] = (
    "On reflection after supervision: the silence near the end was probably less "
    "withholding than frightened, and I may have filled it too quickly.",
    "The client telephoned the next day to confirm the change of time; nothing further "
    "of note.",
    "Correction: the sister mentioned here is the younger one, not the older.",
    "Discussed in supervision. We wondered whether my irritation picked up something the "
    "client could not yet say about the coming break.",
    "Letter from the GP received today confirming the change of medication mentioned in "
    "this session.",
    "Adding for clarity: no risk indicators on direct enquiry; the remark about "
    "disappearing referred to leaving the job.",
)

CANCELLED_BY_CLIENT: tuple[str, ...] = (
    "Cancelled by the client the day before (unwell). Offered the next regular session.",
    "The client cancelled by message in the morning, citing a work deadline.",
    "Cancelled by the client with a week's notice (family event).",
)
CANCELLED_BY_THERAPIST: tuple[str, ...] = (
    "Cancelled by me (illness); the client was told the evening before.",
    "Cancelled by me for a training day, announced three weeks ahead.",
)
NO_SHOW: tuple[str, ...] = (
    "The client did not attend and sent no message. I wrote to confirm the next session.",
    "Did not attend. A message came an hour later: the client had forgotten.",
)
