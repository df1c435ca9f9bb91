"""Not over-disturbing (domain.md): quiet hours, a weekly touch cap, last touch.

A *touch* is a local calendar day (team time zone) on which the operator
sent the customer anything (a script line or a custom message). All the
messages of one day count once: a two- or three-line script, the invitation
sent right after the customer answered the address check, an answer to the
customer's question — that is one conversation, not three disturbances.
Counting every line would let a single script use up the week's cap, and the
hook chain of domain.md (address check and WeChat invite on day 0, receipt
reminder and group invite on arrival, follow-up a few days later) would
break the default cap of 3 within its first week.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from operator_app.core.domain import EventKind
from operator_app.core.team_settings import TeamSettings

OUTBOUND = frozenset({EventKind.SENT_LINE, EventKind.CUSTOM_MESSAGE})
WINDOW_DAYS = 7  # the cap is "per 7 days" by definition (max_touches_per_7_days)
# A hook is due now (待办) from its moment until this grace passes, and only then
# overdue: a step that has just come up (a lead assigned a minute ago) is not late.
OVERDUE_GRACE = timedelta(minutes=30)


class ContactFact(Protocol):
    """What pacing needs from a contact event (``hooks.EventFacts`` fits)."""

    @property
    def kind(self) -> str: ...
    @property
    def occurred_at(self) -> datetime: ...


@dataclass(frozen=True)
class Paced:
    """The earliest allowed time for a contact, and why it moved ("" if it did not)."""

    at: datetime
    note: str
    capped: bool = False  # moved by the weekly touch cap, not only by quiet hours


@dataclass(frozen=True)
class LastTouch:
    """When the operator last contacted the customer: time, local days ago, phrase."""

    at: datetime | None
    days: int | None
    phrase: str  # "3 天前联系过" / "今天联系过" / "从未联系"


def require_aware(at: datetime, what: str = "time") -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware (UTC), got {at!r}")


def is_overdue(original_due_at: datetime | None, now: datetime, held: bool = False) -> bool:
    """Late: the hook's moment passed more than ``OVERDUE_GRACE`` ago. Never for
    one held back (touch cap) or parked: waiting on purpose is not being late."""
    return original_due_at is not None and not held and original_due_at + OVERDUE_GRACE < now


def overdue_since(original_due_at: datetime) -> datetime:
    """When a hook due at ``original_due_at`` turns overdue."""
    return original_due_at + OVERDUE_GRACE


def is_quiet(at: datetime, settings: TeamSettings) -> bool:
    """Whether ``at`` falls in quiet hours: [start, end) in the team's local time.

    Start after end (21:00–09:00) spans midnight; start before end (12:00–14:00)
    is within one day; start equal to end means no quiet hours.
    """
    require_aware(at)
    start, end = settings.quiet_hours_start, settings.quiet_hours_end
    clock = at.astimezone(settings.timezone).time()
    if start == end:
        return False
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end


def next_allowed_time(at: datetime, settings: TeamSettings) -> datetime:
    """``at`` itself outside quiet hours, else the end of the quiet period (UTC)."""
    if not is_quiet(at, settings):
        return at
    tz, start, end = settings.timezone, settings.quiet_hours_start, settings.quiet_hours_end
    local = at.astimezone(tz)
    day = local.date()
    if start > end and local.time() >= start:  # spans midnight, and it is before midnight
        day += timedelta(days=1)
    return _local(day, end, tz)


def touch_days(events: Iterable[ContactFact], tz: ZoneInfo) -> set[date]:
    """The local days on which the customer was sent anything."""
    return {e.occurred_at.astimezone(tz).date() for e in events if e.kind in OUTBOUND}


def pace(candidate: datetime, touched: Collection[date], settings: TeamSettings) -> Paced:
    """Move ``candidate`` out of quiet hours, then past the touch cap, saying why.

    A day already touched costs nothing more. Otherwise the day is capped when
    the 6 days before it already hold ``max_touches_per_7_days`` touches; the
    contact moves to the day the oldest of them leaves the window, at the
    first allowed time of that day.
    """
    notes = []
    at = next_allowed_time(candidate, settings)
    if at != candidate:
        notes.append(_quiet_note(candidate, at, settings))
    tz, cap = settings.timezone, settings.max_touches_per_7_days
    day = at.astimezone(tz).date()
    count = _touches_before(day, touched)
    if day not in touched and count >= cap:
        free = day + timedelta(days=1)
        while _touches_before(free, touched) >= cap:
            free += timedelta(days=1)
        moved = next_allowed_time(_local(free, time(0), tz), settings)
        notes.append(
            f"近 {WINDOW_DAYS} 天已触达 {count} 次（上限 {cap} 次），"
            f"顺延到 {_date_clock(moved, tz)}"
        )
        at = moved
        return Paced(at, "；".join(notes), capped=True)
    return Paced(at, "；".join(notes))


def last_touch(events: Iterable[ContactFact], now: datetime, settings: TeamSettings) -> LastTouch:
    """The last outbound contact and how many local calendar days ago it was."""
    require_aware(now, "now")
    times = [e.occurred_at for e in events if e.kind in OUTBOUND]
    if not times:
        return LastTouch(None, None, "从未联系")
    at = max(times)
    tz = settings.timezone
    days = max(0, (now.astimezone(tz).date() - at.astimezone(tz).date()).days)
    return LastTouch(at, days, "今天联系过" if days == 0 else f"{days} 天前联系过")


def _touches_before(day: date, touched: Collection[date]) -> int:
    first = day - timedelta(days=WINDOW_DAYS - 1)
    return sum(1 for d in touched if first <= d < day)


def _local(day: date, clock: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


def _date_clock(at: datetime, tz: ZoneInfo) -> str:
    local = at.astimezone(tz)
    return f"{local.month}月{local.day}日 {local:%H:%M}"


def _when(at: datetime, ref: datetime, tz: ZoneInfo) -> str:
    """A moment as "当天 09:00" / "次日 09:00" / " 6月10日 09:00", relative to ``ref``'s day."""
    gap = (at.astimezone(tz).date() - ref.astimezone(tz).date()).days
    if gap in (0, 1):
        return f"{'当天' if gap == 0 else '次日'} {at.astimezone(tz):%H:%M}"
    return f" {_date_clock(at, tz)}"


def _quiet_note(candidate: datetime, moved: datetime, settings: TeamSettings) -> str:
    span = f"{settings.quiet_hours_start:%H:%M}–{settings.quiet_hours_end:%H:%M}"
    return f"{span} 为免打扰时段，顺延到{_when(moved, candidate, settings.timezone)}"
