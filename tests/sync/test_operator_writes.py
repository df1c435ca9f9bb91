"""What an operator's writes imply on the shared database (migration 0004), on both backends.

A friend request logged on a PC makes the lead pending on the server too, so
the recycle countdown starts and every PC (and a full reload) agrees; a new
manual tag typed by an operator reaches the server and the team lead. The
same flows through real per-person PostgreSQL logins are in
test_sync_as_person.py, the row-security limits in test_rls.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, func, select

from operator_app.data import models as m
from operator_app.data.lead_moves import list_recycle_countdowns, reassign_leads
from operator_app.data.workspace import Workspace
from operator_app.sync.snapshot import load_scope
from tests.sync.conftest import (
    NOW,
    not_sent_lead,
    open_workspace,
    person,
    synced,
    taggings_named,
)
from tests.sync.faults_oracle import wait_for_horizon

EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
LEAD = m.Lead.__table__  # type: ignore[attr-defined]
TAG = m.Tag.__table__  # type: ignore[attr-defined]
LEAD_TAG = m.LeadTag.__table__  # type: ignore[attr-defined]
RECYCLE_DAYS = 7  # the demo team keeps the default friend_request_recycle_days


def lead_state(engine: Engine, lead_id: uuid.UUID) -> dict[str, Any]:
    with engine.connect() as conn:
        row = conn.execute(
            select(LEAD.c.friend_status, LEAD.c.friend_requested_at, LEAD.c.version).where(
                LEAD.c.id == lead_id
            )
        ).one()
    return dict(row._mapping)


def wangfang_with_a_lead_to_request(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> tuple[Engine, Workspace, uuid.UUID]:
    """王芳's cache and workspace, and one of her leads no friend request went to yet."""
    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    return cache, ws, not_sent_lead(cache, ws.person.id)


def countdown_of(engine: Engine, ws: Workspace, lead_id: uuid.UUID) -> tuple[object, object]:
    """(friend request's time, time the lead returns to the pool) in the recycle countdown."""
    countdowns = list_recycle_countdowns(engine, ws.person.team_id, now=NOW)
    mine = next(c for c in countdowns if c.lead_id == lead_id)
    return mine.friend_requested_at, mine.due_at


def overwrite_notes(engine: Engine, lead_id: uuid.UUID) -> int:
    with engine.connect() as conn:
        stmt = select(func.count()).where(
            EVENT.c.lead_id == lead_id, EVENT.c.body.like("同步时覆盖了别处的修改%")
        )
        return int(conn.execute(stmt).scalar_one())


def test_a_friend_request_makes_the_lead_pending_on_the_server_and_every_pc(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    boss_cache = make_cache("zm")
    boss = open_workspace(seeded, boss_cache, "zhaomin")  # loaded before the request
    cache, ws, lead_id = wangfang_with_a_lead_to_request(seeded, make_cache)
    before = lead_state(seeded, lead_id)
    assert before["friend_status"] == "not_sent"

    ws.record_friend_request_sent(lead_id)
    ws.set_follow_up(lead_id, NOW + timedelta(days=1))  # an edit in the same push
    summary = synced(seeded, cache, ws.person, clock=lambda: NOW)

    assert (summary.pushed, summary.rejected) == (2, 0), summary.rejections
    on_server = lead_state(seeded, lead_id)
    assert on_server["friend_status"] == "pending"
    assert on_server["friend_requested_at"] == NOW
    # The server's change is the server's, not a conflict with this PC's edit.
    assert overwrite_notes(seeded, lead_id) == 0
    # The pull brought the server's row back: the cache holds its version, still pending.
    assert lead_state(cache, lead_id) == on_server
    synced(seeded, boss_cache, boss.person, clock=lambda: NOW)
    assert lead_state(boss_cache, lead_id) == on_server
    fresh = make_cache("wf-reload")
    load_scope(seeded, fresh, ws.person)
    assert lead_state(fresh, lead_id) == on_server

    assert countdown_of(seeded, ws, lead_id) == (NOW, NOW + timedelta(days=RECYCLE_DAYS))


def test_a_resend_keeps_the_first_request_as_the_clock(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    cache, ws, lead_id = wangfang_with_a_lead_to_request(seeded, make_cache)
    ws.record_friend_request_sent(lead_id)
    synced(seeded, cache, ws.person, clock=lambda: NOW)
    first = lead_state(seeded, lead_id)

    later = NOW + timedelta(hours=3)
    ws.clock = lambda: later
    ws.record_friend_request_sent(lead_id)
    summary = synced(seeded, cache, ws.person, clock=lambda: later)

    assert (summary.pushed, summary.rejected) == (1, 0)
    assert lead_state(seeded, lead_id) == first  # not even the version moved
    assert lead_state(cache, lead_id) == first
    # The resend is the owner's activity: lead_moves restarts the countdown from it.
    assert countdown_of(seeded, ws, lead_id) == (NOW, later + timedelta(days=RECYCLE_DAYS))


def test_a_former_owners_late_request_leaves_the_new_owners_lead_alone(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    cache, ws, lead_id = wangfang_with_a_lead_to_request(seeded, make_cache)
    ws.record_friend_request_sent(lead_id)  # offline, on the old owner's WeCom
    other = person(seeded, "lijing")
    assert reassign_leads(seeded, [lead_id], other.id, now=NOW) == [lead_id]
    moved = lead_state(seeded, lead_id)

    summary = synced(seeded, cache, ws.person, clock=lambda: NOW)

    assert (summary.pushed, summary.rejected) == (1, 0), summary.rejections
    assert lead_state(seeded, lead_id) == moved
    assert moved["friend_status"] == "not_sent"


def test_an_operators_new_tag_reaches_the_server_and_the_team_lead(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    boss_cache = make_cache("zm")
    boss = open_workspace(seeded, boss_cache, "zhaomin")
    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    lead_id = ws.queue().rows[0].lead_id

    ws.set_tag(lead_id, "想要试用装", True)
    summary = synced(seeded, cache, ws.person, clock=lambda: NOW)

    assert (summary.pushed, summary.rejected) == (2, 0), summary.rejections
    tagged = taggings_named(lead_id, "想要试用装", TAG.c.name, TAG.c.rule, LEAD_TAG.c.source)
    with seeded.connect() as conn:
        assert conn.execute(tagged).all() == [("想要试用装", None, "manual")]
    synced(seeded, boss_cache, boss.person, clock=lambda: NOW)
    with boss_cache.connect() as conn:
        assert conn.execute(tagged).all() == [("想要试用装", None, "manual")]


def _older_team_tag(engine: Engine, team_id: uuid.UUID, name: str) -> uuid.UUID:
    """A manual tag the way earlier versions made them on the server: a random id."""
    old_id = uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(
            TAG.insert().values(
                id=old_id, version=1, updated_at=NOW, team_id=team_id, name=name, color="#808080"
            )
        )
    return old_id


def _taggings(engine: Engine, lead_id: uuid.UUID, name: str) -> list[tuple[Any, ...]]:
    stmt = taggings_named(lead_id, name, TAG.c.id, LEAD_TAG.c.deleted_at)
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(stmt)]


def _tag_ids(engine: Engine, name: str) -> list[uuid.UUID]:
    with engine.connect() as conn:
        rows = conn.execute(select(TAG.c.id).where(TAG.c.name == name)).scalars()
        return [uuid.UUID(str(i)) for i in rows]


def test_a_name_typed_before_the_teams_older_tag_arrived_joins_that_tag(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    """The server has the name under a random id the cache has not pulled: the
    push tags the lead with the server's tag, and the pull merges this PC's
    tag of that name into it (before the fix: FK refusal, then a pull failing
    on UNIQUE(team, name) every cycle)."""
    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    lead_id, other_id = (r.lead_id for r in ws.queue().rows[:2])
    older = _older_team_tag(seeded, ws.person.team_id, "老客户")

    ws.set_tag(lead_id, "老客户", True)
    ws.set_tag(other_id, "老客户", True)
    typed = uuid.uuid5(uuid.NAMESPACE_URL, f"operator-desk:tag:{ws.person.team_id}:老客户")
    assert _tag_ids(cache, "老客户") == [typed]
    summary = synced(seeded, cache, ws.person, clock=lambda: NOW)

    assert (summary.pushed, summary.rejected) == (3, 0), summary.rejections
    assert _tag_ids(seeded, "老客户") == [older]
    assert _taggings(seeded, lead_id, "老客户") == [(older, None)]
    assert _taggings(seeded, other_id, "老客户") == [(older, None)]
    assert _tag_ids(cache, "老客户") == [older]
    assert _taggings(cache, lead_id, "老客户") == [(older, None)]
    assert [t.name for t in ws.lead_detail(other_id).tags if t.name == "老客户"] == ["老客户"]

    ws.set_tag(lead_id, "老客户", False)  # later edits find the merged row
    again = synced(seeded, cache, ws.person, clock=lambda: NOW)
    assert (again.pushed, again.rejected) == (1, 0), again.rejections
    assert _taggings(seeded, lead_id, "老客户")[0][1] is not None
    assert _taggings(seeded, other_id, "老客户") == [(older, None)]


def test_a_pull_merges_a_local_tag_of_the_same_name_while_its_push_waits(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    """Pull alone (the push has not gone yet): the server's tag arrives, the
    local one of that name gives way and its tagging follows; the queued push
    still lands on the server's tag."""
    from operator_app.sync.pull import pull

    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    lead_id = ws.queue().rows[0].lead_id
    ws.set_tag(lead_id, "老客户", True)
    older = _older_team_tag(seeded, ws.person.team_id, "老客户")

    wait_for_horizon(seeded)
    pull(seeded, cache, ws.person, NOW)

    assert _tag_ids(cache, "老客户") == [older]
    assert _taggings(cache, lead_id, "老客户") == [(older, None)]
    summary = synced(seeded, cache, ws.person, clock=lambda: NOW)
    assert (summary.pushed, summary.rejected) == (2, 0), summary.rejections
    assert _taggings(seeded, lead_id, "老客户") == [(older, None)]
