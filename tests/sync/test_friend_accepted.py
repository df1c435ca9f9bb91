"""An accepted friend request on the shared database (migration 0005).

好友已通过 (or a reply from a customer still pending) is logged on a PC as a
``friend_added`` event; the server marks the lead accepted when the owner's
event arrives, every PC pulls it, and the recycling job leaves the friend
alone. Through real per-person PostgreSQL logins the operator still cannot
write friend_status; the event is the proof.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select, text

from operator_app.core.domain import EventKind
from operator_app.data import lead_moves, migrate
from operator_app.data import models as m
from operator_app.data.lead_moves import list_recycle_countdowns
from operator_app.data.workspace import Workspace
from operator_app.sync.snapshot import load_scope
from tests.data.test_migrations import _server_objects, empty_engine
from tests.sync.conftest import NOW, not_sent_lead, open_workspace, synced
from tests.sync.test_rls import EAST, World, as_admin, changed, refused, world

__all__ = ["empty_engine", "world"]  # fixtures used here

LEAD = m.Lead.__table__  # type: ignore[attr-defined]


def friend_state(engine: Engine, lead_id: uuid.UUID) -> tuple[Any, ...]:
    with engine.connect() as conn:
        stmt = select(LEAD.c.friend_status, LEAD.c.friend_added_at).where(LEAD.c.id == lead_id)
        return tuple(conn.execute(stmt).one())


def _pending(seeded: Engine, cache: Engine, ws: Workspace) -> uuid.UUID:
    lead_id = not_sent_lead(cache, ws.person.id)
    ws.record_friend_request_sent(lead_id)
    synced(seeded, cache, ws.person, clock=lambda: NOW)
    assert friend_state(seeded, lead_id)[0] == "pending"
    return lead_id


def test_friend_accepted_reaches_the_server_and_the_friend_is_never_recycled(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    lead_id = _pending(seeded, cache, ws)
    later = NOW + timedelta(hours=2)
    ws.clock = lambda: later

    ws.record_friend_accepted(lead_id)
    summary = synced(seeded, cache, ws.person, clock=lambda: later)

    assert (summary.pushed, summary.rejected) == (1, 0), summary.rejections
    assert friend_state(seeded, lead_id) == ("accepted", later)
    assert friend_state(cache, lead_id) == ("accepted", later)
    fresh = make_cache("wf-reload")
    load_scope(seeded, fresh, ws.person)
    assert friend_state(fresh, lead_id) == ("accepted", later)
    # Long past the recycle days: not in the countdown, not moved by the job.
    far = later + timedelta(days=30)
    countdowns = list_recycle_countdowns(seeded, ws.person.team_id, now=far)
    assert lead_id not in {c.lead_id for c in countdowns}
    lead_moves.recycle_expired(seeded, ws.person.team_id, now=far)
    with seeded.connect() as conn:
        owner = conn.execute(select(LEAD.c.owner_id).where(LEAD.c.id == lead_id)).scalar_one()
    assert owner == ws.person.id


def test_a_reply_from_a_pending_customer_accepts_them_on_the_server(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    lead_id = _pending(seeded, cache, ws)
    ws.record_outcome(lead_id, EventKind.REPLIED)
    summary = synced(seeded, cache, ws.person, clock=lambda: NOW)
    assert (summary.pushed, summary.rejected) == (2, 0), summary.rejections
    assert friend_state(seeded, lead_id) == ("accepted", NOW)


def _friend_added_objects(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        else:
            sql = "SELECT tgname FROM pg_trigger UNION SELECT proname FROM pg_proc"
        found = set(conn.execute(text(sql)).scalars())
    return found & {"contact_event_friend_added", "od_friend_added"}


def test_0005_comes_off_and_back_on_and_ends_like_a_fresh_database(empty_engine: Engine) -> None:
    expected = (
        {"contact_event_friend_added"}
        if empty_engine.dialect.name == "sqlite"
        else {"contact_event_friend_added", "od_friend_added"}
    )
    migrate.upgrade_to_head(empty_engine)
    fresh = _server_objects(empty_engine)
    assert _friend_added_objects(empty_engine) == expected
    migrate.downgrade_to(empty_engine, "0004")
    assert _friend_added_objects(empty_engine) == set()
    migrate.upgrade_to_head(empty_engine)
    assert _friend_added_objects(empty_engine) == expected
    assert _server_objects(empty_engine) == fresh


# -- through real per-person logins (PostgreSQL) -------------------------------------------


def friend_added_sql() -> str:
    return (
        "INSERT INTO contact_event (id, version, updated_at, team_id, lead_id, operator_id, "
        "kind, occurred_at, body, payload, device_id) VALUES (gen_random_uuid(), 1, :at, "
        ":team, :lead, :op, 'friend_added', :at, '', '{}', 'pc')"
    )


def state(w: World, key: str) -> tuple[Any, ...]:
    with w.db.admin.connect() as conn:
        sql = "SELECT friend_status, friend_added_at, version FROM lead WHERE id = :l"
        return tuple(conn.execute(text(sql), {"l": w.leads[key]}).one())


@pytest.mark.postgres
def test_an_operators_friend_added_event_accepts_their_lead_once(world: World) -> None:
    a, east, me = world.engine("a"), world.teams[EAST], world.ids["a"]
    assert state(world, "a1") == ("not_sent", None, 1)
    at = NOW - timedelta(hours=1)
    assert changed(a, friend_added_sql(), team=east, lead=world.leads["a1"], op=me, at=at)
    assert state(world, "a1") == ("accepted", at, 2)
    same_stamp = (
        "SELECT l.change_xid = e.change_xid FROM lead l JOIN contact_event e ON e.lead_id = l.id "
        "WHERE l.id = :a1 AND e.kind = 'friend_added'"
    )
    assert as_admin(world, same_stamp, a1=world.leads["a1"]) is True
    # A second event changes nothing; the status itself stays out of reach.
    assert changed(a, friend_added_sql(), team=east, lead=world.leads["a1"], op=me, at=NOW)
    assert state(world, "a1") == ("accepted", at, 2)
    for status in ("pending", "accepted", "not_sent"):
        refused(a, f"UPDATE lead SET friend_status = '{status}' WHERE id = :l", l=world.leads["a2"])
    refused(a, "UPDATE lead SET friend_added_at = now() WHERE id = :l", l=world.leads["a2"])


@pytest.mark.postgres
def test_a_former_owners_friend_added_event_leaves_the_new_owners_lead(world: World) -> None:
    moving = world.leads["a_move"]
    lead_moves.reassign_leads(world.db.admin, [moving], world.ids["b"], now=NOW)
    before = state(world, "a_move")
    a, east = world.engine("a"), world.teams[EAST]
    assert changed(a, friend_added_sql(), team=east, lead=moving, op=world.ids["a"], at=NOW)
    assert state(world, "a_move") == before
