"""The operator's workspace on a real cache file loaded from a real shared database."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from operator_app.core.domain import EventKind
from operator_app.core.hooks import EventFacts
from operator_app.core.reply_rate import observed_counts
from operator_app.data import models as m
from operator_app.data.cache import lead_queue, outbox, prepare_cache
from operator_app.data.db import make_engine
from operator_app.data.lead_moves import reassign_leads
from operator_app.data.migrate import head_revision
from operator_app.data.queries import find_operator, hook_counts
from operator_app.data.seed import seed_demo
from operator_app.data.workspace import LeadNotFound, Workspace
from operator_app.errors import KnownError
from operator_app.sync.engine import sync_once
from operator_app.sync.snapshot import load_scope

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai: working hours
H, D = timedelta(hours=1), timedelta(days=1)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("ws") / "shared.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    from operator_app.data import migrate

    migrate.upgrade_to_head(engine)
    seed_demo(engine, leads=300, seed=3, now=NOW)
    yield engine
    engine.dispose()


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    prepare_cache(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def ws(shared: Engine, cache: Engine) -> Workspace:
    person = find_operator(shared, "wangfang")
    assert person is not None
    load_scope(shared, cache, person)
    workspace = Workspace(cache, person, "device-A", clock=lambda: NOW)
    workspace.refresh_suggestions()
    return workspace


def _count(engine: Engine, table: object, *where: object) -> int:
    stmt = select(func.count()).select_from(table).where(*where)  # type: ignore[arg-type]
    with engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


def _lead_with(ws: Workspace, hook_key: str) -> uuid.UUID:
    return next(r.lead_id for r in ws.queue().rows if r.hook_key == hook_key)


def _lead_without_orders(ws: Workspace) -> uuid.UUID:
    return next(r.lead_id for r in ws.queue().rows if not ws.lead_detail(r.lead_id).orders)


def test_cache_holds_only_the_operators_own_leads(
    shared: Engine, cache: Engine, ws: Workspace
) -> None:
    lead = m.Lead.__table__  # type: ignore[attr-defined]
    own = _count(shared, lead, lead.c.owner_id == ws.person.id)
    assert _count(cache, lead) == own > 0
    assert _count(cache, lead, lead.c.owner_id != ws.person.id) == 0
    assert len(ws.queue().rows) == own


def test_second_load_is_skipped_and_pending_writes_block_a_reload(
    shared: Engine, cache: Engine, ws: Workspace
) -> None:
    assert load_scope(shared, cache, ws.person).skipped
    ws.record_outcome(ws.queue().rows[0].lead_id, EventKind.NOTE, note="周末才方便收货")
    other = find_operator(shared, "lijing")
    assert other is not None
    assert load_scope(shared, cache, other).skipped  # would lose the unsent note


def test_queue_puts_overdue_first_and_counts_match(ws: Workspace) -> None:
    snap = ws.queue()
    overdue = [r for r in snap.rows if r.original_due_at and r.original_due_at < NOW]
    assert snap.counts.overdue == len(overdue) > 0
    assert snap.rows[: len(overdue)] == overdue
    priorities = [r.priority for r in overdue]
    assert priorities == sorted(priorities, reverse=True)
    assert {name for _, name in snap.stages} >= {"新客户", "成交客户"}


def test_copying_a_line_records_event_and_outbox_in_one_go(ws: Workspace, cache: Engine) -> None:
    row = next(r for r in ws.queue().rows if r.hook_key and ws.templates(r.hook_key))
    lead_id, hook = row.lead_id, row.hook_key
    template = ws.templates(hook)[0]
    changes = ws.record_sent_line(lead_id, template.id, 1)
    assert changes.lead_ids == {lead_id} and changes.queue
    ev = m.ContactEvent.__table__  # type: ignore[attr-defined]
    with cache.connect() as conn:
        event = conn.execute(
            select(ev).where(ev.c.lead_id == lead_id, ev.c.occurred_at == NOW)
        ).one()
        entry = conn.execute(select(outbox).where(outbox.c.row_id == event.id)).one()
    assert (event.kind, event.template_id, event.line_no, event.hook_key) == (
        "sent_line",
        template.id,
        1,
        hook,
    )
    assert event.device_id == "device-A" and event.operator_id == ws.person.id
    assert (entry.op, entry.table_name, entry.status) == ("insert", "contact_event", "pending")
    assert entry.schema_version == head_revision()
    assert entry.payload["id"] == str(event.id)
    # That hook is done for now: the lead's suggestion moved on (or, for 首单转化,
    # to its next try a day later).
    after = next(r for r in ws.queue().rows if r.lead_id == lead_id)
    assert after.hook_key != hook or (after.due_at is not None and after.due_at >= NOW + D)


def test_a_reply_is_tied_to_the_last_line_sent(ws: Workspace, cache: Engine) -> None:
    lead_id = ws.queue().rows[0].lead_id
    template = ws.templates("first_order")[0]
    ws.record_sent_line(lead_id, template.id, 2)
    ws.record_outcome(lead_id, EventKind.REPLIED)
    ev = m.ContactEvent.__table__  # type: ignore[attr-defined]
    with cache.connect() as conn:
        reply = conn.execute(
            select(ev).where(
                ev.c.lead_id == lead_id, ev.c.kind == "replied", ev.c.occurred_at == NOW
            )
        ).one()
    assert (reply.template_id, reply.line_no, reply.hook_key) == (template.id, 2, "first_order")


def test_opting_out_removes_every_suggestion(ws: Workspace, cache: Engine) -> None:
    lead_id = ws.queue().rows[0].lead_id
    ws.record_outcome(lead_id, EventKind.OPTED_OUT)
    row = next(r for r in ws.queue().rows if r.lead_id == lead_id)
    assert row.hook_key is None
    assert ws.lead_detail(lead_id).opted_out
    with cache.connect() as conn:
        update = conn.execute(
            select(outbox).where(outbox.c.op == "update", outbox.c.row_id == lead_id)
        ).one()
    assert update.payload["base_version"] == 1
    assert "opted_out_at" in update.payload["changes"]


def test_follow_up_becomes_the_suggestion_at_that_time(ws: Workspace) -> None:
    lead_id = next(  # at the end of the queue, and not opted out (they get no hooks)
        r.lead_id for r in reversed(ws.queue().rows) if not ws.lead_detail(r.lead_id).opted_out
    )
    at = NOW + timedelta(hours=1)  # 11:00 in Shanghai
    ws.set_follow_up(lead_id, at)
    detail = ws.lead_detail(lead_id)
    follow = next(s for s in detail.suggestions if s.hook_key == "follow_up")
    assert follow.due_at == at and follow.reason == "约定 11-20 11:00 跟进"
    assert detail.next_follow_up_at == at


def test_custom_message_without_purpose_writes_nothing(ws: Workspace, cache: Engine) -> None:
    before = _count(cache, outbox)
    with pytest.raises(KnownError, match="purpose"):
        ws.record_custom_message(ws.queue().rows[0].lead_id, "在吗？", purpose="  ")
    assert _count(cache, outbox) == before
    ws.record_custom_message(ws.queue().rows[0].lead_id, "在吗？", purpose="确认收货时间")
    assert _count(cache, outbox) == before + 1


def test_a_failed_write_leaves_nothing_behind(ws: Workspace, cache: Engine) -> None:
    before = (_count(cache, outbox), _count(cache, m.ContactEvent.__table__))  # type: ignore[attr-defined]
    template = ws.templates("first_order")[0]
    with pytest.raises(ValueError, match="no line 9"):
        ws.record_sent_line(ws.queue().rows[0].lead_id, template.id, 9)
    assert (_count(cache, outbox), _count(cache, m.ContactEvent.__table__)) == before  # type: ignore[attr-defined]


def test_stage_change_is_an_event_with_from_and_to(ws: Workspace) -> None:
    lead_id = ws.queue().rows[0].lead_id
    old = ws.lead_detail(lead_id).stage_key
    new = "interested" if old != "interested" else "customer"
    ws.set_stage(lead_id, new)
    detail = ws.lead_detail(lead_id)
    assert detail.stage_key == new
    assert detail.timeline[0].kind == "stage_change"
    assert ws.set_stage(lead_id, new).lead_ids == frozenset()  # no change, no event


def test_manual_tags_toggle_and_rule_tags_refuse_clicks(ws: Workspace) -> None:
    lead_id = ws.queue().rows[0].lead_id
    ws.set_tag(lead_id, "宝妈", True)
    assert "宝妈" in {t.name for t in ws.lead_detail(lead_id).tags}
    ws.set_tag(lead_id, "宝妈", False)
    assert "宝妈" not in {t.name for t in ws.lead_detail(lead_id).tags}
    ws.set_tag(lead_id, "宝妈", True)
    assert "宝妈" in {t.name for t in ws.lead_detail(lead_id).tags}
    with pytest.raises(KnownError, match="rule tag"):
        ws.set_tag(lead_id, "重要即将流失", True)


def test_revealing_the_phone_is_recorded(ws: Workspace) -> None:
    lead_id = ws.queue().rows[0].lead_id
    phone = ws.reveal_phone(lead_id)
    assert phone.startswith("+86") and len(phone) == 14
    assert ws.lead_detail(lead_id).timeline[0].kind == "phone_revealed"


def test_placeholders_leave_out_what_does_not_exist(ws: Workspace) -> None:
    no_order = _lead_without_orders(ws)
    values = ws.placeholder_values(no_order)
    assert values["operator"] == "王芳" and values["brand"] == "鲜到家"
    assert "order_no" not in values and "coupon_amount" not in values


def test_another_operators_lead_is_not_reachable(ws: Workspace, shared: Engine) -> None:
    lead = m.Lead.__table__  # type: ignore[attr-defined]
    with shared.connect() as conn:
        foreign = conn.execute(select(lead.c.id).where(lead.c.owner_id != ws.person.id)).first()
    assert foreign is not None
    with pytest.raises(LeadNotFound):
        ws.lead_detail(foreign.id)


def test_queue_table_has_one_row_per_lead(ws: Workspace, cache: Engine) -> None:
    assert _count(cache, lead_queue) == len(ws.queue().rows)


def test_sql_hook_counts_agree_with_the_engine(shared: Engine) -> None:
    ev = m.ContactEvent.__table__  # type: ignore[attr-defined]
    with shared.connect() as conn:
        sql = hook_counts(conn)
        rows = conn.execute(select(ev.c.lead_id, ev.c.kind, ev.c.occurred_at, ev.c.hook_key)).all()
    histories: dict[object, list[EventFacts]] = {}
    for r in rows:
        histories.setdefault(r.lead_id, []).append(
            EventFacts(kind=r.kind, occurred_at=r.occurred_at, hook_key=r.hook_key)
        )
    python = observed_counts(histories.values())
    assert {k: (v.replies, v.sends) for k, v in python.items()} == sql


def test_suggestions_are_recomputed_only_when_stale(ws: Workspace) -> None:
    assert ws.suggestions_computed_at() == NOW
    assert ws.refresh_if_stale() is False
    later = Workspace(ws.cache, ws.person, "device-A", clock=lambda: NOW + timedelta(hours=2))
    assert later.refresh_if_stale() is True
    assert later.suggestions_computed_at() == NOW + timedelta(hours=2)


def test_queue_rows_reads_just_the_given_leads(ws: Workspace) -> None:
    full = ws.queue().rows
    picked = [full[3].lead_id, full[-1].lead_id]
    rows = ws.queue_rows(picked)
    assert {r.lead_id for r in rows} == set(picked)
    by_id = {r.lead_id: r for r in full}
    assert all(r == by_id[r.lead_id] for r in rows)


# -- manual tags typed by the operator ------------------------------------------------


def _outbox_rows(cache: Engine) -> list[tuple[str, str, dict[str, object]]]:
    with cache.connect() as conn:
        stmt = select(outbox.c.op, outbox.c.table_name, outbox.c.payload).order_by(outbox.c.seq)
        return [tuple(r) for r in conn.execute(stmt)]  # type: ignore[misc]


def _requested_at(cache: Engine, lead_id: uuid.UUID) -> object:
    lead = m.Lead.__table__  # type: ignore[attr-defined]
    with cache.connect() as conn:
        stmt = select(lead.c.friend_requested_at).where(lead.c.id == lead_id)
        return conn.execute(stmt).scalar_one()


def test_a_new_tag_name_is_trimmed_and_stored_exactly_as_typed(
    ws: Workspace, cache: Engine
) -> None:
    lead_id = ws.queue().rows[0].lead_id
    before = len(_outbox_rows(cache))
    ws.set_tag(lead_id, "  爱吃<b>虾</b> {name}  ", True)
    name = "爱吃<b>虾</b> {name}"  # markup and braces are just characters
    detail = ws.lead_detail(lead_id)
    assert (name, "manual") in {(t.name, t.source) for t in detail.tags}
    assert name in detail.tag_choices and "重要即将流失" not in detail.tag_choices  # a rule tag
    assert name in ws.queue().tags  # the queue's tag filter offers it at once
    assert name in next(r for r in ws.queue().rows if r.lead_id == lead_id).tags
    new = _outbox_rows(cache)[before:]
    assert [(op, table) for op, table, _ in new] == [("insert", "tag"), ("insert", "lead_tag")]
    assert new[0][2]["name"] == name and new[0][2]["rule"] is None
    assert new[1][2]["tag_id"] == new[0][2]["id"]
    ws.set_tag(lead_id, name, False)
    assert name not in {t.name for t in ws.lead_detail(lead_id).tags}
    assert name in ws.lead_detail(lead_id).tag_choices  # the team's tag stays for others


def test_empty_too_long_and_rule_tag_names_are_refused_and_nothing_is_written(
    ws: Workspace, cache: Engine
) -> None:
    lead_id = ws.queue().rows[0].lead_id
    before = _outbox_rows(cache)
    for typed, message in (
        ("   ", "needs a name"),
        ("超" * 21, "at most 20 characters"),
        ("重要即将流失", "rule tag"),
    ):
        with pytest.raises(KnownError, match=message):
            ws.set_tag(lead_id, typed, True)
    assert _outbox_rows(cache) == before
    ws.set_tag(lead_id, "超" * 20, True)  # exactly the limit is fine
    assert "超" * 20 in {t.name for t in ws.lead_detail(lead_id).tags}


# -- the friend request ---------------------------------------------------------------


def test_sending_the_friend_request_makes_the_lead_pending(shared: Engine, cache: Engine) -> None:
    """A colleague's pending lead handed to 王芳 3 hours ago: her request starts over."""
    person = find_operator(shared, "wangfang")
    assert person is not None
    lead = m.Lead.__table__  # type: ignore[attr-defined]
    with shared.connect() as conn:
        lead_id = conn.execute(
            select(lead.c.id)
            .where(lead.c.owner_id != person.id, lead.c.friend_status == "pending")
            .limit(1)
        ).scalar_one()
    reassign_leads(shared, [lead_id], person.id, now=NOW - 3 * H)
    load_scope(shared, cache, person)
    ws = Workspace(cache, person, "device-A", clock=lambda: NOW)
    ws.refresh_suggestions()
    row = next(r for r in ws.queue().rows if r.lead_id == lead_id)
    assert (row.hook_key, row.hook_name, row.original_due_at, row.priority) == (
        "send_friend_request",
        "发送好友申请",
        NOW - 3 * H,
        60,
    )
    assert row.reason == "分到你名下已 3 小时，尚未发送好友申请"
    assert ws.templates("send_friend_request")  # a script for the request's greeting

    before = len(_outbox_rows(cache))
    ws.record_friend_request_sent(lead_id)
    detail = ws.lead_detail(lead_id)
    assert detail.friend_status == "pending"
    assert (detail.timeline[0].kind, detail.timeline[0].occurred_at) == ("friend_request_sent", NOW)
    assert _requested_at(cache, lead_id) == NOW
    # Only the event syncs (the shared database leaves friend_status to team leads).
    new = _outbox_rows(cache)[before:]
    assert [(op, table, p["kind"], p["hook_key"]) for op, table, p in new] == [
        ("insert", "contact_event", "friend_request_sent", "send_friend_request")
    ]
    # Next: the reminder a day after the request (recycling after 7 days).
    row = next(r for r in ws.queue().rows if r.lead_id == lead_id)
    assert (row.hook_key, row.original_due_at) == ("friend_request_pending", NOW + D)

    # Sent again two days later: a resend, the recycle clock keeps the first request.
    later = Workspace(cache, person, "device-A", clock=lambda: NOW + 2 * D)
    later.record_friend_request_sent(lead_id)
    assert _requested_at(cache, lead_id) == NOW
    assert _outbox_rows(cache)[-1][2]["hook_key"] == "friend_request_pending"


def test_the_request_time_is_the_request_events_own_time(ws: Workspace, cache: Engine) -> None:
    """As on the server, whose trigger takes the event's occurred_at: a clock
    read twice (it moves on between the reads) must not give two times."""
    lead_id = next(
        r.lead_id for r in ws.queue().rows if ws.lead_detail(r.lead_id).friend_status == "not_sent"
    )
    ticks = iter(range(1, 100))
    ws.clock = lambda: NOW + timedelta(seconds=next(ticks))
    ws.record_friend_request_sent(lead_id)
    lead, event = m.Lead.__table__, m.ContactEvent.__table__  # type: ignore[attr-defined]
    with cache.connect() as conn:
        requested = conn.execute(
            select(lead.c.friend_requested_at).where(lead.c.id == lead_id)
        ).scalar_one()
        sent = conn.execute(
            select(event.c.occurred_at).where(
                event.c.lead_id == lead_id,
                event.c.kind == "friend_request_sent",
                event.c.operator_id == ws.person.id,
            )
        ).scalar_one()
    assert requested == sent == NOW + timedelta(seconds=1)


def test_a_friend_needs_no_friend_request(ws: Workspace, cache: Engine) -> None:
    friend = next(
        r.lead_id for r in ws.queue().rows if ws.lead_detail(r.lead_id).friend_status == "accepted"
    )
    before = _outbox_rows(cache)
    with pytest.raises(KnownError, match="already your WeCom friend"):
        ws.record_friend_request_sent(friend)
    assert _outbox_rows(cache) == before


def test_queue_rows_carry_ordinary_uuids(ws: Workspace) -> None:
    # The queue builds its ids without uuid.UUID's parser: they must be the same values.
    rows = ws.queue().rows
    for row in (rows[0], rows[-1]):
        parsed = uuid.UUID(str(row.lead_id))
        assert row.lead_id == parsed and hash(row.lead_id) == hash(parsed)
        assert {parsed: row.name}[row.lead_id] == row.name
        assert repr(row.lead_id) == repr(parsed) and row.lead_id.version == parsed.version
        assert ws.lead_detail(row.lead_id).lead_id == parsed
    assert ws.queue_rows([rows[0].lead_id]) == [rows[0]]


def test_a_new_tag_reaches_the_shared_database(
    ws: Workspace, shared: Engine, cache: Engine
) -> None:
    lead_id = ws.queue().rows[2].lead_id
    ws.set_tag(lead_id, " 只收顺丰 ", True)
    summary = sync_once(shared, cache, ws.person, clock=lambda: NOW)
    assert (summary.rejected, summary.rejections) == (0, [])
    with cache.connect() as conn:
        statuses = conn.execute(select(outbox.c.table_name, outbox.c.status)).all()
    assert ("tag", "sent") in statuses and ("lead_tag", "sent") in statuses
    assert not [s for s in statuses if s[1] != "sent"]
    tag, lead_tag = m.Tag.__table__, m.LeadTag.__table__  # type: ignore[attr-defined]
    with shared.connect() as conn:
        row = conn.execute(
            select(tag.c.id, tag.c.team_id, tag.c.rule).where(tag.c.name == "只收顺丰")
        ).one()
        tagged = conn.execute(
            select(lead_tag.c.source, lead_tag.c.deleted_at).where(
                lead_tag.c.lead_id == lead_id, lead_tag.c.tag_id == row.id
            )
        ).one()
    assert (row.team_id, row.rule) == (ws.person.team_id, None)
    assert (tagged.source, tagged.deleted_at) == ("manual", None)


def test_a_move_reads_as_who_to_whom_and_why(shared: Engine, cache: Engine) -> None:
    person, colleague = find_operator(shared, "wangfang"), find_operator(shared, "liuyang")
    assert person is not None and colleague is not None
    lead = m.Lead.__table__  # type: ignore[attr-defined]
    with shared.connect() as conn:
        lead_id = conn.execute(
            select(lead.c.id).where(lead.c.owner_id == colleague.id).limit(1)
        ).scalar_one()
    reassign_leads(shared, [lead_id], person.id, now=NOW - H)
    load_scope(shared, cache, person)
    ws = Workspace(cache, person, "device-A", clock=lambda: NOW)
    moved = [t for t in ws.lead_detail(lead_id).timeline if t.kind == "reassigned"]
    assert [t.detail for t in moved] == ["刘洋 → 王芳（组长转交）"]


def test_every_move_reason_has_its_wording() -> None:
    from operator_app.core.domain import MoveReason
    from operator_app.data.workspace_read import MOVE_REASONS, _move_detail

    assert set(MOVE_REASONS) == set(MoveReason)
    wang, li = str(uuid.uuid4()), str(uuid.uuid4())
    names = {wang: "王芳", li: "李静"}
    cases = [
        ({"from": None, "to": wang, "reason": "import"}, "导入 → 王芳（导入时分配）"),
        ({"from": li, "to": wang, "reason": "operator_left"}, "李静 → 王芳（原负责人离职）"),
        (
            {"from": wang, "to": None, "reason": "friend_request_expired", "recycle_days": 5},
            "王芳 → 公海（好友申请 5 天未通过）",
        ),
        ({"from": None, "to": li, "reason": "manual"}, "公海 → 李静（组长转交）"),
        ({"from": wang, "to": li, "reason": "later_version"}, "王芳 → 李静（later_version）"),
    ]
    assert [_move_detail(payload, names) for payload, _ in cases] == [text for _, text in cases]
