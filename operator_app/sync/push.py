"""Push: deliver the outbox to the shared database, each entry exactly once.

A batch is applied in one server transaction; each entry inside its own
savepoint, with its receipt (``sync_applied``) written in the same
transaction. A replayed entry finds its receipt and changes nothing; a
crash between the server's commit and the local acknowledgement therefore
costs one harmless replay. A permanent rejection (not allowed, lead gone,
constraint) is recorded with its reason and does not hold up later
entries; a lost connection aborts the batch, which is retried whole.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, bindparam, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, ProgrammingError

from operator_app.core.domain import EventKind, Role, tag_id
from operator_app.data import models as m
from operator_app.data.cache import get_meta, outbox, set_meta
from operator_app.data.db import sqlite_transaction
from operator_app.data.events import event_row
from operator_app.data.migrate import accepted_client_revisions
from operator_app.data.queries import OperatorInfo
from operator_app.data.workspace_facts import table
from operator_app.sync.codec import decode_row
from operator_app.sync.server_sql import OPERATOR_LEAD_COLUMNS
from operator_app.sync.tables import Savepoint, shared_transaction, sync_applied

BATCH = 500
REFETCH_KEY = "sync_refetch"
LEAD_TAG_COLUMNS = ("deleted_at", "source")
FIELD_LABELS = {
    "stage_id": "阶段",
    "next_follow_up_at": "下次跟进时间",
    "opted_out_at": "拒绝打扰",
    "notes": "备注",
    "deleted_at": "标签",
    "source": "标签来源",
}


# Undefined column / table / function: the server's schema is not what this app
# expects (an admin has not run migrate). Not the entry's fault: stop, keep it.
SCHEMA_MISMATCH = frozenset({"42703", "42P01", "42883"})


class ServerSchemaMismatch(Exception):
    """The server lacks a column, table or function this app writes; nothing is rejected."""


def _sqlstate(exc: Exception) -> str | None:
    return getattr(getattr(exc, "orig", None), "sqlstate", None)


class Rejected(Exception):
    """The server will never accept this entry; the reason is shown to the operator."""


@dataclass(frozen=True)
class Entry:
    seq: int
    mutation_id: uuid.UUID
    schema_version: str
    op: str
    table_name: str
    row_id: uuid.UUID
    payload: dict[str, Any]


@dataclass
class PushResult:
    pushed: int = 0  # entries the server now holds (applied now or earlier)
    rejected: list[tuple[Entry, str]] = field(default_factory=list)


def pending_entries(cache: Engine, limit: int = BATCH) -> list[Entry]:
    o = outbox.c
    stmt = (
        select(o.seq, o.mutation_id, o.schema_version, o.op, o.table_name, o.row_id, o.payload)
        .where(o.status == "pending")
        .order_by(o.seq)
        .limit(limit)
    )
    with cache.connect() as conn:
        return [Entry(*row) for row in conn.execute(stmt)]


def pending_count(cache: Engine) -> int:
    with cache.connect() as conn:
        stmt = select(func.count()).select_from(outbox).where(outbox.c.status == "pending")
        return int(conn.execute(stmt).scalar_one())


def push_batch(shared: Engine, cache: Engine, person: OperatorInfo, now: datetime) -> PushResult:
    """Send up to BATCH pending entries; returns what the server did with them."""
    entries = pending_entries(cache)
    if not entries:
        return PushResult()
    with shared_transaction(shared, write=True) as conn:
        outcomes = _apply_all(conn, entries, person, now)
    _acknowledge(cache, entries, outcomes)
    result = PushResult()
    for entry, (outcome, reason) in zip(entries, outcomes, strict=True):
        if outcome == "applied":
            result.pushed += 1
        else:
            result.rejected.append((entry, reason or ""))
    return result


def _apply_all(
    conn: Connection, entries: list[Entry], person: OperatorInfo, now: datetime
) -> list[tuple[str, str | None]]:
    a = sync_applied.c
    ids = [e.mutation_id for e in entries]
    if conn.dialect.name == "postgresql":
        # One push per login at a time: a second push of the same entries (two
        # processes on one cache, or a retry while a late COMMIT is still in
        # flight) waits here, then finds the first one's receipts.
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('od_push:' || session_user))"))
    known = {
        r.mutation_id: (r.outcome, r.reason)
        for r in conn.execute(
            select(a.mutation_id, a.outcome, a.reason).where(a.mutation_id.in_(ids))
        )
    }
    login = _login(conn, person)
    outcomes: list[tuple[str, str | None]] = []
    receipts: list[dict[str, Any]] = []
    for entry in entries:
        if entry.mutation_id in known:  # delivered before; the acknowledgement was lost
            outcomes.append(known[entry.mutation_id])
            continue
        outcome: tuple[str, str | None] = ("applied", None)
        try:
            with Savepoint(conn):
                apply_entry(conn, entry, person, now)
        except Rejected as exc:
            outcome = ("rejected", str(exc))
        except (OperationalError, InterfaceError):
            raise  # the connection, not the entry: the whole batch is retried
        except ProgrammingError as exc:
            if _sqlstate(exc) in SCHEMA_MISMATCH:
                raise ServerSchemaMismatch(_db_reason(exc)) from exc
            outcome = ("rejected", _db_reason(exc))  # e.g. row security said no
        except (DBAPIError, ValueError, KeyError, TypeError) as exc:
            # Constraint and data errors, a trigger's RAISE, an undecodable old
            # payload: this entry's alone, recorded with the reason so later
            # entries still go. Anything else is a bug: the cycle fails loudly
            # and the entry stays pending rather than being thrown away.
            outcome = ("rejected", _db_reason(exc))
        receipts.append(
            {
                "mutation_id": entry.mutation_id,
                "login": login,
                "outcome": outcome[0],
                "reason": outcome[1],
                "applied_at": now,
            }
        )
        outcomes.append(outcome)
    # In the same transaction as the entries: they land together or not at all.
    if receipts:
        conn.execute(insert(sync_applied), receipts)
    return outcomes


def _login(conn: Connection, person: OperatorInfo) -> str:
    # Row security checks receipts against the database login itself.
    if conn.dialect.name == "postgresql":
        return str(conn.execute(text("SELECT session_user::text")).scalar_one())
    return person.login


def _db_reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None)
    first = str(orig or exc).strip().splitlines()
    return f"服务器拒绝：{first[0] if first else exc.__class__.__name__}"


def _acknowledge(
    cache: Engine, entries: list[Entry], outcomes: list[tuple[str, str | None]]
) -> None:
    """Mark entries sent or rejected, in one local transaction."""
    o = outbox.c
    with sqlite_transaction(cache, "IMMEDIATE") as conn:
        # The rows a refused entry touched are re-read from the server by the
        # next pull, whenever that succeeds: kept here, not in memory.
        refetch: dict[str, list[str]] = get_meta(conn, REFETCH_KEY, {})
        marks = []
        for entry, (outcome, reason) in zip(entries, outcomes, strict=True):
            if outcome != "applied":
                refetch.setdefault(entry.table_name, []).append(str(entry.row_id))
            status = "sent" if outcome == "applied" else "rejected"
            marks.append({"b_seq": entry.seq, "b_status": status, "b_error": reason})
        set_meta(conn, REFETCH_KEY, refetch)
        if not marks:
            return
        conn.execute(
            update(outbox)
            .where(o.seq == bindparam("b_seq"))
            .values(
                status=bindparam("b_status"),
                attempts=o.attempts + 1,
                last_error=bindparam("b_error"),
            ),
            marks,
        )


# -- applying one entry ----------------------------------------------------------------
def apply_entry(conn: Connection, entry: Entry, person: OperatorInfo, now: datetime) -> None:
    if entry.schema_version not in accepted_client_revisions():
        raise Rejected(
            f"此记录由不兼容的版本（{entry.schema_version}）生成，请更新 Operator Desk 后联系管理员"
        )
    key = (entry.op, entry.table_name)
    if key == ("insert", "contact_event"):
        _insert_event(conn, entry, person)
    elif key == ("insert", "tag"):
        _insert_manual_tag(conn, entry, person)
    elif key == ("insert", "lead_tag"):
        _insert_lead_tag(conn, entry, person, now)
    elif key == ("insert", "coupon"):
        _insert_coupon(conn, entry, person)
    elif key == ("update", "lead"):
        _update_row(conn, entry, person, now, OPERATOR_LEAD_COLUMNS)
    elif key == ("update", "lead_tag"):
        _update_row(conn, entry, person, now, LEAD_TAG_COLUMNS)
    else:
        raise Rejected(f"不支持的同步操作：{entry.op} {entry.table_name}")


def _lead_row(conn: Connection, lead_id: uuid.UUID) -> Any:
    lead = table(m.Lead)
    stmt = select(lead.c.id, lead.c.team_id, lead.c.owner_id, lead.c.name).where(
        lead.c.id == lead_id
    )
    return conn.execute(stmt).first()


def _may_edit(person: OperatorInfo, lead: Any) -> bool:
    if lead is None:
        return False
    if person.role == Role.ADMIN:
        return True
    if lead.team_id != person.team_id:
        return False
    return person.role == Role.TEAM_LEAD or lead.owner_id == person.id


def _insert_event(conn: Connection, entry: Entry, person: OperatorInfo) -> None:
    t = table(m.ContactEvent)
    row = decode_row(t, {k: v for k, v in entry.payload.items() if k in t.c})
    # History logged offline is delivered even if the lead moved to someone
    # else meanwhile: the author and the team must be right, not the owner.
    team = _lead_team(conn, row["lead_id"])
    if team is None or team != person.team_id or row["team_id"] != person.team_id:
        raise Rejected("客户已不在本团队，记录未同步")
    if person.role == Role.OPERATOR and row["operator_id"] != person.id:
        raise Rejected("只能同步自己记录的联系事件")
    _insert(conn, t, row)


def _lead_team(conn: Connection, lead_id: uuid.UUID) -> uuid.UUID | None:
    """A lead's team, also for a lead row security no longer lets this login read."""
    lead = _lead_row(conn, lead_id)
    if lead is not None:
        return uuid.UUID(str(lead.team_id))
    if conn.dialect.name != "postgresql":
        return None
    # Definer function: answers only for a lead of the caller's own team.
    team = conn.execute(text("SELECT od_lead_team(:lead)"), {"lead": lead_id}).scalar()
    return uuid.UUID(str(team)) if team is not None else None


def _insert_manual_tag(conn: Connection, entry: Entry, person: OperatorInfo) -> None:
    """A new manual tag typed on a lead (data/workspace_tags.py): one per team and name."""
    t = table(m.Tag)
    row = decode_row(t, {k: v for k, v in entry.payload.items() if k in t.c})
    if row["team_id"] != person.team_id or row.get("rule") is not None:
        raise Rejected("只能新建本团队的手动标签")
    same = conn.execute(
        select(t.c.id).where(t.c.team_id == row["team_id"], t.c.name == row["name"])
    ).first()
    # Else typed on another PC too (the same id), or the team's tag of that
    # name predates name-made ids: one tag either way (see _server_tag_id).
    if same is None:
        _insert(conn, t, row)


def _insert_lead_tag(conn: Connection, entry: Entry, person: OperatorInfo, now: datetime) -> None:
    t = table(m.LeadTag)
    row = decode_row(t, {k: v for k, v in entry.payload.items() if k in t.c})
    lead = _lead_row(conn, row["lead_id"])
    if not _may_edit(person, lead):
        raise Rejected("客户已转给其他同事，标签修改未同步")
    row["tag_id"] = _server_tag_id(conn, lead.team_id, row["tag_id"])
    twin = conn.execute(
        select(t.c.id, t.c.version).where(
            t.c.lead_id == row["lead_id"], t.c.tag_id == row["tag_id"]
        )
    ).first()
    if twin is not None:
        # Tagged on two PCs at once (same or, from older versions, another
        # id): one tag row, in the state of the later arrival.
        conn.execute(
            update(t)
            .where(t.c.id == twin.id)
            .values(deleted_at=row["deleted_at"], version=twin.version + 1, updated_at=now)
        )
        return
    _insert(conn, t, row)


def _insert_coupon(conn: Connection, entry: Entry, person: OperatorInfo) -> None:
    """A coupon the operator gave a customer (data/workspace_coupons.py): on a lead they
    may edit, new and unused (the shared database checks the same, migration 0006)."""
    t = table(m.Coupon)
    row = decode_row(t, {k: v for k, v in entry.payload.items() if k in t.c})
    if not _may_edit(person, _lead_row(conn, row["lead_id"])):
        raise Rejected("客户已转给其他同事，优惠券未同步")
    _insert(conn, t, row)


def _server_tag_id(conn: Connection, team_id: uuid.UUID, local_id: uuid.UUID) -> uuid.UUID:
    """The server's id of the tag this PC tagged with.

    A tag typed on this PC has the id ``tag_id(team, name)``. When the team
    already had that name under another id (made before every tag's id came
    from its name), ``_insert_manual_tag`` kept the server's tag: it is the
    one whose name gives this id.
    """
    t = table(m.Tag)
    if conn.execute(select(t.c.id).where(t.c.id == local_id)).first() is not None:
        return local_id
    team = uuid.UUID(str(team_id))
    for found, name in conn.execute(select(t.c.id, t.c.name).where(t.c.team_id == team)):
        if tag_id(team, name) == local_id:
            return uuid.UUID(str(found))
    raise Rejected("标签已不存在，标签修改未同步")


def _insert(conn: Connection, t: Table, row: dict[str, Any]) -> None:
    # A plain INSERT: the receipt already makes a replay a no-op, and on
    # PostgreSQL "ON CONFLICT" would also demand that the author may still
    # *read* the row — not so for history logged on a lead reassigned away.
    conn.execute(insert(t).values(**row))


def _update_row(
    conn: Connection,
    entry: Entry,
    person: OperatorInfo,
    now: datetime,
    allowed: tuple[str, ...],
) -> None:
    t = table(m.Lead if entry.table_name == "lead" else m.LeadTag)
    changes = entry.payload.get("changes", {})
    if not changes or set(changes) - set(allowed):
        raise Rejected(f"不允许同步的字段：{', '.join(sorted(set(changes) - set(allowed)))}")
    values = decode_row(t, changes)
    is_lead = t is table(m.Lead)
    owner_key = t.c.id if is_lead else t.c.lead_id
    stmt = select(t.c.version, owner_key.label("lead_id"), *(t.c[k] for k in values))
    stmt = stmt.where(t.c.id == entry.row_id)
    if conn.dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    current = conn.execute(stmt).mappings().first()
    lead = _lead_row(conn, current["lead_id"]) if current is not None else None
    if current is None or not _may_edit(person, lead):
        raise Rejected("客户已转给其他同事或已删除，这项修改未同步")
    base = int(entry.payload.get("base_version", current["version"]))
    if base < current["version"]:
        _record_overwrites(
            conn, person, lead, current, _changed_elsewhere(t, entry, current, values), now
        )
    conn.execute(
        update(t)
        .where(t.c.id == entry.row_id)
        .values(**values, version=current["version"] + 1, updated_at=now)
    )


def _changed_elsewhere(
    t: Table, entry: Entry, current: Any, values: dict[str, Any]
) -> dict[str, Any]:
    """The fields this entry changes that someone else changed since this PC read them.

    Entries carry the values they replaced (``base_values``); older entries
    only a row version, so every field they change counts as contested.
    """
    seen = entry.payload.get("base_values")
    if seen is None:
        return values
    before = decode_row(t, {k: v for k, v in seen.items() if k in values})
    return {k: v for k, v in values.items() if k in before and current[k] != before[k]}


def _record_overwrites(
    conn: Connection,
    person: OperatorInfo,
    lead: Any,
    current: Any,
    values: dict[str, Any],
    now: datetime,
) -> None:
    """The server's order wins; a value changed meanwhile by someone else stays in the timeline."""
    lost = {k: current[k] for k, v in values.items() if current[k] != v}
    if not lost:
        return
    shown = {k: (_show(conn, k, old), _show(conn, k, values[k])) for k, old in lost.items()}
    text_parts = [f"{FIELD_LABELS.get(k, k)}：{old} → {new}" for k, (old, new) in shown.items()]
    event = event_row(
        team_id=lead.team_id,
        lead_id=lead.id,
        operator_id=person.id,
        kind=EventKind.NOTE,
        now=now,
        device_id="sync",
        body="同步时覆盖了别处的修改（原值保留在此）：" + "；".join(text_parts),
        payload={"overwritten": {k: old for k, (old, _) in shown.items()}},
    )
    conn.execute(insert(table(m.ContactEvent)), [event])


def _show(conn: Connection, column: str, value: Any) -> str:
    """A value as the operator knows it: a stage by its name, a time to the minute."""
    if value is None:
        return "（空）"
    if column == "stage_id":
        stage = table(m.LifecycleStage).c
        name = conn.execute(select(stage.name).where(stage.id == value)).scalar()
        return str(name or value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    return str(value)
