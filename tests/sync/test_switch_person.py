"""A PC changing hands: the previous person's unsent work is delivered first, never dropped."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from operator_app.config import load_config
from operator_app.context import open_context, open_shared, prepare_workspace
from operator_app.core.domain import EventKind
from operator_app.data import models as m
from operator_app.data.seed import seed_demo
from operator_app.sync.push import pending_count
from operator_app.sync.snapshot import loaded_person

EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]


def test_switching_person_sends_the_previous_persons_work_then_loads(tmp_path: Path) -> None:
    shared = open_shared(load_config(tmp_path), upgrade=True)
    seed_demo(shared, leads=60, days=10, seed=2)
    shared.dispose()
    first = open_context(load_config(tmp_path, "", "wangfang"))
    ws = prepare_workspace(first)
    ws.record_outcome(ws.queue().rows[0].lead_id, EventKind.REPLIED)
    assert pending_count(first.cache_engine) == 1
    first.dispose()

    second = open_context(load_config(tmp_path, "", "lijing"))
    ws2 = prepare_workspace(second)

    assert ws2.person.login == "lijing"
    assert loaded_person(second.cache_engine) == ws2.person.id
    assert pending_count(second.cache_engine) == 0
    assert second.shared_engine is not None
    with second.shared_engine.connect() as conn:
        mine = EVENT.c.device_id == second.config.device_id
        assert conn.execute(select(func.count()).where(mine)).scalar_one() == 1
    second.dispose()
