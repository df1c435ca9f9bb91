"""First load of an operator's data from the shared database into the local cache.

This is the full-load half of sync: everything the person may see, read
under one snapshot (REPEATABLE READ on PostgreSQL; one read transaction on
SQLite) so no row is caught half-updated, written to the cache in one
transaction with bulk inserts (from PostgreSQL by COPY, sync/bulk_copy.py;
bench/bench_sync.py measures it). The snapshot's change position becomes the
cache's sync cursor, so the first incremental pull (sync/pull.py) starts
exactly where the load's snapshot ended. The cache is never reloaded over
pending outbox entries.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Select, delete, func, insert, select
from sqlalchemy.sql.elements import ColumnElement

from operator_app.core.domain import Role
from operator_app.core.progress import TaskState
from operator_app.data import models as m
from operator_app.data.cache import get_meta, lead_queue, outbox, set_meta
from operator_app.data.db import sqlite_transaction
from operator_app.data.queries import OperatorInfo
from operator_app.data.types import utcnow
from operator_app.sync import bulk_copy
from operator_app.sync.tables import (
    server_epoch,
    server_position,
    shared_transaction,
)
from operator_app.sync.team_counts import team_hook_counts

CHUNK = 5000
CURSOR_KEY = "sync_cursor"
LOAD_PAGE_CACHE_KIB = 256 * 1024  # SQLite's page cache during a first load

# Reference tables: copied whole for the person's team (they are small).
TEAM_TABLES: tuple[type, ...] = (m.LifecycleStage, m.Tag, m.Template, m.Setting)
# Per-lead tables: only rows of leads in scope.
LEAD_TABLES: tuple[type, ...] = (m.SalesOrder, m.Coupon, m.LeadTag, m.ContactEvent)


@dataclass(frozen=True)
class LoadSummary:
    leads: int
    rows: int
    skipped: bool  # True when the cache was already loaded for this person


def _t(model: type) -> Any:
    return model.__table__  # type: ignore[attr-defined]


def lead_scope(person: OperatorInfo, alive_only: bool = True) -> ColumnElement[bool]:
    """Which leads a person works: their own; a team lead or admin: the team's.

    The app applies it on every backend; on PostgreSQL row-level security
    enforces the same rule in the database (sync/server_sql.py).
    """
    lead = _t(m.Lead)
    if person.role == Role.OPERATOR:
        mine = lead.c.owner_id == person.id
    else:
        mine = lead.c.team_id == person.team_id
    return mine & lead.c.deleted_at.is_(None) if alive_only else mine


def scoped_queries(
    person: OperatorInfo, alive_only: bool = True
) -> Iterator[tuple[type, Select[Any]]]:
    """Per table, in an order that satisfies foreign keys: the rows ``person`` may see."""
    lead = _t(m.Lead)
    scoped_ids = select(lead.c.id).where(lead_scope(person, alive_only))
    yield m.Team, select(_t(m.Team)).where(_t(m.Team).c.id == person.team_id)
    yield m.Operator, select(_t(m.Operator)).where(_t(m.Operator).c.team_id == person.team_id)
    yield m.Hook, select(_t(m.Hook))
    for model in TEAM_TABLES:
        yield model, select(_t(model)).where(_t(model).c.team_id == person.team_id)
    tl = _t(m.TemplateLine)
    team_templates = select(_t(m.Template).c.id).where(_t(m.Template).c.team_id == person.team_id)
    yield m.TemplateLine, select(tl).where(tl.c.template_id.in_(team_templates))
    yield m.Lead, select(lead).where(lead_scope(person, alive_only))
    for model in LEAD_TABLES:
        table = _t(model)
        yield model, select(table).where(table.c.lead_id.in_(scoped_ids))


def _clear(cache: Connection) -> None:
    for model in (*reversed(LEAD_TABLES), m.Lead, m.TemplateLine, *reversed(TEAM_TABLES)):
        cache.execute(delete(_t(model)))
    for model in (m.Hook, m.Operator, m.Team):
        cache.execute(delete(_t(model)))
    cache.execute(delete(lead_queue))


def _count_leads(shared: Connection, person: OperatorInfo) -> int:
    stmt = select(func.count()).select_from(_t(m.Lead)).where(lead_scope(person))
    return int(shared.execute(stmt).scalar_one())


def _keep_cache(conn: Connection, person: OperatorInfo, force: bool) -> bool:
    """True when the cache already holds this person's data, or unsent work."""
    loaded_for = get_meta(conn, "loaded_for")
    pending = conn.execute(
        select(func.count()).select_from(outbox).where(outbox.c.status == "pending")
    ).scalar_one()
    return bool(pending) or (loaded_for == str(person.id) and not force)


@contextmanager
def roomy_page_cache(conn: Connection, kib: int = LOAD_PAGE_CACHE_KIB) -> Iterator[None]:
    """A bigger SQLite page cache for the connection while a bulk load runs.

    A million rows go into indexes on random UUIDs; with the default 2 MB
    cache most inserts re-read index pages (a quarter of the load's CPU).
    Pages are only allocated as used, and the old size is restored after.
    """
    old = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
    conn.exec_driver_sql(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {old}")


def _copy_scope(
    source: Connection, target: Connection, person: OperatorInfo, state: TaskState, total: int
) -> int:
    """Every scoped table from ``source`` into ``target``; returns the rows copied.

    PostgreSQL sources take the COPY fast path (sync/bulk_copy.py); an SQLite
    shared database goes through SQLAlchemy Core. Progress counts the leads;
    cancelling is honoured between chunks of every table.
    """
    fast = bulk_copy.supported(source)
    rows = 0
    for model, query in scoped_queries(person):
        table = _t(model)
        copied = 0

        def chunk_done(n: int, model: type = model) -> None:
            nonlocal rows, copied
            rows += n
            copied += n
            if model is m.Lead:
                state.advance(min(copied, total), total, "leads")
            else:
                state.check()

        if fast and bulk_copy.handles(table):
            bulk_copy.copy_rows(source, target, query, table, chunk_done)
            continue
        result = source.execution_options(yield_per=CHUNK).execute(query)
        for part in result.mappings().partitions():
            target.execute(insert(table), [dict(r) for r in part])
            chunk_done(len(part))
    return rows


def load_scope(
    shared: Engine,
    cache: Engine,
    person: OperatorInfo,
    state: TaskState | None = None,
    *,
    force: bool = False,
) -> LoadSummary:
    """Copy what ``person`` may see into the cache, unless it already holds it.

    ``force`` reloads even for the same person (the server was restored or
    the cursor is lost). Refuses to replace a cache with unsent entries in
    its outbox: those would be lost.
    """
    state = state or TaskState()
    with shared_transaction(shared, write=False) as source:
        cursor = {"epoch": server_epoch(source), "pos": server_position(source)[0]}
        total = max(_count_leads(source, person), 1)
        with sqlite_transaction(cache, "IMMEDIATE") as target:
            # Checked inside the transaction that clears: work logged meanwhile by
            # another process on this cache makes the clear fail, never vanish.
            if _keep_cache(target, person, force):
                return LoadSummary(0, 0, skipped=True)
            _clear(target)
            with roomy_page_cache(target):
                rows = _copy_scope(source, target, person, state, total)
            # The team's reply counts, so learned rates reflect every operator's sends.
            set_meta(target, "hook_counts", team_hook_counts(source, person.team_id))
            set_meta(target, "loaded_for", str(person.id))
            set_meta(target, "loaded_at", utcnow().isoformat())
            set_meta(target, CURSOR_KEY, cursor)
    return LoadSummary(total, rows, skipped=False)


def loaded_person(cache: Engine) -> uuid.UUID | None:
    with cache.connect() as conn:
        value = get_meta(conn, "loaded_for")
    return uuid.UUID(value) if value else None
