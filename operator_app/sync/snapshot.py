"""First load of an operator's data from the shared database into the local cache.

This is the full-load half of sync: everything the person may see, read
under one snapshot (REPEATABLE READ on PostgreSQL; one read transaction on
SQLite) so no row is caught half-updated, written to the cache in one
transaction with bulk inserts. Incremental pulls and pushing the outbox are
the sync engine's job (not built yet); until then the cache keeps what was
loaded plus the operator's own writes, and is never reloaded over pending
outbox entries.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Select, delete, func, insert, select
from sqlalchemy.sql.elements import ColumnElement

from operator_app.core.domain import Role
from operator_app.core.progress import TaskState
from operator_app.data import models as m
from operator_app.data.cache import get_meta, lead_queue, outbox, set_meta
from operator_app.data.queries import OperatorInfo, hook_counts
from operator_app.data.types import utcnow

CHUNK = 5000

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


def _lead_scope(person: OperatorInfo) -> ColumnElement[bool]:
    """Which leads a person works: their own; a team lead or admin: the team's."""
    lead = _t(m.Lead)
    alive = lead.c.deleted_at.is_(None)
    if person.role == Role.OPERATOR:
        return alive & (lead.c.owner_id == person.id)
    return alive & (lead.c.team_id == person.team_id)


def _queries(person: OperatorInfo) -> Iterator[tuple[type, Select[Any]]]:
    lead = _t(m.Lead)
    scoped_ids = select(lead.c.id).where(_lead_scope(person))
    yield m.Team, select(_t(m.Team)).where(_t(m.Team).c.id == person.team_id)
    yield m.Operator, select(_t(m.Operator)).where(_t(m.Operator).c.team_id == person.team_id)
    yield m.Hook, select(_t(m.Hook))
    for model in TEAM_TABLES:
        yield model, select(_t(model)).where(_t(model).c.team_id == person.team_id)
    tl = _t(m.TemplateLine)
    team_templates = select(_t(m.Template).c.id).where(_t(m.Template).c.team_id == person.team_id)
    yield m.TemplateLine, select(tl).where(tl.c.template_id.in_(team_templates))
    yield m.Lead, select(lead).where(_lead_scope(person))
    for model in LEAD_TABLES:
        table = _t(model)
        yield model, select(table).where(table.c.lead_id.in_(scoped_ids))


def _snapshot(shared: Engine) -> Connection:
    """A connection whose reads all see one consistent snapshot."""
    if shared.dialect.name == "postgresql":
        conn = shared.connect().execution_options(isolation_level="REPEATABLE READ")
    else:
        conn = shared.connect()
    conn.begin()
    return conn


def _clear(cache: Connection) -> None:
    for model in (*reversed(LEAD_TABLES), m.Lead, m.TemplateLine, *reversed(TEAM_TABLES)):
        cache.execute(delete(_t(model)))
    for model in (m.Hook, m.Operator, m.Team):
        cache.execute(delete(_t(model)))
    cache.execute(delete(lead_queue))


def _count_leads(shared: Connection, person: OperatorInfo) -> int:
    stmt = select(func.count()).select_from(_t(m.Lead)).where(_lead_scope(person))
    return int(shared.execute(stmt).scalar_one())


def _keep_cache(conn: Connection, person: OperatorInfo) -> bool:
    """True when the cache already holds this person's data, or unsent work."""
    loaded_for = get_meta(conn, "loaded_for")
    pending = conn.execute(
        select(func.count()).select_from(outbox).where(outbox.c.status == "pending")
    ).scalar_one()
    return loaded_for == str(person.id) or bool(pending)


def load_scope(
    shared: Engine, cache: Engine, person: OperatorInfo, state: TaskState | None = None
) -> LoadSummary:
    """Copy what ``person`` may see into the cache, unless it already holds it.

    Refuses to replace a cache that holds another person's data with
    unsent entries in its outbox: those would be lost.
    """
    state = state or TaskState()
    source = _snapshot(shared)
    try:
        total = max(_count_leads(source, person), 1)
        rows = 0
        with cache.begin() as target:
            # Checked inside the transaction that clears: work logged meanwhile by
            # another process on this cache makes the clear fail, never vanish.
            if _keep_cache(target, person):
                return LoadSummary(0, 0, skipped=True)
            _clear(target)
            for model, query in _queries(person):
                result = source.execution_options(yield_per=CHUNK).execute(query)
                for part in result.mappings().partitions():
                    target.execute(insert(_t(model)), [dict(r) for r in part])
                    rows += len(part)
                    if model is m.Lead:
                        state.advance(min(rows, total), total, "leads")
            # The team's reply counts, so learned rates reflect every operator's sends.
            set_meta(target, "hook_counts", hook_counts(source, person.team_id))
            set_meta(target, "loaded_for", str(person.id))
            set_meta(target, "loaded_at", utcnow().isoformat())
    finally:
        source.rollback()
        source.close()
    return LoadSummary(total, rows, skipped=False)


def loaded_person(cache: Engine) -> uuid.UUID | None:
    with cache.connect() as conn:
        value = get_meta(conn, "loaded_for")
    return uuid.UUID(value) if value else None
