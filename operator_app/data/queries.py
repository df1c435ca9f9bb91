"""Read queries the shell and the CLI share. Small, typed results; no ORM objects leak out."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, func, select

from operator_app.data.models import ContactEvent, Lead, Operator, Setting, Team

DEMO_SETTING = "demo_data"


@dataclass(frozen=True)
class OperatorInfo:
    id: uuid.UUID
    login: str
    name: str
    role: str
    team_id: uuid.UUID
    team_name: str
    active: bool


@dataclass(frozen=True)
class DatabaseCounts:
    teams: int
    operators: int
    leads: int
    events: int


def list_operators(engine: Engine, *, include_inactive: bool = False) -> list[OperatorInfo]:
    """Every person, grouped by team, team leads first, then by login."""
    op, team = Operator.__table__.c, Team.__table__.c  # type: ignore[attr-defined]
    stmt = (
        select(op.id, op.login, op.name, op.role, op.team_id, team.name, op.active)
        .join_from(Operator, Team, op.team_id == team.id)
        .where(op.deleted_at.is_(None))
        .order_by(team.name, (op.role != "team_lead"), op.login)
    )
    if not include_inactive:
        stmt = stmt.where(op.active.is_(True))
    with engine.connect() as conn:
        return [OperatorInfo(*row) for row in conn.execute(stmt)]


def find_operator(engine: Engine, login: str) -> OperatorInfo | None:
    for op in list_operators(engine, include_inactive=True):
        if op.login == login:
            return op
    return None


def count_rows(engine: Engine) -> DatabaseCounts:
    with engine.connect() as conn:

        def n(model: type) -> int:
            return int(conn.execute(select(func.count()).select_from(model)).scalar_one())

        return DatabaseCounts(n(Team), n(Operator), n(Lead), n(ContactEvent))


def holds_demo_data(engine: Engine) -> bool:
    """True when a team in the database was made by seed-demo (made-up customers)."""
    s = Setting.__table__.c  # type: ignore[attr-defined]
    stmt = select(s.value).where(s.key == DEMO_SETTING, s.deleted_at.is_(None))
    with engine.connect() as conn:
        return any(value is True for value in conn.execute(stmt).scalars())
