"""``threadline suggestions``: how well theme suggestions would do on this vault's marks,
and the three themes suggested for a passage read from standard input.

The model is learned in this process's memory, as the app does after unlocking, and is
gone when the command ends; nothing of it is written anywhere. The passage is read from
standard input (``--passage -``), never from an argument: arguments are visible to every
process of the machine (``ps``).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from db.errors import ValidationError
from db.services.hub import Services
from db.suggestions.learn import FOLDS, MIN_PASSAGES, MIN_PER_THEME, Report, Suggester
from desktop.cli.common import add_vault_options, unlocked_vault
from desktop.cli.output import out, safe_text

#: A passage longer than this is refused (a note is pasted by mistake, or a file).
MAX_PASSAGE = 20_000


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "suggestions", help="how often theme suggestions would be right; suggest for a passage")
    add_vault_options(parser)
    parser.add_argument("--passage", choices=("-",), default=None,
                        help="read a passage from standard input and print the themes "
                             "suggested for it, best first")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def _passage() -> str:
    text = sys.stdin.read(MAX_PASSAGE + 1)
    if not text.strip():
        raise ValidationError("Give the passage on standard input, e.g. "
                              "`threadline suggestions --passage - < passage.txt`.")
    if len(text) > MAX_PASSAGE:
        raise ValidationError(f"The passage is longer than {MAX_PASSAGE:,} characters; "
                              "give the words of one passage.")
    return text


def _report(report: Report) -> dict[str, Any]:
    accuracy = report.accuracy
    return {"on": report.on, "marked_passages": report.passages,
            "themes_with_enough_passages": report.themes,
            "needed": {"marked_passages": MIN_PASSAGES, "per_theme": MIN_PER_THEME},
            "accuracy": None if accuracy is None else {
                "top1": round(accuracy.top1, 4), "top3": round(accuracy.top3, 4),
                "passages_scored": accuracy.measured,
                "method": f"{FOLDS}-fold cross-validation on this vault's marks"}}


def _sentence(report: Report) -> str:
    if report.accuracy is None:
        return (f"Suggestions are off: {report.passages:,} marked passages "
                f"({MIN_PASSAGES:,} needed) and {report.themes:,} themes with at least "
                f"{MIN_PER_THEME} passages.\n")
    return (f"On {report.passages:,} marked passages, the first suggestion would have been "
            f"right {report.accuracy.top1:.0%} of the time and one of three "
            f"{report.accuracy.top3:.0%} ({report.themes:,} themes can be suggested; "
            f"{FOLDS}-fold cross-validation on {report.accuracy.measured:,} passages).\n")


def run(args: argparse.Namespace) -> int:
    passage = _passage() if args.passage else None
    with unlocked_vault(args) as vault:
        services = Services.for_vault(vault)
        model = services.suggestions.train()
        report = model.report if isinstance(model, Suggester) else model
        names: list[str] = []
        if passage is not None and isinstance(model, Suggester):
            taxonomy = services.themes.taxonomy()
            names = [taxonomy.theme(theme_id).name for theme_id in model.suggest(passage)]
    if args.json:
        document = _report(report)
        if passage is not None:
            document["suggested"] = names
        out(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return 0
    out(_sentence(report))
    if passage is not None and report.on:
        out("".join(f"{i}. {safe_text(name)}\n" for i, name in enumerate(names, 1))
            if names else "No word of the passage was ever marked: nothing to suggest.\n")
    return 0
