"""``threadline search QUERY``: the same hits as the GUI's search, for scripts and terminals.

Exit 0 with the hits (none is not an error); 1 when the query cannot be searched as typed
or the client code is unknown, with one sentence on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from datetime import date
from typing import Any

from db.errors import ValidationError
from db.search.dto import KIND_LABELS, KINDS, SearchFilters, SearchHit, SearchResults
from db.search.service import DEFAULT_LIMIT, MAX_LIMIT
from db.search.suggest import nothing_found
from db.services.hub import Services
from desktop.cli.common import add_vault_options, unlocked_vault
from desktop.cli.output import out, safe_text

BOLD, PLAIN = "\033[1m", "\033[0m"


def _limit(value: str) -> int:
    number = int(value)
    if not 1 <= number <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"give a number from 1 to {MAX_LIMIT}")
    return number


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "search", help="search every note, addendum, mark comment, episode and client",
        description='Words must all match; "quoted phrase"; prefix*; OR; -excluded. '
                    "Accents and case do not matter.")
    add_vault_options(parser)
    parser.add_argument("query", metavar="QUERY", help="what to look for (quote it)")
    parser.add_argument("--client", metavar="CODE", help="only this client's texts")
    parser.add_argument("--from", dest="date_from", type=date.fromisoformat,
                        metavar="YYYY-MM-DD", help="only sessions on or after this date")
    parser.add_argument("--to", dest="date_to", type=date.fromisoformat,
                        metavar="YYYY-MM-DD", help="only sessions on or before this date")
    parser.add_argument("--theme", metavar="NAME",
                        help="only sessions marked with this theme (its name or key)")
    parser.add_argument("--kind", action="append", choices=KINDS, default=None,
                        help="only this kind of text (repeatable)")
    parser.add_argument("--limit", type=_limit, default=DEFAULT_LIMIT,
                        help="at most this many hits")
    parser.add_argument("--json", action="store_true", help="print the hits as JSON")
    parser.set_defaults(func=run)


def hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "kind": hit.kind, "client_code": hit.client_code, "client_id": str(hit.client_id),
        "session_id": str(hit.session_id) if hit.session_id else None,
        "number": hit.number, "date": hit.date.isoformat() if hit.date else None,
        "snippet": hit.snippet, "spans": [list(span) for span in hit.spans],
        "score": hit.score, "source_id": str(hit.source_id),
    }


def _emphasized(hit: SearchHit, bold: bool) -> str:
    if not bold:
        return safe_text(hit.snippet)
    parts, last = [], 0
    for start, end in hit.spans:  # escape the pieces: the spans index the raw snippet
        parts += [safe_text(hit.snippet[last:start]), BOLD,
                  safe_text(hit.snippet[start:end]), PLAIN]
        last = end
    return "".join(parts) + safe_text(hit.snippet[last:])


def _print_text(results: SearchResults, filtered: bool = False) -> None:
    bold = sys.stdout.isatty()
    for hit in results.hits:
        where = (f"#{hit.number}  {hit.date.isoformat()}" if hit.session_id and hit.date
                 else "client")
        sys.stdout.write(f"{safe_text(hit.client_code)}  {where}  {KIND_LABELS[hit.kind]}\n"
                         f"    {_emphasized(hit, bold)}\n")
    if not results.hits:
        sys.stdout.write(nothing_found(results.query, filtered) + "\n")
    elif results.windowed:
        sys.stdout.write("(so many notes match that only the most recent were ranked; "
                         "add a word, --client or --from to narrow)\n")
    elif results.more:
        sys.stdout.write(f"(only the best {len(results.hits)} are shown; use --limit)\n")


def _theme_id(services: Services, wanted: str, client_id: uuid.UUID | None) -> uuid.UUID:
    folded = wanted.strip().casefold()
    for theme in services.themes.offered(client_id):
        if folded in (theme.name.casefold(), (theme.key or "").casefold()):
            return theme.id
    raise ValidationError(f"There is no theme called {wanted}.")


def run(args: argparse.Namespace) -> int:
    with unlocked_vault(args) as vault:
        services = Services.for_vault(vault)
        client_id = services.clients.by_code(args.client).id if args.client else None
        theme_id = _theme_id(services, args.theme, client_id) if args.theme else None
        filters = SearchFilters(client_id, args.date_from, args.date_to, theme_id,
                                kinds=frozenset(args.kind or ()))
        services.indexer.catch_up()  # a search reads the index as it is: bring it up first
        results = services.search.search(args.query, filters, args.limit)
    if results.message:
        raise ValidationError(results.message)
    if args.json:
        out(json.dumps({"query": results.query, "more": results.more,
                        "hits": [hit_json(hit) for hit in results.hits]},
                       ensure_ascii=False, indent=2) + "\n")
    else:
        _print_text(results, any((filters.client_id, filters.date_from, filters.date_to,
                                  filters.theme_id)))
    return 0
