"""The data model on both backends: round trips, constraints, sync columns."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from operator_app.core.domain import EventKind
from operator_app.data import models as m
from operator_app.data.db import session_scope


def _team_and_operator(session: Session, login: str = "wangfang") -> tuple[m.Team, m.Operator]:
    team = m.Team(name=f"华东一组-{uuid.uuid4().hex[:4]}")
    session.add(team)
    session.flush()
    op = m.Operator(team_id=team.id, login=login, name="王芳", role="operator", capacity=600)
    session.add(op)
    session.flush()
    return team, op


def test_every_table_carries_the_sync_columns(shared_engine: Engine) -> None:
    insp = inspect(shared_engine)
    for model in m.SYNCED_TABLES:
        cols = {c["name"] for c in insp.get_columns(model.__tablename__)}  # type: ignore[attr-defined]
        assert {"id", "version", "updated_at", "deleted_at"} <= cols, model.__tablename__


def test_analyst_facing_table_names(shared_engine: Engine) -> None:
    names = set(inspect(shared_engine).get_table_names())
    assert {
        "team",
        "operator",
        "lead",
        "sales_order",
        "coupon",
        "contact_event",
        "template",
        "template_line",
        "hook",
        "tag",
        "lead_tag",
        "lifecycle_stage",
        "setting",
        "alembic_version",
    } <= names


def test_lead_with_orders_coupon_and_event_round_trips(shared_engine: Engine) -> None:
    shanghai = timezone(timedelta(hours=8))
    paid = datetime(2026, 11, 20, 10, 30, tzinfo=shanghai)
    with session_scope(shared_engine) as s:
        team, op = _team_and_operator(s)
        lead = m.Lead(
            team_id=team.id,
            owner_id=op.id,
            name='李雷 😀 "引号"',
            phone="+8613812345678",
            birthday=date(1992, 2, 29),
            channel="包裹卡",
        )
        s.add(lead)
        s.flush()
        s.add(
            m.SalesOrder(
                team_id=team.id,
                lead_id=lead.id,
                order_no="XD1",
                amount=1299.5,
                is_first_order=True,
                ordered_at=paid,
            )
        )
        s.add(
            m.Coupon(
                lead_id=lead.id, amount=10, issued_at=paid, expires_at=paid + timedelta(days=30)
            )
        )
        event_id = uuid.uuid4()
        s.add(
            m.ContactEvent(
                id=event_id,
                team_id=team.id,
                lead_id=lead.id,
                operator_id=op.id,
                kind=EventKind.NOTE.value,
                occurred_at=paid,
                body="周末才方便收货",
                payload={"k": [1, 2]},
                device_id="dev-1",
            )
        )
        lead_id = lead.id
    with session_scope(shared_engine) as s:
        lead = s.get(m.Lead, lead_id)
        assert lead is not None
        assert lead.name == '李雷 😀 "引号"'
        assert lead.birthday == date(1992, 2, 29)
        order = s.exec(select(m.SalesOrder).where(m.SalesOrder.lead_id == lead_id)).one()[0]
        assert order.amount == pytest.approx(1299.5)
        # Stored in UTC, read back aware: 10:30 in Shanghai is 02:30 UTC.
        assert order.ordered_at == datetime(2026, 11, 20, 2, 30, tzinfo=UTC)
        assert order.ordered_at.tzinfo is not None
        event = s.get(m.ContactEvent, event_id)
        assert event is not None and event.payload == {"k": [1, 2]} and event.version == 1
        assert event.deleted_at is None


def test_naive_datetimes_are_refused(shared_engine: Engine) -> None:
    with pytest.raises(Exception, match="naive datetime"), session_scope(shared_engine) as s:
        team, _ = _team_and_operator(s)
        s.add(m.Lead(team_id=team.id, phone="+8613800000000", created_at=datetime(2026, 1, 1)))


def test_login_is_unique(shared_engine: Engine) -> None:
    with session_scope(shared_engine) as s:
        _team_and_operator(s, "dup")
    with pytest.raises(IntegrityError), session_scope(shared_engine) as s:
        _team_and_operator(s, "dup")


def test_role_must_be_known(shared_engine: Engine) -> None:
    with pytest.raises(IntegrityError), session_scope(shared_engine) as s:
        team, _ = _team_and_operator(s)
        s.add(m.Operator(team_id=team.id, login="x", name="x", role="boss"))


def test_phone_unique_within_team(shared_engine: Engine) -> None:
    with pytest.raises(IntegrityError), session_scope(shared_engine) as s:
        team, _ = _team_and_operator(s)
        s.add(m.Lead(team_id=team.id, phone="+8613900000000"))
        s.flush()
        s.add(m.Lead(team_id=team.id, phone="+8613900000000"))


def test_failed_transaction_writes_nothing(shared_engine: Engine) -> None:
    with pytest.raises(IntegrityError), session_scope(shared_engine) as s:
        _team_and_operator(s, "first")
        s.add(m.Operator(team_id=uuid.uuid4(), login="orphan", name="x"))  # FK violation
    with Session(shared_engine) as s:
        assert s.exec(select(m.Operator)).all() == []
