"""No dead end: after any outcome on any hook, a customer has a next step or a
parked state saying why and until when, within the team's horizon.

"Now" is Wednesday 2024-06-05 10:00 in Asia/Shanghai (02:00 UTC), as in
test_hooks.py. Expected times are worked out by hand.
"""

from __future__ import annotations

import zlib
from collections import Counter
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from operator_app.core.domain import EventKind, FriendStatus, OrderStatus
from operator_app.core.hooks import (
    FIRST_ORDER_TRIES,
    EventFacts,
    HookKey,
    LeadState,
    OrderFacts,
    Suggestion,
)
from operator_app.core.next_step import (
    CHECK_IN_AFTER,
    FIRST_ORDER_REST,
    HORIZON,
    ORDER_WAIT,
    next_steps,
)
from operator_app.core.pacing import OVERDUE_GRACE, is_overdue
from operator_app.core.team_settings import TeamSettings

NOW = datetime(2024, 6, 5, 2, 0, tzinfo=UTC)  # Wed 10:00 local
DEFAULT = TeamSettings()
H, D = timedelta(hours=1), timedelta(days=1)


def friend(**kw: object) -> LeadState:
    fields: dict[str, object] = {
        "id": "L1",
        "owner_id": "wang",
        "friend_status": FriendStatus.ACCEPTED,
        "friend_added_at": NOW - 20 * D,
    }
    fields.update(kw)
    return LeadState(**fields)  # type: ignore[arg-type]


def ev(kind: EventKind, at: datetime, hook: str | None = None) -> EventFacts:
    return EventFacts(kind=kind, occurred_at=at, hook_key=hook, operator_id="wang")


def steps(lead: LeadState, orders=(), events=(), now: datetime = NOW) -> list[Suggestion]:  # type: ignore[no-untyped-def]
    return next_steps(lead, orders, (), events, DEFAULT, {}, now)


def test_three_first_order_tries_then_parked_for_two_weeks_not_birthday_in_months() -> None:
    # The issue: one copy on 首单转化 moved the suggestion to 生日关怀 262 days away.
    added = NOW - 10 * D
    tries = [ev(EventKind.SENT_LINE, added + i * 2 * D, HookKey.FIRST_ORDER) for i in range(3)]
    lead = friend(friend_added_at=added, birthday=date(1990, 2, 20))
    found = steps(lead, events=tries)
    top = found[0]
    assert top.parked and top.hook_key == "check_in"
    assert top.reason_code == "parked_first_order_tries"
    assert top.reason_params["tries"] == FIRST_ORDER_TRIES
    # Last try 6 days ago at 10:00; back 14 days after it (8 days from now), on
    # the customer's own check-in day of the week.
    assert added + 4 * D + FIRST_ORDER_REST == NOW + 8 * D
    day = on_check_in_day(top, NOW + 8 * D, "L1")
    assert top.reason == f"首单话术已跟进 3 次仍未下单，先不打扰；{day.month}月{day.day}日 再问候"
    assert "birthday_care" in [s.hook_key for s in found[1:]]  # still listed, months ahead
    assert not is_overdue(top.original_due_at, NOW + 9 * D, top.held)  # parked: never late


def test_an_order_waiting_for_shipment_is_parked_with_a_date() -> None:
    ordered = NOW - 2 * D
    order = OrderFacts(
        order_no="X1",
        amount=99.0,
        status=OrderStatus.PENDING_SHIPMENT,
        is_first_order=True,
        ordered_at=ordered,
    )
    done = [
        ev(EventKind.SENT_LINE, ordered + H, HookKey.ADDRESS_CONFIRM),
        ev(EventKind.NO_REPLY, ordered + 3 * H, HookKey.ADDRESS_CONFIRM),
    ]
    top = steps(friend(), orders=[order], events=done)[0]
    assert top.parked and top.reason_code == "parked_order_unshipped"
    assert top.original_due_at == ordered + ORDER_WAIT == NOW + 3 * D
    assert top.reason == "已下单，等待发货；6月8日 再看物流"


def test_nothing_open_checks_in_two_weeks_after_the_last_message() -> None:
    last = NOW - 3 * D
    events = [ev(EventKind.CUSTOM_MESSAGE, last)]
    top = steps(friend(friend_added_at=NOW - 60 * D), events=events)[0]
    assert (top.parked, top.reason_code) == (True, "parked_nothing_open")
    on_check_in_day(top, last + CHECK_IN_AFTER, "L1")


def test_quiet_customers_are_checked_in_on_their_own_day_not_all_at_once() -> None:
    """A backlog (quiet for months) spreads over the week; on its day it is a step."""
    old = NOW - 90 * D
    found = [
        steps(friend(id=f"L{n}", friend_added_at=old), events=[ev(EventKind.SENT_LINE, old)])[0]
        for n in range(70)
    ]
    days = Counter(s.due_at.astimezone(DEFAULT.timezone).date() for s in found)
    assert len(days) == 7 and max(days.values()) < 70 / 2
    for s in found:
        assert s.hook_key == "check_in" and s.held  # never "overdue"
        due_today = s.due_at.astimezone(DEFAULT.timezone).date() == date(2024, 6, 5)
        assert s.parked is not due_today
        assert s.reason_code == ("check_in_quiet" if due_today else "parked_nothing_open")
    today = next(s for s in found if not s.parked)
    assert today.reason == "已 90 天没联系，暂无其他钩子：问候一下，保持联系"


def on_check_in_day(s: Suggestion, base: datetime, lead_id: str) -> date:
    """Assert ``s`` is due on the first day from ``base`` that is the customer's
    check-in day (next_step._slot: crc32 of the id, in 7); its local date."""
    tz = DEFAULT.timezone
    day = s.due_at.astimezone(tz).date()
    first = base.astimezone(tz).date()
    assert first <= day < first + 7 * D
    assert (zlib.crc32(lead_id.encode()) - day.toordinal()) % 7 == 0
    return day


def test_a_resent_request_waits_for_the_customer_until_recycling() -> None:
    requested = NOW - 2 * D
    lead = friend(
        friend_status=FriendStatus.PENDING, friend_added_at=None, friend_requested_at=requested
    )
    events = [
        ev(EventKind.FRIEND_REQUEST_SENT, requested, HookKey.SEND_FRIEND_REQUEST),
        ev(EventKind.FRIEND_REQUEST_SENT, NOW - H, HookKey.FRIEND_REQUEST_PENDING),
    ]
    top = steps(lead, events=events)[0]
    assert (top.hook_key, top.reason_code) == (
        "friend_request_pending",
        "parked_awaiting_friend_recycle",
    )
    # The resend is the owner's activity: the recycle countdown restarts from it.
    assert top.original_due_at == NOW - H + 7 * D
    assert "退回公海" in top.reason


def test_an_opted_out_customer_is_final() -> None:
    assert steps(friend(opted_out_at=NOW - D)) == []


def test_a_step_that_just_came_up_is_due_now_then_overdue_after_the_grace() -> None:
    top = steps(friend(friend_added_at=NOW))[0]
    assert (top.hook_key, top.original_due_at) == ("first_order", NOW)
    assert not is_overdue(top.original_due_at, NOW, top.held)
    assert not is_overdue(top.original_due_at, NOW + OVERDUE_GRACE, top.held)
    assert is_overdue(top.original_due_at, NOW + OVERDUE_GRACE + timedelta(minutes=1), top.held)


# -- the property: no dead end ------------------------------------------------------------

OUTCOMES = [
    EventKind.SENT_LINE,
    EventKind.CUSTOM_MESSAGE,
    EventKind.REPLIED,
    EventKind.NO_REPLY,
    EventKind.ADDED_WECHAT,
    EventKind.JOINED_GROUP,
    EventKind.NOTE,
    EventKind.FRIEND_REQUEST_SENT,
]
HOOKS = [k.value for k in HookKey]
STATUSES = [OrderStatus.PENDING_SHIPMENT, OrderStatus.SHIPPED, OrderStatus.ARRIVED_CITY,
            OrderStatus.SIGNED, OrderStatus.REFUNDED, OrderStatus.CLOSED]  # fmt: skip
hours_ago = st.integers(min_value=0, max_value=24 * 400).map(lambda h: NOW - h * H)


@st.composite
def orders(draw: st.DrawFn) -> list[OrderFacts]:
    out = []
    for n in range(draw(st.integers(0, 3))):
        at = draw(hours_ago)
        status = draw(st.sampled_from(STATUSES))
        later = [at + draw(st.integers(0, 240)) * H for _ in range(3)]
        out.append(
            OrderFacts(
                order_no=f"X{n}",
                amount=draw(st.sampled_from([39.0, 128.0, 520.0])),
                status=status,
                is_first_order=n == 0,
                ordered_at=at,
                shipped_at=later[0] if status != OrderStatus.PENDING_SHIPMENT else None,
                arrived_city_at=later[1] if status in (OrderStatus.ARRIVED_CITY,) else None,
                signed_at=later[2] if status == OrderStatus.SIGNED else None,
            )
        )
    return out


@st.composite
def leads(draw: st.DrawFn) -> LeadState:
    status = draw(st.sampled_from(list(FriendStatus)))
    return LeadState(
        id="L",
        owner_id=draw(st.sampled_from(["wang", "wang", "wang", None])),
        friend_status=status,
        friend_requested_at=draw(st.none() | hours_ago)
        if status != FriendStatus.NOT_SENT
        else None,
        friend_added_at=draw(st.none() | hours_ago) if status == FriendStatus.ACCEPTED else None,
        birthday=draw(st.none() | st.dates(date(1950, 1, 1), date(2005, 12, 31))),
        next_follow_up_at=draw(st.none() | hours_ago | hours_ago.map(lambda t: t + 60 * D)),
        created_at=draw(st.none() | hours_ago),
    )


@st.composite
def histories(draw: st.DrawFn) -> list[EventFacts]:
    """A random sequence of outcomes on random hooks, oldest first."""
    times = sorted(draw(st.lists(hours_ago, max_size=12)))
    return [
        EventFacts(
            kind=draw(st.sampled_from(OUTCOMES)),
            occurred_at=at,
            operator_id="wang",
            hook_key=draw(st.sampled_from(HOOKS)),
        )
        for at in times
    ]


@settings(max_examples=400, deadline=None)
@given(
    lead=leads(),
    order_list=orders(),
    events=histories(),
    cap=st.integers(1, 5),
    recycle_days=st.integers(1, 90),
)
def test_every_state_has_a_next_step_or_a_parked_reason_within_the_horizon(
    lead: LeadState,
    order_list: list[OrderFacts],
    events: list[EventFacts],
    cap: int,
    recycle_days: int,
) -> None:
    team = TeamSettings(max_touches_per_7_days=cap, friend_request_recycle_days=recycle_days)
    found = next_steps(lead, order_list, (), events, team, {}, NOW)
    assert found, "no suggestion and no parked reason"
    first = min(found, key=lambda s: s.due_at)
    assert NOW <= first.due_at <= NOW + HORIZON
    assert first.reason.strip()
    parked = [s for s in found if s.parked]
    assert len(parked) <= 1
    for s in parked:
        assert s.reason_code.startswith("parked_") and "{" not in s.reason
