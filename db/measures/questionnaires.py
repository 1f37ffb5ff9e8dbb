"""The published questionnaires Threadline knows: items, severity bands, and the values
the reliable change index is computed with. Sources are named in ``docs/measures.md``.

Both questionnaires are free to reproduce (Pfizer's PHQ screeners: "no permission
required to reproduce, translate, display or distribute").
"""

from __future__ import annotations

from dataclasses import dataclass

ANSWERS = ("Not at all", "Several days", "More than half the days", "Nearly every day")
ITEM_MAX = len(ANSWERS) - 1
QUESTION = "Over the last 2 weeks, how often have you been bothered by any of the following?"


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    label: str


@dataclass(frozen=True)
class Questionnaire:
    """A published measure; higher totals are worse for both."""

    key: str
    name: str
    items: tuple[str, ...]
    bands: tuple[Band, ...]
    sd: float  # standard deviation of the reference sample (Jacobson & Truax's s1)
    reliability: float  # test–retest reliability (their r_xx)
    source_bands: str
    source_sd: str
    source_reliability: str
    risk_item: int | None = None  # 1-based item whose any answer above 0 asks for a look

    @property
    def maximum(self) -> int:
        return ITEM_MAX * len(self.items)

    def band(self, total: int) -> str:
        return next(b.label for b in self.bands if b.low <= total <= b.high)


PHQ9 = Questionnaire(
    "phq9", "PHQ-9",
    ("Little interest or pleasure in doing things",
     "Feeling down, depressed, or hopeless",
     "Trouble falling or staying asleep, or sleeping too much",
     "Feeling tired or having little energy",
     "Poor appetite or overeating",
     "Feeling bad about yourself — or that you are a failure or have let yourself or your "
     "family down",
     "Trouble concentrating on things, such as reading the newspaper or watching television",
     "Moving or speaking so slowly that other people could have noticed; or the opposite — "
     "being so fidgety or restless that you have been moving around a lot more than usual",
     "Thoughts that you would be better off dead, or of hurting yourself in some way"),
    (Band(0, 4, "minimal"), Band(5, 9, "mild"), Band(10, 14, "moderate"),
     Band(15, 19, "moderately severe"), Band(20, 27, "severe")),
    sd=3.5, reliability=0.84,
    source_bands="Kroenke, Spitzer & Williams 2001",
    source_sd="Kocalevent, Hinz & Brähler 2013",
    source_reliability="Kroenke, Spitzer & Williams 2001",
    risk_item=9,
)

GAD7 = Questionnaire(
    "gad7", "GAD-7",
    ("Feeling nervous, anxious, or on edge",
     "Not being able to stop or control worrying",
     "Worrying too much about different things",
     "Trouble relaxing",
     "Being so restless that it is hard to sit still",
     "Becoming easily annoyed or irritable",
     "Feeling afraid, as if something awful might happen"),
    (Band(0, 4, "minimal"), Band(5, 9, "mild"), Band(10, 14, "moderate"),
     Band(15, 21, "severe")),
    sd=3.4, reliability=0.83,
    source_bands="Spitzer, Kroenke, Williams & Löwe 2006",
    source_sd="Löwe et al. 2008",
    source_reliability="Spitzer, Kroenke, Williams & Löwe 2006",
)

QUESTIONNAIRES: dict[str, Questionnaire] = {q.key: q for q in (PHQ9, GAD7)}
