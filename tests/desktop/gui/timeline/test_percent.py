"""A share reads the same in the window as in the report the command line prints."""

from __future__ import annotations

from db.analytics.report import rounded
from desktop.gui.timeline.models import percent


def test_every_share_of_up_to_400_sessions_reads_as_its_printed_value() -> None:
    """The window rounded the raw share, the report printed it to four places first: a
    theme in 1 of 199 sessions read 1 % in the window and 0 % from the printed 0.005."""
    for marked in range(401):
        for sessions in range(max(1, marked), 401):
            share = marked / sessions
            assert percent(share) == percent(rounded(share)), (marked, sessions)
    assert (percent(1 / 199), percent(None), percent(0.25)) == ("0%", "—", "25%")
