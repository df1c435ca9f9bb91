"""What the fault tests compare against: rows written by "another PC", the
PostgreSQL horizon, settling a client, and server-versus-cache checks.

The horizon is cluster-wide: a write transaction open in *any* database of
the server (another test run, a benchmark, a migration) holds every pull
back until it ends. The tests therefore wait for the horizon to pass the
moment they care about before asserting that a row has arrived, instead of
assuming a quiet server.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text

from operator_app.core.domain import EventKind
from operator_app.data import models as m
from operator_app.data.cache import outbox
from operator_app.data.queries import OperatorInfo
from operator_app.sync.engine import SyncSummary, sync_once
from operator_app.sync.tables import sync_applied

EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
LEAD = m.Lead.__table__  # type: ignore[attr-defined]
OVERWRITE_NOTE = "同步时覆盖%"
OTHER_PC = "another-pc"
HORIZON_TIMEOUT_S = 120.0


# -- rows written on the server by someone else ----------------------------------------
def event_row(person: OperatorInfo, lead_id: uuid.UUID, body: str, now: datetime,
              device: str = OTHER_PC) -> dict[str, Any]:
    """A note on ``lead_id`` as another PC of the same person would have pushed it."""
    return {
        "id": uuid.uuid4(),
        "version": 1,
        "updated_at": now,
        "deleted_at": None,
        "team_id": person.team_id,
        "lead_id": lead_id,
        "operator_id": person.id,
        "kind": EventKind.NOTE.value,
        "occurred_at": now,
        "hook_key": None,
        "template_id": None,
        "line_no": None,
        "body": body,
        "payload": {},
        "device_id": device,
    }


def insert_events(conn: Connection, rows: list[dict[str, Any]]) -> list[uuid.UUID]:
    conn.execute(insert(EVENT), rows)
    return [r["id"] for r in rows]


def own_xid(conn: Connection) -> int:
    """The transaction id of ``conn``'s open transaction (assigning one if needed)."""
    return int(conn.execute(text("SELECT pg_current_xact_id()::text::bigint")).scalar_one())


# -- the PostgreSQL horizon ------------------------------------------------------------
def horizon(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))
            .scalar_one()
        )


def wait_for_horizon(engine: Engine, past: int | None = None,
                     timeout: float = HORIZON_TIMEOUT_S) -> None:
    """Until every transaction that had an id before this call (or ``past``) has ended.

    No-op on SQLite, where a committed row is visible to the next pull at once.
    """
    if engine.dialect.name != "postgresql":
        return
    if past is None:
        with engine.begin() as conn:
            past = own_xid(conn)
    deadline = time.monotonic() + timeout
    while horizon(engine) <= past:
        if time.monotonic() > deadline:
            raise AssertionError(
                f"PostgreSQL's horizon stayed at or below xid {past} for {timeout:.0f} s; "
                f"transactions holding it: {_blockers(engine, past)}"
            )
        time.sleep(0.02)


def _blockers(engine: Engine, past: int) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT pid, datname, state, backend_xid::text, left(query, 60) "
                "FROM pg_stat_activity WHERE backend_xid IS NOT NULL "
                "AND backend_xid::text::bigint <= :past"
            ),
            {"past": past},
        ).all()
    return [tuple(r) for r in rows]


# -- settling a client -----------------------------------------------------------------
def settle(shared: Engine, cache: Engine, person: OperatorInfo,
           clock: Callable[[], datetime]) -> list[SyncSummary]:
    """Sync until the outbox is empty, then once more after the horizon has passed.

    After this every row committed on the server before the call is in the
    cache (if the person may see it) and every local write is on the server.
    """
    summaries = []
    for _ in range(10):
        summaries.append(sync_once(shared, cache, person, clock=clock))
        if summaries[-1].pending == 0:
            break
    assert summaries[-1].pending == 0, summaries
    wait_for_horizon(shared)
    summaries.append(sync_once(shared, cache, person, clock=clock))
    assert (summaries[-1].pushed, summaries[-1].rejected, summaries[-1].pending) == (0, 0, 0)
    return summaries


# -- comparisons -----------------------------------------------------------------------
def scope_event_ids(shared: Engine, person: OperatorInfo) -> set[uuid.UUID]:
    """Every event on the server of a live lead the person owns."""
    mine = select(LEAD.c.id).where(LEAD.c.owner_id == person.id, LEAD.c.deleted_at.is_(None))
    with shared.connect() as conn:
        return set(conn.execute(select(EVENT.c.id).where(EVENT.c.lead_id.in_(mine))).scalars())


def all_event_ids(engine: Engine, *where: Any) -> list[uuid.UUID]:
    """Event ids (a list, so a doubled one would show twice)."""
    with engine.connect() as conn:
        return sorted(conn.execute(select(EVENT.c.id).where(*where)).scalars())


def bodies(engine: Engine, *where: Any) -> Counter[str]:
    with engine.connect() as conn:
        return Counter(conn.execute(select(EVENT.c.body).where(*where)).scalars())


def ids_by_body(engine: Engine, *where: Any) -> dict[str, list[uuid.UUID]]:
    out: dict[str, list[uuid.UUID]] = {}
    with engine.connect() as conn:
        for body, event_id in conn.execute(select(EVENT.c.body, EVENT.c.id).where(*where)):
            out.setdefault(body, []).append(event_id)
    return out


def lead_states(engine: Engine, person: OperatorInfo) -> dict[uuid.UUID, tuple[Any, ...]]:
    """What an operator edits on their live leads, with each row's version."""
    cols = (LEAD.c.version, LEAD.c.next_follow_up_at, LEAD.c.stage_id, LEAD.c.opted_out_at)
    stmt = select(LEAD.c.id, *cols).where(
        LEAD.c.owner_id == person.id, LEAD.c.deleted_at.is_(None)
    )
    with engine.connect() as conn:
        return {r[0]: tuple(r[1:]) for r in conn.execute(stmt)}


def outbox_rows(cache: Engine) -> list[Any]:
    o = outbox.c
    with cache.connect() as conn:
        return list(conn.execute(select(o.mutation_id, o.table_name, o.row_id, o.status)))


def receipts(shared: Engine, mutation_ids: list[uuid.UUID]) -> Counter[str]:
    """Outcomes the server recorded for these mutations (one receipt each, or none)."""
    found: Counter[str] = Counter()
    a = sync_applied.c
    with shared.connect() as conn:
        for start in range(0, len(mutation_ids), 500):
            part = mutation_ids[start : start + 500]
            stmt = (
                select(a.outcome, func.count())
                .where(a.mutation_id.in_(part))
                .group_by(a.outcome)
            )
            for outcome, n in conn.execute(stmt):
                found[outcome] += n
    return found


def assert_in_step(shared: Engine, cache: Engine, person: OperatorInfo) -> None:
    """Server and cache hold the same events and lead states; the outbox is fully delivered."""
    cache_ids = all_event_ids(cache)
    assert len(cache_ids) == len(set(cache_ids))
    server_ids = scope_event_ids(shared, person)
    missing, extra = server_ids - set(cache_ids), set(cache_ids) - server_ids
    assert not missing and not extra, (
        f"{len(missing)} server events missing from the cache, {len(extra)} only in the cache"
    )
    assert lead_states(cache, person) == lead_states(shared, person)
    rows = outbox_rows(cache)
    statuses = Counter(r.status for r in rows)
    assert statuses == Counter({"sent": len(rows)}), statuses
    got = receipts(shared, [r.mutation_id for r in rows])
    assert got == Counter({"applied": len(rows)}), got
    # A replayed update that was not recognised would have left this note behind.
    assert bodies(shared, EVENT.c.body.like(OVERWRITE_NOTE)) == Counter()
