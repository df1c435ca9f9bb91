"""Every step of the hook chain recordable, on a real cache: the accepted friend
request, the agreed follow-up with its note, a custom message that moves the
chain on, and a new lead that is due now, not overdue."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Engine, select

from operator_app.core.domain import EventKind
from operator_app.core.pacing import OVERDUE_GRACE
from operator_app.data import models as m
from operator_app.data.workspace import Workspace
from operator_app.errors import KnownError
from tests.data.test_workspace import NOW, D, H, _outbox_rows, cache, shared, ws

__all__ = ["cache", "shared", "ws"]  # the fixtures, shared with test_workspace

LEAD = m.Lead.__table__  # type: ignore[attr-defined]


def _with_status(ws: Workspace, status: str) -> uuid.UUID:
    return next(
        r.lead_id for r in ws.queue().rows if ws.lead_detail(r.lead_id).friend_status == status
    )


def _pending_lead(ws: Workspace) -> uuid.UUID:
    lead_id = _with_status(ws, "not_sent")
    ws.record_friend_request_sent(lead_id)
    return lead_id


def _friend_fields(cache: Engine, lead_id: uuid.UUID) -> tuple[object, ...]:
    with cache.connect() as conn:
        stmt = select(LEAD.c.friend_status, LEAD.c.friend_added_at).where(LEAD.c.id == lead_id)
        return tuple(conn.execute(stmt).one())


def test_friend_accepted_marks_the_lead_and_the_first_order_comes_next(
    ws: Workspace, cache: Engine
) -> None:
    lead_id = _pending_lead(ws)
    before = len(_outbox_rows(cache))

    ws.record_friend_accepted(lead_id)

    assert _friend_fields(cache, lead_id) == ("accepted", NOW)
    # Only the event syncs: the server's trigger (migration 0005) marks the lead itself.
    new = _outbox_rows(cache)[before:]
    assert [(t, p["kind"], p["hook_key"]) for _op, t, p in new] == [
        ("contact_event", "friend_added", "friend_request_pending")
    ]
    row = next(r for r in ws.queue().rows if r.lead_id == lead_id)
    assert (row.hook_key, row.original_due_at) == ("first_order", NOW)
    assert row.reason == "通过好友已 0 分钟，尚未下首单"
    # Due now, not overdue, until the grace passes.
    assert not row.is_overdue(NOW + OVERDUE_GRACE) and row.is_overdue(NOW + OVERDUE_GRACE + H)
    with pytest.raises(KnownError, match="already your WeCom friend"):
        ws.record_friend_accepted(lead_id)


def test_a_reply_from_a_pending_customer_makes_them_a_friend(ws: Workspace, cache: Engine) -> None:
    lead_id = _pending_lead(ws)
    ws.record_outcome(lead_id, EventKind.REPLIED)
    assert _friend_fields(cache, lead_id) == ("accepted", NOW)
    kinds = [item.kind for item in ws.lead_detail(lead_id).timeline]
    assert kinds[:3] == ["replied", "friend_added", "friend_request_sent"]
    detail = ws.lead_detail(lead_id)
    assert detail.suggestions[0].hook_key == "first_order"
    assert "退回公海" not in " ".join(s.reason for s in detail.suggestions)


def test_a_follow_up_shows_what_was_agreed_and_a_message_after_it_clears_it(
    ws: Workspace, cache: Engine
) -> None:
    lead_id = _with_status(ws, "accepted")
    ws.set_follow_up(lead_id, NOW + H, note="客户说周五发工资后再下单")
    detail = ws.lead_detail(lead_id)
    assert detail.follow_up_note == "客户说周五发工资后再下单"
    assert ws.templates("follow_up")  # a generic script for the agreed follow-up

    later = Workspace(cache, ws.person, "device-A", clock=lambda: NOW + 2 * H)
    agreed = next(s for s in later.lead_detail(lead_id).suggestions if s.hook_key == "follow_up")
    # NOW + 1 h is 11:00 in Shanghai.
    assert agreed.reason == "约定 11-20 11:00 跟进：客户说周五发工资后再下单"
    row = next(r for r in later.queue_at().rows if r.lead_id == lead_id)
    if row.hook_key == "follow_up":  # the list says it too, when it is the top hook
        assert row.reason == agreed.reason
    later.record_custom_message(lead_id, "周五了，券还在哦", "接着约定的事")
    after = later.lead_detail(lead_id)
    assert after.next_follow_up_at is None and after.follow_up_note == ""
    # The chain goes on with a reason: a step, or a parked state saying until when.
    assert "follow_up" not in [s.hook_key for s in after.suggestions]
    top = after.suggestions[0]
    assert top.reason
    assert top.due_at <= NOW + 2 * H + 45 * D


def test_a_lead_just_assigned_is_due_now_not_overdue(ws: Workspace) -> None:
    row = next(r for r in ws.queue().rows if r.hook_key == "send_friend_request")
    assert row.original_due_at is not None
    created = row.original_due_at
    assert not row.is_overdue(created) and not row.is_overdue(created + OVERDUE_GRACE)
    assert row.is_overdue(created + OVERDUE_GRACE + H)
