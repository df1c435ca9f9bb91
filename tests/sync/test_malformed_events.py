"""A cache survives events with a payload of the wrong shape (issue 12, H5 reading side).

The shared database takes any JSON as an event's payload. Rows are planted
as the PostgreSQL superuser (and one by the operator's own login, the way
the probe did it), pulled into a real cache by the real first load and the
real incremental pull, and the lead's detail is opened: the timeline marks
those rows unreadable and everything else reads as before. The same on an
SQLite shared database.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import DBAPIError

from operator_app.core.payloads import readable_payload
from operator_app.data import models as m
from operator_app.data.cache import prepare_cache
from operator_app.data.db import make_engine
from operator_app.data.migrate import upgrade_to_head
from operator_app.data.queries import OperatorInfo, find_operator
from operator_app.data.seed import seed_demo
from operator_app.data.team_day import last_import
from operator_app.data.workspace import Workspace
from operator_app.data.workspace_types import LeadDetail
from operator_app.sync.roles import add_person
from operator_app.sync.snapshot import load_scope
from operator_app.ui.lead_detail import LeadDetailView
from tests.sync.conftest import NOW, synced
from tests.sync.pg_people import migrated_pg, unique_login

EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
LEAD = m.Lead.__table__  # type: ignore[attr-defined]
TEAM = "华东一组"

# body -> (kind, payload, readable): what a hostile login can write, and two the app writes.
PLANTED: dict[str, tuple[str, Any, bool]] = {
    "阶段是列表": ("stage_change", [1, 2], False),
    "阶段是数字": ("stage_change", 42, False),
    "阶段缺去向": ("stage_change", {"from": "新客户"}, False),
    "转交的人是列表": ("reassigned", {"from": [1], "to": {"a": 1}, "reason": 5}, False),
    "目的是文字": ("custom_message", "文字", False),
    "约好明天再聊": ("note", [1], True),  # a note reads its body; the payload only hints
    "正常的阶段": ("stage_change", {"from": "新客户", "to": "初步沟通"}, True),
}
# What the timeline's detail column shows for each readable one.
READABLE_DETAIL = {"约好明天再聊": "约好明天再聊", "正常的阶段": "新客户 → 初步沟通"}


def _plant(
    engine: Engine, who: OperatorInfo, lead_id: uuid.UUID, bodies: list[str]
) -> dict[uuid.UUID, str]:
    """Insert the planted events named by ``bodies``; their ids, to find them again."""
    ids = {}
    with engine.begin() as conn:
        for n, body in enumerate(bodies):
            kind, payload = PLANTED[body][:2]
            ids[uuid.uuid4()] = body
            conn.execute(
                insert(EVENT).values(
                    id=list(ids)[-1],
                    team_id=who.team_id,
                    lead_id=lead_id,
                    operator_id=who.id,
                    kind=kind,
                    occurred_at=NOW - timedelta(minutes=n + 1),
                    body=body,
                    payload=payload,
                )
            )
    return ids


def _give_lead(engine: Engine, who: OperatorInfo) -> uuid.UUID:
    """One live lead of the team becomes ``who``'s, with a follow-up agreed (the queue
    then reads the notes' payloads for 约定跟进)."""
    with engine.begin() as conn:
        alive = (LEAD.c.team_id == who.team_id) & LEAD.c.deleted_at.is_(None)
        lead_id = conn.execute(select(LEAD.c.id).where(alive).order_by(LEAD.c.id)).scalar()
        assert lead_id is not None
        conn.execute(
            update(LEAD)
            .where(LEAD.c.id == lead_id)
            .values(owner_id=who.id, next_follow_up_at=NOW + timedelta(hours=2))
        )
    return uuid.UUID(str(lead_id))


def _check_timeline(detail: LeadDetail, planted: dict[uuid.UUID, str]) -> None:
    items = {item.id: item for item in detail.timeline}
    for event_id, body in planted.items():
        item = items[event_id]
        assert item.readable is PLANTED[body][2], body
        assert item.detail == (READABLE_DETAIL[body] if item.readable else ""), body


def _shown_details(qtbot: QtBot, detail: LeadDetail) -> list[str]:
    view = LeadDetailView()
    qtbot.addWidget(view)
    view.show_detail(detail, NOW)
    model = view.timeline_model
    return [model.index(r, 2).data() for r in range(model.rowCount())]


@pytest.mark.postgres
def test_planted_events_pulled_from_postgresql_show_as_unreadable(
    pg_available: None, tmp_path: Path, qtbot: QtBot
) -> None:
    with migrated_pg("opdesk_malformed") as db:
        seed_demo(db.admin, leads=20, days=3, seed=7, now=NOW)
        login = db.track(unique_login("h5_op"))
        add_person(db.admin, login, "H5", "operator", TEAM)
        who = find_operator(db.admin, login)
        assert who is not None
        lead_id = _give_lead(db.admin, who)
        first, later = list(PLANTED)[:4], list(PLANTED)[4:]
        planted = _plant(db.admin, who, lead_id, first)  # as the superuser, before the first load

        shared = db.engine_as(login)
        cache = make_engine(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
        prepare_cache(cache)
        try:
            load_scope(shared, cache, who)
            # The probe's row: the operator's own login may no longer write it (0008),
            # so the superuser plants it, as it would reach a cache from an older server.
            probe_row = (
                "INSERT INTO contact_event (id, team_id, lead_id, operator_id, kind, "
                "occurred_at, body, payload, device_id, version, updated_at) VALUES "
                "(gen_random_uuid(), %(team)s, %(lead)s, %(me)s, 'stage_change', %(at)s, "
                "'', '[1,2]', '', 1, now())"
            )
            values = {"team": who.team_id, "lead": lead_id, "me": who.id, "at": NOW}
            with (
                pytest.raises(DBAPIError, match="row-level security policy"),
                shared.begin() as conn,
            ):
                conn.exec_driver_sql(probe_row, values)
            with db.admin.begin() as conn:
                conn.exec_driver_sql(probe_row, values)
            planted |= _plant(db.admin, who, lead_id, later)
            summary = synced(shared, cache, who, clock=lambda: NOW)
            assert summary.rejected == 0

            ws = Workspace(cache, who, "pc-h5", clock=lambda: NOW)
            ws.refresh_suggestions()
            assert lead_id in {r.lead_id for r in ws.queue().rows}
            detail = ws.lead_detail(lead_id)
        finally:
            cache.dispose()
    probe = [i for i in detail.timeline if i.occurred_at == NOW and i.kind == "stage_change"]
    assert [i.readable for i in probe] == [False]
    _check_timeline(detail, planted)
    shown = _shown_details(qtbot, detail)
    unreadable = sum(1 for _, _, ok in PLANTED.values() if not ok) + 1  # + the probe's row
    assert shown.count("Unreadable entry") == unreadable
    assert {"约好明天再聊", "新客户 → 初步沟通"} <= set(shown)


def test_planted_events_on_an_sqlite_shared_database_show_as_unreadable(
    tmp_path: Path, qtbot: QtBot, make_cache: Callable[[str], Engine]
) -> None:
    shared = make_engine(f"sqlite:///{tmp_path / 'shared.sqlite3'}")
    try:
        upgrade_to_head(shared)
        seed_demo(shared, leads=20, days=3, seed=7, now=NOW)
        who = find_operator(shared, "wangfang")
        assert who is not None
        lead_id = _give_lead(shared, who)
        planted = _plant(shared, who, lead_id, list(PLANTED))
        cache = make_cache("wangfang")
        load_scope(shared, cache, who)
        ws = Workspace(cache, who, "pc-wf", clock=lambda: NOW)
        ws.refresh_suggestions()
        assert lead_id in {r.lead_id for r in ws.queue().rows}
        detail = ws.lead_detail(lead_id)
    finally:
        shared.dispose()
    _check_timeline(detail, planted)
    shown = _shown_details(qtbot, detail)
    assert shown.count("Unreadable entry") == sum(1 for *_, ok in PLANTED.values() if not ok)


@pytest.mark.parametrize(
    ("kind", "payload", "expected"),
    [
        ("stage_change", {"from": None, "to": "初步沟通"}, {"from": None, "to": "初步沟通"}),
        ("stage_change", {}, {}),
        ("stage_change", None, {}),
        ("stage_change", [1, 2], None),
        ("stage_change", {"to": 3}, None),
        ("reassigned", {"from": "x", "to": None, "reason": "manual", "recycle_days": 7}, ...),
        ("reassigned", {"recycle_days": [7]}, None),
        ("custom_message", {"purpose": "问候", "extra": [1]}, ...),
        ("note", {"follow_up_at": {"at": 1}}, None),
        ("replied", [1, 2], None),
        ("replied", {"anything": [1]}, ...),
    ],
)
def test_readable_payload(kind: str, payload: object, expected: object) -> None:
    assert readable_payload(kind, payload) == (payload if expected is ... else expected)


def _plant_moves(engine: Engine, who: OperatorInfo, lead_id: uuid.UUID) -> None:
    """Moves with payloads of every wrong shape, the newest, and one real import before."""
    payloads: list[Any] = [[1, 2], 42, "import", {"reason": ["import"], "to": {"x": 1}}]
    with engine.begin() as conn:
        for n, payload in enumerate(
            [{"from": None, "to": str(who.id), "reason": "import"}, *payloads]
        ):
            conn.execute(
                insert(EVENT).values(
                    id=uuid.uuid4(),
                    team_id=who.team_id,
                    lead_id=lead_id,
                    kind="reassigned",
                    occurred_at=NOW + timedelta(minutes=n),
                    payload=payload,
                )
            )


@contextmanager
def _shared(backend: str, tmp_path: Path) -> Iterator[Engine]:
    """A migrated shared database: PostgreSQL (as its superuser) or an SQLite file."""
    if backend == "postgres":
        with migrated_pg("opdesk_malformed_day") as db:
            yield db.admin
        return
    engine = make_engine(f"sqlite:///{tmp_path / 'shared.sqlite3'}")
    try:
        upgrade_to_head(engine)
        yield engine
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_the_team_days_last_import_reads_past_malformed_moves(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if backend == "postgres":
        request.getfixturevalue("pg_available")
    with _shared(backend, tmp_path) as engine:
        seed_demo(engine, leads=10, days=2, seed=3, now=NOW)
        who = find_operator(engine, "wangfang")
        assert who is not None
        _plant_moves(engine, who, _give_lead(engine, who))
        with engine.connect() as conn:
            found = last_import(conn, who.team_id)
    assert found is not None
    assert (found.at, found.assigned, found.operators) == (NOW, 1, 1)
