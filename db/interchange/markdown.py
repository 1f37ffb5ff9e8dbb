"""Render an interchange document as Markdown: one readable file per session.

Used by ``threadline export --format markdown`` and for the ``notes/`` folder inside every
backup, so a person can read their notes with any text editor, without Threadline.
Paths are ``<client code>/<date>-<session number>.md``; the code is made safe for every
file system (characters other than letters, digits, space, ``-``, ``_`` and ``.`` become
``_``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_UNSAFE = re.compile(r"[^\w .-]", re.UNICODE)


def safe_folder_name(code: str) -> str:
    name = _UNSAFE.sub("_", code).strip(" .") or "_"
    return name[:80]


def _when(value: str | None) -> str:
    """``2024-03-05T10:00:00Z`` → ``2024-03-05 10:00 UTC``."""
    if not value:
        return ""
    return value[:10] + " " + value[11:16] + " UTC"


def _folders(clients: list[dict[str, Any]]) -> dict[str, str]:
    taken: set[str] = set()
    folders: dict[str, str] = {}
    for client in clients:
        base = safe_folder_name(client["code"])
        name, n = base, 2
        while name.casefold() in taken:
            name, n = f"{base}_{n}", n + 1
        taken.add(name.casefold())
        folders[client["id"]] = name
    return folders


def _theme_names(document: dict[str, Any]) -> dict[str, str]:
    return {theme["id"]: theme["name"] for theme in document["themes"]}


def _group(rows: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row[key], []).append(row)
    return grouped


def render_session(client: dict[str, Any], session: dict[str, Any],
                   addenda: list[dict[str, Any]], marks: list[dict[str, Any]],
                   episodes: list[dict[str, Any]], themes: dict[str, str],
                   clinician: str = "") -> str:
    lines = [f"# {client['code']} · Session {session['number']} · {session['date']}", ""]
    start = f", {session['start_time'][:5]}" if session["start_time"] else ""
    lines.append(f"- Date: {session['date']}{start}, {session['duration_minutes']} minutes")
    lines.append(f"- Kind: {session['kind']}; attendance: {session['attendance']}")
    if session["finalized_at"]:
        by = f" by {clinician}" if clinician else ""
        lines.append(f"- Finalized: {_when(session['finalized_at'])}{by}")
    for title, key in (("Process note", "process_note"), ("Progress note", "progress_note")):
        lines += ["", f"## {title}", "", session[key].rstrip() or "(empty)"]
    if addenda:
        lines += ["", "## Addenda"]
        for addendum in addenda:
            lines += ["", f"### {_when(addendum['written_at'])}", "", addendum["text"].rstrip()]
    if marks:
        lines += ["", "## Themes", ""]
        for mark in marks:
            quote = f" — “{mark['anchor_text']}”" if mark["anchor_text"] else ""
            comment = f" ({mark['comment']})" if mark["comment"] else ""
            lines.append(f"- {themes.get(mark['theme_id'], '?')}, intensity "
                         f"{mark['intensity']}{quote}{comment}")
    if episodes:
        lines += ["", "## Relational episodes", ""]
        for episode in episodes:
            parts = [themes.get(episode[k], "") for k in
                     ("wish_theme_id", "response_of_other_theme_id", "response_of_self_theme_id")]
            ccrt = " / ".join(p or "—" for p in parts)
            lines.append(f"- With {episode['other_person']} ({episode['other_kind']}): {ccrt}")
            if episode["narrative"]:
                lines.append(f"  {episode['narrative']}")
    return "\n".join(lines) + "\n"


def render_notes(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Yield ``(relative path, Markdown text)`` for every session, in a stable order."""
    clients = {client["id"]: client for client in document["clients"]}
    folders = _folders(document["clients"])
    themes = _theme_names(document)
    addenda = _group(document["addenda"], "session_id")
    marks = _group(document["marks"], "session_id")
    episodes = _group(document["relational_episodes"], "session_id")
    clinician = clinician_name(document)
    for session in document["sessions"]:
        client = clients[session["client_id"]]
        path = f"{folders[client['id']]}/{session['date']}-{session['number']}.md"
        yield path, render_session(client, session, addenda.get(session["id"], []),
                                   marks.get(session["id"], []),
                                   episodes.get(session["id"], []), themes, clinician)


def clinician_name(document: dict[str, Any]) -> str:
    """The vault's "clinician name" setting, as exported, or ``""``."""
    for row in document.get("vault_settings", []):
        if row.get("key") == "clinician_name":
            value = row.get("value")
            return value if isinstance(value, str) else ""
    return ""
