"""The next-hook engine: one rule per step of the hook chain in domain.md.

"Now" is Wednesday 2024-06-05 10:00 in Asia/Shanghai (02:00 UTC), inside
allowed hours, so pacing leaves things alone unless a test says otherwise.
Every expected time, reason and rate below is worked out by hand.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from operator_app.core.domain import EventKind, FriendStatus, OrderStatus
from operator_app.core.hooks import (
    CouponFacts,
    EventFacts,
    HookKey,
    LeadState,
    OrderFacts,
    Suggestion,
    recycle_due_at,
    suggest,
)
from operator_app.core.reply_rate import RateEstimate
from operator_app.core.team_settings import TeamSettings

NOW = datetime(2024, 6, 5, 2, 0, tzinfo=UTC)  # Wed 10:00 local
DEFAULT = TeamSettings()
H = timedelta(hours=1)
D = timedelta(days=1)


def lead(**kw: object) -> LeadState:
    fields: dict[str, object] = {
        "id": "L1",
        "name": "张三",
        "friend_status": FriendStatus.ACCEPTED,  # added long ago; time not recorded
    }
    fields.update(kw)
    return LeadState(**fields)  # type: ignore[arg-type]


def order(**kw: object) -> OrderFacts:
    fields: dict[str, object] = {
        "order_no": "XD1",
        "amount": 128.0,
        "status": OrderStatus.PENDING_SHIPMENT,
        "is_first_order": True,
        "ordered_at": NOW - 2 * H,
    }
    fields.update(kw)
    return OrderFacts(**fields)  # type: ignore[arg-type]


def ev(kind: EventKind, at: datetime, hook: str | None = None) -> EventFacts:
    return EventFacts(kind=kind, occurred_at=at, hook_key=hook)


def run(
    the_lead: LeadState | None = None,
    orders: Sequence[OrderFacts] = (),
    coupons: Sequence[CouponFacts] = (),
    events: Sequence[EventFacts] = (),
    settings: TeamSettings = DEFAULT,
    rates: Mapping[str, RateEstimate] | None = None,
    now: datetime = NOW,
) -> list[Suggestion]:
    return suggest(the_lead or lead(), orders, coupons, events, settings, rates or {}, now)


def one(suggestions: list[Suggestion], key: str) -> Suggestion:
    found = [s for s in suggestions if s.hook_key == key]
    assert len(found) == 1, [s.hook_key for s in suggestions]
    return found[0]


def keys(suggestions: list[Suggestion]) -> list[str]:
    return [s.hook_key for s in suggestions]


def test_hook_keys_are_the_seed_hooks() -> None:
    seed = Path(__file__).resolve().parents[2] / "resources" / "seed" / "hooks.json"
    assert {h["key"] for h in json.loads(seed.read_text(encoding="utf-8"))} == {
        k.value for k in HookKey
    }


# -- friend request pending --------------------------------------------------------


def pending(requested: datetime) -> LeadState:
    return lead(
        friend_status=FriendStatus.PENDING, friend_added_at=None, friend_requested_at=requested
    )


def test_pending_friend_request_is_reminded_a_day_after_it_was_sent() -> None:
    s = one(run(pending(NOW - 2 * D)), "friend_request_pending")
    assert s.original_due_at == NOW - D
    assert s.due_at == NOW
    assert s.reason == "好友申请已发出 2 天，尚未通过，再过 5 天退回公海"


def test_the_original_request_event_is_not_a_resend() -> None:
    events = [ev(EventKind.FRIEND_REQUEST_SENT, NOW - 2 * D)]  # at friend_requested_at
    assert keys(run(pending(NOW - 2 * D), events=events)) == ["friend_request_pending"]


def test_pending_friend_request_not_reminded_once_sent_again() -> None:
    events = [
        ev(EventKind.FRIEND_REQUEST_SENT, NOW - 2 * D),
        ev(EventKind.FRIEND_REQUEST_SENT, NOW - H),
    ]
    assert run(pending(NOW - 2 * D), events=events) == []


def test_pending_friend_request_not_reminded_once_its_script_was_sent() -> None:
    # The reminder's script (重新发送好友申请) is the resend: the hook was worked.
    events = [ev(EventKind.SENT_LINE, NOW - H, hook="friend_request_pending")]
    assert run(pending(NOW - 2 * D), events=events) == []


def test_pending_friend_request_past_the_recycle_days_is_for_the_pool_not_the_operator() -> None:
    the_lead = pending(NOW - 8 * D)
    assert run(the_lead) == []
    assert recycle_due_at(the_lead, DEFAULT) == NOW - D  # 8 days ago + 7 days


def test_recycle_due_at() -> None:
    assert recycle_due_at(pending(NOW), DEFAULT) == NOW + 7 * D
    assert recycle_due_at(pending(NOW), TeamSettings(friend_request_recycle_days=3)) == NOW + 3 * D
    assert recycle_due_at(lead(), DEFAULT) is None  # accepted
    assert recycle_due_at(lead(friend_status=FriendStatus.PENDING), DEFAULT) is None  # no time
    assert recycle_due_at(LeadState(id="L2"), DEFAULT) is None  # request never sent


def test_a_short_recycle_period_brings_the_reminder_forward() -> None:
    # Recycle after 1 day: remind at half of it (12 h), not at the usual 1 day.
    s = one(
        run(pending(NOW - H), settings=TeamSettings(friend_request_recycle_days=1)),
        "friend_request_pending",
    )
    assert s.original_due_at == NOW - H + 12 * H


def test_a_customer_who_is_not_a_friend_gets_no_chat_hooks() -> None:
    assert keys(run(pending(NOW - 2 * D), orders=[order()])) == ["friend_request_pending"]
    assert keys(run(not_sent(), orders=[order()])) == ["send_friend_request"]


# -- send the friend request (domain.md, Leads: remind each operator to send it) ----------


def not_sent(**kw: object) -> LeadState:
    return lead(**{"friend_status": FriendStatus.NOT_SENT, "owner_id": "wang", **kw})


def test_a_new_lead_is_asked_for_a_friend_request_from_when_it_was_assigned() -> None:
    # Import and distribution log a "reassigned" event when the lead lands with the operator.
    s = one(run(not_sent(), events=[ev(EventKind.REASSIGNED, NOW - 3 * H)]), "send_friend_request")
    assert s.original_due_at == NOW - 3 * H  # overdue since the assignment
    assert s.due_at == NOW
    assert s.priority == 60
    assert s.reason == "分到你名下已 3 小时，尚未发送好友申请"
    assert s.pacing_note == ""
    # domain.md gives no accept rate: the seed prior of the friend-request reminder (0.3).
    assert (s.expected_reply_rate, s.sample_size) == (0.3, 0)


def test_without_an_assignment_event_the_lead_creation_time_counts() -> None:
    s = one(run(not_sent(created_at=NOW - 2 * D)), "send_friend_request")
    assert s.original_due_at == NOW - 2 * D
    assert s.reason == "分到你名下已 2 天，尚未发送好友申请"


def test_without_any_time_the_friend_request_is_due_now() -> None:
    s = one(run(not_sent()), "send_friend_request")
    assert (s.original_due_at, s.due_at) == (NOW, NOW)
    assert s.reason == "尚未发送好友申请"


def test_a_sent_friend_request_closes_the_hook_even_before_the_status_arrives() -> None:
    # The status may still read not_sent (a pull wrote the server's copy back); the event counts.
    events = [ev(EventKind.REASSIGNED, NOW - 3 * H), ev(EventKind.FRIEND_REQUEST_SENT, NOW - H)]
    assert run(not_sent(), events=events) == []


def test_a_reassigned_lead_needs_a_new_request_from_its_new_operator() -> None:
    # The request sent by the previous owner was reset by the reassignment (lead_moves).
    events = [ev(EventKind.FRIEND_REQUEST_SENT, NOW - 5 * D), ev(EventKind.REASSIGNED, NOW - H)]
    s = one(run(not_sent(created_at=NOW - 9 * D), events=events), "send_friend_request")
    assert s.original_due_at == NOW - H
    assert s.reason == "分到你名下已 1 小时，尚未发送好友申请"


def test_nobody_is_asked_to_befriend_a_customer_in_the_pool() -> None:
    # Back in the pool (recycled, or an unknown buyer from an order file): no one's to contact.
    assert "send_friend_request" not in keys(run(not_sent(owner_id=None)))


def test_no_send_request_hook_once_pending_or_accepted_or_opted_out() -> None:
    assert "send_friend_request" not in keys(run(pending(NOW - 2 * D)))
    assert "send_friend_request" not in keys(run(lead(friend_added_at=NOW - D)))
    assert run(not_sent(opted_out_at=NOW - D)) == []


def test_a_friend_request_is_not_suggested_in_quiet_hours() -> None:
    # Assigned at 21:30 local, now 22:00 local: moves to 09:00 the next morning (01:00 UTC).
    now = datetime(2024, 6, 5, 14, 0, tzinfo=UTC)
    events = [ev(EventKind.REASSIGNED, now - 30 * timedelta(minutes=1))]
    s = one(run(not_sent(), events=events, now=now), "send_friend_request")
    assert s.due_at == datetime(2024, 6, 6, 1, 0, tzinfo=UTC)
    assert s.original_due_at == now - timedelta(minutes=30)
    assert s.pacing_note == "21:00–09:00 为免打扰时段，顺延到次日 09:00"
    assert not s.held


def test_the_team_priority_and_learned_rate_apply_to_the_friend_request() -> None:
    rates = {"send_friend_request": RateEstimate(0.42, 57)}
    found = suggest(
        not_sent(), [], [], [], DEFAULT, rates, NOW, priorities={"send_friend_request": 77}
    )
    s = one(found, "send_friend_request")
    assert (s.priority, s.expected_reply_rate, s.sample_size) == (77, 0.42, 57)


# -- first order -------------------------------------------------------------------


def test_first_order_is_suggested_right_after_the_friend_is_added() -> None:
    s = one(run(lead(friend_added_at=NOW - 3 * H)), "first_order")
    assert s.original_due_at == NOW - 3 * H
    assert s.reason == "通过好友已 3 小时，尚未下首单"


def test_first_order_not_suggested_once_ordered() -> None:
    the_lead = lead(friend_added_at=NOW - 3 * H)
    assert run(the_lead, events=[ev(EventKind.ORDERED, NOW - H)]) == []
    assert "first_order" not in keys(run(the_lead, orders=[order()]))


def test_first_order_is_tried_again_a_day_then_three_days_after_without_an_order() -> None:
    the_lead = lead(friend_added_at=NOW - 3 * H)
    # Two lines of the script at 09:00 today are one try: the second comes a day later.
    first = [
        ev(EventKind.SENT_LINE, NOW - H, "first_order"),
        ev(EventKind.SENT_LINE, NOW - H + timedelta(minutes=2), "first_order"),
    ]
    s = one(run(the_lead, events=first), "first_order")
    assert s.original_due_at == NOW - H + timedelta(minutes=2) + D
    assert s.reason_code == "first_order_retry"
    assert s.reason == "已发过 1 次首单话术（上次 今天），仍未下单：第 2 次跟进（共 3 次）"
    # The second try two days later: the third comes 3 days after it.
    second = [*first, ev(EventKind.SENT_LINE, NOW + 2 * D, "first_order")]
    s = one(run(the_lead, events=second, now=NOW + 2 * D + H), "first_order")
    assert s.original_due_at == NOW + 5 * D
    assert s.reason == "已发过 2 次首单话术（上次 今天），仍未下单：第 3 次跟进（共 3 次）"
    # After the third, first_order is done (next_step parks the customer).
    third = [*second, ev(EventKind.SENT_LINE, NOW + 5 * D, "first_order")]
    assert "first_order" not in keys(run(the_lead, events=third, now=NOW + 5 * D + H))


# -- address confirmation ----------------------------------------------------------


def test_address_is_confirmed_immediately_after_the_first_order() -> None:
    s = one(run(orders=[order()]), "address_confirm")
    assert s.original_due_at == NOW - 2 * H
    assert s.due_at == NOW
    assert s.priority == 95
    assert s.reason == "首单已付款 2 小时，尚未确认地址"


def test_address_confirm_done_once_sent_after_the_first_order() -> None:
    events = [ev(EventKind.SENT_LINE, NOW - H, "address_confirm")]
    assert "address_confirm" not in keys(run(orders=[order()], events=events))


def test_address_confirm_sent_before_this_order_does_not_count() -> None:
    events = [ev(EventKind.SENT_LINE, NOW - 3 * H, "address_confirm")]
    assert "address_confirm" in keys(run(orders=[order()], events=events))


@pytest.mark.parametrize(
    "changes",
    [
        {"status": OrderStatus.REFUNDED, "refunded_at": NOW - H},
        {"status": OrderStatus.CLOSED, "closed_at": NOW - H},
        {"status": OrderStatus.ARRIVED_CITY, "arrived_city_at": NOW - H},
    ],
)
def test_no_address_confirm_for_a_dead_or_arrived_first_order(changes: dict[str, object]) -> None:
    assert "address_confirm" not in keys(run(orders=[order(**changes)]))


def test_without_a_first_order_flag_the_earliest_order_is_the_first() -> None:
    older = order(order_no="XD0", is_first_order=False, ordered_at=NOW - 5 * H)
    newer = order(order_no="XD1", is_first_order=False, ordered_at=NOW - 2 * H)
    assert one(run(orders=[newer, older]), "address_confirm").original_due_at == NOW - 5 * H


# -- invite to personal WeChat -----------------------------------------------------


def test_invite_to_personal_wechat_right_after_the_address_reply() -> None:
    events = [
        ev(EventKind.SENT_LINE, NOW - 90 * timedelta(minutes=1), "address_confirm"),
        ev(EventKind.REPLIED, NOW - H, "address_confirm"),
    ]
    s = one(run(orders=[order()], events=events), "invite_wechat")
    assert s.original_due_at == NOW - H
    assert s.reason == "客户 1 小时前回复了地址确认，邀请加个微并送 ¥10 无门槛券（30 天有效）"
    custom = TeamSettings(wechat_coupon_amount=12.5, wechat_coupon_valid_days=15)
    s = one(run(orders=[order()], events=events, settings=custom), "invite_wechat")
    assert s.reason.endswith("送 ¥12.5 无门槛券（15 天有效）")


@pytest.mark.parametrize(
    "extra",
    [
        [ev(EventKind.ADDED_WECHAT, NOW - 30 * timedelta(minutes=1))],
        [ev(EventKind.SENT_LINE, NOW - 50 * timedelta(minutes=1), "invite_wechat")],
        [
            ev(EventKind.SENT_LINE, NOW - 50 * timedelta(minutes=1), "invite_wechat"),
            ev(EventKind.NO_REPLY, NOW - 5 * timedelta(minutes=1), "invite_wechat"),
        ],
    ],
)
def test_invite_wechat_done_once_added_or_invited(extra: list[EventFacts]) -> None:
    events = [ev(EventKind.REPLIED, NOW - H, "address_confirm"), *extra]
    assert "invite_wechat" not in keys(run(events=events))


def test_no_wechat_invite_without_an_address_reply() -> None:
    events = [
        ev(EventKind.SENT_LINE, NOW - 30 * H, "address_confirm"),
        ev(EventKind.NO_REPLY, NOW - 6 * H, "address_confirm"),
    ]
    assert "invite_wechat" not in keys(run(events=events))


# -- receipt reminder --------------------------------------------------------------


def arrived(**kw: object) -> OrderFacts:
    base: dict[str, object] = {
        "status": OrderStatus.ARRIVED_CITY,
        "ordered_at": NOW - 3 * D,
        "shipped_at": NOW - 2 * D,
        "arrived_city_at": NOW - 3 * H,
    }
    base.update(kw)
    return order(**base)


def test_receipt_reminder_when_the_parcel_reaches_the_city() -> None:
    s = one(run(orders=[arrived()]), "receipt_reminder")
    assert s.original_due_at == NOW - 3 * H
    assert s.reason == "包裹到达同城已 3 小时，尚未签收"


def test_receipt_reminder_done_once_sent_after_arrival() -> None:
    events = [ev(EventKind.SENT_LINE, NOW - H, "receipt_reminder")]
    assert "receipt_reminder" not in keys(run(orders=[arrived()], events=events))
    earlier = [ev(EventKind.SENT_LINE, NOW - 20 * D, "receipt_reminder")]  # an older parcel
    assert "receipt_reminder" in keys(run(orders=[arrived()], events=earlier))


@pytest.mark.parametrize(
    "changes",
    [
        {"status": OrderStatus.SIGNED, "signed_at": NOW - H},
        {"status": OrderStatus.REFUNDED, "refunded_at": NOW - H},
        {"status": OrderStatus.CLOSED, "closed_at": NOW - H},
        {"status": OrderStatus.REFUNDED},  # status alone, no refund time
    ],
)
def test_no_receipt_reminder_for_signed_refunded_or_closed_orders(
    changes: dict[str, object],
) -> None:
    assert "receipt_reminder" not in keys(run(orders=[arrived(**changes)]))


# -- group invitation --------------------------------------------------------------


def test_group_invitation_after_a_reply_to_the_receipt_reminder() -> None:
    events = [
        ev(EventKind.SENT_LINE, NOW - H, "receipt_reminder"),
        ev(EventKind.REPLIED, NOW - 30 * timedelta(minutes=1), "receipt_reminder"),
    ]
    s = one(run(events=events), "invite_group")
    assert s.original_due_at == NOW - 30 * timedelta(minutes=1)
    assert s.reason == "客户 30 分钟前回复了签收提醒，尚未进群"


def test_group_invitation_done_once_joined_or_invited() -> None:
    reply = ev(EventKind.REPLIED, NOW - H, "receipt_reminder")
    joined = ev(EventKind.JOINED_GROUP, NOW - 10 * timedelta(minutes=1))
    invited = ev(EventKind.SENT_LINE, NOW - 50 * timedelta(minutes=1), "invite_group")
    assert "invite_group" not in keys(run(events=[reply, joined]))
    assert "invite_group" not in keys(run(events=[reply, invited]))
    no_reply = ev(EventKind.NO_REPLY, NOW - H, "receipt_reminder")
    assert "invite_group" not in keys(run(events=[no_reply]))


# -- experience follow-up and recipe guidance --------------------------------------


def signed(days_ago: float, **kw: object) -> OrderFacts:
    at = NOW - days_ago * D
    base: dict[str, object] = {
        "status": OrderStatus.SIGNED,
        "ordered_at": at - 3 * D,
        "arrived_city_at": at - 5 * H,
        "signed_at": at,
    }
    base.update(kw)
    return order(**base)


def test_experience_follow_up_three_days_after_receipt() -> None:
    s = one(run(orders=[signed(4)]), "experience_followup")
    assert s.original_due_at == NOW - D  # signed 4 days ago + 3 days
    assert s.reason == "已签收 4 天，签收后第 3 天回访产品体验"


def test_experience_follow_up_not_yet_due_is_listed_ahead() -> None:
    s = one(run(orders=[signed(1)]), "experience_followup")
    assert s.original_due_at == NOW + 2 * D
    assert s.due_at == NOW + 2 * D
    assert "recipe_guide" in keys(run(orders=[signed(1)]))  # due in 6 days


def test_recipe_guidance_seven_days_after_receipt() -> None:
    s = one(run(orders=[signed(8)]), "recipe_guide")
    assert s.original_due_at == NOW - D  # signed 8 days ago + 7 days
    assert s.reason == "已签收 8 天，签收后第 7 天分享食谱"


def test_follow_ups_done_once_sent_after_receipt() -> None:
    events = [
        ev(EventKind.SENT_LINE, NOW - 5 * D, "experience_followup"),  # after the 8-day receipt
        ev(EventKind.SENT_LINE, NOW - 9 * D, "recipe_guide"),  # before it: an older order's
    ]
    assert keys(run(orders=[signed(8)], events=events)) == ["recipe_guide"]


@pytest.mark.parametrize(
    "changes",
    [
        {"status": OrderStatus.REFUNDED, "refunded_at": NOW - 6 * D},
        {"status": OrderStatus.CLOSED, "closed_at": NOW - 6 * D},
        {"refunded_at": NOW - 6 * D},  # time set, status not updated yet
    ],
)
def test_no_follow_ups_for_refunded_or_closed_orders(changes: dict[str, object]) -> None:
    assert run(orders=[signed(8, **changes)]) == []


def test_follow_ups_are_about_the_latest_receipt_and_lapse_after_a_month() -> None:
    # Signed 31 days ago: past winback_min_days (30) after receipt, no longer a follow-up.
    assert run(orders=[signed(31)]) == []
    # A refunded latest order silences follow-ups for the older one as well.
    older = signed(8, order_no="XD0")
    latest = signed(4, order_no="XD1", is_first_order=False, status=OrderStatus.REFUNDED)
    assert run(orders=[older, latest]) == []


def test_signed_status_without_a_time_gives_no_follow_up() -> None:
    assert run(orders=[order(status=OrderStatus.SIGNED)]) == []


# -- birthday care -----------------------------------------------------------------


def test_birthday_care_three_days_before_at_the_start_of_allowed_hours() -> None:
    s = one(run(lead(birthday=date(1990, 6, 7))), "birthday_care")
    # Window opens 2024-06-04; 09:00 local is 01:00 UTC.
    assert s.original_due_at == datetime(2024, 6, 4, 1, 0, tzinfo=UTC)
    assert s.pacing_note == ""
    assert s.reason == "客户 6月7日过生日，还有 2 天，送上生日关怀"


def test_birthday_today_still_gets_care() -> None:
    s = one(run(lead(birthday=date(1990, 6, 5))), "birthday_care")
    assert s.original_due_at == datetime(2024, 6, 2, 1, 0, tzinfo=UTC)
    assert s.reason == "客户今天过生日，送上生日关怀"


def test_birthday_care_done_once_sent_in_the_window() -> None:
    events = [ev(EventKind.SENT_LINE, datetime(2024, 6, 4, 2, 0, tzinfo=UTC), "birthday_care")]
    assert run(lead(birthday=date(1990, 6, 7)), events=events) == []


def test_after_the_birthday_next_years_is_listed() -> None:
    s = one(run(lead(birthday=date(1990, 6, 1))), "birthday_care")
    assert s.original_due_at == datetime(2025, 5, 29, 1, 0, tzinfo=UTC)  # 2025-06-01 - 3 d, 09:00


def test_birthday_window_across_new_year() -> None:
    now = datetime(2024, 12, 30, 2, 0, tzinfo=UTC)  # 2024-12-30 10:00 local
    s = one(run(lead(birthday=date(1985, 1, 1)), now=now), "birthday_care")
    assert s.original_due_at == datetime(2024, 12, 29, 1, 0, tzinfo=UTC)
    assert s.reason == "客户 1月1日过生日，还有 2 天，送上生日关怀"


def test_29_february_birthday_uses_28_february_in_a_common_year() -> None:
    now = datetime(2025, 2, 25, 2, 0, tzinfo=UTC)  # 2025 is not a leap year
    s = one(run(lead(birthday=date(1992, 2, 29)), now=now), "birthday_care")
    assert s.original_due_at == datetime(2025, 2, 25, 1, 0, tzinfo=UTC)  # 02-28 - 3 days
    assert s.reason == "客户 2月28日过生日（2月29日出生，平年按 2月28日），还有 3 天，送上生日关怀"


def test_29_february_birthday_in_a_leap_year() -> None:
    now = datetime(2024, 2, 25, 2, 0, tzinfo=UTC)
    s = one(run(lead(birthday=date(1992, 2, 29)), now=now), "birthday_care")
    assert s.original_due_at == datetime(2024, 2, 26, 1, 0, tzinfo=UTC)  # 02-29 - 3 days
    assert s.reason == "客户 2月29日过生日，还有 4 天，送上生日关怀"


def test_no_birthday_no_birthday_care() -> None:
    assert run(lead(birthday=None)) == []


# -- coupon expiry -----------------------------------------------------------------

ISSUED = datetime(2024, 5, 8, 2, 0, tzinfo=UTC)  # 10:00 local; expires 06-07 10:00 local


def coupon(**kw: object) -> CouponFacts:
    base: dict[str, object] = {"amount": 10.0, "issued_at": ISSUED, "expires_at": ISSUED + 30 * D}
    base.update(kw)
    return CouponFacts(**base)  # type: ignore[arg-type]


def test_coupon_expiry_reminder_three_days_before_expiry() -> None:
    s = one(run(coupons=[coupon()]), "coupon_expiry")
    assert s.original_due_at == datetime(2024, 6, 4, 2, 0, tzinfo=UTC)
    assert s.reason == "¥10 优惠券 6月7日到期，还有 2 天，提醒客户使用"


def test_the_soonest_expiring_coupon_is_the_one_reminded() -> None:
    later = coupon(amount=20.0, expires_at=ISSUED + 40 * D)
    s = one(run(coupons=[later, coupon()]), "coupon_expiry")
    assert s.original_due_at == datetime(2024, 6, 4, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "changes",
    [{"used_at": NOW - D}, {"expires_at": NOW - H}],
)
def test_no_reminder_for_a_used_or_expired_coupon(changes: dict[str, object]) -> None:
    assert run(coupons=[coupon(**changes)]) == []


def test_coupon_reminder_done_once_sent_on_its_day() -> None:
    # Due 06-04 10:00 local; sent at 08:30 local that day (00:30 UTC) still counts.
    events = [ev(EventKind.SENT_LINE, datetime(2024, 6, 4, 0, 30, tzinfo=UTC), "coupon_expiry")]
    assert run(coupons=[coupon()], events=events) == []
    # A reminder for an earlier coupon, before this one's day, does not.
    earlier = [ev(EventKind.SENT_LINE, NOW - 10 * D, "coupon_expiry")]
    assert keys(run(coupons=[coupon()], events=earlier)) == ["coupon_expiry"]


# -- win-back ----------------------------------------------------------------------


def history(*amounts: float, last_days_ago: float = 40, **last: object) -> list[OrderFacts]:
    """Orders 15 days apart, the last one ``last_days_ago``; ``last`` changes the last one."""
    orders = []
    for i, amount in enumerate(amounts):
        at = NOW - (last_days_ago + 15 * (len(amounts) - 1 - i)) * D
        fields: dict[str, object] = {
            "order_no": f"XD{i}",
            "amount": amount,
            "is_first_order": i == 0,
            "status": OrderStatus.SIGNED,
            "ordered_at": at,
            "signed_at": at + 2 * D,
        }
        if i == len(amounts) - 1:
            fields.update(last)
        orders.append(order(**fields))
    return orders


def test_winback_of_an_important_customer_about_to_churn() -> None:
    result = run(orders=history(200, 200, 150))
    assert keys(result) == ["winback"]  # follow-ups of a 38-day-old receipt have lapsed
    s = result[0]
    assert s.original_due_at == NOW - 10 * D  # last order 40 days ago + 30
    assert s.reason == "已下单 3 次、累计消费 ¥550，距上次下单 40 天"


def test_winback_boundaries_are_inclusive() -> None:
    assert "winback" in keys(run(orders=history(200, 200, 100)))  # exactly ¥500
    assert "winback" in keys(run(orders=history(200, 200, 150, last_days_ago=60)))


@pytest.mark.parametrize(
    "orders",
    [
        history(300, 300),  # 2 orders
        history(200, 200, 99),  # ¥499
        history(200, 200, 150, last_days_ago=61),  # gone, not about to go
        history(200, 200, 150, status=OrderStatus.REFUNDED, refunded_at=NOW - 30 * D),
    ],
)
def test_no_winback_for_customers_who_are_not_important_or_already_gone(
    orders: list[OrderFacts],
) -> None:
    assert "winback" not in keys(run(orders=orders))


def test_winback_done_once_sent_after_the_last_order() -> None:
    events = [ev(EventKind.SENT_LINE, NOW - 5 * D, "winback")]
    assert run(orders=history(200, 200, 150), events=events) == []


def test_winback_of_a_recent_buyer_is_listed_ahead() -> None:
    s = one(run(orders=history(200, 200, 150, last_days_ago=10)), "winback")
    assert s.original_due_at == NOW + 20 * D


# -- the list: order, rates, pacing ------------------------------------------------


def test_sorted_overdue_first_then_due_time_then_priority() -> None:
    events = [
        ev(EventKind.REPLIED, NOW - H, "address_confirm"),  # invite_wechat, 80, overdue
        ev(EventKind.REPLIED, NOW - 3 * H, "receipt_reminder"),  # invite_group, 70, overdue
    ]
    result = run(
        orders=[signed(1, order_no="XD1")],  # experience in 2 days, recipe in 6
        coupons=[coupon(expires_at=NOW + 20 * D)],  # reminder in 17 days
        events=events,
    )
    assert keys(result) == [
        "invite_wechat",
        "invite_group",
        "experience_followup",
        "recipe_guide",
        "coupon_expiry",
    ]
    assert [s.due_at for s in result[:2]] == [NOW, NOW]  # overdue: act now
    assert [s.original_due_at for s in result[:2]] == [NOW - H, NOW - 3 * H]


def test_due_exactly_now_is_not_overdue() -> None:
    events = [ev(EventKind.REPLIED, NOW - 3 * H, "receipt_reminder")]  # invite_group, 70
    result = run(orders=[order(ordered_at=NOW)], events=events)  # address_confirm, 95, due now
    assert keys(result) == ["invite_group", "address_confirm"]
    assert [s.due_at for s in result] == [NOW, NOW]


def test_expected_reply_rate_is_the_learned_rate_with_its_sample_size() -> None:
    rates = {"address_confirm": RateEstimate(0.7, 10)}
    s = one(run(orders=[order()], rates=rates), "address_confirm")
    assert (s.expected_reply_rate, s.sample_size) == (0.7, 10)


def test_without_team_data_the_expected_rate_is_the_seed_prior() -> None:
    s = one(run(orders=[order()]), "address_confirm")
    assert (s.expected_reply_rate, s.sample_size) == (0.9, 0)


def test_team_priorities_override_the_seed() -> None:
    result = suggest(lead(), [order()], [], [], DEFAULT, {}, NOW, priorities={"address_confirm": 5})
    assert one(result, "address_confirm").priority == 5


def test_a_suggestion_in_quiet_hours_moves_and_says_why() -> None:
    late = datetime(2024, 6, 5, 14, 0, tzinfo=UTC)  # 22:00 local
    s = one(run(orders=[order(ordered_at=late - 2 * H)], now=late), "address_confirm")
    assert s.original_due_at == late - 2 * H
    assert s.due_at == datetime(2024, 6, 6, 1, 0, tzinfo=UTC)  # Thu 09:00 local
    assert s.pacing_note == "21:00–09:00 为免打扰时段，顺延到次日 09:00"


def test_a_future_due_time_at_20_59_stays_and_at_21_00_moves() -> None:
    # Signed Sun 2024-06-02 20:59 local (12:59 UTC): follow-up due Wed 20:59, allowed.
    s = one(
        run(orders=[signed(0, signed_at=datetime(2024, 6, 2, 12, 59, tzinfo=UTC))]),
        "experience_followup",
    )
    assert s.due_at == datetime(2024, 6, 5, 12, 59, tzinfo=UTC)
    s = one(
        run(orders=[signed(0, signed_at=datetime(2024, 6, 2, 13, 0, tzinfo=UTC))]),
        "experience_followup",
    )
    assert s.due_at == datetime(2024, 6, 6, 1, 0, tzinfo=UTC)


def test_a_capped_suggestion_moves_past_the_oldest_touch() -> None:
    # Touched Sat 06-01, Mon 06-03 and Tue 06-04 (10:00 local); today (Wed) is not
    # touched yet, so today would be a 4th touch. 06-01 leaves on 06-08: 09:00 local.
    touches = [
        ev(EventKind.CUSTOM_MESSAGE, datetime(2024, 6, d, 2, 0, tzinfo=UTC)) for d in (1, 3, 4)
    ]
    s = one(run(orders=[order()], events=touches), "address_confirm")
    assert s.due_at == datetime(2024, 6, 8, 1, 0, tzinfo=UTC)
    assert s.pacing_note == "近 7 天已触达 3 次（上限 3 次），顺延到 6月8日 09:00"


# -- bad input ---------------------------------------------------------------------


def test_a_lead_with_nothing_known_gets_only_the_friend_request() -> None:
    # Nothing known but that it is not a friend yet: only "send the friend request", due now.
    assert [(s.hook_key, s.due_at) for s in run(LeadState(id="L3", owner_id="wang"))] == [
        ("send_friend_request", NOW)
    ]
    assert run(lead(friend_added_at=None)) == []  # accepted, but no time: no first-order hook


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        run(now=datetime(2024, 6, 5, 10, 0))
    with pytest.raises(ValueError, match="ordered_at"):
        order(ordered_at=datetime(2024, 6, 5, 8, 0))
    with pytest.raises(ValueError, match="occurred_at"):
        ev(EventKind.REPLIED, datetime(2024, 6, 5, 8, 0))


def test_times_in_another_offset_are_the_same_instants() -> None:
    from zoneinfo import ZoneInfo

    local_now = NOW.astimezone(ZoneInfo("Asia/Shanghai"))
    assert run(orders=[order()], now=local_now) == run(orders=[order()])


def test_quiet_hours_that_do_not_span_midnight_apply_too() -> None:
    lunch = TeamSettings(quiet_hours_start=time(9, 30), quiet_hours_end=time(11, 0))
    s = one(run(orders=[order()], settings=lunch), "address_confirm")  # now 10:00 local
    assert s.due_at == datetime(2024, 6, 5, 3, 0, tzinfo=UTC)  # 11:00 local
    assert s.pacing_note == "09:30–11:00 为免打扰时段，顺延到当天 11:00"


# -- follow_up (added by the lead) ------------------------------------------------------


def test_follow_up_is_due_at_the_time_the_operator_set() -> None:
    from datetime import UTC, datetime

    from operator_app.core.hooks import EventFacts, LeadState, suggest
    from operator_app.core.team_settings import TeamSettings

    at = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
    lead = LeadState(
        id="L1",
        friend_status="accepted",
        next_follow_up_at=at,
        friend_added_at=datetime(2026, 10, 1, tzinfo=UTC),
    )
    now = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
    orders_placed = []  # first_order would also be open; keep only follow_up in view
    keys = [s.hook_key for s in suggest(lead, orders_placed, [], [], TeamSettings(), {}, now)]
    assert "follow_up" in keys
    follow = next(
        s for s in suggest(lead, [], [], [], TeamSettings(), {}, now) if s.hook_key == "follow_up"
    )
    assert follow.reason == "约定 11-20 10:00 跟进"
    assert follow.original_due_at == at

    sent_after = EventFacts(kind="sent_line", occurred_at=datetime(2026, 11, 20, 2, 30, tzinfo=UTC))
    keys = [s.hook_key for s in suggest(lead, [], [], [sent_after], TeamSettings(), {}, now)]
    assert "follow_up" not in keys
    sent_before = EventFacts(kind="sent_line", occurred_at=datetime(2026, 11, 19, 2, 0, tzinfo=UTC))
    keys = [s.hook_key for s in suggest(lead, [], [], [sent_before], TeamSettings(), {}, now)]
    assert "follow_up" in keys


def test_a_follow_up_agreed_for_later_holds_the_hooks_due_before_it() -> None:
    # Friend added 3 h ago: first order is due now. The operator agrees "tomorrow
    # 10:00" with the customer: today's list must not still ask for the first order.
    tomorrow = NOW + D
    agreed = lead(friend_added_at=NOW - 3 * H, next_follow_up_at=tomorrow)

    assert keys(run(agreed)) == ["follow_up"]
    assert run(agreed)[0].due_at == tomorrow
    # Once the agreed time has come, the held first order is back beside it.
    assert set(keys(run(agreed, now=tomorrow + H))) == {"follow_up", "first_order"}


def test_immediate_steps_expire_after_the_team_setting() -> None:
    from datetime import UTC, datetime, timedelta

    from operator_app.core.hooks import LeadState, suggest
    from operator_app.core.team_settings import TeamSettings

    added = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)
    lead = LeadState(id="L2", friend_status="accepted", friend_added_at=added)
    settings = TeamSettings(chain_step_expiry_days=7)
    # 7 days after the friend was added: still worth a first-order message...
    at_7 = suggest(lead, [], [], [], settings, {}, added + timedelta(days=7))
    assert "first_order" in [s.hook_key for s in at_7]
    # ...8 days after, the moment has passed.
    at_8 = suggest(lead, [], [], [], settings, {}, added + timedelta(days=8))
    assert "first_order" not in [s.hook_key for s in at_8]


def test_recycle_countdown_restarts_at_the_latest_activity() -> None:
    from datetime import UTC, datetime, timedelta

    from operator_app.core.hooks import EventFacts, LeadState, recycle_due_at
    from operator_app.core.team_settings import TeamSettings

    requested = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)
    lead = LeadState(
        id="L3", owner_id="wang", friend_status="pending", friend_requested_at=requested
    )
    settings = TeamSettings(friend_request_recycle_days=7)
    assert recycle_due_at(lead, settings) == requested + timedelta(days=7)

    def by(who: str | None, kind: str, days: int) -> EventFacts:
        return EventFacts(kind=kind, occurred_at=requested + timedelta(days=days), operator_id=who)

    note = by("wang", "note", 3)
    revealed = by("wang", "phone_revealed", 5)
    # A note 3 days in restarts the 7 days; looking up the phone does not.
    assert recycle_due_at(lead, settings, [note, revealed]) == requested + timedelta(days=10)
    # Only the owner's own events count (as data.lead_moves._last_activity): a
    # teammate's note, the team lead's move or the app's event do not.
    others = [by("li", "note", 4), by("boss", "reassigned", 6), by(None, "note", 6)]
    assert recycle_due_at(lead, settings, [note, *others]) == requested + timedelta(days=10)
    # An event from before the request does not restart anything.
    assert recycle_due_at(lead, settings, [by("wang", "note", -1)]) == requested + timedelta(days=7)


def test_follow_up_says_what_was_agreed_cut_to_a_list_cell() -> None:
    at = NOW + 2 * H  # 12:00 local
    agreed = lead(
        next_follow_up_at=at, follow_up_note="  客户想等发工资后再下单，\n约好那天提醒她用券 "
    )
    s = one(run(agreed), "follow_up")
    assert s.reason_code == "follow_up_agreed"
    assert s.reason == "约定 06-05 12:00 跟进：客户想等发工资后再下单， 约好那天提醒她用券"
    long_note = "甲" * 50
    s = one(run(lead(next_follow_up_at=at, follow_up_note=long_note)), "follow_up")
    assert s.reason == "约定 06-05 12:00 跟进：" + "甲" * 39 + "…"


def test_a_lead_assigned_this_minute_reads_just_assigned_not_zero_minutes() -> None:
    s = one(run(not_sent(), events=[ev(EventKind.REASSIGNED, NOW)]), "send_friend_request")
    assert (s.reason_code, s.reason) == ("just_assigned", "刚分到你名下，尚未发送好友申请")
    assert s.original_due_at == NOW
