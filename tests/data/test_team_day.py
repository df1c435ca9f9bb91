"""A team lead's day: each operator's row equals that operator's own 今日 counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select, update

from operator_app.config import AppConfig, load_config
from operator_app.context import AppContext, open_context, open_shared, prepare_workspace
from operator_app.core.domain import FriendStatus
from operator_app.core.importing import prepare_leads
from operator_app.data import importing as writes
from operator_app.data import models as m
from operator_app.data.queries import find_operator
from operator_app.data.seed import seed_demo
from operator_app.data.team_day import last_import, team_day
from operator_app.data.workspace import Workspace
from tests.data.import_fixtures import make_team

TZ = ZoneInfo("Asia/Shanghai")
LEAD = m.Lead.__table__  # type: ignore[attr-defined]
EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
OPERATORS = ("lijing", "liuyang", "wangfang", "zhouhao")
IMPORTED_AT = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)


def _seeded(tmp_path: Path) -> AppConfig:
    config = load_config(tmp_path / "lead", shared_url="", operator="zhaomin")
    engine = open_shared(config, upgrade=True)
    try:
        seed_demo(engine, leads=80, days=14, seed=5)
        _import_six(engine, tmp_path)
        _expire_soon(engine)
    finally:
        engine.dispose()
    return config


def _import_six(engine: Engine, tmp_path: Path) -> None:
    """Six new leads shared between two operators: the last import."""
    path = tmp_path / "leads.csv"
    body = [f"新客{i},1390000{i:04d}" for i in range(6)]
    path.write_text("\n".join(["姓名,手机号", *body]) + "\n", encoding="utf-8-sig")
    lead = find_operator(engine, "zhaomin")
    assert lead is not None
    writes.import_leads(
        engine,
        prepare_leads(path, tz=TZ, now=IMPORTED_AT),
        team_id=lead.team_id,
        distribute_to=["wangfang", "lijing"],
        now=IMPORTED_AT,
        actor_id=lead.id,
    )


def _expire_soon(engine: Engine) -> None:
    """Two of 王芳's leads: friend request sent 6 days 20 hours ago (runs out in
    4 hours with the default 7 days) and every other pending request made fresh."""
    now = dt.datetime.now(dt.UTC)
    wangfang = find_operator(engine, "wangfang")
    assert wangfang is not None
    with engine.begin() as conn:
        conn.execute(
            update(LEAD)
            .where(LEAD.c.friend_status == FriendStatus.PENDING.value)
            .values(friend_requested_at=now)
        )
        # Leads she has not touched for a week: no later activity restarts the countdown.
        touched = select(EVENT.c.lead_id).where(
            EVENT.c.operator_id == wangfang.id, EVENT.c.occurred_at > now - dt.timedelta(days=7)
        )
        ids = conn.execute(
            select(LEAD.c.id)
            .where(
                LEAD.c.owner_id == wangfang.id,
                LEAD.c.friend_status != "pending",
                LEAD.c.id.not_in(touched),
            )
            .order_by(LEAD.c.id)
            .limit(2)
        ).scalars()
        conn.execute(
            update(LEAD)
            .where(LEAD.c.id.in_(list(ids)))
            .values(
                friend_status=FriendStatus.PENDING.value,
                friend_requested_at=now - dt.timedelta(days=6, hours=20),
            )
        )


def _pool_size(engine: Engine) -> int:
    with engine.connect() as conn:
        owners = conn.execute(select(LEAD.c.owner_id).where(LEAD.c.deleted_at.is_(None)))
        return sum(1 for (owner,) in owners if owner is None)


def _own_today(tmp_path: Path, shared: Path, login: str, now: dt.datetime) -> tuple[int, ...]:
    """The operator's own 今日 counts, on a PC (data folder) of their own."""
    config = load_config(tmp_path / login, shared_url=f"sqlite:///{shared}", operator=login)
    ctx: AppContext = open_context(config)
    try:
        person = prepare_workspace(ctx).person
        ws = Workspace(ctx.cache_engine, person, config.device_id, clock=lambda: now)
        ws.refresh_suggestions()  # what their app stores at ``now``
        counts = ws.queue().counts
        return counts.overdue, counts.due_today, counts.done_today
    finally:
        ctx.dispose()


def test_each_row_is_that_operators_own_today_and_the_total_their_sum(tmp_path: Path) -> None:
    config = _seeded(tmp_path)
    ctx = open_context(config)
    try:
        lead = prepare_workspace(ctx).person
        now = dt.datetime.now(dt.UTC)

        day = team_day(ctx.cache_engine, lead, clock=lambda: now)

        assert [r.login for r in day.rows] == list(OPERATORS)
        for row in day.rows:
            own = _own_today(tmp_path, config.embedded_shared_path, row.login, now)
            assert (row.overdue, row.due_today, row.done_today) == own, row.login
        assert any(r.todo for r in day.rows)  # the demo gives the team work today
        total = day.total
        assert total.overdue == sum(r.overdue for r in day.rows)
        assert total.due_today == sum(r.due_today for r in day.rows)
        assert total.done_today == sum(r.done_today for r in day.rows)
        assert total.leads == 80 + 6 - _pool_size(ctx.shared_engine or ctx.cache_engine)
    finally:
        ctx.dispose()


def test_pool_expiring_requests_and_the_last_import(tmp_path: Path) -> None:
    config = _seeded(tmp_path)
    ctx = open_context(config)
    try:
        lead = prepare_workspace(ctx).person
        assert ctx.shared_engine is not None

        day = team_day(ctx.cache_engine, lead)

        assert day.pool == _pool_size(ctx.shared_engine)
        # Every other pending request was sent just now: 7 days left.
        assert day.expiring == 2
        assert day.last_import is not None
        assert day.last_import.at == IMPORTED_AT
        assert (day.last_import.assigned, day.last_import.operators) == (6, 2)
        assert day.last_import.by_name == "赵敏"
    finally:
        ctx.dispose()


def test_a_team_that_never_imported_has_no_last_import(tmp_path: Path) -> None:
    config = load_config(tmp_path / "lead", shared_url="", operator="zhaomin")
    engine = open_shared(config, upgrade=True)
    seed_demo(engine, leads=30, days=7, seed=3)
    engine.dispose()
    ctx = open_context(config)
    try:
        day = team_day(ctx.cache_engine, prepare_workspace(ctx).person)
        assert day.last_import is None
    finally:
        ctx.dispose()


def test_the_last_import_names_who_ran_it_on_each_backend(
    shared_engine: Engine, tmp_path: Path
) -> None:
    team = make_team(shared_engine)
    path = tmp_path / "leads.csv"
    path.write_text("姓名,手机号\n甲,13900001111\n乙,13900002222\n", encoding="utf-8-sig")
    rows = prepare_leads(path, tz=TZ, now=IMPORTED_AT)
    actor = team.ops["wangfang"]  # anyone of the team: the event just says who

    writes.import_leads(
        shared_engine,
        rows,
        team_id=team.id,
        distribute_to=["lijing"],
        now=IMPORTED_AT,
        actor_id=actor,
    )

    with shared_engine.connect() as conn:
        last = last_import(conn, team.id)
    assert last is not None
    assert (last.at, last.by_name, last.assigned, last.operators) == (IMPORTED_AT, "王芳", 2, 1)
