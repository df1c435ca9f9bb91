"""The next-hook engine: what to contact a customer about next, when, and why.

Pure Python over small frozen facts the data layer fills in. One rule per
hook of the chain in domain.md (钩子); each rule sees the lead, its orders,
coupons and contact history and returns at most one due hook. A hook is
*done* once the contact history shows the step happened — the script was
sent (whatever the customer answered; the outcome is in replied/no_reply),
or the goal was reached (added the personal WeChat, joined the group).

``suggest`` lists every hook still open, including ones due later, so the
data layer can also keep ``lead.next_follow_up_at``; the queue shows what is
due. Pacing (pacing.py) then moves each suggestion to a time it may be sent.
"""

from __future__ import annotations

import calendar
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import cache

from operator_app.core import distribution, reason_text
from operator_app.core.domain import EventKind, FriendStatus, OrderStatus
from operator_app.core.pacing import (
    OUTBOUND,
    next_allowed_time,
    pace,
    require_aware,
    touch_days,
)
from operator_app.core.reply_rate import RateEstimate
from operator_app.core.team_settings import TeamSettings
from operator_app.paths import resource_path

# Not a team setting yet: how long a friend request may wait before the
# operator is reminded to send it again (never later than half-way to recycling).
RESEND_FRIEND_REQUEST_AFTER = timedelta(days=1)
# 首单转化 is tried again while no order comes: the n-th try is followed by the
# (n+1)-th after FIRST_ORDER_RETRY_DAYS[n-1] days. One try per local day (a
# two-line script is one try). After the last, the lead is parked (next_step.py).
FIRST_ORDER_RETRY_DAYS = (1, 3)
FIRST_ORDER_TRIES = len(FIRST_ORDER_RETRY_DAYS) + 1
# The agreed note in a 约定跟进 reason is cut to this many characters (a list cell).
AGREED_NOTE_CHARS = 40


class HookKey(StrEnum):
    """The hooks of resources/seed/hooks.json."""

    SEND_FRIEND_REQUEST = "send_friend_request"
    FRIEND_REQUEST_PENDING = "friend_request_pending"
    FIRST_ORDER = "first_order"
    ADDRESS_CONFIRM = "address_confirm"
    INVITE_WECHAT = "invite_wechat"
    RECEIPT_REMINDER = "receipt_reminder"
    INVITE_GROUP = "invite_group"
    EXPERIENCE_FOLLOWUP = "experience_followup"
    RECIPE_GUIDE = "recipe_guide"
    BIRTHDAY_CARE = "birthday_care"
    HOLIDAY_CARE = "holiday_care"  # needs a holiday calendar: no rule yet
    COUPON_EXPIRY = "coupon_expiry"
    WINBACK = "winback"
    FOLLOW_UP = "follow_up"  # the operator's own "contact again at …"
    CHECK_IN = "check_in"  # nothing else open soon: keep in touch (next_step.py)


class _AwareTimes:
    """Refuses naive datetimes: every time the engine sees is an instant."""

    def __post_init__(self) -> None:
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if isinstance(value, datetime):
                require_aware(value, f"{type(self).__name__}.{f.name}")


@dataclass(frozen=True, kw_only=True)
class LeadState(_AwareTimes):
    id: uuid.UUID | str
    owner_id: uuid.UUID | str | None = None  # None: in the pool
    name: str = ""
    channel: str | None = None
    friend_status: str = FriendStatus.NOT_SENT
    friend_requested_at: datetime | None = None  # the first request: the recycle clock
    friend_added_at: datetime | None = None
    birthday: date | None = None
    opted_out_at: datetime | None = None
    next_follow_up_at: datetime | None = None
    # First seen: the import file's 添加时间, else when it was imported or created.
    created_at: datetime | None = None
    # What was agreed for next_follow_up_at (the note written with it), "" if none.
    follow_up_note: str = ""


@dataclass(frozen=True, kw_only=True)
class OrderFacts(_AwareTimes):
    order_no: str
    amount: float
    status: str  # an OrderStatus value
    is_first_order: bool
    ordered_at: datetime
    shipped_at: datetime | None = None
    arrived_city_at: datetime | None = None
    signed_at: datetime | None = None
    refunded_at: datetime | None = None
    closed_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class CouponFacts(_AwareTimes):
    amount: float
    issued_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class EventFacts(_AwareTimes):
    kind: str  # an EventKind value
    occurred_at: datetime
    operator_id: uuid.UUID | str | None = None  # who logged it; None: the app (a recycle)
    hook_key: str | None = None
    template_id: uuid.UUID | str | None = None
    line_no: int | None = None


@dataclass(frozen=True)
class Suggestion:
    """A hook to act on: when (after pacing), why, and how likely a reply is."""

    hook_key: str
    due_at: datetime  # the earliest allowed time, never before "now"
    original_due_at: datetime  # when the chain wants it; before "now" means overdue
    priority: int
    reason: str
    pacing_note: str  # why due_at differs, or ""
    expected_reply_rate: float
    sample_size: int
    # Held back by the weekly touch cap (not just quiet hours): not "overdue",
    # since sending it now would break the cap.
    held: bool = False
    # The reason as a code and its parameters (reason_text.py words it); ""
    # for the older rules, whose ``reason`` is still worded here.
    reason_code: str = ""
    reason_params: Mapping[str, object] = field(default_factory=dict, compare=False)
    # Nothing to do before due_at: waiting for the customer or the chain
    # (next_step.py); scheduled, never overdue.
    parked: bool = False


@dataclass(frozen=True)
class _Due:
    key: HookKey
    at: datetime
    reason: str
    code: str = ""
    params: Mapping[str, object] = field(default_factory=dict)

    @classmethod
    def coded(cls, key: HookKey, at: datetime, code: str, **params: object) -> _Due:
        return cls(key, at, reason_text.render(code, params), code, params)


@dataclass(frozen=True)
class _Case:
    """One lead's facts as the rules see them."""

    lead: LeadState
    orders: Sequence[OrderFacts]
    coupons: Sequence[CouponFacts]
    events: Sequence[EventFacts]
    settings: TeamSettings
    now: datetime

    def times(self, kind: EventKind, hook: HookKey | None = None) -> list[datetime]:
        return [
            e.occurred_at
            for e in self.events
            if e.kind == kind and (hook is None or e.hook_key == hook)
        ]

    def has(
        self, kind: EventKind, hook: HookKey | None = None, since: datetime | None = None
    ) -> bool:
        return any(since is None or t >= since for t in self.times(kind, hook))

    def day_start(self, day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=self.settings.timezone)

    def local_date(self, at: datetime) -> date:
        return at.astimezone(self.settings.timezone).date()


# -- order facts ----------------------------------------------------------------------


def is_dead(order: OrderFacts) -> bool:
    """Refunded or closed: no address, receipt or experience hooks for it."""
    return (
        order.status in (OrderStatus.REFUNDED, OrderStatus.CLOSED)
        or order.refunded_at is not None
        or order.closed_at is not None
    )


def has_arrived(order: OrderFacts) -> bool:
    return (
        order.arrived_city_at is not None
        or order.signed_at is not None
        or order.status in (OrderStatus.ARRIVED_CITY, OrderStatus.SIGNED)
    )


def _first_order(orders: Sequence[OrderFacts]) -> OrderFacts | None:
    """The order flagged first; without a flag (imported history), the earliest."""
    flagged = [o for o in orders if o.is_first_order] or list(orders)
    return min(flagged, key=lambda o: o.ordered_at, default=None)


# -- phrases ----------------------------------------------------------------------------


def _span(delta: timedelta) -> str:
    """A duration as "15 分钟" / "2 小时" / "3 天", rounded down."""
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} 分钟"
    if minutes < 24 * 60:
        return f"{minutes // 60} 小时"
    return f"{minutes // (24 * 60)} 天"


def _yuan(amount: float) -> str:
    return f"¥{amount:.0f}" if float(amount).is_integer() else f"¥{amount:.2f}".rstrip("0")


def _month_day(day: date) -> str:
    return f"{day.month}月{day.day}日"


# -- the rules, in chain order -----------------------------------------------------------


def _send_friend_request(c: _Case) -> _Due | None:
    """发送好友申请 (domain.md, Leads): a lead the operator has not asked to be
    friends yet, from the moment it landed with them: the latest "reassigned"
    event (an import that gives the lead an owner logs one, as does every move
    in data.lead_moves), else its creation. Done once a request was sent since
    then, even while the status still reads not_sent. Not for a lead in the
    pool: nobody is to contact it until the team lead hands it to someone."""
    if c.lead.friend_status != FriendStatus.NOT_SENT or c.lead.owner_id is None:
        return None
    assigned = max(c.times(EventKind.REASSIGNED), default=c.lead.created_at)
    since = assigned or datetime.min.replace(tzinfo=c.now.tzinfo)
    if c.has(EventKind.FRIEND_REQUEST_SENT, since=since):
        return None
    if assigned is None:
        return _Due(HookKey.SEND_FRIEND_REQUEST, c.now, "尚未发送好友申请")
    if c.now - assigned < timedelta(minutes=1):
        return _Due.coded(HookKey.SEND_FRIEND_REQUEST, assigned, "just_assigned")
    reason = f"分到你名下已 {_span(c.now - assigned)}，尚未发送好友申请"
    return _Due(HookKey.SEND_FRIEND_REQUEST, assigned, reason)


def _friend_request_pending(c: _Case) -> _Due | None:
    """好友申请未通过 (domain.md, Leads): still pending a day after it was sent —
    remind the operator to send it again, once. It lapses when the lead is due
    back in the pool (``recycle_due_at``); the import issue acts on that."""
    requested = c.lead.friend_requested_at
    recycle = recycle_due_at(c.lead, c.settings, c.events)
    if requested is None or recycle is None or c.now >= recycle:
        return None
    resent = c.times(EventKind.FRIEND_REQUEST_SENT) + c.times(
        EventKind.SENT_LINE, HookKey.FRIEND_REQUEST_PENDING
    )
    if any(t > requested for t in resent):
        return None  # sent again already (or its reminder script was)
    due = requested + min(RESEND_FRIEND_REQUEST_AFTER, (recycle - requested) / 2)
    reason = (
        f"好友申请已发出 {_span(c.now - requested)}，尚未通过，"
        f"再过 {_span(recycle - c.now)}退回公海"
    )
    return _Due(HookKey.FRIEND_REQUEST_PENDING, due, reason)


def _first_order_hook(c: _Case) -> _Due | None:
    """首单转化: right after the friend is added, while the customer has never
    ordered; tried again after FIRST_ORDER_RETRY_DAYS while no order comes,
    FIRST_ORDER_TRIES times in all (then next_step.py parks the lead)."""
    added = c.lead.friend_added_at
    if added is None or c.orders or c.has(EventKind.ORDERED):
        return None
    sent = c.times(EventKind.SENT_LINE, HookKey.FIRST_ORDER)
    tries = len({c.local_date(t) for t in sent})
    if tries == 0:
        return _Due(HookKey.FIRST_ORDER, added, f"通过好友已 {_span(c.now - added)}，尚未下首单")
    if tries >= FIRST_ORDER_TRIES:
        return None
    last = max(sent)
    due = last + timedelta(days=FIRST_ORDER_RETRY_DAYS[tries - 1])
    return _Due.coded(
        HookKey.FIRST_ORDER,
        due,
        "first_order_retry",
        tries=tries,
        days_since=(c.local_date(c.now) - c.local_date(last)).days,
        next_try=tries + 1,
        of=FIRST_ORDER_TRIES,
    )


def _address_confirm(c: _Case) -> _Due | None:
    """地址确认: immediately after the first order, until the parcel reaches the
    customer's city; done once a line was sent or a reply logged after the order.
    Not for a refunded or closed first order."""
    first = _first_order(c.orders)
    if first is None or is_dead(first) or has_arrived(first):
        return None
    since = first.ordered_at
    if c.has(EventKind.SENT_LINE, HookKey.ADDRESS_CONFIRM, since) or c.has(
        EventKind.REPLIED, HookKey.ADDRESS_CONFIRM, since
    ):
        return None
    reason = f"首单已付款 {_span(c.now - since)}，尚未确认地址"
    return _Due(HookKey.ADDRESS_CONFIRM, since, reason)


def _invite_wechat(c: _Case) -> _Due | None:
    """入个微: right after the customer's first reply to the address check, with
    the no-threshold coupon (wechat_coupon_amount, wechat_coupon_valid_days).
    Invited once: done once they added the personal WeChat or an invitation
    line was sent, whatever the answer."""
    replies = c.times(EventKind.REPLIED, HookKey.ADDRESS_CONFIRM)
    if not replies or c.has(EventKind.ADDED_WECHAT):
        return None
    if c.has(EventKind.SENT_LINE, HookKey.INVITE_WECHAT):
        return None
    at, s = min(replies), c.settings
    reason = (
        f"客户 {_span(c.now - at)}前回复了地址确认，邀请加个微并送 "
        f"{_yuan(s.wechat_coupon_amount)} 无门槛券（{s.wechat_coupon_valid_days} 天有效）"
    )
    return _Due(HookKey.INVITE_WECHAT, at, reason)


def _receipt_reminder(c: _Case) -> _Due | None:
    """签收提醒: when a parcel reaches the customer's city and is not signed for
    yet; done once a reminder was sent after that arrival. Not for refunded or
    closed orders. With several parcels waiting, the earliest arrival."""
    arrivals = [
        o.arrived_city_at
        for o in c.orders
        if o.arrived_city_at is not None
        and o.signed_at is None
        and o.status != OrderStatus.SIGNED
        and not is_dead(o)
        and not c.has(EventKind.SENT_LINE, HookKey.RECEIPT_REMINDER, o.arrived_city_at)
    ]
    if not arrivals:
        return None
    at = min(arrivals)
    return _Due(HookKey.RECEIPT_REMINDER, at, f"包裹到达同城已 {_span(c.now - at)}，尚未签收")


def _invite_group(c: _Case) -> _Due | None:
    """入社群: when the customer replies to a receipt reminder. Invited once:
    done once they joined a group or an invitation line was sent."""
    replies = c.times(EventKind.REPLIED, HookKey.RECEIPT_REMINDER)
    if not replies or c.has(EventKind.JOINED_GROUP):
        return None
    if c.has(EventKind.SENT_LINE, HookKey.INVITE_GROUP):
        return None
    at = min(replies)
    reason = f"客户 {_span(c.now - at)}前回复了签收提醒，尚未进群"
    return _Due(HookKey.INVITE_GROUP, at, reason)


def _after_receipt(c: _Case, key: HookKey, days: int, action: str) -> _Due | None:
    """A follow-up ``days`` after the latest receipt, unless that order was
    refunded or closed; done once sent after the receipt. It lapses
    ``winback_min_days`` after receipt: by then the customer is a win-back
    case, and a month-old "how was it?" is no longer a follow-up."""
    receipts = [(o.signed_at, o) for o in c.orders if o.signed_at is not None]
    if not receipts:
        return None
    signed, latest = max(receipts, key=lambda pair: pair[0])
    if is_dead(latest) or c.now > signed + timedelta(days=c.settings.winback_min_days):
        return None
    if c.has(EventKind.SENT_LINE, key, signed):
        return None
    reason = f"已签收 {_span(c.now - signed)}，签收后第 {days} 天{action}"
    return _Due(key, signed + timedelta(days=days), reason)


def _experience_followup(c: _Case) -> _Due | None:
    """体验回访: experience_followup_days after receipt (see ``_after_receipt``)."""
    days = c.settings.experience_followup_days
    return _after_receipt(c, HookKey.EXPERIENCE_FOLLOWUP, days, "回访产品体验")


def _recipe_guide(c: _Case) -> _Due | None:
    """食谱指导: recipe_guide_days after receipt (see ``_after_receipt``)."""
    return _after_receipt(c, HookKey.RECIPE_GUIDE, c.settings.recipe_guide_days, "分享食谱")


def _birthday_on(birthday: date, year: int) -> date:
    if birthday.month == 2 and birthday.day == 29 and not calendar.isleap(year):
        # No 29 February this year: greet on the 28th, still before the birthday
        # is over, rather than on 1 March when it would feel late.
        return date(year, 2, 28)
    return birthday.replace(year=year)


def _birthday_care(c: _Case) -> _Due | None:
    """生日关怀: birthday_care_days_before the next birthday (today counts), at
    the first allowed time of that day; done once sent since that day."""
    birthday = c.lead.birthday
    if birthday is None:
        return None
    today = c.local_date(c.now)
    day = _birthday_on(birthday, today.year)
    if day < today:
        day = _birthday_on(birthday, today.year + 1)
    opens = c.day_start(day - timedelta(days=c.settings.birthday_care_days_before))
    if c.has(EventKind.SENT_LINE, HookKey.BIRTHDAY_CARE, opens):
        return None
    left = (day - today).days
    if left == 0:
        reason = "客户今天过生日，送上生日关怀"
    else:
        leap = "" if day.day == birthday.day else "（2月29日出生，平年按 2月28日）"
        reason = f"客户 {_month_day(day)}过生日{leap}，还有 {left} 天，送上生日关怀"
    return _Due(HookKey.BIRTHDAY_CARE, next_allowed_time(opens, c.settings), reason)


def _coupon_expiry(c: _Case) -> _Due | None:
    """二次复购: coupon_reminder_days_before an unused coupon expires; done once a
    reminder was sent on or after that day. The soonest-expiring coupon first."""
    before = timedelta(days=c.settings.coupon_reminder_days_before)
    open_ = [
        (cp.expires_at - before, cp)
        for cp in c.coupons
        if cp.used_at is None
        and cp.expires_at > c.now
        and not c.has(
            EventKind.SENT_LINE,
            HookKey.COUPON_EXPIRY,
            c.day_start(c.local_date(cp.expires_at - before)),
        )
    ]
    if not open_:
        return None
    due, coupon = min(open_, key=lambda pair: pair[0])
    # Calendar days, as the script's {days_left} counts them and the customer reads them.
    days = (c.local_date(coupon.expires_at) - c.local_date(c.now)).days
    left = "今天到期" if days <= 0 else f"还有 {days} 天"
    reason = (
        f"{_yuan(coupon.amount)} 优惠券 {_month_day(c.local_date(coupon.expires_at))}到期，"
        f"{left}，提醒客户使用"
    )
    return _Due(HookKey.COUPON_EXPIRY, due, reason)


def _winback(c: _Case) -> _Due | None:
    """重要客户流失挽回: at least winback_min_orders orders and winback_min_spend
    spent (refunded and closed orders do not count), last order between
    winback_min_days and winback_max_days ago (both inclusive); due when the
    window opens, done once a win-back script was sent after the last order."""
    s = c.settings
    live = [o for o in c.orders if not is_dead(o)]
    spend = sum(o.amount for o in live)
    if len(live) < s.winback_min_orders or spend < s.winback_min_spend:
        return None
    last = max(o.ordered_at for o in live)
    if c.now > last + timedelta(days=s.winback_max_days):
        return None
    if c.has(EventKind.SENT_LINE, HookKey.WINBACK, last):
        return None
    reason = f"已下单 {len(live)} 次、累计消费 {_yuan(spend)}，距上次下单 {_span(c.now - last)}"
    return _Due(HookKey.WINBACK, last + timedelta(days=s.winback_min_days), reason)


Rule = Callable[[_Case], _Due | None]


# Without an accepted WeCom friendship the operator cannot chat with the customer.
def _follow_up(c: _Case) -> _Due | None:
    """约定跟进: the operator set a next follow-up time; open until anything is
    sent to the customer at or after that time."""
    at = c.lead.next_follow_up_at
    if at is None:
        return None
    if any(t >= at for kind in OUTBOUND for t in c.times(kind)):
        return None
    when = at.astimezone(c.settings.timezone)
    note = " ".join(c.lead.follow_up_note.split())
    if note:  # what was agreed, so the operator knows what to follow up on
        if len(note) > AGREED_NOTE_CHARS:
            note = note[: AGREED_NOTE_CHARS - 1] + "…"
        return _Due.coded(HookKey.FOLLOW_UP, at, "follow_up_agreed", when=when, note=note)
    return _Due(HookKey.FOLLOW_UP, at, f"约定 {when:%m-%d %H:%M} 跟进")


_NOT_FRIENDS_RULES: tuple[Rule, ...] = (_send_friend_request, _friend_request_pending, _follow_up)
_FRIENDS_RULES: tuple[Rule, ...] = (
    _follow_up,
    _first_order_hook,
    _address_confirm,
    _invite_wechat,
    _receipt_reminder,
    _invite_group,
    _experience_followup,
    _recipe_guide,
    _birthday_care,
    _coupon_expiry,
    _winback,
)


# -- the entry points ------------------------------------------------------------------


def recycle_due_at(
    lead: LeadState, settings: TeamSettings, events: Sequence[EventFacts] = ()
) -> datetime | None:
    """When a still-pending friend request sends the lead back to the pool.

    The rule the recycling job applies (data.lead_moves, core.distribution):
    the countdown restarts at the owner's latest activity on the lead
    (``counts_as_activity``: a teammate's note or a move does not count), so
    Today's "再过 X 退回公海" agrees with 即将回收. None unless pending.
    """
    if lead.friend_status != FriendStatus.PENDING or lead.friend_requested_at is None:
        return None
    activity = [
        e.occurred_at
        for e in events
        if distribution.counts_as_activity(e.kind, e.operator_id, lead.owner_id)
    ]
    return distribution.recycle_due_at(
        lead.friend_requested_at, max(activity, default=None), settings.friend_request_recycle_days
    )


@dataclass(frozen=True)
class HookDefaults:
    priority: int
    prior_reply_rate: float
    name: str = ""


@cache
def seed_hooks() -> Mapping[str, HookDefaults]:
    """Priorities, prior reply rates and names from resources/seed/hooks.json."""
    with resource_path("seed", "hooks.json").open(encoding="utf-8") as fh:
        rows = json.load(fh)
    return {
        r["key"]: HookDefaults(int(r["priority"]), float(r["prior_reply_rate"]), r["name"])
        for r in rows
    }


def suggest(
    lead: LeadState,
    orders: Sequence[OrderFacts],
    coupons: Sequence[CouponFacts],
    events: Sequence[EventFacts],
    settings: TeamSettings,
    rates: Mapping[str, RateEstimate],
    now: datetime,
    *,
    priorities: Mapping[str, int] | None = None,
) -> list[Suggestion]:
    """Every open hook for one lead, paced, overdue first, then by due time and
    priority (highest first). Opted-out customers get none.

    ``rates`` holds the learned reply rate per hook (reply_rate.estimate_rates);
    a hook missing there shows its seed prior with sample size 0. ``priorities``
    are the team's hook priorities (the ``hook`` table), the seed's by default.
    """
    require_aware(now, "now")
    if lead.opted_out_at is not None:
        return []
    case = _Case(lead, tuple(orders), tuple(coupons), tuple(events), settings, now)
    rules = _FRIENDS_RULES if lead.friend_status == FriendStatus.ACCEPTED else _NOT_FRIENDS_RULES
    touched = touch_days(case.events, settings.timezone)
    dues = [due for due in (rule(case) for rule in rules) if due is not None and _fresh(due, case)]
    if rules is _FRIENDS_RULES:  # a friend request is never held: nothing works without it
        dues = _after_agreed_follow_up(dues, lead, now)
    found = [_suggestion(due, case, touched, rates, priorities or {}) for due in dues]
    found.sort(key=lambda s: (s.original_due_at >= now, s.due_at, -s.priority, s.hook_key))
    return found


def _after_agreed_follow_up(dues: list[_Due], lead: LeadState, now: datetime) -> list[_Due]:
    """A follow-up agreed for later holds every other hook until then.

    The operator chose "contact again at …" (often with the customer); a hook
    that would pop up before it would undo that choice ("明天再联系" and the
    customer still overdue today). The held hooks come back when the follow-up
    is done and cleared.
    """
    agreed = lead.next_follow_up_at
    if agreed is None or agreed <= now:
        return dues
    return [d for d in dues if d.key == HookKey.FOLLOW_UP or d.at >= agreed]


# Steps whose reason is "right after" something: they expire (chain_step_expiry_days).
_IMMEDIATE = frozenset(
    {HookKey.FIRST_ORDER, HookKey.ADDRESS_CONFIRM, HookKey.INVITE_WECHAT, HookKey.INVITE_GROUP}
)


def _fresh(due: _Due, case: _Case) -> bool:
    """False for an immediate step whose moment passed more than the expiry ago."""
    if due.key not in _IMMEDIATE:
        return True
    return case.now - due.at <= timedelta(days=case.settings.chain_step_expiry_days)


def _suggestion(
    due: _Due,
    case: _Case,
    touched: set[date],
    rates: Mapping[str, RateEstimate],
    priorities: Mapping[str, int],
) -> Suggestion:
    """Pace a due hook (never earlier than now) and attach its priority and rate."""
    seed = seed_hooks()[due.key]
    paced = pace(max(due.at, case.now), touched, case.settings)
    rate = rates.get(due.key) or RateEstimate(seed.prior_reply_rate, 0)
    return Suggestion(
        hook_key=due.key.value,
        due_at=paced.at,
        original_due_at=due.at,
        priority=priorities.get(due.key, seed.priority),
        reason=due.reason,
        pacing_note=paced.note,
        expected_reply_rate=rate.rate,
        sample_size=rate.sample_size,
        held=paced.capped,
        reason_code=due.code,
        reason_params=due.params,
    )
