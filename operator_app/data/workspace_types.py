"""What the operator's workspace reads and writes, as small frozen values.

The Today page, the lead detail and the script panel see only these types;
they never hold ORM objects or sessions. Produced by data/workspace.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from operator_app.core.pacing import is_overdue


# Not frozen: a frozen dataclass sets each field through object.__setattr__,
# which tripled the cost of building 100,000 rows. Treat rows as read-only
# all the same (a changed lead gets a new row); hashable like a frozen one.
@dataclass(slots=True, unsafe_hash=True)
class QueueRow:
    """One lead in the queue with its top suggested hook (compact: 100k of these)."""

    lead_id: uuid.UUID
    name: str
    phone_masked: str  # 138****5678
    phone_digits: str  # national digits, for "search by the last digits"; never shown
    channel: str
    stage: str  # the stage's display name
    tags: tuple[str, ...]
    hook_key: str | None  # None: nothing open for this lead
    hook_name: str
    due_at: datetime | None  # after pacing
    original_due_at: datetime | None  # before "now" means overdue
    priority: int
    reason: str
    pacing_note: str
    expected_reply_rate: float | None
    sample_size: int
    last_touch_at: datetime | None
    held: bool = False  # moved past the weekly touch cap: scheduled, not overdue

    def is_overdue(self, now: datetime) -> bool:
        """Its moment passed more than the grace period ago (before that it is
        due now, 待办) and it may be sent at the next allowed time."""
        return is_overdue(self.original_due_at, now, self.held)

    def is_today(self, now: datetime, day_end: datetime) -> bool:
        """Today's work: overdue, or due before the day ends (the counts and the 今日 list)."""
        return self.is_overdue(now) or (self.due_at is not None and self.due_at < day_end)


@dataclass(frozen=True)
class QueueCounts:
    overdue: int
    due_today: int
    done_today: int  # leads the operator contacted or logged an outcome for today


@dataclass(frozen=True)
class QueueSnapshot:
    rows: list[QueueRow]  # every lead of the operator, ordered as the queue shows them
    counts: QueueCounts
    hooks: list[tuple[str, str]]  # (key, name) for the hook filter
    stages: list[tuple[str, str]]  # (key, name)
    tags: list[str]
    channels: list[str]
    computed_at: datetime | None  # when suggestions were last computed
    # The end of the team's local "today": rows due before it (or overdue) are today's work.
    day_end: datetime | None = None


@dataclass(frozen=True)
class OrderView:
    order_no: str
    product: str
    amount: float
    status: str  # OrderStatus value
    status_label: str  # 已签收…
    is_first_order: bool
    ordered_at: datetime
    last_change_at: datetime


@dataclass(frozen=True)
class CouponView:
    amount: float
    issued_at: datetime
    expires_at: datetime
    used_at: datetime | None


@dataclass(frozen=True)
class TimelineItem:
    id: uuid.UUID
    occurred_at: datetime
    kind: str  # EventKind value
    label: str  # 已回复…
    detail: str  # "话术《…》第 2 句", a note's text, a stage change…
    operator_name: str
    # False: the row's payload is not what its kind writes (made by hand on the
    # server, issue 12 H5); ``detail`` is empty and the timeline says so.
    readable: bool = True


@dataclass(frozen=True)
class SuggestionView:
    hook_key: str
    hook_name: str
    due_at: datetime
    original_due_at: datetime
    priority: int
    reason: str
    pacing_note: str
    expected_reply_rate: float
    sample_size: int
    held: bool = False  # moved past the weekly touch cap
    parked: bool = False  # nothing to send before due_at: the reason says why (next_step.py)


@dataclass(frozen=True)
class TagView:
    id: uuid.UUID
    name: str
    color: str
    source: str  # manual | rule


@dataclass(frozen=True)
class LeadDetail:
    lead_id: uuid.UUID
    name: str
    phone_masked: str
    channel: str
    city: str
    stage_key: str
    stage_name: str
    friend_status: str
    friend_added_at: datetime | None
    birthday: date | None
    notes: str
    next_follow_up_at: datetime | None
    opted_out: bool
    owner_name: str
    tags: list[TagView]
    orders: list[OrderView]
    coupons: list[CouponView]
    timeline: list[TimelineItem]  # newest first
    suggestions: list[SuggestionView]  # every open hook, first = the queue's
    last_touch_text: str  # "3 天前联系过" / "从未联系"
    tag_choices: tuple[str, ...] = ()  # the team's manual tag names, offered when tagging
    follow_up_note: str = ""  # what was agreed for next_follow_up_at ("" without one)


@dataclass(frozen=True)
class TemplateLineView:
    line_no: int
    text: str  # raw, with {placeholders}


@dataclass(frozen=True)
class TemplateView:
    id: uuid.UUID
    key: str
    hook_key: str
    hook_name: str
    title: str
    purpose: str  # 三问 1
    customer_thinks: str  # 三问 2
    desired_reply: str  # 三问 3
    lines: list[TemplateLineView]


@dataclass(frozen=True)
class Changes:
    """What a write changed, so each view refreshes only what it shows (Anki's OpChanges)."""

    lead_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    queue: bool = False
    templates: bool = False
