"""Pull: bring what changed on the shared database into this PC's cache.

One snapshot on the server (REPEATABLE READ on PostgreSQL, one read
transaction on SQLite) gives the change window ``cursor → position``; every
row stamped in it that the person may see is upserted into the cache in one
SQLite transaction together with the new cursor, so a crash at any point
leaves either the old cache and cursor or the new ones. Leads that left the
person's scope (reassigned, moved to the pool, deleted) are dropped; leads
that entered it arrive with their whole history.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    delete,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.sql.elements import ColumnElement, TextClause

from operator_app.core.domain import Role
from operator_app.data import models as m
from operator_app.data.cache import get_meta, lead_queue, outbox, set_meta
from operator_app.data.db import sqlite_transaction
from operator_app.data.queries import OperatorInfo
from operator_app.data.workspace_facts import (
    engine_inputs,
    id_chunks,
    queue_scope,
    refresh_queue,
    table,
)
from operator_app.sync.codec import decode_row
from operator_app.sync.push import REFETCH_KEY
from operator_app.sync.snapshot import CURSOR_KEY, LEAD_TABLES, lead_scope, scoped_queries
from operator_app.sync.tables import (
    lead_scope_change,
    server_epoch,
    server_position,
    shared_transaction,
)

REFERENCE_MODELS = (
    m.Team,
    m.Operator,
    m.Hook,
    m.LifecycleStage,
    m.Tag,
    m.Template,
    m.TemplateLine,
    m.Setting,
)
PER_LEAD_MODELS = (m.Lead, *LEAD_TABLES)
# Reference rows that change suggestions; a teammate's renamed profile does not.
SUGGESTION_INPUTS = (m.Hook, m.LifecycleStage, m.Tag, m.Template, m.TemplateLine, m.Setting)


class NeedsFullLoad(Exception):
    """The cache has no cursor for this server (first use, or the server was restored)."""


@dataclass
class PullResult:
    pulled: int = 0
    removed: list[tuple[uuid.UUID, str]] = field(default_factory=list)  # (lead id, name)
    touched_leads: set[uuid.UUID] = field(default_factory=set)
    reference_changed: bool = False


@dataclass
class _Fetched:
    """Everything read from the server in one snapshot."""

    rows: dict[type, dict[uuid.UUID, dict[str, Any]]]
    leaving: set[uuid.UUID]
    gone: dict[type, set[uuid.UUID]]  # refetched rows the person may no longer see
    cursor: dict[str, Any]


def stamp_window(conn: Connection, table_name: str, lo: int, hi: int) -> TextClause:
    """Rows changed inside the window (integers only, so inlining them is safe)."""
    lo, hi = int(lo), int(hi)
    if conn.dialect.name == "postgresql":
        column = f'"{table_name}".change_xid'
        return text(f"{column} >= '{lo}'::xid8 AND {column} < '{hi}'::xid8")
    return text(f'"{table_name}".change_seq > {lo} AND "{table_name}".change_seq <= {hi}')


def read_cursor(cache: Engine) -> dict[str, Any] | None:
    with cache.connect() as conn:
        value = get_meta(conn, CURSOR_KEY)
    return value if isinstance(value, dict) else None


def pull(shared: Engine, cache: Engine, person: OperatorInfo, now: datetime) -> PullResult:
    """Apply the server's changes since the cache's cursor; raise NeedsFullLoad without one."""
    cursor = read_cursor(cache)
    with cache.connect() as conn:
        stored = get_meta(conn, REFETCH_KEY, {})
    refetch = {name: {uuid.UUID(i) for i in ids} for name, ids in stored.items()}
    with shared_transaction(shared, write=False) as src:
        fetched = _fetch(src, person, cursor, refetch)
    with sqlite_transaction(cache, "IMMEDIATE") as dst:
        result = _apply(dst, person, fetched, now)
        set_meta(dst, REFETCH_KEY, {})
        return result


# -- reading the server ----------------------------------------------------------------
def _fetch(
    src: Connection,
    person: OperatorInfo,
    cursor: dict[str, Any] | None,
    refetch: dict[str, set[uuid.UUID]],
) -> _Fetched:
    epoch = server_epoch(src)
    hi, xmax = server_position(src)
    if cursor is None or cursor.get("epoch") != epoch or int(cursor.get("pos", 0)) > xmax:
        raise NeedsFullLoad()
    lo = int(cursor["pos"])
    rows: dict[type, dict[uuid.UUID, dict[str, Any]]] = {}
    for model, query in scoped_queries(person, alive_only=False):
        name = table(model).name
        stmt = query.where(stamp_window(src, name, lo, hi))
        rows[model] = {r["id"]: dict(r) for r in src.execute(stmt).mappings()}
    affected = _scope_changes(src, person, lo, hi)
    in_scope = _in_scope(src, person, affected)
    entering = affected & in_scope
    if entering:
        _fetch_whole_leads(src, person, entering, rows)
    gone = _refetch(src, person, refetch, rows)
    return _Fetched(rows, affected - in_scope, gone, {"epoch": epoch, "pos": hi})


def _scope_changes(src: Connection, person: OperatorInfo, lo: int, hi: int) -> set[uuid.UUID]:
    c = lead_scope_change.c
    if person.role == Role.OPERATOR:
        mine: ColumnElement[bool] = or_(c.old_owner_id == person.id, c.new_owner_id == person.id)
    else:
        # A team lead's scope is the team: a move between two of its operators
        # changes nothing for them (the lead row itself arrives as an update).
        in_team_move = and_(
            c.old_team_id == c.new_team_id, c.old_owner_id.is_distinct_from(c.new_owner_id)
        )
        mine = and_(
            or_(c.old_team_id == person.team_id, c.new_team_id == person.team_id),
            ~in_team_move,
        )
    stmt = select(c.lead_id).where(mine, stamp_window(src, "lead_scope_change", lo, hi))
    return set(src.execute(stmt).scalars())


def _in_scope(src: Connection, person: OperatorInfo, ids: set[uuid.UUID]) -> set[uuid.UUID]:
    if not ids:
        return set()
    lead = table(m.Lead).c
    found: set[uuid.UUID] = set()
    for part in id_chunks(ids):
        stmt = select(lead.id).where(lead.id.in_(part), lead_scope(person))
        found.update(src.execute(stmt).scalars())
    return found


def _fetch_whole_leads(
    src: Connection,
    person: OperatorInfo,
    ids: set[uuid.UUID],
    rows: dict[type, dict[uuid.UUID, dict[str, Any]]],
) -> None:
    """A lead new to this person arrives with its whole history, whatever its stamps."""
    for model in PER_LEAD_MODELS:
        t = table(model)
        key = t.c.id if model is m.Lead else t.c.lead_id
        for part in id_chunks(ids):
            stmt = select(t).where(key.in_(part))
            if model is m.Lead:
                stmt = stmt.where(lead_scope(person))
            rows.setdefault(model, {}).update(
                (r["id"], dict(r)) for r in src.execute(stmt).mappings()
            )


def _refetch(
    src: Connection,
    person: OperatorInfo,
    refetch: dict[str, set[uuid.UUID]],
    rows: dict[type, dict[uuid.UUID, dict[str, Any]]],
) -> dict[type, set[uuid.UUID]]:
    """Rows a rejected mutation touched: the server's version replaces the local one."""
    gone: dict[type, set[uuid.UUID]] = {}
    by_name = {table(model).name: (model, q) for model, q in scoped_queries(person, False)}
    for name, ids in refetch.items():
        if name not in by_name or not ids:
            continue
        model, query = by_name[name]
        t = table(model)
        found: dict[uuid.UUID, dict[str, Any]] = {}
        for part in id_chunks(ids):
            stmt = query.where(t.c.id.in_(part))
            found.update((r["id"], dict(r)) for r in src.execute(stmt).mappings())
        rows.setdefault(model, {}).update(found)
        gone[model] = set(ids) - set(found)
    return gone


# -- writing the cache -----------------------------------------------------------------
def _apply(dst: Connection, person: OperatorInfo, fetched: _Fetched, now: datetime) -> PullResult:
    result = PullResult()
    leaving = fetched.leaving | fetched.gone.get(m.Lead, set())
    # The removal list names the leads before their rows go.
    result.removed = _names(dst, leaving)
    _drop_leads(dst, leaving)
    _drop_gone(dst, fetched.gone)
    orphans = _orphans(dst, fetched.rows)
    for model in (*REFERENCE_MODELS, *PER_LEAD_MODELS):
        # A lead that left (e.g. soft-deleted: its tombstone is in the window
        # too) must not be written back with its rows.
        key = "id" if model is m.Lead else "lead_id"
        skip = leaving if model is m.Lead else leaving | orphans
        rows = [r for r in fetched.rows.get(model, {}).values() if r.get(key) not in skip]
        if not rows:
            continue
        _upsert(dst, model, rows)
        result.pulled += len(rows)
        if model in REFERENCE_MODELS:
            result.reference_changed |= model in SUGGESTION_INPUTS
        elif model is m.Lead:
            result.touched_leads.update(r["id"] for r in rows)
        else:
            result.touched_leads.update(r["lead_id"] for r in rows)
    _reapply_pending(dst, fetched.rows)
    result.touched_leads -= leaving
    _refresh(dst, person, result, now)
    set_meta(dst, CURSOR_KEY, fetched.cursor)
    return result


def _orphans(dst: Connection, rows: dict[type, dict[uuid.UUID, dict[str, Any]]]) -> set[uuid.UUID]:
    """Leads whose rows came without the lead itself, and which this cache does not hold.

    The window ends at the oldest running transaction, but scope is judged in
    the whole snapshot: a lead moved to this person by a transaction that
    committed past the window is "mine" before its row and its move are in a
    window. Its rows wait; the next pull brings the lead and its whole history.
    """
    pulled = set(rows.get(m.Lead, {}))
    wanted = {r["lead_id"] for model in LEAD_TABLES for r in rows.get(model, {}).values()}
    missing = wanted - pulled
    lead = table(m.Lead).c
    held: set[uuid.UUID] = set()
    for part in id_chunks(missing):
        held.update(dst.execute(select(lead.id).where(lead.id.in_(part))).scalars())
    return missing - held


def _upsert(dst: Connection, model: type, rows: list[dict[str, Any]]) -> None:
    t = table(model)
    if model is m.Tag:
        _upsert_tags(dst, rows)
        return
    if model is m.LeadTag:
        # A tag added on two PCs at once is merged on the server into one row:
        # the local twin with another id gives way.
        for r in rows:
            dst.execute(
                delete(t).where(
                    t.c.lead_id == r["lead_id"], t.c.tag_id == r["tag_id"], t.c.id != r["id"]
                )
            )
    _upsert_by_id(dst, t, rows)


def _upsert_by_id(dst: Connection, t: Any, rows: list[dict[str, Any]]) -> None:
    columns = [c.name for c in t.columns if c.name != "id"]
    for start in range(0, len(rows), 500):
        stmt = sqlite_insert(t).values(rows[start : start + 500])
        dst.execute(
            stmt.on_conflict_do_update(
                index_elements=["id"], set_={c: stmt.excluded[c] for c in columns}
            )
        )


def _upsert_tags(dst: Connection, rows: list[dict[str, Any]]) -> None:
    """Tags by id; a local tag with a server tag's name but another id (typed
    here while the team's older tag had not arrived yet) merges into it: its
    taggings move to the server's tag, unless the lead already has that one."""
    t, lt = table(m.Tag), table(m.LeadTag)
    incoming = {(r["team_id"], r["name"]): r["id"] for r in rows}
    local = dst.execute(
        select(t.c.id, t.c.team_id, t.c.name).where(t.c.name.in_(sorted({n for _, n in incoming})))
    ).all()
    moved: list[dict[str, Any]] = []
    for local_id, team_id, name in local:
        server_id = incoming.get((team_id, name))
        if server_id is None or server_id == local_id:
            continue
        taggings = dst.execute(select(lt).where(lt.c.tag_id == local_id)).mappings().all()
        moved += [{**r, "tag_id": server_id} for r in taggings]
        dst.execute(delete(lt).where(lt.c.tag_id == local_id))
        dst.execute(delete(t).where(t.c.id == local_id))
    _upsert_by_id(dst, t, rows)
    for r in moved:
        twin = select(lt.c.id).where(lt.c.lead_id == r["lead_id"], lt.c.tag_id == r["tag_id"])
        if dst.execute(twin).first() is None:
            dst.execute(lt.insert().values(**r))


def _names(dst: Connection, ids: Iterable[uuid.UUID]) -> list[tuple[uuid.UUID, str]]:
    lead = table(m.Lead).c
    out: list[tuple[uuid.UUID, str]] = []
    for part in id_chunks(set(ids)):
        out.extend(
            (r.id, r.name) for r in dst.execute(select(lead.id, lead.name).where(lead.id.in_(part)))
        )
    return out


def _drop_leads(dst: Connection, ids: set[uuid.UUID]) -> None:
    """Forget leads this person may no longer see (their unsent outbox entries stay)."""
    for part in id_chunks(ids):
        for model in reversed(LEAD_TABLES):
            dst.execute(delete(table(model)).where(table(model).c.lead_id.in_(part)))
        dst.execute(delete(lead_queue).where(lead_queue.c.lead_id.in_(part)))
        dst.execute(delete(table(m.Lead)).where(table(m.Lead).c.id.in_(part)))


def _drop_gone(dst: Connection, gone: dict[type, set[uuid.UUID]]) -> None:
    """Rows the server never took (refused): children before what they point at,
    and a refused tag takes this PC's taggings with it (foreign keys are on)."""
    tags = gone.get(m.Tag, set())
    lead_tag = table(m.LeadTag)
    for part in id_chunks(tags):
        dst.execute(delete(lead_tag).where(lead_tag.c.tag_id.in_(part)))
    for model in reversed((*REFERENCE_MODELS, *PER_LEAD_MODELS)):
        if model is not m.Lead and gone.get(model):
            _delete_rows(dst, model, gone[model])


def _delete_rows(dst: Connection, model: type, ids: set[uuid.UUID]) -> None:
    t = table(model)
    for part in id_chunks(ids):
        dst.execute(delete(t).where(t.c.id.in_(part)))


def _reapply_pending(dst: Connection, rows: dict[type, dict[uuid.UUID, dict[str, Any]]]) -> None:
    """Local edits not yet pushed stay on top of what the server sent."""
    by_name = {table(model).name: model for model in rows}
    o = outbox.c
    pending = dst.execute(
        select(o.table_name, o.row_id, o.payload)
        .where(o.status == "pending", o.op == "update")
        .order_by(o.seq)
    ).all()
    for name, row_id, payload in pending:
        model = by_name.get(name)
        if model is None or row_id not in rows[model]:
            continue
        t = table(model)
        changes = decode_row(t, payload["changes"])
        dst.execute(update(t).where(t.c.id == row_id).values(**changes))


def _refresh(dst: Connection, person: OperatorInfo, result: PullResult, now: datetime) -> None:
    """Keep this person's queue in step (removed leads' rows went with _drop_leads)."""
    if result.reference_changed:
        # Settings, hooks or scripts changed: every suggestion is recomputed in
        # the background (the workspace's staleness check) rather than here.
        dst.execute(update(lead_queue).values(computed_at=datetime(2000, 1, 1, tzinfo=now.tzinfo)))
    if result.touched_leads:
        # refresh_queue replaces these leads' rows: one that moved to someone
        # else leaves this person's queue.
        ids = list(result.touched_leads)
        refresh_queue(dst, engine_inputs(dst, person.team_id), queue_scope(person.id), now, ids)
