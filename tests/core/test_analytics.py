"""The performance maths on hand-built frames; every expected number worked out by hand."""

from __future__ import annotations

import math
import uuid
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from operator_app.core import analytics as an
from operator_app.core.analytics_format import (
    format_change,
    format_count,
    format_money,
    format_rate,
    formatted,
    table_rows,
)
from operator_app.core.analytics_funnel import FACTORS, breakdown, channel_funnel
from operator_app.core.analytics_report import (
    Moved,
    Report,
    ReportInputs,
    build_report,
    restricted_to,
)
from operator_app.core.analytics_scripts import Catalog

SHANGHAI = ZoneInfo("Asia/Shanghai")
A, B, C, D = (uuid.UUID(int=i) for i in (1, 2, 3, 4))
LEAD = uuid.UUID(int=9)


def operators() -> pd.DataFrame:
    return pd.DataFrame(
        [
            (A, "a", "安", "operator", True),
            (B, "b", "博", "operator", True),
            (C, "c", "陈", "operator", False),  # left; worked early in the period
            (D, "d", "丁", "operator", True),  # new, nothing yet
            (LEAD, "lead", "组长", "team_lead", True),
        ],
        columns=["operator_id", "login", "name", "role", "active"],
    )


def cohort(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["owner_id", "part", "channel", *an.COHORT_COUNTS])


PK, STORE, LIVE = "包裹卡", "门店活码", "抖音直播"
COHORT = cohort(
    [
        # owner, part, channel, leads, packages, package_friends, friends, first_buyers,
        # first_revenue, wechat, grp, repurchasers, repeat_revenue
        (A, "cur", PK, 3, 3, 2, 2, 1, 100.0, 1, 1, 1, 50.0),
        (A, "cur", STORE, 1, 0, 0, 1, 1, 200.0, 0, 0, 0, 0.0),
        (B, "cur", PK, 1, 1, 1, 1, 1, 80.0, 1, 0, 0, 0.0),
        (B, "cur", LIVE, 1, 0, 0, 1, 0, 0.0, 0, 0, 0, 0.0),
        (None, "cur", PK, 1, 1, 0, 0, 0, 0.0, 0, 0, 0, 0.0),  # the pool
        (B, "prev", PK, 2, 2, 2, 2, 1, 120.0, 0, 0, 0, 0.0),
    ]
)
ACTIVITY = pd.DataFrame(
    [(A, 11, 4), (B, 5, 2), (C, 1, 1)], columns=["operator_id", "messages", "contacted"]
)
SCRIPTS = pd.DataFrame(
    [
        (A, "first_order", 3, 2, 2),
        (A, "invite_wechat", 1, 1, 1),
        (B, "first_order", 2, 1, 1),
        (B, "invite_wechat", 1, 1, 0),
        (C, "first_order", 1, 1, 0),
    ],
    columns=["operator_id", "hook_key", "scripts", "answered", "converted"],
)
ORDERS = pd.DataFrame(
    [(A, 4, 420.0, 3, 2), (B, 1, 80.0, 1, 0)],
    columns=["owner_id", "orders", "revenue", "buyers", "repeat_buyers"],
)
EMPTY_LINES = pd.DataFrame(
    columns=["operator_id", "template_id", "line_no", "sent", "replied", "stopped"]
)
CATALOG = Catalog(
    pd.DataFrame(columns=["template_id", "key", "title", "hook_key", "line_count"]),
    pd.DataFrame(columns=["template_id", "line_no", "text"]),
    pd.DataFrame(
        [("first_order", "首单转化", 2), ("invite_wechat", "入个微", 4)],
        columns=["hook_key", "name", "position"],
    ),
)
PERIOD = an.Period(date(2026, 5, 1), date(2026, 5, 7))
TODAY = date(2026, 5, 8)


def build(facts: dict[str, float] | None = None, **frames: pd.DataFrame) -> Report:
    inputs = ReportInputs(
        frames.get("operators", operators()),
        frames.get("cohort", COHORT),
        frames.get("activity", ACTIVITY),
        frames.get("scripts", SCRIPTS),
        frames.get("lines", EMPTY_LINES),
        frames.get("orders", ORDERS),
        CATALOG,
        facts or {},
    )
    return build_report(inputs, PERIOD, SHANGHAI, TODAY, [])


# -- periods ---------------------------------------------------------------------------------


def test_presets_end_today_and_count_whole_days() -> None:
    today = date(2026, 5, 8)
    assert an.Period.preset(an.PeriodKind.TODAY, today) == an.Period(today, today)
    assert an.Period.preset(an.PeriodKind.LAST_7, today) == an.Period(date(2026, 5, 2), today)
    assert an.Period.preset(an.PeriodKind.LAST_30, today).first == date(2026, 4, 9)
    assert an.Period(date(2026, 5, 2), today).days == 7


def test_previous_period_has_the_same_length_and_ends_the_day_before() -> None:
    assert PERIOD.previous() == an.Period(date(2026, 4, 24), date(2026, 4, 30))


def test_bounds_are_local_midnights_in_the_team_time_zone() -> None:
    start, end = PERIOD.bounds(SHANGHAI)
    assert start.astimezone(UTC) == datetime(2026, 4, 30, 16, 0, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime(2026, 5, 7, 16, 0, tzinfo=UTC)


def test_bounds_follow_daylight_saving_changes() -> None:
    # Berlin moves to summer time on 2026-03-29: that local day has 23 hours.
    start, end = an.Period(date(2026, 3, 29), date(2026, 3, 29)).bounds(ZoneInfo("Europe/Berlin"))
    assert (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() == 23 * 3600


def test_a_reversed_period_is_refused_and_the_future_is_recognised() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        an.Period(date(2026, 5, 2), date(2026, 5, 1))
    assert an.Period(date(2026, 5, 9), date(2026, 5, 10)).is_future(TODAY)
    assert not an.Period(date(2026, 5, 8), date(2026, 5, 10)).is_future(TODAY)


def test_local_today_uses_the_team_time_zone() -> None:
    late_utc = datetime(2026, 5, 7, 17, 0, tzinfo=UTC)  # 01:00 on the 8th in Shanghai
    assert an.local_today(late_utc, SHANGHAI) == date(2026, 5, 8)


# -- the operator table -------------------------------------------------------------------------


def test_every_metric_per_operator() -> None:
    rep = build()
    a = rep.row(A)
    assert a is not None
    assert dict(a.values) == {
        "leads_assigned": 4,
        "leads_contacted": 4,
        "messages_sent": 11,
        "reply_rate": 3 / 4,  # (2 + 1) answered of (3 + 1) scripts
        "first_order_rate": 2 / 3,  # 2 first-order customers of 3 new friends
        "wechat_rate": 1 / 2,
        "group_rate": 1 / 2,
        "repurchase_rate": 1 / 2,  # 1 bought again of the 2 first-order customers
        "orders": 4,
        "revenue": 420.0,
        "avg_order_value": 105.0,
    }
    b = rep.row(B)
    assert b is not None
    assert b.value("reply_rate") == pytest.approx(2 / 3)
    assert b.value("first_order_rate") == 1 / 2
    assert (b.value("wechat_rate"), b.value("group_rate")) == (1.0, 0.0)
    assert (b.value("repurchase_rate"), b.value("avg_order_value")) == (0.0, 80.0)


def test_rates_without_a_denominator_are_none_not_zero() -> None:
    rep = build()
    left = rep.row(C)
    assert left is not None and not left.active
    assert (left.value("messages_sent"), left.value("reply_rate")) == (1, 1.0)
    for key in ("first_order_rate", "wechat_rate", "group_rate", "repurchase_rate"):
        assert left.value(key) is None
    assert left.value("avg_order_value") is None
    new = rep.row(D)
    assert new is not None
    assert [new.value(m.key) for m in an.METRICS if m.kind != "count"] == [None] * 5 + [0.0, None]


def test_who_is_listed_operators_and_anyone_who_worked() -> None:
    rep = build()
    assert [r.name for r in rep.rows] == ["丁", "博", "安", "陈"]  # by name; not the idle lead
    idle = build(
        activity=ACTIVITY[ACTIVITY["operator_id"] != C],
        scripts=SCRIPTS[SCRIPTS["operator_id"] != C],
    )
    assert C not in [r.operator_id for r in idle.rows]  # left and idle: not listed


def test_team_average_means_counts_and_pools_rates() -> None:
    avg = build().average
    assert avg.is_average
    assert avg.value("leads_assigned") == (4 + 2 + 0 + 0) / 4
    assert avg.value("messages_sent") == (11 + 5 + 1 + 0) / 4
    assert avg.value("reply_rate") == (3 + 2 + 1) / (4 + 3 + 1)
    assert avg.value("first_order_rate") == (2 + 1) / (3 + 2)
    assert avg.value("wechat_rate") == pytest.approx(2 / 3)
    assert avg.value("repurchase_rate") == 1 / 3
    assert avg.value("revenue") == 500 / 4
    assert avg.value("avg_order_value") == 500 / 5


def test_below_average_in_points_for_rates_and_percent_for_counts() -> None:
    rep = build()
    b = rep.row(B)
    assert b is not None
    # B's first-order rate 50 % against 60 %: 10 points, on only 2 new friends.
    assert an.gap_below(b, rep.average, "first_order_rate") == an.Gap("points", 10, few_data=True)
    # B placed 1 order against an average of 1.25: 20 % below.
    assert an.gap_below(b, rep.average, "orders") == an.Gap("percent", 20)
    a = rep.row(A)
    assert a is not None
    assert an.gap_below(a, rep.average, "orders") is None  # above
    assert an.gap_below(rep.average, rep.average, "orders") is None


def test_small_dips_are_not_called_below() -> None:
    def row(**values: float) -> an.OperatorRow:
        return an.OperatorRow(A, "a", "a", "operator", True, values, {"scripts_sent": 99})

    avg = an.OperatorRow(None, "", "", "", True, {"reply_rate": 0.75, "orders": 100.0}, {})
    assert an.gap_below(row(reply_rate=0.73), avg, "reply_rate") is None  # 2 points
    assert an.gap_below(row(reply_rate=0.72), avg, "reply_rate") == an.Gap("points", 3)
    assert an.gap_below(row(orders=91.0), avg, "orders") is None  # 9 %
    assert an.gap_below(row(orders=90.0), avg, "orders") == an.Gap("percent", 10)


def test_nothing_at_all_gives_dashes_never_nan() -> None:
    rep = build(
        cohort=COHORT.iloc[0:0],
        activity=ACTIVITY.iloc[0:0],
        scripts=SCRIPTS.iloc[0:0],
        orders=ORDERS.iloc[0:0],
    )
    assert rep.status == "empty"
    assert [r.name for r in rep.rows] == ["丁", "博", "安"]
    for row in (*rep.rows, rep.average):
        for value in row.values.values():
            assert value is None or not math.isnan(value)
    cells = formatted(table_rows(rep, "均值"))
    assert all("nan" not in c.lower() for row in cells for c in row)
    assert cells[0][4] == "—" and cells[0][1] == "0"


def test_a_team_without_people_still_has_an_average_row() -> None:
    rep = build(operators=operators().iloc[0:0], activity=ACTIVITY.iloc[0:0])
    assert rep.rows == ()
    assert all(v is None for v in rep.average.values.values())


def test_future_period_status() -> None:
    inputs = ReportInputs(
        operators(),
        COHORT.iloc[0:0],
        ACTIVITY.iloc[0:0],
        SCRIPTS.iloc[0:0],
        EMPTY_LINES,
        ORDERS.iloc[0:0],
        CATALOG,
    )
    future = an.Period(date(2026, 6, 1), date(2026, 6, 7))
    assert build_report(inputs, future, SHANGHAI, TODAY, []).status == "future"


# -- funnel and breakdown -----------------------------------------------------------------------


def test_team_funnel_starts_at_friends_and_each_channel_has_its_own() -> None:
    team = build().funnels[an.TEAM_ROW]
    # friends: A 2 + 1, B 1 + 1 (the pool's lead is no friend) → first 3 → again 1
    assert [(s.key, s.count) for s in team.steps] == [
        ("friends", 5),
        ("first_buyers", 3),
        ("repurchasers", 1),
    ]
    assert [s.rate for s in team.steps] == [None, 3 / 5, 1 / 3]
    assert [s.share for s in team.steps] == [1.0, 3 / 5, 1 / 5]
    assert [(f.key, f.count, f.rate) for f in team.follow_ups] == [
        ("wechat", 2, 2 / 3),
        ("grp", 1, 1 / 3),
    ]
    assert [f.channel for f in team.by_channel][0] == PK
    package = team.channel_funnel(PK)
    assert package is not None
    # packages 3 + 1 + the pool's 1 → package-card friends 2 + 1 → first 1 + 1 → 1
    assert [(s.key, s.count) for s in package.steps] == [
        ("packages", 5),
        ("friends", 3),
        ("first_buyers", 2),
        ("repurchasers", 1),
    ]
    assert package.step("friends").rate == 3 / 5  # 吸粉率
    live = team.channel_funnel(LIVE)
    assert live is not None
    assert [(s.key, s.count, s.rate) for s in live.steps] == [
        ("friends", 1, None),
        ("first_buyers", 0, 0.0),
        ("repurchasers", 0, None),  # nobody to buy again: "—", not 0 %
    ]


def test_repurchase_is_the_same_figure_in_the_funnel_and_the_table() -> None:
    rep = build()
    a = rep.row(A)
    assert a is not None
    assert rep.funnels[A].repurchase_rate == a.value("repurchase_rate") == 1 / 2
    assert rep.funnels[an.TEAM_ROW].repurchase_rate == 1 / 3
    assert rep.total is not None and rep.total.value("repurchase_rate") == 1 / 3


def test_an_operator_funnel_and_an_empty_one() -> None:
    rep = build()
    assert rep.funnels[B].channel_funnel(PK).step("friends").rate == 1.0  # type: ignore[union-attr]
    empty = rep.funnels[D]
    assert empty.empty and all(s.rate is None for s in empty.steps)
    assert empty.by_channel == ()


def test_the_total_row_adds_up_and_the_rest_is_reconciled() -> None:
    pool_order = pd.DataFrame(
        [(None, 1, 30.0, 1, 0)],
        columns=["owner_id", "orders", "revenue", "buyers", "repeat_buyers"],
    )
    rep = build(
        facts={"contacted": 6, "moved_customers": 1, "moved_orders": 2, "moved_revenue": 90.0},
        orders=pd.concat([ORDERS, pool_order], ignore_index=True),
    )
    total = rep.total
    assert total is not None and total.is_average is True  # no operator behind it
    assert total.value("leads_assigned") == 4 + 2
    assert total.value("messages_sent") == 11 + 5 + 1
    assert total.value("revenue") == 420 + 80
    assert total.value("reply_rate") == (3 + 2 + 1) / (4 + 3 + 1)  # pooled, not summed
    lines = {r.key: (r.team, r.rows, r.reason, r.difference) for r in rep.reconciliation}
    assert lines == {
        "leads_assigned": (7, 6, "outside", 1),  # the pool's lead
        "leads_contacted": (6, 7, "shared", -1),  # someone counted in two rows
        "orders": (6, 5, "outside", 1),
        "revenue": (530, 500, "outside", 30),
    }
    assert rep.moved == Moved(1, 2, 90.0)


def test_lmdi_names_the_conversion_that_fell_not_the_packages_that_grew() -> None:
    # Packages doubled (100 → 200), the friend-add rate held at 50 %, first-order
    # conversion halved (20 % → 10 %), the first order's value fell 100 → 80:
    # sales 100 × 0.5 × 0.2 × 100 = 1000 → 200 × 0.5 × 0.1 × 80 = 800.
    before = {
        "packages": 100,
        "package_friends": 50,
        "friends": 50,
        "first_buyers": 10,
        "first_revenue": 1000.0,
    }
    after = {
        "packages": 200,
        "package_friends": 100,
        "friends": 100,
        "first_buyers": 10,
        "first_revenue": 800.0,
    }
    bd = breakdown(after, before)
    assert (bd["sales"].current, bd["sales"].previous) == (800.0, 1000.0)
    weight = (800 - 1000) / math.log(800 / 1000)  # the logarithmic mean L(800, 1000)
    assert bd["packages"].contribution == pytest.approx(weight * math.log(2))  # +621
    assert bd["friend_add_rate"].contribution == 0
    assert bd["first_order_rate"].contribution == pytest.approx(weight * math.log(0.5))  # -621
    assert bd["first_aov"].contribution == pytest.approx(-200 * math.log(0.8) / math.log(0.8))
    total = sum(bd[k].contribution or 0 for k in FACTORS)
    assert total == pytest.approx(-200.0) and bd.change == -200.0
    assert bd.biggest == "first_order_rate"  # the largest contribution downwards
    assert bd["packages"].change == 1.0  # +100 %, yet it did not cause the fall


def test_breakdown_of_the_team_adds_up_and_a_new_channel_gets_its_sales() -> None:
    bd = build().breakdowns[an.TEAM_ROW]
    # cohort sales: first orders 100 + 200 + 80 and A's repeat 50; before: 120
    assert (bd["sales"].current, bd["sales"].previous) == (430.0, 120.0)
    assert sum(bd[k].contribution or 0 for k in FACTORS) == pytest.approx(310.0)
    # No friends from other channels before: their branches (200 + 80·0 first-order
    # sales … ) come from nothing, so all of that goes to "other channels".
    other_first = 2 * (3 / 5) * (380 / 3)  # other friends × conversion × first-order value
    other_repeat = 2 * (3 / 5) * (1 / 3) * 50  # × repurchase rate × repeat value
    assert bd["other_friends"].contribution == pytest.approx(other_first + other_repeat)
    assert bd.biggest == "other_friends"


def test_breakdown_with_nothing_to_compare() -> None:
    bd = breakdown({}, {})
    assert bd.biggest is None and bd.change == 0 and not bd.comparable
    assert all(f.change is None for f in bd.factors.values())
    assert all((f.contribution or 0) == 0 for f in bd.factors.values())


# -- restricted view, trend, formatting ---------------------------------------------------------


def test_an_operator_sees_their_row_and_the_average_only() -> None:
    rep = restricted_to(build(), B)
    assert [r.operator_id for r in rep.rows] == [B]
    assert rep.average.value("reply_rate") == 6 / 8  # still the team's
    assert set(rep.funnels) == set(rep.templates) == set(rep.hooks) == {B}
    assert rep.pool_leads == 0 and rep.viewer == B


def test_an_operator_missing_from_the_table_gets_an_empty_own_row() -> None:
    stranger = uuid.UUID(int=77)
    rep = restricted_to(build(), stranger, "新人")
    assert [(r.operator_id, r.name) for r in rep.rows] == [(stranger, "新人")]
    assert rep.rows[0].value("reply_rate") is None and rep.rows[0].value("orders") == 0


def test_trend_buckets_utc_hours_into_local_days_with_zeros_between() -> None:
    hourly = pd.DataFrame(
        [
            ("2026-04-30 16", 1, 0, 0.0),
            ("2026-05-05 16", 0, 1, 70.0),
            ("2026-05-05 15", 0, 1, 50.0),
        ],
        columns=["hour", "friends", "orders", "revenue"],
    )
    days = an.daily_trend(hourly, PERIOD, SHANGHAI)
    assert [d.day for d in days] == PERIOD.day_list()
    by_day = {d.day: (d.friends, d.orders, d.revenue) for d in days}
    assert by_day[date(2026, 5, 1)] == (1, 0, 0.0)  # 16:00 UTC is midnight in Shanghai
    assert by_day[date(2026, 5, 5)] == (0, 1, 50.0)  # 23:00 local
    assert by_day[date(2026, 5, 6)] == (0, 1, 70.0)  # 00:00 local the next day
    assert by_day[date(2026, 5, 3)] == (0, 0, 0.0)


def test_formatting_and_missing_values() -> None:
    assert (format_count(2159), format_count(1.25), format_count(None)) == ("2,159", "1.2", "—")
    assert (format_rate(0.75), format_rate(None), format_rate(float("nan"))) == ("75.0%", "—", "—")
    assert format_money(47162) == "¥47,162.00"
    assert (format_change(0.12), format_change(-0.085)) == ("+12.0%", "-8.5%")


def test_table_rows_mark_who_left_and_end_with_the_average() -> None:
    rows = table_rows(build(), "团队均值", "(已离职)")
    assert [r[0] for r in rows] == ["丁", "博", "安", "陈 (已离职)", "团队均值"]
    assert rows[2][1:4] == [4, 4, 11]


def test_zero_packages_and_no_previous_period_give_dashes_not_nan() -> None:
    # friends only from the store's QR code, nothing the period before
    now = {"leads": 3, "friends": 2, "first_buyers": 1, "first_revenue": 90.0}
    bd = breakdown(now, {})
    assert bd["friend_add_rate"].current is None  # no packages: no friend-add rate, "—"
    assert bd["packages"].change is None and not bd.comparable
    assert bd["other_friends"].contribution == pytest.approx(90.0)  # all of it came new
    assert sum(bd[k].contribution or 0 for k in FACTORS) == pytest.approx(90.0)
    store = channel_funnel(now, STORE)
    assert [(s.key, s.count, s.rate) for s in store.steps] == [
        ("friends", 2, None),
        ("first_buyers", 1, 1 / 2),
        ("repurchasers", 0, 0.0),
    ]
    package = channel_funnel({}, PK)
    assert all(s.count == 0 and s.rate is None for s in package.steps[1:])
    for f in (*bd.factors.values(),):
        for v in (f.current, f.previous, f.change, f.contribution):
            assert v is None or not math.isnan(v)
