"""A team lead's day at a glance (今日 for 组长): each operator's work, the pool,
the friend requests about to run out, and the last import.

Read from the team lead's local cache, which holds the whole team (sync/snapshot.py
``lead_scope``). Each operator's counts come from the very code that builds
that operator's own 今日 (``Workspace.queue_at``: suggestions recomputed at
``now``, counted with QueueRow's "today's work" rule), so the two never
disagree. Nothing is kept: the recompute is rolled back. Call it off the GUI
thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, and_, func, select

from operator_app.core.domain import EventKind, MoveReason, Role
from operator_app.data import models as m
from operator_app.data.lead_moves import count_pool, list_recycle_countdowns
from operator_app.data.queries import OperatorInfo, list_operators
from operator_app.data.types import utcnow
from operator_app.data.workspace import Workspace

LEAD = m.Lead.__table__  # type: ignore[attr-defined]
EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
OPERATOR = m.Operator.__table__  # type: ignore[attr-defined]
# "About to be recycled": the friend request runs out within this long.
EXPIRING_WITHIN = timedelta(hours=24)


@dataclass(frozen=True)
class OperatorDay:
    """One person's day as their own 今日 counts it."""

    operator_id: uuid.UUID | None  # None: the team's total
    login: str
    name: str
    overdue: int
    due_today: int
    done_today: int
    leads: int  # customers they own

    @property
    def todo(self) -> int:
        """Today's work still open: overdue plus due later today."""
        return self.overdue + self.due_today


@dataclass(frozen=True)
class LastImport:
    """The newest lead import: when, who ran it (when recorded), how many it gave out."""

    at: datetime
    by_name: str  # "" when the import did not record who ran it
    assigned: int  # leads the import gave an owner (pool leads leave no trace)
    operators: int  # among how many people


@dataclass(frozen=True)
class TeamDay:
    rows: list[OperatorDay]  # the team's operators, by login
    pool: int  # leads in the unassigned pool (公海)
    expiring: int  # pending friend requests running out within ``expiring_within``
    expiring_within: timedelta
    last_import: LastImport | None
    at: datetime

    @property
    def total(self) -> OperatorDay:
        """The sum of the rows."""
        return OperatorDay(
            None,
            "",
            "",
            sum(r.overdue for r in self.rows),
            sum(r.due_today for r in self.rows),
            sum(r.done_today for r in self.rows),
            sum(r.leads for r in self.rows),
        )


def team_members(cache: Engine, lead: OperatorInfo) -> list[OperatorInfo]:
    """Whose day the team lead sees: every active person of the team who works
    customers (the operators, and anyone else who owns some), by login."""
    owners = _owned_counts(cache, lead.team_id)
    people = [p for p in list_operators(cache) if p.team_id == lead.team_id]
    return [p for p in people if p.role == Role.OPERATOR.value or owners.get(p.id, 0) > 0]


def team_day(
    cache: Engine,
    lead: OperatorInfo,
    *,
    clock: Callable[[], datetime] = utcnow,
    expiring_within: timedelta = EXPIRING_WITHIN,
) -> TeamDay:
    """The team's day at ``clock()``, read from the team lead's cache."""
    now = clock()
    owned = _owned_counts(cache, lead.team_id)
    rows = []
    for person in sorted(team_members(cache, lead), key=lambda p: p.login):
        counts = Workspace(cache, person, "", clock=lambda: now).queue_at().counts
        rows.append(
            OperatorDay(
                person.id,
                person.login,
                person.name,
                counts.overdue,
                counts.due_today,
                counts.done_today,
                owned.get(person.id, 0),
            )
        )
    countdowns = list_recycle_countdowns(cache, lead.team_id, now=now)
    expiring = sum(1 for c in countdowns if c.remaining <= expiring_within)
    with cache.connect() as conn:
        last = last_import(conn, lead.team_id)
    return TeamDay(rows, count_pool(cache, lead.team_id), expiring, expiring_within, last, now)


def _owned_counts(cache: Engine, team_id: uuid.UUID) -> dict[uuid.UUID, int]:
    stmt = (
        select(LEAD.c.owner_id, func.count())
        .where(LEAD.c.team_id == team_id, LEAD.c.owner_id.is_not(None), LEAD.c.deleted_at.is_(None))
        .group_by(LEAD.c.owner_id)
    )
    with cache.connect() as conn:
        return {owner: int(n) for owner, n in conn.execute(stmt)}


def last_import(conn: Connection, team_id: uuid.UUID) -> LastImport | None:
    """The newest import, found by its assignment events (one per lead it gave an
    owner, all stamped with the import's moment)."""
    imported = and_(
        EVENT.c.team_id == team_id,
        EVENT.c.kind == EventKind.REASSIGNED.value,
        EVENT.c.payload["reason"].as_string() == MoveReason.IMPORT.value,
    )
    at = conn.execute(select(func.max(EVENT.c.occurred_at)).where(imported)).scalar()
    if at is None:
        return None
    batch = and_(imported, EVENT.c.occurred_at == at)
    stmt = select(
        func.count(),
        func.count(func.distinct(EVENT.c.payload["to"].as_string())),
        func.max(OPERATOR.c.name),
    ).select_from(EVENT.outerjoin(OPERATOR, OPERATOR.c.id == EVENT.c.operator_id))
    assigned, operators, by_name = conn.execute(stmt.where(batch)).one()
    return LastImport(at, by_name or "", int(assigned), int(operators))
