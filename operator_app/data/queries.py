"""Read queries the shell and the CLI share. Small, typed results; no ORM objects leak out."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, func, select, text

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


def _id_param(conn: Connection, value: uuid.UUID | None) -> object:
    """A UUID for a text() query: SQLite stores them as 32 hex digits."""
    if value is None:
        return None
    return value.hex if conn.dialect.name == "sqlite" else value


def hook_counts(conn: Connection, team_id: uuid.UUID | None = None) -> dict[str, tuple[int, int]]:
    """Per hook: (scripts answered, scripts sent), counted per lead in SQL.

    One team's events (all teams without ``team_id``). The same unit as
    core.reply_rate.observed_counts: a lead sent any line
    of a hook is one send, and one reply if a ``replied`` event for that hook
    came at or after its first line. Runs where the events are (the shared
    database, or the cache), never pulling events into Python.
    """
    team_filter = "AND team_id = :team" if team_id is not None else ""
    rows = conn.execute(
        text(
            f"""
            WITH first_sent AS (
                SELECT lead_id, hook_key, MIN(occurred_at) AS first_at
                FROM contact_event
                WHERE kind = 'sent_line' AND hook_key IS NOT NULL AND deleted_at IS NULL
                  {team_filter}
                GROUP BY lead_id, hook_key)
            SELECT f.hook_key, COUNT(*) AS sends,
                   SUM(CASE WHEN EXISTS (
                           SELECT 1 FROM contact_event r
                           WHERE r.lead_id = f.lead_id AND r.hook_key = f.hook_key
                             AND r.kind = 'replied' AND r.occurred_at >= f.first_at
                             AND r.deleted_at IS NULL)
                       THEN 1 ELSE 0 END) AS replies
            FROM first_sent f
            GROUP BY f.hook_key
            """
        ),
        {"team": _id_param(conn, team_id)} if team_id is not None else {},
    ).all()
    return {r.hook_key: (int(r.replies), int(r.sends)) for r in rows}
