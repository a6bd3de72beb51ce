"""Rows of a tier-1 ``Grouping`` and back (order of every tuple kept by ``position``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from ..model import Duplicate, Event, Grouping, SharedPassage, Storyline
from . import schema as s

Rows = list[dict[str, Any]]


def grouping_rows(grouping: Grouping) -> Iterator[tuple[sa.Table, Rows]]:
    """(table, rows) in an order that satisfies the foreign keys."""
    yield (
        s.events,
        [
            {"id": e.id, "position": i, "label": e.label, "start_time": e.start, "end_time": e.end}
            for i, e in enumerate(grouping.events)
        ],
    )
    yield (
        s.event_articles,
        [
            {"event_id": e.id, "position": i, "article_id": aid}
            for e in grouping.events
            for i, aid in enumerate(e.article_ids)
        ],
    )
    yield (
        s.storylines,
        [
            {"id": line.id, "position": i, "label": line.label}
            for i, line in enumerate(grouping.storylines)
        ],
    )
    yield (
        s.storyline_events,
        [
            {"storyline_id": line.id, "position": i, "event_id": eid}
            for line in grouping.storylines
            for i, eid in enumerate(line.event_ids)
        ],
    )
    yield (
        s.duplicates,
        [
            {
                "article_id": d.article_id,
                "original_id": d.original_id,
                "similarity": d.similarity,
                "position": i,
            }
            for i, d in enumerate(grouping.duplicates)
        ],
    )
    yield (
        s.shared_passages,
        [
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
    )


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
    for owner_id, member_id in connection.execute(query):
        found[owner_id].append(member_id)
    return {key: tuple(value) for key, value in found.items()}


def _events(connection: sa.Connection, ids: list[str] | None = None) -> tuple[Event, ...]:
    query = sa.select(s.events).order_by(s.events.c.position)
    if ids is not None:
        query = query.where(s.events.c.id.in_(ids))
    members = _members(connection, s.event_articles, "event_id", "article_id", ids)
    return tuple(
        Event(row.id, members.get(row.id, ()), row.label, row.start_time, row.end_time)
        for row in connection.execute(query)
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
