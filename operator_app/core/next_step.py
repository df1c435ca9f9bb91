"""No dead end: every customer has a next step, or says why not and until when.

``hooks.suggest`` lists the chain's open hooks. When none of them is due
within the team's ``HORIZON`` (nothing open, or only a birthday months away)
the customer is *parked*: a suggestion with ``parked=True`` whose reason says
what the chain waits for ("已下单，等待发货") and whose due time says until
when; at that time it turns into a "keep in touch" check-in (保持联系) or the
step it waited for. Opted-out customers stay without one: that is final.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from operator_app.core.domain import EventKind, FriendStatus
from operator_app.core.hooks import (
    FIRST_ORDER_TRIES,
    CouponFacts,
    EventFacts,
    HookKey,
    LeadState,
    OrderFacts,
    Suggestion,
    has_arrived,
    is_dead,
    recycle_due_at,
    seed_hooks,
    suggest,
)
from operator_app.core.pacing import (
    OUTBOUND,
    next_allowed_time,
    pace,
    require_aware,
    touch_days,
)
from operator_app.core.reason_text import render
from operator_app.core.reply_rate import RateEstimate
from operator_app.core.team_settings import TeamSettings

# The team's horizon: every customer in an operator's list has something dated
# within it — a step to take, or the day a parked customer is looked at again.
HORIZON = timedelta(days=45)
# A parked customer is looked at again at most this far ahead; pacing (quiet
# hours, at most a week for the touch cap) keeps the result inside HORIZON.
PARK_AT_MOST = timedelta(days=30)
# Nothing open: keep in touch this long after the last message (or the friendship).
CHECK_IN_AFTER = timedelta(days=21)
# Each quiet customer is checked in on their own day of this many.
CHECK_IN_SPREAD_DAYS = 7
# A live order that has not reached the customer's city: look again this long
# after its last change (ordered, shipped).
ORDER_WAIT = timedelta(days=5)
# First-order tries used up: leave the customer alone this long after the last.
FIRST_ORDER_REST = timedelta(days=14)
# A pending request with no known clock (the status has not arrived yet).
FRIEND_WAIT = timedelta(days=1)


def next_steps(
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
    """``hooks.suggest``'s open hooks, led by a parked suggestion when none is
    due within ``HORIZON``. Empty only for a customer who opted out."""
    require_aware(now, "now")
    found = suggest(lead, orders, coupons, events, settings, rates, now, priorities=priorities)
    if lead.opted_out_at is not None:
        return found
    if found and min(s.due_at for s in found) <= now + HORIZON:
        return found
    key, until, code, params = _parking(lead, orders, events, settings, now)
    tz = settings.timezone
    until = min(max(until, now), now + PARK_AT_MOST)
    quiet = code in _CHECK_IN_DUE  # parked on silence: a check-in on the customer's day
    if quiet:
        until = _slot(until, now, lead.id, settings)
    paced = pace(until, touch_days(events, tz), settings)
    # A check-in whose day has come is a step to take, no longer a wait.
    waiting = not quiet or paced.at.astimezone(tz).date() > now.astimezone(tz).date()
    if not waiting:
        code = _CHECK_IN_DUE.get(code, code)
    seed = seed_hooks()[key]
    rate = rates.get(key) or RateEstimate(seed.prior_reply_rate, 0)
    params = {**params, "until": paced.at.astimezone(tz).date()}
    parked = Suggestion(
        hook_key=key.value,
        due_at=paced.at,
        original_due_at=until,
        priority=(priorities or {}).get(key, seed.priority),
        reason=render(code, params),
        pacing_note=paced.note,
        expected_reply_rate=rate.rate,
        sample_size=rate.sample_size,
        held=True,  # scheduled: waiting (or a gentle check-in) is never late
        reason_code=code,
        reason_params=params,
        parked=waiting,
    )
    return [parked, *found]


# Parked on silence, once the day comes: the check-in is due (its own wording).
_CHECK_IN_DUE = {
    "parked_nothing_open": "check_in_quiet",
    "parked_first_order_tries": "check_in_after_first_order",
}


def _slot(at: datetime, now: datetime, lead_id: object, settings: TeamSettings) -> datetime:
    """The first day on or after ``at`` (never before now) that is this customer's
    check-in day of the week, from its first allowed hour: a backlog of quiet
    customers (an old import, the end of many chains at once) is spread over
    the week instead of falling on one day."""
    tz = settings.timezone
    start = max(at, now)
    day = start.astimezone(tz).date()
    offset = (zlib.crc32(str(lead_id).encode()) - day.toordinal()) % CHECK_IN_SPREAD_DAYS
    if offset == 0:
        return start
    midnight = datetime.combine(day + timedelta(days=offset), time(0), tz).astimezone(UTC)
    return next_allowed_time(midnight, settings)


_Parking = tuple[HookKey, datetime, str, dict[str, object]]


def _parking(
    lead: LeadState,
    orders: Sequence[OrderFacts],
    events: Sequence[EventFacts],
    settings: TeamSettings,
    now: datetime,
) -> _Parking:
    """What the chain waits for, and until when (before clamping to the horizon)."""
    if lead.owner_id is None and lead.friend_status != FriendStatus.ACCEPTED:
        return HookKey.SEND_FRIEND_REQUEST, now, "parked_in_pool", {}
    if lead.friend_status != FriendStatus.ACCEPTED:
        return _awaiting_friend(lead, events, settings, now)
    waiting = _waiting_order(orders)
    if waiting is not None:
        shipped = waiting.shipped_at
        last = max(t for t in (waiting.ordered_at, shipped) if t is not None)
        code = "parked_order_unshipped" if shipped is None else "parked_order_shipping"
        return HookKey.CHECK_IN, last + ORDER_WAIT, code, {}
    tries = [
        e.occurred_at
        for e in events
        if e.kind == EventKind.SENT_LINE and e.hook_key == HookKey.FIRST_ORDER
    ]
    tz = settings.timezone
    quiet: dict[str, object] = {"days": _days_quiet(lead, events, tz, now)}
    if not orders and len({t.astimezone(tz).date() for t in tries}) >= FIRST_ORDER_TRIES:
        until = max(tries) + FIRST_ORDER_REST
        params = {**quiet, "tries": FIRST_ORDER_TRIES}
        return HookKey.CHECK_IN, until, "parked_first_order_tries", params
    sent = [e.occurred_at for e in events if e.kind in OUTBOUND]
    since = max(sent, default=lead.friend_added_at or now)
    return HookKey.CHECK_IN, since + CHECK_IN_AFTER, "parked_nothing_open", quiet


def _days_quiet(lead: LeadState, events: Sequence[EventFacts], tz: ZoneInfo, now: datetime) -> int:
    """Local days since the last message (since the friendship if none)."""
    sent = [e.occurred_at for e in events if e.kind in OUTBOUND]
    since = max(sent, default=lead.friend_added_at or now)
    return max(0, (now.astimezone(tz).date() - since.astimezone(tz).date()).days)


def _awaiting_friend(
    lead: LeadState, events: Sequence[EventFacts], settings: TeamSettings, now: datetime
) -> _Parking:
    """Sent (and sent again): the customer has to accept; the pool takes it back at recycling."""
    key = HookKey.FRIEND_REQUEST_PENDING
    recycle = recycle_due_at(lead, settings, events)
    if recycle is None:
        return key, now + FRIEND_WAIT, "parked_awaiting_friend", {}
    if recycle <= now:
        return key, now, "parked_recycle_due", {}
    return key, recycle, "parked_awaiting_friend_recycle", {}


def _waiting_order(orders: Sequence[OrderFacts]) -> OrderFacts | None:
    """The latest live order that has not reached the customer's city yet."""
    live = [o for o in orders if not is_dead(o) and not has_arrived(o)]
    return max(live, key=lambda o: o.ordered_at, default=None)
