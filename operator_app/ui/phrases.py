"""Times and lists as operators say them: 逾期 2 小时, 今天 14:00, 3 天前, 甲、乙、丙.

Computed in the team's time zone once the workspace is open (the counts and
"today" come from the data layer in that zone; the PC's own zone until then),
on demand (a table of 100k rows calls these only for the rows on screen).
``now`` is passed in so tests and the minute tick agree on one instant.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QCoreApplication

from operator_app.core.pacing import OVERDUE_GRACE

MINUTE, HOUR, DAY = 60, 3600, 86400
# Fewer measured sends than this and a reply rate is shown as "too few sends", not
# a percentage: one reply to one send reads "100%", and "62%（n=1）" looked broken.
# At 20 sends a rate near 50% is known to about ±11 points (one standard error,
# √(0.5 × 0.5 / 20)), close enough to compare hooks; below it the number misleads.
MIN_RATE_SAMPLE = 20


_display_zone: tzinfo | None = None  # None: the PC's zone


def set_display_zone(zone: tzinfo | None) -> None:
    """Show every time in the team's zone (a process-wide display setting, like the locale)."""
    global _display_zone
    _display_zone = zone


def from_local_wall_time(naive: datetime) -> datetime:
    """A wall-clock time the user picked (shown in the display zone) as an aware instant."""
    if _display_zone is None:
        return naive.astimezone()  # the PC's zone
    return naive.replace(tzinfo=_display_zone)


def local(at: datetime) -> datetime:
    """``at`` in the display zone (stored times are UTC)."""
    return at.astimezone(_display_zone)


def clock(at: datetime) -> str:
    return local(at).strftime("%H:%M")


def overdue_phrase(due: datetime, now: datetime) -> str:
    """逾期 5 分钟 / 逾期 2 小时 / 逾期 3 天 (at least one minute, never "0")."""
    seconds = max(0, int((now - due).total_seconds()))
    # The counts are worked out first: lupdate's parser stops at "//" inside a call.
    minutes, hours, days = max(1, seconds // MINUTE), seconds // HOUR, seconds // DAY
    if seconds < HOUR:
        return QCoreApplication.translate("TimePhrases", "Overdue %n min", None, minutes)
    if seconds < DAY:
        return QCoreApplication.translate("TimePhrases", "Overdue %n hour(s)", None, hours)
    return QCoreApplication.translate("TimePhrases", "Overdue %n day(s)", None, days)


def due_phrase(due: datetime | None, now: datetime) -> str:
    """When a hook is due, relative to ``now``: overdue, today, tomorrow, or a date."""
    if due is None:
        return "—"
    if due <= now:
        # Due now (待办) until the grace passes: a step that just came up is not late.
        if now - due <= OVERDUE_GRACE:
            return QCoreApplication.translate("TimePhrases", "Due now")
        return overdue_phrase(due, now)
    days = (local(due).date() - local(now).date()).days
    if days == 0:
        return QCoreApplication.translate("TimePhrases", "Today {time}").format(time=clock(due))
    if days == 1:
        return QCoreApplication.translate("TimePhrases", "Tomorrow {time}").format(time=clock(due))
    return date_time(due)


def date_time(at: datetime) -> str:
    """3月5日 09:00 (month and day are enough for the next few weeks)."""
    shown = local(at)
    return QCoreApplication.translate("TimePhrases", "{month}/{day} {time}").format(
        month=shown.month, day=shown.day, time=shown.strftime("%H:%M")
    )


def full_date_time(at: datetime) -> str:
    """2024-03-05 09:00, for histories where the year matters."""
    return local(at).strftime("%Y-%m-%d %H:%M")


def days_ago(at: datetime, now: datetime) -> int:
    """Calendar days between ``at`` and ``now`` in local time (0 = today)."""
    return max(0, (local(now).date() - local(at).date()).days)


def last_touch_phrase(at: datetime | None, now: datetime) -> str:
    """今天 / 昨天 / 3 天前 / 从未联系."""
    if at is None:
        return QCoreApplication.translate("TimePhrases", "Never contacted")
    days = days_ago(at, now)
    if days == 0:
        return QCoreApplication.translate("TimePhrases", "Today")
    if days == 1:
        return QCoreApplication.translate("TimePhrases", "Yesterday")
    return QCoreApplication.translate("TimePhrases", "%n day(s) ago", None, days)


def start_of_local_day(now: datetime, days_ahead: int = 0) -> datetime:
    """Local midnight ``days_ahead`` days after today, as an aware datetime."""
    today = local(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return today + timedelta(days=days_ahead)


def join_list(items: Iterable[str]) -> str:
    """甲、乙、丙 in Chinese, "a, b, c" in English."""
    return QCoreApplication.translate("TimePhrases", ", ").join(items)
