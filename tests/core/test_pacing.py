"""Pacing: quiet hours, the touch cap, opt-outs and "last touched N days ago".

Times are written in the team's local time (Asia/Shanghai, UTC+8, no DST)
and the UTC instants are worked out by hand in the comments.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from operator_app.core.domain import EventKind, FriendStatus
from operator_app.core.hooks import EventFacts, LeadState, OrderFacts, suggest
from operator_app.core.pacing import (
    is_quiet,
    last_touch,
    next_allowed_time,
    pace,
    touch_days,
)
from operator_app.core.team_settings import TeamSettings

SH = ZoneInfo("Asia/Shanghai")
DEFAULT = TeamSettings()
NOON_QUIET = TeamSettings(quiet_hours_start=time(12, 0), quiet_hours_end=time(14, 0))


def utc(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


def sent(at: datetime, kind: EventKind = EventKind.SENT_LINE) -> EventFacts:
    return EventFacts(kind=kind, occurred_at=at, hook_key="winback")


# -- quiet hours that span midnight (21:00–09:00) ---------------------------------


def test_20_59_local_is_allowed_and_21_00_is_quiet() -> None:
    assert not is_quiet(utc(2024, 6, 3, 12, 59), DEFAULT)  # 20:59 local
    assert is_quiet(utc(2024, 6, 3, 13, 0), DEFAULT)  # 21:00 local


def test_08_59_local_is_quiet_and_09_00_is_allowed() -> None:
    assert is_quiet(utc(2024, 6, 3, 0, 59), DEFAULT)  # 08:59 local
    assert not is_quiet(utc(2024, 6, 3, 1, 0), DEFAULT)  # 09:00 local


def test_allowed_time_is_left_alone() -> None:
    at = utc(2024, 6, 3, 12, 59)  # 20:59 local
    assert next_allowed_time(at, DEFAULT) == at
    assert pace(at, set(), DEFAULT).at == at
    assert pace(at, set(), DEFAULT).note == ""


def test_21_00_moves_to_09_00_next_local_day_and_says_why() -> None:
    paced = pace(utc(2024, 6, 3, 13, 0), set(), DEFAULT)  # Mon 21:00 local
    assert paced.at == utc(2024, 6, 4, 1, 0)  # Tue 09:00 local
    assert paced.note == "21:00–09:00 为免打扰时段，顺延到次日 09:00"


def test_after_local_midnight_moves_to_09_00_the_same_local_day() -> None:
    # 2024-06-03 18:30 UTC is already Tue 02:30 local: 09:00 Tue local = 01:00 UTC Tue.
    paced = pace(utc(2024, 6, 3, 18, 30), set(), DEFAULT)
    assert paced.at == utc(2024, 6, 4, 1, 0)
    assert paced.note == "21:00–09:00 为免打扰时段，顺延到当天 09:00"


def test_the_utc_date_does_not_decide_the_local_day() -> None:
    # 23:30 UTC Mon = 07:30 local Tue; UTC thinks it is still Monday evening.
    assert next_allowed_time(utc(2024, 6, 3, 23, 30), DEFAULT) == utc(2024, 6, 4, 1, 0)


# -- quiet hours within one day (12:00–14:00) -------------------------------------


def test_daytime_quiet_hours_do_not_span_midnight() -> None:
    assert not is_quiet(utc(2024, 6, 3, 3, 59), NOON_QUIET)  # 11:59 local
    assert is_quiet(utc(2024, 6, 3, 4, 0), NOON_QUIET)  # 12:00 local
    assert is_quiet(utc(2024, 6, 3, 5, 59), NOON_QUIET)  # 13:59 local
    assert not is_quiet(utc(2024, 6, 3, 6, 0), NOON_QUIET)  # 14:00 local
    assert not is_quiet(utc(2024, 6, 3, 15, 0), NOON_QUIET)  # 23:00 local
    assert not is_quiet(utc(2024, 6, 3, 18, 0), NOON_QUIET)  # 02:00 local


def test_daytime_quiet_hours_move_to_their_end_the_same_day() -> None:
    assert next_allowed_time(utc(2024, 6, 3, 4, 30), NOON_QUIET) == utc(2024, 6, 3, 6, 0)


def test_equal_start_and_end_means_no_quiet_hours() -> None:
    always = TeamSettings(quiet_hours_start=time(0, 0), quiet_hours_end=time(0, 0))
    for hour in range(24):
        assert not is_quiet(utc(2024, 6, 3, hour), always)


def test_quiet_hours_follow_the_team_time_zone() -> None:
    berlin = TeamSettings(timezone=ZoneInfo("Europe/Berlin"))  # UTC+2 in June
    assert not is_quiet(utc(2024, 6, 3, 18, 59), berlin)  # 20:59 Berlin
    assert is_quiet(utc(2024, 6, 3, 19, 0), berlin)  # 21:00 Berlin
    assert next_allowed_time(utc(2024, 6, 3, 19, 0), berlin) == utc(2024, 6, 4, 7, 0)


# -- the touch cap (3 per 7 days by default) --------------------------------------


def local(d: date, h: int) -> datetime:
    return datetime(d.year, d.month, d.day, h, tzinfo=SH).astimezone(UTC)


MON = date(2024, 6, 3)


def days(*offsets: int) -> set[date]:
    return {MON + timedelta(days=o) for o in offsets}


def test_touch_days_are_local_days_with_outbound_messages() -> None:
    events = [
        sent(local(MON, 10)),
        sent(local(MON, 10) + timedelta(minutes=5)),  # line 2 of the same script
        sent(local(MON, 15), EventKind.CUSTOM_MESSAGE),  # same day: same touch
        sent(local(MON + timedelta(days=1), 10), EventKind.CUSTOM_MESSAGE),
        sent(local(MON + timedelta(days=2), 10), EventKind.REPLIED),  # inbound
        sent(local(MON + timedelta(days=3), 10), EventKind.NO_REPLY),
        sent(local(MON + timedelta(days=4), 10), EventKind.NOTE),
        # 2024-06-09 16:30 UTC is 06-10 00:30 local: a Monday touch, not a Sunday one.
        sent(utc(2024, 6, 9, 16, 30)),
    ]
    assert touch_days(events, SH) == days(0, 1, 7)


def test_under_the_cap_is_allowed() -> None:
    at = local(MON + timedelta(days=3), 10)  # Thu 10:00
    assert pace(at, days(0, 1), DEFAULT).at == at


def test_at_the_cap_moves_to_when_the_oldest_touch_leaves_the_window() -> None:
    # Touched Mon, Tue, Wed; Thu would be a 4th touch in 7 days. Monday leaves
    # the window on the following Monday (06-10), 09:00 local = 01:00 UTC.
    paced = pace(local(MON + timedelta(days=3), 10), days(0, 1, 2), DEFAULT)
    assert paced.at == utc(2024, 6, 10, 1, 0)
    assert paced.note == "近 7 天已触达 3 次（上限 3 次），顺延到 6月10日 09:00"


def test_a_touch_six_days_before_still_counts_and_seven_days_before_does_not() -> None:
    thu = MON + timedelta(days=3)
    # 2024-05-31 (Fri) is thu - 6: in the window, so Thu is capped until 06-07.
    paced = pace(local(thu, 10), days(-3, 1, 2), DEFAULT)
    assert paced.at == utc(2024, 6, 7, 1, 0)
    # 2024-05-30 (Thu) is thu - 7: outside, only two touches remain.
    assert pace(local(thu, 10), days(-4, 1, 2), DEFAULT).at == local(thu, 10)


def test_another_message_on_a_day_already_touched_is_not_a_new_touch() -> None:
    at = local(MON + timedelta(days=2), 16)  # Wed 16:00, Wed already touched
    assert pace(at, days(0, 1, 2), DEFAULT).at == at


def test_a_day_already_touched_stays_open_even_past_the_cap() -> None:
    # Cap 2, yet Mon, Tue and Wed were all touched (the customer kept writing back).
    # Wed is already a touch day, so another message on Wed adds nothing.
    two = TeamSettings(max_touches_per_7_days=2)
    at = local(MON + timedelta(days=2), 16)
    assert pace(at, days(0, 1, 2), two).at == at
    # Thu is a new day: capped until Tue 06-04 leaves the window on 06-11.
    assert pace(local(MON + timedelta(days=3), 10), days(0, 1, 2), two).at == utc(2024, 6, 11, 1)


def test_quiet_hours_and_cap_together_give_both_reasons() -> None:
    # Wed 06-05 22:00 local is quiet -> Thu 09:00; Thu is capped by 05-31,
    # 06-03 and 06-04 -> Fri 06-07, when 05-31 leaves the window, at 09:00.
    wed_late = local(MON + timedelta(days=2), 22)
    paced = pace(wed_late, days(-3, 0, 1), DEFAULT)
    assert paced.at == utc(2024, 6, 7, 1, 0)
    assert paced.note == (
        "21:00–09:00 为免打扰时段，顺延到次日 09:00；"
        "近 7 天已触达 3 次（上限 3 次），顺延到 6月7日 09:00"
    )


def test_a_cap_of_one_waits_a_full_week() -> None:
    one = TeamSettings(max_touches_per_7_days=1)
    paced = pace(local(MON + timedelta(days=1), 10), days(0), one)
    assert paced.at == utc(2024, 6, 10, 1, 0)  # next Monday 09:00 local


# -- last touched ------------------------------------------------------------------


def test_never_contacted() -> None:
    lt = last_touch([], utc(2024, 6, 3, 4), DEFAULT)
    assert (lt.at, lt.days, lt.phrase) == (None, None, "从未联系")


def test_inbound_events_alone_are_not_a_touch() -> None:
    events = [sent(utc(2024, 6, 1, 4), EventKind.REPLIED), sent(utc(2024, 6, 1, 5), EventKind.NOTE)]
    assert last_touch(events, utc(2024, 6, 3, 4), DEFAULT).phrase == "从未联系"


def test_days_since_last_touch_in_local_calendar_days() -> None:
    events = [sent(utc(2024, 5, 29, 2)), sent(utc(2024, 5, 31, 2), EventKind.CUSTOM_MESSAGE)]
    lt = last_touch(events, utc(2024, 6, 3, 4), DEFAULT)  # 05-31 10:00 -> 06-03 12:00 local
    assert (lt.at, lt.days, lt.phrase) == (utc(2024, 5, 31, 2), 3, "3 天前联系过")


def test_local_midnight_not_utc_midnight_starts_a_new_day() -> None:
    # Touched 23:30 local on 06-03 (15:30 UTC); now is 00:10 local 06-04 (16:10 UTC),
    # the same UTC day but the next local day.
    lt = last_touch([sent(utc(2024, 6, 3, 15, 30))], utc(2024, 6, 3, 16, 10), DEFAULT)
    assert (lt.days, lt.phrase) == (1, "1 天前联系过")


def test_touched_today() -> None:
    lt = last_touch([sent(utc(2024, 6, 3, 1))], utc(2024, 6, 3, 4), DEFAULT)
    assert (lt.days, lt.phrase) == (0, "今天联系过")


# -- opt-outs ----------------------------------------------------------------------


def test_an_opted_out_customer_is_never_suggested() -> None:
    now = utc(2024, 6, 3, 4)
    order = OrderFacts(
        order_no="XD1",
        amount=99.0,
        status="pending_shipment",
        is_first_order=True,
        ordered_at=now - timedelta(hours=2),
    )
    lead = LeadState(
        id="L1",
        name="王芳",
        friend_status=FriendStatus.ACCEPTED,
        friend_added_at=now - timedelta(days=1),
        birthday=date(1990, 6, 4),
        opted_out_at=now - timedelta(hours=1),
    )
    assert suggest(lead, [order], [], [], DEFAULT, {}, now) == []
    # The same lead without the opt-out has suggestions (address confirmation at least).
    opted_in = dataclasses.replace(lead, opted_out_at=None)
    assert suggest(opted_in, [order], [], [], DEFAULT, {}, now) != []


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        pace(datetime(2024, 6, 3, 21, 0), set(), DEFAULT)


def test_pace_says_whether_the_touch_cap_moved_it() -> None:
    from datetime import UTC, date, datetime

    from operator_app.core.pacing import pace
    from operator_app.core.team_settings import TeamSettings

    settings = TeamSettings(max_touches_per_7_days=3)
    # 2026-11-20 10:00 in Shanghai; touched on the 17th, 18th, 19th: the 20th is capped.
    at = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    touched = {date(2026, 11, 17), date(2026, 11, 18), date(2026, 11, 19)}
    capped = pace(at, touched, settings)
    assert capped.capped and capped.at == datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    night = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)  # 22:00: quiet hours only
    quiet = pace(night, set(), settings)
    assert not quiet.capped and quiet.at == datetime(2026, 11, 21, 1, 0, tzinfo=UTC)


def test_coupon_reason_counts_calendar_days() -> None:
    from datetime import UTC, datetime

    from operator_app.core.hooks import CouponFacts, LeadState, suggest
    from operator_app.core.team_settings import TeamSettings

    lead = LeadState(
        id="C1", friend_status="accepted", friend_added_at=datetime(2026, 10, 1, tzinfo=UTC)
    )
    # Expires 11-26 04:57 Shanghai; now is 11-23 10:00 Shanghai: 3 calendar days.
    coupon = CouponFacts(
        amount=10,
        issued_at=datetime(2026, 10, 27, 20, 57, tzinfo=UTC),
        expires_at=datetime(2026, 11, 25, 20, 57, tzinfo=UTC),
    )
    now = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    found = suggest(lead, [], [coupon], [], TeamSettings(), {}, now)
    reminder = next(s for s in found if s.hook_key == "coupon_expiry")
    assert "11月26日到期，还有 3 天" in reminder.reason
