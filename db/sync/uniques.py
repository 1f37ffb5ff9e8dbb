"""Unique codes, numbers, keys and names: two rows claiming one value, settled the same
way on every device (docs/sync.md, "Merging"). The row with the greater id moves — the
next free session number, the client code with ``-2``, the scale's name with `` (2)``, no
shipped key (it becomes the clinician's own theme or template) — and is sent again. Two
scores of one measure at one session are twins instead: one stays.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from db.sync import links, state

if TYPE_CHECKING:
    from db.sync.apply import Context

#: ``apply._flag``: raise a conflict flag on a row.
Flag = Callable[["Context", str, str, str], None]


def settle(ctx: Context, table: str, row: dict[str, Any], flag: Flag) -> bool:
    """Before writing ``row``: settle clashes with other rows on unique columns. Returns
    False when ``row`` is not to be written (a second score of one measure at one session
    whose twin stays)."""
    for columns in links.unique_sets(table):
        values = [row.get(c) for c in columns]
        if any(v is None for v in values):
            continue
        where = " AND ".join(f"{c} = :{i}" for i, c in enumerate(columns))
        other = ctx.session.execute(text(
            f"SELECT id FROM {table} WHERE {where} AND id != :me"),
            {**{str(i): v for i, v in enumerate(values)}, "me": row["id"]}).scalar()
        if other is None:
            continue
        ctx.result.renamed += 1
        if table == links.SCORES:
            return _settle_twin_score(ctx, row, str(other), flag)
        if str(other) > str(row["id"]):
            moved = _moved_value(ctx, table, columns, row)
            ctx.session.execute(text(f"UPDATE {table} SET {columns[-1]} = :v WHERE id = :id"),
                                {"v": moved, "id": other})
            ctx.cache.forget(table, str(other))
            ctx.emit(table, str(other))
        else:
            row[columns[-1]] = _moved_value(ctx, table, columns, row)
            ctx.emit(table, str(row["id"]))
    return True


def _settle_twin_score(ctx: Context, row: dict[str, Any], other: str, flag: Flag) -> bool:
    """One measure scored at one session on two devices: the score with the smaller id
    stays and the other is removed (its row kept in its tombstone); the session is flagged
    so the clinician can look at both."""
    flag(ctx, "measure_scored_twice", "therapy_session", str(row["session_id"]))
    if other > str(row["id"]):
        old = state.fetch_row(ctx.session, links.SCORES, other)
        ctx.session.execute(text(f"DELETE FROM {links.SCORES} WHERE id = :id"), {"id": other})
        ctx.cache.forget(links.SCORES, other)
        state.emit_deletion(ctx.session, links.SCORES, other, old or {}, ctx.now_ms)
        return True
    return False


def _moved_value(ctx: Context, table: str, columns: tuple[str, ...],
                 row: dict[str, Any]) -> Any:
    last = columns[-1]
    if last == "number":
        top = ctx.session.execute(text(
            f"SELECT max(number) FROM {table} WHERE client_id = :c"),
            {"c": row["client_id"]}).scalar() or 0
        return max(int(top), int(row["number"])) + 1
    if last in ("code", "name"):  # a client's code AB-12-2, a scale's name "Sleep (2)"
        base, n = str(row[last]), 2
        shape = "{}-{}" if last == "code" else "{} ({})"
        while ctx.session.execute(text(f"SELECT 1 FROM {table} WHERE {last} = :c"),
                                  {"c": shape.format(base, n)}).first():
            n += 1
        return shape.format(base, n)
    return None  # a shipped key: the copy becomes the clinician's own theme or template
