"""Push and pull between real caches and a real shared database (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, func, select, update

from operator_app.core.domain import EventKind
from operator_app.data import models as m
from operator_app.data.cache import outbox
from operator_app.data.lead_moves import reassign_leads
from operator_app.sync.tables import sync_applied
from tests.sync.conftest import NOW, open_workspace, person, synced

EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
LEAD = m.Lead.__table__  # type: ignore[attr-defined]


def _count(engine: Engine, table: object, *where: object) -> int:
    with engine.connect() as conn:
        stmt = select(func.count()).select_from(table).where(*where)  # type: ignore[arg-type]
        return int(conn.execute(stmt).scalar_one())


def _event_ids(engine: Engine, *where: object) -> list[object]:
    with engine.connect() as conn:
        return sorted(conn.execute(select(EVENT.c.id).where(*where)).scalars())


def test_push_delivers_each_event_once_and_pull_confirms(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    lead_id = ws.queue().rows[0].lead_id
    ws.record_outcome(lead_id, EventKind.REPLIED)
    ws.record_outcome(lead_id, EventKind.NOTE, note='想要 😀 "大包装"')
    mine = EVENT.c.device_id == "device-wangfang"

    summary = synced(seeded, cache, ws.person, clock=lambda: NOW)

    assert (summary.pushed, summary.rejected, summary.pending) == (2, 0, 0)
    assert len(_event_ids(seeded, mine)) == 2
    assert _event_ids(seeded, mine) == _event_ids(cache, mine)
    # Nothing more to do: a second cycle moves nothing.
    again = synced(seeded, cache, ws.person, clock=lambda: NOW)
    assert (again.pushed, again.pending) == (0, 0)
    assert len(_event_ids(seeded, mine)) == 2


def test_replayed_push_changes_nothing(seeded: Engine, make_cache: Callable[[str], Engine]) -> None:
    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    lead_id = ws.queue().rows[0].lead_id
    ws.record_outcome(lead_id, EventKind.REPLIED)
    ws.set_follow_up(lead_id, NOW.replace(hour=5))
    synced(seeded, cache, ws.person, clock=lambda: NOW)
    with seeded.connect() as conn:
        before = conn.execute(select(LEAD).where(LEAD.c.id == lead_id)).one()._asdict()
    receipts = _count(seeded, sync_applied)
    events = _count(seeded, EVENT)

    for _ in range(3):  # the acknowledgement "never arrived": the same entries go again
        with cache.begin() as conn:
            conn.execute(update(outbox).values(status="pending"))
        summary = synced(seeded, cache, ws.person, clock=lambda: NOW)
        assert (summary.pushed, summary.rejected, summary.pending) == (2, 0, 0)

    with seeded.connect() as conn:
        after = conn.execute(select(LEAD).where(LEAD.c.id == lead_id)).one()._asdict()
    assert after == before
    assert (_count(seeded, sync_applied), _count(seeded, EVENT)) == (receipts, events)


def test_reassigned_lead_leaves_old_cache_and_arrives_whole_in_new(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    old_cache, new_cache = make_cache("wf"), make_cache("lj")
    old = open_workspace(seeded, old_cache, "wangfang")
    new = open_workspace(seeded, new_cache, "lijing")
    lead_id = old.queue().rows[0].lead_id
    history = _event_ids(seeded, EVENT.c.lead_id == lead_id)
    # Logged offline on the old PC while the team lead moves the customer.
    old.record_outcome(lead_id, EventKind.NO_REPLY)
    lead_boss = person(seeded, "zhaomin")
    reassign_leads(seeded, [lead_id], new.person.id, actor_id=lead_boss.id, now=NOW)

    gone = synced(seeded, old_cache, old.person, clock=lambda: NOW)
    came = synced(seeded, new_cache, new.person, clock=lambda: NOW)
    assert came.removed_from_scope == 0 and came.pulled > 0

    assert gone.removed_from_scope == 1 and gone.rejected == 0
    assert _count(old_cache, LEAD, LEAD.c.id == lead_id) == 0
    assert _count(old_cache, EVENT, EVENT.c.lead_id == lead_id) == 0
    # The offline event was delivered and is part of the lead's history for its new owner.
    server_history = _event_ids(seeded, EVENT.c.lead_id == lead_id)
    assert len(server_history) == len(history) + 2  # + the move + the offline no-reply
    assert _event_ids(new_cache, EVENT.c.lead_id == lead_id) == server_history
    assert lead_id in {r.lead_id for r in new.queue().rows}


def test_poison_entry_is_rejected_and_later_entries_still_arrive(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    lead_id = ws.queue().rows[0].lead_id
    ws.record_outcome(lead_id, EventKind.REPLIED)
    ws.record_outcome(lead_id, EventKind.ORDERED)
    with cache.begin() as conn:  # the first entry is damaged beyond repair
        first = conn.execute(select(outbox.c.seq, outbox.c.payload).order_by(outbox.c.seq)).first()
        assert first is not None
        conn.execute(
            update(outbox)
            .where(outbox.c.seq == first.seq)
            .values(payload=first.payload | {"kind": "no_such_kind"})
        )

    summary = synced(seeded, cache, ws.person, clock=lambda: NOW)

    assert (summary.pushed, summary.rejected, summary.pending) == (1, 1, 0)
    assert "服务器拒绝" in summary.rejections[0].reason
    assert _count(seeded, EVENT, EVENT.c.device_id == "device-wangfang") == 1
    with cache.connect() as conn:
        statuses = conn.execute(select(outbox.c.status).order_by(outbox.c.seq)).scalars().all()
    assert statuses == ["rejected", "sent"]
    # Not retried forever: the next cycle has nothing to send.
    assert synced(seeded, cache, ws.person, clock=lambda: NOW).rejected == 0


def test_replacing_the_demo_makes_every_cache_reload_in_full(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    from operator_app.data.seed import seed_demo

    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    before = _count(cache, LEAD)
    seed_demo(seeded, leads=40, days=5, seed=12, now=NOW, replace=True)  # hard deletes

    new_person = person(seeded, "wangfang")  # the demo's people are new rows too
    summary = synced(seeded, cache, new_person, clock=lambda: NOW)

    assert summary.full_load and ws.person.id != new_person.id
    with seeded.connect() as conn:
        server = conn.execute(
            select(func.count()).where(LEAD.c.owner_id == new_person.id)
        ).scalar_one()
    assert _count(cache, LEAD) == server != before
