"""Schema versions and conflicts: old outbox entries still arrive, a newer server is refused,
and a value overwritten by the server's order stays visible in the timeline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, func, select, text, update

from operator_app.core.domain import EventKind
from operator_app.data import migrate
from operator_app.data import models as m
from operator_app.data.cache import local_metadata, outbox, prepare_cache
from operator_app.data.db import make_engine
from operator_app.data.workspace import Workspace
from operator_app.errors import KnownError, SchemaTooNew
from operator_app.sync.snapshot import load_scope
from tests.sync.conftest import NOW, open_workspace, person, synced

EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
LEAD = m.Lead.__table__  # type: ignore[attr-defined]
STAGE = m.LifecycleStage.__table__  # type: ignore[attr-defined]


def _cache_at_previous_version(path: Path) -> Engine:
    """A cache as the previous app version left it: schema 0001 only."""
    engine = make_engine(f"sqlite:///{path}")
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        cfg.attributes["target"] = migrate.CACHE
        command.upgrade(cfg, "0001")
    local_metadata.create_all(engine)
    return engine


def test_entries_made_under_the_previous_schema_are_delivered_after_an_upgrade(
    seeded: Engine, tmp_path: Path
) -> None:
    cache = _cache_at_previous_version(tmp_path / "old-cache.sqlite3")
    who = person(seeded, "wangfang")
    load_scope(seeded, cache, who)
    old_app = Workspace(cache, who, "old-pc", clock=lambda: NOW)
    old_app.schema_version = "0001"  # what the previous version stamped
    old_app.refresh_suggestions()
    lead_id = old_app.queue().rows[0].lead_id
    old_app.record_outcome(lead_id, EventKind.REPLIED)
    old_app.set_follow_up(lead_id, NOW.replace(hour=6))

    prepare_cache(cache)  # the new app opens the same cache
    assert migrate.current_revision(cache) == migrate.head_revision()
    summary = synced(seeded, cache, who, clock=lambda: NOW)

    assert (summary.pushed, summary.rejected, summary.pending) == (2, 0, 0)
    with seeded.connect() as conn:
        events = conn.execute(select(func.count()).where(EVENT.c.device_id == "old-pc"))
        assert events.scalar_one() == 1
        due = conn.execute(select(LEAD.c.next_follow_up_at).where(LEAD.c.id == lead_id))
        assert due.scalar_one() == NOW.replace(hour=6)
    cache.dispose()


def test_entry_from_an_unknown_old_version_is_rejected_with_a_reason(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    ws.schema_version = "0000_ancient"
    ws.record_outcome(ws.queue().rows[0].lead_id, EventKind.REPLIED)

    summary = synced(seeded, cache, ws.person, clock=lambda: NOW)

    assert (summary.pushed, summary.rejected) == (0, 1)
    assert "0000_ancient" in summary.rejections[0].reason


def test_a_server_upgraded_by_a_newer_app_is_refused_and_nothing_is_sent(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    ws.record_outcome(ws.queue().rows[0].lead_id, EventKind.REPLIED)
    with seeded.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    try:
        with pytest.raises(SchemaTooNew, match="Install the latest Operator Desk"):
            synced(seeded, cache, ws.person, clock=lambda: NOW)
    finally:
        with seeded.begin() as conn:
            conn.execute(
                text(f"UPDATE alembic_version SET version_num = '{migrate.head_revision()}'")
            )
    with cache.connect() as conn:
        assert conn.execute(select(outbox.c.status)).scalars().all() == ["pending"]


def test_a_server_without_sync_objects_asks_for_migrate(
    tmp_path: Path, make_cache: Callable[[str], Engine]
) -> None:
    shared = make_engine(f"sqlite:///{tmp_path / 'old-shared.sqlite3'}")
    cfg = migrate._config()
    with shared.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with pytest.raises(KnownError, match="operator-app migrate"):
        synced(shared, make_cache("x"), person_stub(), clock=lambda: NOW)
    shared.dispose()


def person_stub():  # type: ignore[no-untyped-def]
    import uuid

    from operator_app.data.queries import OperatorInfo

    return OperatorInfo(uuid.uuid4(), "nobody", "", "operator", uuid.uuid4(), "", True)


def test_server_order_wins_and_the_overwritten_stage_stays_in_the_timeline(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    with seeded.connect() as conn:
        stages = dict(conn.execute(select(STAGE.c.key, STAGE.c.id)).all())
        names = dict(conn.execute(select(STAGE.c.id, STAGE.c.name)).all())
    keys = sorted(stages)
    # A lead at neither stage: setting the stage it has would change nothing.
    lead_id = next(
        r.lead_id
        for r in ws.queue().rows
        if ws.lead_detail(r.lead_id).stage_key not in (keys[0], keys[1])
    )
    ws.set_stage(lead_id, keys[0])  # offline on the PC
    with seeded.begin() as conn:  # meanwhile the team lead sets another stage on the server
        conn.execute(
            update(LEAD)
            .where(LEAD.c.id == lead_id)
            .values(stage_id=stages[keys[1]], version=LEAD.c.version + 1)
        )

    synced(seeded, cache, ws.person, clock=lambda: NOW)

    with seeded.connect() as conn:
        final = conn.execute(select(LEAD.c.stage_id).where(LEAD.c.id == lead_id)).scalar_one()
        notes = (
            conn.execute(
                select(EVENT.c.body).where(EVENT.c.lead_id == lead_id, EVENT.c.kind == "note")
            )
            .scalars()
            .all()
        )
    assert final == stages[keys[0]]  # arrived last on the server: it stands
    overwritten = names[stages[keys[1]]]
    assert any(overwritten in body and "覆盖" in body for body in notes)
    # The operator sees it in the customer's timeline after the pull.
    detail = ws.lead_detail(lead_id)
    assert any(overwritten in item.detail for item in detail.timeline)
