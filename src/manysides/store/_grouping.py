"""Rows of a tier-1 ``Grouping`` and back (order of every tuple kept by ``position``)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from ..model import Duplicate, Event, Grouping, SharedPassage, Storyline
from . import schema as s
from ._sql import chunks, insert_rows, upsert

Rows = list[dict[str, Any]]
TOKEN_KEY = "grouping_token"  # a state row naming the last save of the grouping


def grouping_rows(grouping: Grouping) -> Iterator[tuple[sa.Table, Rows]]:
    """(table, rows) in an order that satisfies the foreign keys."""
    lines = grouping.storylines
    yield s.events, [_event_row(e, i) for i, e in enumerate(grouping.events)]
    yield s.event_articles, _member_rows(grouping.events)
    yield s.storylines, _line_rows(lines, {line.id: i for i, line in enumerate(lines)})
    yield s.storyline_events, _line_member_rows(lines)
    yield from copy_rows(grouping).items()


def copy_rows(grouping: Grouping) -> dict[sa.Table, Rows]:
    """The rows of ``grouping``'s duplicates and shared passages."""
    return {
        s.duplicates: [
            {
                "article_id": d.article_id,
                "original_id": d.original_id,
                "similarity": d.similarity,
                "position": i,
            }
            for i, d in enumerate(grouping.duplicates)
        ],
        s.shared_passages: [
            {
                "position": i,
                "article_id": p.article_id,
                "start_char": p.start,
                "end_char": p.end,
                "other_id": p.other_id,
                "other_start_char": p.other_start,
                "other_end_char": p.other_end,
            }
            for i, p in enumerate(grouping.shared_passages)
        ],
    }


def _members(
    connection: sa.Connection,
    table: sa.Table,
    owner: str,
    member: str,
    owner_ids: list[str] | None = None,
) -> dict[str, tuple[str, ...]]:
    query = sa.select(table.c[owner], table.c[member]).order_by(table.c[owner], table.c.position)
    if owner_ids is not None:
        query = query.where(table.c[owner].in_(owner_ids))
    found: dict[str, list[str]] = defaultdict(list)
    for owner_id, member_id in connection.execute(query).all():
        found[owner_id].append(member_id)
    return {key: tuple(value) for key, value in found.items()}


def _events(connection: sa.Connection, ids: list[str] | None = None) -> tuple[Event, ...]:
    query = sa.select(s.events).order_by(s.events.c.position)
    if ids is not None:
        query = query.where(s.events.c.id.in_(ids))
    members = _members(connection, s.event_articles, "event_id", "article_id", ids)
    return tuple(
        Event(row.id, members.get(row.id, ()), row.label, row.start_time, row.end_time)
        for row in connection.execute(query).all()
    )


def _storylines(connection: sa.Connection, ids: list[str] | None = None) -> tuple[Storyline, ...]:
    query = sa.select(s.storylines).order_by(s.storylines.c.position)
    if ids is not None:
        query = query.where(s.storylines.c.id.in_(ids))
    members = _members(connection, s.storyline_events, "storyline_id", "event_id", ids)
    return tuple(
        Storyline(row.id, members.get(row.id, ()), row.label) for row in connection.execute(query)
    )


def read_event(connection: sa.Connection, event_id: str) -> Event | None:
    found = _events(connection, [event_id])
    return found[0] if found else None


def read_storyline(connection: sa.Connection, storyline_id: str) -> Storyline | None:
    found = _storylines(connection, [storyline_id])
    return found[0] if found else None


def read_grouping(connection: sa.Connection) -> Grouping:
    d, p = s.duplicates, s.shared_passages
    duplicates = tuple(
        Duplicate(row.article_id, row.original_id, row.similarity)
        for row in connection.execute(sa.select(d).order_by(d.c.position))
    )
    passages = tuple(
        SharedPassage(
            row.article_id,
            row.start_char,
            row.end_char,
            row.other_id,
            row.other_start_char,
            row.other_end_char,
        )
        for row in connection.execute(sa.select(p).order_by(p.c.position))
    )
    return Grouping(_events(connection), _storylines(connection), duplicates, passages)


# --- saving a grouping over the stored one, touching only what changed --------------------


def stale_stories(old: Grouping, new: Grouping) -> frozenset[str]:
    """Ids of the stories (events, old or new) whose reports ``new`` makes stale.

    A report shows its event, the other events of its storyline (their labels and sizes)
    and the copies and shared passages among its articles, so it is stale when any of
    these changed; the stories of an unchanged storyline keep their reports.
    """
    old_events = {e.id: e for e in old.events}
    new_events = {e.id: e for e in new.events}
    stale = {
        i for i in old_events.keys() | new_events.keys() if old_events.get(i) != new_events.get(i)
    }
    old_lines = {line.id: line for line in old.storylines}
    new_lines = {line.id: line for line in new.storylines}
    for lines in (old_lines, new_lines):
        others = new_lines if lines is old_lines else old_lines
        for line in lines.values():
            if others.get(line.id) != line or not stale.isdisjoint(line.event_ids):
                stale.update(line.event_ids)
    # the copies and shared passages whose articles changed: the events holding them
    touched: set[str] = set()
    for copy in set(old.duplicates) ^ set(new.duplicates):
        touched.update((copy.article_id, copy.original_id))
    for passage in set(old.shared_passages) ^ set(new.shared_passages):
        touched.update((passage.article_id, passage.other_id))
    if touched:
        for event in (*old.events, *new.events):
            if not touched.isdisjoint(event.article_ids):
                stale.add(event.id)
    return frozenset(stale)


def kept_positions(old_positions: dict[str, int], new_ids: list[str]) -> dict[str, int] | None:
    """Positions for ``new_ids`` (in order) that keep the stored position of every id
    already there (``old_positions``) and give the others the next free ones; None when
    those would not follow ``new_ids``' order (a new id among the old ones).

    Tier 1 lists events and storylines in the order they were founded, so a new one comes
    last and the positions of the others need not move."""
    positions: dict[str, int] = {}
    last = -1
    following = max(old_positions.values(), default=-1) + 1
    for item in new_ids:
        kept = old_positions.get(item)
        if kept is None:
            kept, following = following, following + 1
        if kept <= last:
            return None
        positions[item] = last = kept
    return positions


@dataclass(frozen=True)
class SavedGrouping:
    """A grouping as ``save_grouping_changes`` saved it: ``token`` names that save (the
    next one, handed it back, compares instead of reading the stored grouping while the
    store still holds it); ``stale``: the stories whose reports the save made stale."""

    grouping: Grouping
    token: str
    stale: frozenset[str]


def save_grouping_changes(
    connection: sa.Connection, new: Grouping, last: SavedGrouping | None = None
) -> SavedGrouping:
    """Make the stored grouping ``new``, writing only the rows that differ. ``last``: the
    caller's previous save, trusted as the stored grouping when no one saved since (in a
    big store, reading it back costs more than the rest). One caller's transaction."""
    token = connection.execute(
        sa.select(s.state.c.value).where(s.state.c.key == TOKEN_KEY)
    ).scalar_one_or_none()
    if last is not None and token is not None and last.token == bytes(token).decode():
        old = last.grouping
    else:
        old = read_grouping(connection)
    events_at = kept_positions(_positions(connection, s.events), [e.id for e in new.events])
    lines_at = kept_positions(
        _positions(connection, s.storylines), [line.id for line in new.storylines]
    )
    if events_at is None or lines_at is None:
        _replace_all(connection, new)
    else:
        _write_changed(connection, old, new, events_at, lines_at)
    saved = SavedGrouping(new, uuid.uuid4().hex, stale_stories(old, new))
    row = {"key": TOKEN_KEY, "value": saved.token.encode(), "updated_at": datetime.now(UTC)}
    upsert(connection, s.state, [row], ("key",))
    return saved


def _positions(connection: sa.Connection, table: sa.Table) -> dict[str, int]:
    rows = connection.execute(sa.select(table.c.id, table.c.position))
    return {row.id: row.position for row in rows}


def _replace_all(connection: sa.Connection, grouping: Grouping) -> None:
    for table in (
        s.storyline_events,
        s.storylines,
        s.event_articles,
        s.shared_passages,
        s.duplicates,
        s.events,
    ):
        connection.execute(table.delete())
    for table, rows in grouping_rows(grouping):
        insert_rows(connection, table, rows)


def _write_changed(
    connection: sa.Connection,
    old: Grouping,
    new: Grouping,
    events_at: dict[str, int],
    lines_at: dict[str, int],
) -> None:
    """The rows of the events and storylines that differ, in an order the foreign keys
    and unique columns accept (an article or event moving from one owner to another)."""
    old_events = {e.id: e for e in old.events}
    written = [e for e in new.events if old_events.get(e.id) != e]
    gone = old_events.keys() - events_at.keys()
    old_lines = {line.id: line for line in old.storylines}
    new_lines = {line.id: line for line in new.storylines}
    lines_out = [i for i, line in old_lines.items() if new_lines.get(i) != line]
    lines_in = [line for line in new.storylines if old_lines.get(line.id) != line]
    _delete_where_in(connection, s.storyline_events.c.storyline_id, lines_out)
    _delete_where_in(connection, s.storylines.c.id, lines_out)
    _delete_where_in(
        connection, s.event_articles.c.event_id, [*gone, *(e.id for e in written)]
    )
    _delete_where_in(connection, s.events.c.id, list(gone))
    updated = [_event_row(e, events_at[e.id]) for e in written if e.id in old_events]
    if updated:
        # (the columns a row names are SET, but the id, bound under another name, is matched)
        connection.execute(
            s.events.update().where(s.events.c.id == sa.bindparam("event_id")),
            [
                {"event_id": row["id"], **{k: v for k, v in row.items() if k != "id"}}
                for row in updated
            ],
        )
    fresh = [_event_row(e, events_at[e.id]) for e in written if e.id not in old_events]
    insert_rows(connection, s.events, fresh)
    insert_rows(connection, s.event_articles, _member_rows(written))
    insert_rows(connection, s.storylines, _line_rows(lines_in, lines_at))
    insert_rows(connection, s.storyline_events, _line_member_rows(lines_in))
    old_rows, new_rows = copy_rows(old), copy_rows(new)
    for table, rows in new_rows.items():
        _write_tail(connection, table, old_rows[table], rows)


def _event_row(event: Event, position: int) -> dict[str, Any]:
    return {
        "id": event.id,
        "position": position,
        "label": event.label,
        "start_time": event.start,
        "end_time": event.end,
    }


def _member_rows(events: Sequence[Event]) -> Rows:
    return [
        {"event_id": e.id, "position": i, "article_id": article_id}
        for e in events
        for i, article_id in enumerate(e.article_ids)
    ]


def _line_rows(lines: Sequence[Storyline], positions: dict[str, int]) -> Rows:
    return [{"id": line.id, "position": positions[line.id], "label": line.label} for line in lines]


def _line_member_rows(lines: Sequence[Storyline]) -> Rows:
    return [
        {"storyline_id": line.id, "position": i, "event_id": event_id}
        for line in lines
        for i, event_id in enumerate(line.event_ids)
    ]


def _write_tail(connection: sa.Connection, table: sa.Table, old: Rows, new: Rows) -> None:
    """Rows positioned in a list that mostly grows at its end: from the first row that
    differs on, the old rows go and the new ones come."""
    same = 0
    for before, after in zip(old, new, strict=False):
        if before != after:
            break
        same += 1
    if same < len(old):
        connection.execute(table.delete().where(table.c.position >= same))
    insert_rows(connection, table, new[same:])


def _delete_where_in(connection: sa.Connection, column: sa.Column[Any], values: list[str]) -> None:
    for part in chunks(sorted(values)):
        connection.execute(column.table.delete().where(column.in_(part)))
