"""Moving leads between owners: reassignment, an operator leaving, the pool, recycling.

Every move changes ``lead.owner_id`` (NULL is the unassigned pool) and
appends a ``reassigned`` contact event with payload ``{"from", "to",
"reason"}``: the lead keeps its whole history, whoever owns it next. A
pending friend request belongs to the old owner's WeCom account, so a move
resets it (``friend_status`` back to not_sent, ``friend_request_reset`` in
the payload) and the new owner sends their own. Each call is one
transaction, and rows are locked (PostgreSQL) before they are changed.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, overload

from sqlalchemy import Connection, Engine, and_, bindparam, func, select, update

from operator_app.core.distribution import (
    NOT_ACTIVITY,
    move_payload,
    plan_assignment,
    recycle_details,
    recycle_due_at,
)
from operator_app.core.domain import EventKind, FriendStatus, MoveReason
from operator_app.data import models as m
from operator_app.data.events import event_row
from operator_app.data.importing import load_team_settings, team_slots
from operator_app.data.types import utcnow
from operator_app.errors import KnownError, translatable

LEAD = m.Lead.__table__  # type: ignore[attr-defined]
OPERATOR = m.Operator.__table__  # type: ignore[attr-defined]
EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
BATCH = 5000

MANUAL = MoveReason.MANUAL
OPERATOR_LEFT = MoveReason.OPERATOR_LEFT
FRIEND_REQUEST_EXPIRED = MoveReason.FRIEND_REQUEST_EXPIRED


@dataclass(frozen=True)
class _Held:
    """A lead as it was when the move locked it."""

    id: uuid.UUID
    team_id: uuid.UUID
    owner_id: uuid.UUID | None
    friend_status: str
    friend_requested_at: datetime | None


def _now(now: datetime | None) -> datetime:
    return (now or utcnow()).astimezone(UTC)


def _hold(conn: Connection, *conditions: Any) -> list[_Held]:
    """Lock and read the leads a move will change (FOR UPDATE is a no-op on SQLite,
    whose writers are serialised anyway)."""
    stmt = (
        select(
            LEAD.c.id,
            LEAD.c.team_id,
            LEAD.c.owner_id,
            LEAD.c.friend_status,
            LEAD.c.friend_requested_at,
        )
        .where(LEAD.c.deleted_at.is_(None), *conditions)
        .order_by(LEAD.c.id)
        .with_for_update()
    )
    return [_Held(*row) for row in conn.execute(stmt)]


def _hold_ids(conn: Connection, lead_ids: Sequence[uuid.UUID]) -> list[_Held]:
    held: list[_Held] = []
    unique = sorted(set(lead_ids), key=str)
    for start in range(0, len(unique), BATCH):
        held += _hold(conn, LEAD.c.id.in_(unique[start : start + BATCH]))
    return held


def _move(
    conn: Connection,
    leads: Sequence[_Held],
    to: uuid.UUID | None,
    *,
    reason: str,
    actor_id: uuid.UUID | None,
    now: datetime,
    details: dict[uuid.UUID, dict[str, Any]] | None = None,
) -> list[uuid.UUID]:
    """Give ``leads`` to ``to`` (None: the pool) and log one event each. Leads
    already there are left alone. Returns the ids that moved."""
    moving = [lead for lead in leads if lead.owner_id != to]
    if not moving:
        return []
    for pending in (True, False):
        ids = [
            {"b_id": lead.id}
            for lead in moving
            if (lead.friend_status == FriendStatus.PENDING.value) is pending
        ]
        if ids:
            conn.execute(_move_statement(to, now, reset_request=pending), ids)
    events = [
        _event(lead, to, reason, actor_id, now, (details or {}).get(lead.id)) for lead in moving
    ]
    for start in range(0, len(events), BATCH):
        conn.execute(EVENT.insert(), events[start : start + BATCH])
    return [lead.id for lead in moving]


def _move_statement(to: uuid.UUID | None, now: datetime, *, reset_request: bool) -> Any:
    values: dict[str, Any] = {"owner_id": to, "version": LEAD.c.version + 1, "updated_at": now}
    if reset_request:
        values |= {"friend_status": FriendStatus.NOT_SENT.value, "friend_requested_at": None}
    return update(LEAD).where(LEAD.c.id == bindparam("b_id")).values(**values)


def _event(
    lead: _Held,
    to: uuid.UUID | None,
    reason: str,
    actor_id: uuid.UUID | None,
    now: datetime,
    details: dict[str, Any] | None,
) -> dict[str, Any]:
    payload = move_payload(
        lead.owner_id,
        to,
        MoveReason(reason),
        request_reset=lead.friend_status == FriendStatus.PENDING.value,
        **(details or {}),
    )
    return event_row(
        team_id=lead.team_id,
        lead_id=lead.id,
        operator_id=actor_id,  # who moved it; None when the app did (recycling)
        kind=EventKind.REASSIGNED,
        now=now,
        payload=payload,
    )


def _active_operator(conn: Connection, operator_id: uuid.UUID) -> uuid.UUID:
    """The operator's team; refuses someone who left or does not exist."""
    stmt = select(OPERATOR.c.team_id).where(
        OPERATOR.c.id == operator_id,
        OPERATOR.c.active.is_(True),
        OPERATOR.c.deleted_at.is_(None),
    )
    # FOR SHARE: an "operator leaves" running at the same time waits for this
    # move (and then takes the lead with the rest), or this move sees them gone.
    team_id = conn.execute(stmt.with_for_update(read=True)).scalar_one_or_none()
    if team_id is None:
        raise KnownError(
            translatable("Leads can only go to an active operator."),
            translatable("Choose someone who is still on the team, or the pool."),
        )
    return team_id


def _same_team(leads: Sequence[_Held], team_id: uuid.UUID) -> None:
    if any(lead.team_id != team_id for lead in leads):
        raise KnownError(
            translatable("Some of these leads belong to another team."),
            translatable("Leads can only move within their team."),
        )


# -- reassignment ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Reassignment:
    """What a reassignment did, read inside its transaction: enough to undo it."""

    to: uuid.UUID | None
    former: dict[uuid.UUID, uuid.UUID | None]  # each moved lead -> its owner before
    requests_reset: frozenset[uuid.UUID]  # moved leads whose pending friend request was reset


def reassign(
    engine: Engine,
    lead_ids: Sequence[uuid.UUID],
    to_operator_id: uuid.UUID | None,
    *,
    actor_id: uuid.UUID | None = None,
    reason: str = MANUAL,
    now: datetime | None = None,
) -> Reassignment:
    """Give the selected leads to another operator (None: back to the pool).
    Deleted leads and leads the operator already owns are skipped."""
    now = _now(now)
    with engine.begin() as conn:
        leads = _hold_ids(conn, lead_ids)
        if to_operator_id is not None:
            _same_team(leads, _active_operator(conn, to_operator_id))
        moved = set(_move(conn, leads, to_operator_id, reason=reason, actor_id=actor_id, now=now))
    done = [lead for lead in leads if lead.id in moved]
    pending = FriendStatus.PENDING.value
    return Reassignment(
        to_operator_id,
        {lead.id: lead.owner_id for lead in done},
        frozenset(lead.id for lead in done if lead.friend_status == pending),
    )


def reassign_leads(
    engine: Engine,
    lead_ids: Sequence[uuid.UUID],
    to_operator_id: uuid.UUID | None,
    *,
    actor_id: uuid.UUID | None = None,
    reason: str = MANUAL,
    now: datetime | None = None,
) -> list[uuid.UUID]:
    """:func:`reassign`, returning only the ids that moved."""
    done = reassign(engine, lead_ids, to_operator_id, actor_id=actor_id, reason=reason, now=now)
    return list(done.former)


@dataclass(frozen=True)
class Restored:
    """What an undo put back, and how many leads it left alone because they moved since."""

    lead_ids: list[uuid.UUID]
    moved_since: int
    requests_reset: int  # of those put back, the friend requests the move had reset


def restore_owners(
    engine: Engine,
    done: Reassignment,
    *,
    actor_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Restored:
    """Undo ``done`` in one transaction: each lead still where it sent them goes
    back to its former owner (or the pool). A lead moved again since stays where
    it is; a former owner who left refuses the whole undo. A friend request the
    move reset stays reset: it was the old owner's, and is sent again."""
    now = _now(now)
    with engine.begin() as conn:
        held = [lead for lead in _hold_ids(conn, list(done.former)) if lead.owner_id == done.to]
        groups: dict[uuid.UUID | None, list[_Held]] = {}
        for lead in held:
            groups.setdefault(done.former[lead.id], []).append(lead)
        back: list[uuid.UUID] = []
        for owner, leads in groups.items():
            if owner is not None:
                _same_team(leads, _active_operator(conn, owner))
            back += _move(conn, leads, owner, reason=MANUAL, actor_id=actor_id, now=now)
    reset = len(done.requests_reset.intersection(back))
    return Restored(back, len(done.former) - len(back), reset)


def distribute_leads(
    engine: Engine,
    lead_ids: Sequence[uuid.UUID],
    operator_ids: Sequence[uuid.UUID],
    *,
    actor_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> dict[uuid.UUID, int]:
    """Spread leads (typically from the pool) over operators by capacity, with
    the same exact, deterministic shares as an import. Leads per operator."""
    now = _now(now)
    with engine.begin() as conn:
        leads = _hold_ids(conn, lead_ids)
        if not leads:
            return {}
        _same_team(leads, leads[0].team_id)
        return _spread(conn, leads, operator_ids, reason=MANUAL, actor_id=actor_id, now=now)


def _spread(
    conn: Connection,
    leads: Sequence[_Held],
    operator_ids: Sequence[uuid.UUID],
    *,
    reason: str,
    actor_id: uuid.UUID | None,
    now: datetime,
) -> dict[uuid.UUID, int]:
    """Share ``leads`` (one team's) among active operators by capacity, as an import does."""
    team_id = leads[0].team_id
    slots = [s for s in team_slots(conn, team_id) if s.id in set(operator_ids)]
    if len(slots) != len(set(operator_ids)):
        _active_operator(conn, next(i for i in operator_ids if i not in {s.id for s in slots}))
    plan = plan_assignment(len(leads), slots, chosen=[s.login for s in slots])
    moved: dict[uuid.UUID, int] = {}
    for index, slot in enumerate(slots):
        mine = [lead for lead, owner in zip(leads, plan.owners, strict=True) if owner == index]
        done = _move(conn, mine, slot.id, reason=reason, actor_id=actor_id, now=now)
        moved[slot.id] = len(done)
    return moved


def _leaver_leads(
    conn: Connection,
    operator_id: uuid.UUID,
    receivers: Collection[uuid.UUID | None],
    now: datetime,
) -> list[_Held]:
    """Mark a leaving operator inactive and hold their leads; refuses handing
    them to the leaver.

    Marked inactive first: the row lock makes moves to them in flight finish
    before their leads are gathered, and later moves refuse them."""
    if operator_id in receivers:
        raise KnownError(translatable("Choose someone else to take over the leads."))
    conn.execute(
        update(OPERATOR)
        .where(OPERATOR.c.id == operator_id)
        .values(active=False, version=OPERATOR.c.version + 1, updated_at=now)
    )
    return _hold(conn, LEAD.c.owner_id == operator_id)


def operator_leaves(
    engine: Engine,
    operator_id: uuid.UUID,
    to_operator_id: uuid.UUID | None,
    *,
    actor_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> list[uuid.UUID]:
    """An operator leaves: all their leads go to ``to_operator_id`` (or the pool)
    and they are marked inactive, in one transaction. Returns the moved ids."""
    now = _now(now)
    with engine.begin() as conn:
        leads = _leaver_leads(conn, operator_id, {to_operator_id}, now)
        if to_operator_id is not None:
            _same_team(leads, _active_operator(conn, to_operator_id))
        return _move(conn, leads, to_operator_id, reason=OPERATOR_LEFT, actor_id=actor_id, now=now)


def operator_leaves_spread(
    engine: Engine,
    operator_id: uuid.UUID,
    to_operator_ids: Sequence[uuid.UUID],
    *,
    actor_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> dict[uuid.UUID, int]:
    """An operator leaves and their leads are shared among ``to_operator_ids`` by
    capacity (as an import distributes), in one transaction. Leads per receiver."""
    if not to_operator_ids:
        raise KnownError(translatable("Choose at least one colleague to take over the leads."))
    now = _now(now)
    with engine.begin() as conn:
        leads = _leaver_leads(conn, operator_id, set(to_operator_ids), now)
        if not leads:
            return {i: 0 for i in to_operator_ids}
        for receiver in to_operator_ids:
            _same_team(leads, _active_operator(conn, receiver))
        return _spread(
            conn, leads, to_operator_ids, reason=OPERATOR_LEFT, actor_id=actor_id, now=now
        )


# -- the pool -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PoolLead:
    id: uuid.UUID
    name: str
    phone: str
    channel: str | None
    friend_status: str
    created_at: datetime


def _pool_condition(team_id: uuid.UUID) -> Any:
    return and_(LEAD.c.team_id == team_id, LEAD.c.owner_id.is_(None), LEAD.c.deleted_at.is_(None))


def pool_leads(
    engine: Engine, team_id: uuid.UUID, *, limit: int | None = None, offset: int = 0
) -> list[PoolLead]:
    """Unassigned leads, oldest first (a page of them with ``limit``/``offset``)."""
    stmt = (
        select(
            LEAD.c.id,
            LEAD.c.name,
            LEAD.c.phone,
            LEAD.c.channel,
            LEAD.c.friend_status,
            LEAD.c.created_at,
        )
        .where(_pool_condition(team_id))
        .order_by(LEAD.c.created_at, LEAD.c.id)
        .offset(offset)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [PoolLead(*row) for row in conn.execute(stmt)]


def count_pool(engine: Engine, team_id: uuid.UUID) -> int:
    stmt = select(func.count()).select_from(LEAD).where(_pool_condition(team_id))
    with engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


# -- recycling ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecycleCountdown:
    """A lead whose friend request is pending, and when it goes back to the pool."""

    lead_id: uuid.UUID
    name: str
    owner_id: uuid.UUID
    owner_login: str
    friend_requested_at: datetime
    last_activity_at: datetime | None
    due_at: datetime
    remaining: timedelta  # negative: overdue, recycled at the next run

    @property
    def due(self) -> bool:
        return self.remaining <= timedelta(0)


def _pending_condition(team_id: uuid.UUID) -> Any:
    return and_(
        LEAD.c.team_id == team_id,
        LEAD.c.deleted_at.is_(None),
        LEAD.c.owner_id.is_not(None),
        LEAD.c.friend_status == FriendStatus.PENDING.value,
        LEAD.c.friend_requested_at.is_not(None),
        LEAD.c.opted_out_at.is_(None),
    )


def _last_activity() -> Any:
    """Per pending lead, its owner's latest event after the friend request
    (reassignments and phone lookups do not count: core.distribution)."""
    return (
        select(EVENT.c.lead_id, func.max(EVENT.c.occurred_at).label("last_at"))
        .join(LEAD, LEAD.c.id == EVENT.c.lead_id)
        .where(
            EVENT.c.operator_id == LEAD.c.owner_id,
            EVENT.c.occurred_at > LEAD.c.friend_requested_at,
            EVENT.c.deleted_at.is_(None),
            EVENT.c.kind.not_in(sorted(NOT_ACTIVITY)),
        )
        .group_by(EVENT.c.lead_id)
        .subquery()
    )


def recycle_countdowns(
    conn: Connection, team_id: uuid.UUID, *, now: datetime, recycle_days: int
) -> list[RecycleCountdown]:
    """Every lead of the team waiting on a friend request, soonest to recycle first."""
    last = _last_activity()
    stmt = (
        select(
            LEAD.c.id,
            LEAD.c.name,
            LEAD.c.owner_id,
            OPERATOR.c.login,
            LEAD.c.friend_requested_at,
            last.c.last_at,
        )
        .join(OPERATOR, OPERATOR.c.id == LEAD.c.owner_id)
        .outerjoin(last, last.c.lead_id == LEAD.c.id)
        .where(_pending_condition(team_id))
    )
    out = []
    for lead_id, name, owner_id, login, requested, last_at in conn.execute(stmt):
        due = recycle_due_at(requested, last_at, recycle_days)
        assert due is not None  # the query only returns leads with a request
        out.append(
            RecycleCountdown(lead_id, name, owner_id, login, requested, last_at, due, due - now)
        )
    return sorted(out, key=lambda c: (c.due_at, str(c.lead_id)))


@dataclass(frozen=True)
class Countdowns(Sequence[RecycleCountdown]):
    """The countdown list, and the team's recycle days it was counted with."""

    recycle_days: int
    leads: tuple[RecycleCountdown, ...]

    def __len__(self) -> int:
        return len(self.leads)

    @overload
    def __getitem__(self, index: int) -> RecycleCountdown: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[RecycleCountdown, ...]: ...
    def __getitem__(self, index: int | slice) -> RecycleCountdown | tuple[RecycleCountdown, ...]:
        return self.leads[index]


def list_recycle_countdowns(
    engine: Engine, team_id: uuid.UUID, *, now: datetime | None = None
) -> Countdowns:
    """The countdown list with the team's own ``friend_request_recycle_days``."""
    with engine.connect() as conn:
        days = load_team_settings(conn, team_id).friend_request_recycle_days
        listed = recycle_countdowns(conn, team_id, now=_now(now), recycle_days=days)
        return Countdowns(days, tuple(listed))


def recycle_expired_leads(
    engine: Engine,
    team_id: uuid.UUID,
    *,
    now: datetime | None = None,
    recycle_days: int | None = None,
) -> list[uuid.UUID]:
    """Send every lead whose countdown has run out back to the pool, each with a
    ``reassigned`` event whose reason is ``friend_request_expired``. Idempotent:
    a recycled lead is no longer pending, so a second run finds nothing."""
    done = recycle_expired(engine, team_id, now=now, recycle_days=recycle_days)
    return [c.lead_id for c in done]


def recycle_expired(
    engine: Engine,
    team_id: uuid.UUID,
    *,
    now: datetime | None = None,
    recycle_days: int | None = None,
    dry_run: bool = False,
) -> list[RecycleCountdown]:
    """:func:`recycle_expired_leads` saying what each lead was (its former owner,
    since when it waited); with ``dry_run`` what it would do, changing nothing."""
    now = _now(now)
    with engine.begin() as conn:
        if recycle_days is None:
            recycle_days = load_team_settings(conn, team_id).friend_request_recycle_days
        if dry_run:
            listed = recycle_countdowns(conn, team_id, now=now, recycle_days=recycle_days)
            return [c for c in listed if c.due]
        held = {lead.id: lead for lead in _hold(conn, _pending_condition(team_id))}
        due = [
            c
            for c in recycle_countdowns(conn, team_id, now=now, recycle_days=recycle_days)
            if c.due and c.lead_id in held
        ]
        details = {
            c.lead_id: recycle_details(c.friend_requested_at, c.last_activity_at, recycle_days)
            for c in due
        }
        # Every due lead is held with an owner (_pending_condition), so every one moves.
        _move(
            conn,
            [held[c.lead_id] for c in due],
            None,
            reason=FRIEND_REQUEST_EXPIRED,
            actor_id=None,
            now=now,
            details=details,
        )
        return due
