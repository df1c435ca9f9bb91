"""Sync fixtures: a seeded shared database on each backend and per-person caches."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import ColumnElement, Engine, Select, select

from operator_app.data import models as m
from operator_app.data.cache import prepare_cache
from operator_app.data.db import make_engine
from operator_app.data.queries import OperatorInfo, find_operator
from operator_app.data.seed import seed_demo
from operator_app.data.workspace import Workspace
from operator_app.sync.engine import SyncSummary, sync_once
from operator_app.sync.snapshot import load_scope
from tests.sync.faults_oracle import wait_for_horizon

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


@pytest.fixture
def seeded(shared_engine: Engine) -> Engine:
    """The demo team, small: 5 people, 120 customers, 10 days of history."""
    seed_demo(shared_engine, leads=120, days=10, seed=11, now=NOW)
    return shared_engine


def person(shared: Engine, login: str) -> OperatorInfo:
    found = find_operator(shared, login)
    assert found is not None, login
    return found


@pytest.fixture
def make_cache(tmp_path: Path) -> Iterator[Callable[[str], Engine]]:
    engines: list[Engine] = []

    def make(name: str) -> Engine:
        engine = make_engine(f"sqlite:///{tmp_path / f'cache-{name}.sqlite3'}")
        prepare_cache(engine)
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.dispose()


def open_workspace(shared: Engine, cache: Engine, login: str) -> Workspace:
    who = person(shared, login)
    load_scope(shared, cache, who)
    workspace = Workspace(cache, who, f"device-{login}", clock=lambda: NOW)
    workspace.refresh_suggestions()
    return workspace


def synced(shared: Engine, cache: Engine, who: OperatorInfo, **kwargs: Any) -> SyncSummary:
    """sync_once after every transaction begun so far has ended.

    PostgreSQL's pull stops at the oldest transaction still running anywhere
    on the server (that is what makes it lossless): another test process on
    the same server would otherwise only delay a row, and these tests assert
    on the very next pull.
    """
    wait_for_horizon(shared)
    return sync_once(shared, cache, who, **kwargs)


def not_sent_lead(engine: Engine, owner_id: uuid.UUID) -> uuid.UUID:
    """One of the owner's leads no friend request went to yet."""
    lead = m.Lead.__table__  # type: ignore[attr-defined]
    with engine.connect() as conn:
        found = conn.execute(
            select(lead.c.id)
            .where(
                lead.c.owner_id == owner_id,
                lead.c.friend_status == "not_sent",
                lead.c.deleted_at.is_(None),
                lead.c.opted_out_at.is_(None),
            )
            .order_by(lead.c.id)
        ).first()
    assert found is not None, "the demo should leave some requests to send"
    return uuid.UUID(str(found[0]))


def taggings_named(lead_id: uuid.UUID, name: str, *columns: ColumnElement[Any]) -> Select[Any]:
    """``columns`` of the lead's taggings with a tag called ``name`` (and of that tag)."""
    tag, lead_tag = m.Tag.__table__, m.LeadTag.__table__  # type: ignore[attr-defined]
    return (
        select(*columns)
        .select_from(tag)
        .join(lead_tag, lead_tag.c.tag_id == tag.c.id)
        .where(lead_tag.c.lead_id == lead_id, tag.c.name == name)
    )
