"""A small team in the shared database, for the import and reassignment tests."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, insert, select

from operator_app.data import models as m

NOW = dt.datetime(2026, 5, 1, 4, 0, tzinfo=dt.UTC)

# login, name, capacity
OPERATORS = (("lijing", "李静", 300), ("wangfang", "王芳", 600), ("zhouhao", "周浩", 100))


@dataclass
class Team:
    id: uuid.UUID
    ops: dict[str, uuid.UUID]  # login -> id
    stage_id: uuid.UUID


def synced(**values: Any) -> dict[str, Any]:
    return {"id": uuid.uuid4(), "version": 1, "updated_at": NOW, "deleted_at": None, **values}


def make_team(
    engine: Engine, name: str = "鲜到家一组", recycle_days: int = 7, login_suffix: str = ""
) -> Team:
    """A team with OPERATORS (logins get ``login_suffix``: logins are unique across teams)."""
    team_id = uuid.uuid4()
    ops = {login: uuid.uuid4() for login, _n, _c in OPERATORS}
    stage = synced(team_id=team_id, key="new", name="新客户", position=1)
    with engine.begin() as conn:
        conn.execute(insert(m.Team), [synced(id=team_id, name=name)])
        conn.execute(insert(m.LifecycleStage), [stage])
        conn.execute(
            insert(m.Operator),
            [
                synced(
                    id=ops[login],
                    team_id=team_id,
                    login=login + login_suffix,
                    name=op_name,
                    role="operator",
                    capacity=capacity,
                    active=True,
                )
                for login, op_name, capacity in OPERATORS
            ],
        )
        conn.execute(
            insert(m.Setting),
            [
                synced(team_id=team_id, key="friend_request_recycle_days", value=recycle_days),
                synced(team_id=team_id, key="timezone", value="Asia/Shanghai"),
            ],
        )
    return Team(team_id, ops, stage["id"])


def add_lead(engine: Engine, team: Team, phone: str, **values: Any) -> uuid.UUID:
    row = synced(
        team_id=team.id,
        name=values.pop("name", "老客户"),
        phone=phone,
        friend_status=values.pop("friend_status", "not_sent"),
        notes="",
        created_at=NOW,
        **values,
    )
    with engine.begin() as conn:
        conn.execute(insert(m.Lead), [row])
    return row["id"]


def add_event(
    engine: Engine, team: Team, lead_id: uuid.UUID, kind: str, at: dt.datetime, by: Any
) -> None:
    row = synced(
        team_id=team.id, lead_id=lead_id, operator_id=by, kind=kind, occurred_at=at, payload={}
    )
    with engine.begin() as conn:
        conn.execute(insert(m.ContactEvent), [row])


def rows(engine: Engine, model: type, *columns: str, order_by: str | None = None) -> list[Any]:
    table = model.__table__  # type: ignore[attr-defined]
    stmt = select(*(table.c[c] for c in columns))
    if order_by:
        stmt = stmt.order_by(table.c[order_by])
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(stmt)]
