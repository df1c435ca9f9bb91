"""Team performance: periods, the per-operator metrics, the funnel and the formula breakdown.

Pure pandas + Python over the small frames the data layer aggregated in SQL
(``data/analytics_queries.py``): a row per operator, per hook or per script
line, never a row per event. Script lines and hooks are in
``analytics_scripts``; the report that ties everything together is built in
``analytics_report``.

Periods are whole local days in the team time zone (setting ``timezone``,
default Asia/Shanghai): P = [first day 00:00, day after the last 00:00).

Who gets the credit
-------------------
*Work* (messages, scripts) is credited to whoever logged it
(``contact_event.operator_id``); an operator who left keeps the work they
did. *Customers and their orders* are credited to the customer's current
owner (``lead.owner_id``): when a customer is reassigned, or their operator
leaves, their outcomes move with them to the colleague who now serves them.

The metrics, for operator o and period P
----------------------------------------
``cohort(o)`` = the leads o owns that were created (imported or added) in P.
A *valid* order is one not refunded and not closed.

=================  =========================================================
leads_assigned     |cohort(o)|.
leads_contacted    distinct leads o sent a template line or a custom message
                   in P.
messages_sent      template lines + custom messages o sent in P.
reply_rate         scripts answered ÷ scripts sent. A script is the lines of
                   one hook o sent one customer, its first line sent in P;
                   answered = a reply logged for that hook at or after that
                   first line (any time up to now). The unit of
                   ``data.queries.hook_counts``: over all time the hooks'
                   totals are its numbers.
first_order_rate   首单转化率 = first-order customers ÷ new friends.
                   New friends = cohort leads that became friends
                   (``friend_added_at`` set); first-order customers = new
                   friends with a valid order flagged ``is_first_order``.
wechat_rate        入个微率 = first-order customers with an ``added_wechat``
                   event ÷ first-order customers.
group_rate         入群率 = first-order customers with a ``joined_group``
                   event ÷ first-order customers.
repurchase_rate    复购率 = first-order customers (as above) who placed a valid
                   repeat order (not flagged first), any time up to now ÷
                   first-order customers. The funnel's last step is the
                   same figure (``analytics_funnel``).
orders             valid orders placed in P by customers o owns (first and
                   repeat orders, whenever the customer arrived).
revenue            the amounts of those orders.
avg_order_value    客单价 = revenue ÷ orders.
=================  =========================================================

The cohort metrics follow the customers that arrived in P to today, so a
period's newest customers have had less time to convert: compare operators
over the same period, and read a period against the previous one with that
in mind.

The team-total row: counts and money are the sum over the operators
listed, rates are pooled (Σ numerators ÷ Σ denominators) — so the table adds
up; what the team has beyond its rows (the unassigned pool, customers worked
by two people) is reconciled in ``analytics_report``.

The team-average row: counts are the mean over the operators listed; rates
are pooled (Σ numerators ÷ Σ denominators), so an operator with three
customers weighs three customers, not one operator; the average order value
is Σ revenue ÷ Σ orders. A value with no denominator is None ("—"), never 0
and never NaN.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, Literal
from zoneinfo import ZoneInfo

import pandas as pd

from operator_app.core.domain import Role

PACKAGE_CARD = "包裹卡"
TEAM_ROW = "team"  # scope key of team-wide figures
MIN_RATE_SAMPLE = 20  # a rate on fewer customers is marked "few data" where shown
# "Below the average" means noticeably below: a 1 % dip in a count is noise.
MIN_GAP_POINTS = 3  # rates: percentage points
MIN_GAP_PERCENT = 10  # counts and money: percent of the average

MetricKind = Literal["count", "rate", "money"]


# -- periods -------------------------------------------------------------------------------


class PeriodKind(StrEnum):
    TODAY = "today"
    LAST_7 = "7d"
    LAST_30 = "30d"
    CUSTOM = "custom"


PRESET_DAYS = {PeriodKind.TODAY: 1, PeriodKind.LAST_7: 7, PeriodKind.LAST_30: 30}


@dataclass(frozen=True)
class Period:
    """Whole local days ``first`` … ``last`` (both included)."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"period ends ({self.last}) before it starts ({self.first})")

    @classmethod
    def preset(cls, kind: PeriodKind, today: date) -> Period:
        """Today, or the last 7 / 30 days including today."""
        if kind not in PRESET_DAYS:
            raise ValueError(f"{kind!r} is not a preset period")
        return cls(today - timedelta(days=PRESET_DAYS[kind] - 1), today)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        """The period of equal length just before this one."""
        return Period(self.first - timedelta(days=self.days), self.first - timedelta(days=1))

    def bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """[start, end) as aware datetimes: local midnights, correct across DST changes."""
        start = datetime.combine(self.first, time(0), tz)
        end = datetime.combine(self.last + timedelta(days=1), time(0), tz)
        return start, end

    def is_future(self, today: date) -> bool:
        """Starts after today: nothing can have happened yet."""
        return self.first > today

    def day_list(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range(self.days)]


def local_today(now: datetime, tz: ZoneInfo) -> date:
    return now.astimezone(tz).date()


# -- metrics -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricSpec:
    """One column of the operator table: key, kind, and for rates the base it divides by."""

    key: str
    kind: MetricKind
    base: str = ""  # the key in OperatorRow.bases holding the denominator
    # False for an input the team lead decides (how many leads they hand out): shown
    # plainly, never coloured against the team average.
    controlled: bool = True


METRICS: tuple[MetricSpec, ...] = (
    MetricSpec("leads_assigned", "count", controlled=False),
    MetricSpec("leads_contacted", "count"),
    MetricSpec("messages_sent", "count"),
    MetricSpec("reply_rate", "rate", "scripts_sent"),
    MetricSpec("first_order_rate", "rate", "new_friends"),
    MetricSpec("wechat_rate", "rate", "first_buyers"),
    MetricSpec("group_rate", "rate", "first_buyers"),
    MetricSpec("repurchase_rate", "rate", "first_buyers"),
    MetricSpec("orders", "count"),
    MetricSpec("revenue", "money"),
    MetricSpec("avg_order_value", "money", "orders"),
)
METRIC_BY_KEY = {m.key: m for m in METRICS}

# Columns of the frames the data layer hands over (see data/analytics_queries.py).
COHORT_COUNTS = (
    "leads",
    "packages",
    "package_friends",
    "friends",
    "first_buyers",
    "first_revenue",
    "wechat",
    "grp",
    "repurchasers",
    "repeat_revenue",
)
ACTIVITY_COUNTS = ("messages", "contacted")
SCRIPT_COUNTS = ("scripts", "answered")
ORDER_COUNTS = ("orders", "revenue", "buyers", "repeat_buyers")


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator ÷ denominator; None (shown "—") when there is nothing to divide by."""
    if not denominator or math.isnan(denominator) or math.isnan(numerator):
        return None
    return numerator / denominator


@dataclass(frozen=True)
class OperatorRow:
    """One line of the operator table. ``operator_id`` None is the team-average row."""

    operator_id: uuid.UUID | None
    login: str
    name: str
    role: str
    active: bool
    values: Mapping[str, float | None]
    bases: Mapping[str, float] = field(default_factory=dict)

    @property
    def is_average(self) -> bool:
        return self.operator_id is None

    def value(self, key: str) -> float | None:
        return self.values.get(key)

    def base(self, key: str) -> float | None:
        """The sample a rate rests on (its denominator), None for counts."""
        spec = METRIC_BY_KEY[key]
        return self.bases.get(spec.base) if spec.base else None


def _values(sums: Mapping[str, float]) -> dict[str, float | None]:
    first = sums["first_buyers"]
    return {
        "leads_assigned": sums["leads"],
        "leads_contacted": sums["contacted"],
        "messages_sent": sums["messages"],
        "reply_rate": ratio(sums["answered"], sums["scripts"]),
        "first_order_rate": ratio(first, sums["friends"]),
        "wechat_rate": ratio(sums["wechat"], first),
        "group_rate": ratio(sums["grp"], first),
        "repurchase_rate": ratio(sums["repurchasers"], first),
        "orders": sums["orders"],
        "revenue": sums["revenue"],
        "avg_order_value": ratio(sums["revenue"], sums["orders"]),
    }


def _bases(sums: Mapping[str, float]) -> dict[str, float]:
    return {
        "scripts_sent": sums["scripts"],
        "new_friends": sums["friends"],
        "first_buyers": sums["first_buyers"],
        "buyers": sums["buyers"],
        "orders": sums["orders"],
    }


ALL_COUNTS = (*COHORT_COUNTS, *ACTIVITY_COUNTS, *SCRIPT_COUNTS, *ORDER_COUNTS)


def _by_person(frame: pd.DataFrame, key: str, columns: Iterable[str]) -> pd.DataFrame:
    """Sum ``columns`` per person id (rows without one — the pool — are dropped)."""
    cols = list(columns)
    if frame.empty:
        return pd.DataFrame(columns=cols, dtype="float64")
    known = frame[frame[key].notna()]
    return known.groupby(key)[cols].sum().astype("float64")


def person_sums(
    operators: pd.DataFrame,
    cohort: pd.DataFrame,
    activity: pd.DataFrame,
    scripts: pd.DataFrame,
    orders: pd.DataFrame,
) -> pd.DataFrame:
    """Every count per person (index: operator id), zeros where they had none."""
    parts = [
        _by_person(cohort, "owner_id", COHORT_COUNTS),
        _by_person(activity, "operator_id", ACTIVITY_COUNTS),
        _by_person(scripts, "operator_id", SCRIPT_COUNTS),
        _by_person(orders, "owner_id", ORDER_COUNTS),
    ]
    sums = pd.concat(parts, axis=1).reindex(columns=list(ALL_COUNTS))
    index = pd.Index(list(operators["operator_id"]) + list(sums.index)).unique()
    return sums.reindex(index).fillna(0.0)


def listed(operators: pd.DataFrame, sums: pd.DataFrame) -> pd.DataFrame:
    """Who the table lists: active operators, plus anyone with something in the period
    (a colleague who left mid-period, a team lead who worked customers)."""
    people = operators.set_index("operator_id")
    busy = sums.reindex(people.index).fillna(0.0).abs().sum(axis=1) > 0
    keep = (people["active"].astype(bool) & (people["role"] == Role.OPERATOR.value)) | busy
    return people[keep].sort_values(["name", "login"]).reset_index()


def operator_rows(operators: pd.DataFrame, sums: pd.DataFrame) -> list[OperatorRow]:
    """The table's rows, one per listed person, in name order."""
    rows = []
    for person in listed(operators, sums).itertuples(index=False):
        own = sums.loc[person.operator_id].to_dict()
        rows.append(
            OperatorRow(
                person.operator_id,
                str(person.login),
                str(person.name),
                str(person.role),
                bool(person.active),
                _values(own),
                _bases(own),
            )
        )
    return rows


def team_total(rows: list[OperatorRow], sums: pd.DataFrame) -> OperatorRow:
    """Counts and money summed over the people listed; rates pooled over them."""
    ids = [r.operator_id for r in rows]
    if not ids:
        empty: dict[str, float | None] = {m.key: None for m in METRICS}
        return OperatorRow(None, "", "", "", True, empty, {})
    total = sums.loc[ids].sum().to_dict()
    return OperatorRow(None, "", "", "", True, _values(total), _bases(total))


def team_average(rows: list[OperatorRow], sums: pd.DataFrame) -> OperatorRow:
    """Counts averaged over the people listed; rates pooled over them."""
    ids = [r.operator_id for r in rows]
    if not ids:
        empty: dict[str, float | None] = {m.key: None for m in METRICS}
        return OperatorRow(None, "", "", "", True, empty, {})
    total = sums.loc[ids].sum().to_dict()
    values = _values(total)
    for spec in METRICS:
        if spec.kind != "rate" and spec.key != "avg_order_value":
            count = values[spec.key]
            values[spec.key] = None if count is None else count / len(ids)
    return OperatorRow(None, "", "", "", True, values, _bases(total))


# -- below the average ----------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    """How far a value is below the team average: percentage points for rates,
    percent of the average for counts and money (at least MIN_GAP_POINTS /
    MIN_GAP_PERCENT, or it is not called below)."""

    unit: Literal["points", "percent"]
    amount: int  # whole points / percent, at least 1
    few_data: bool = False  # the rate rests on fewer than MIN_RATE_SAMPLE customers


def gap_below(row: OperatorRow, average: OperatorRow, key: str) -> Gap | None:
    """The gap when ``row`` is noticeably below the average on ``key``, else None."""
    value, avg = row.value(key), average.value(key)
    spec = METRIC_BY_KEY[key]
    if row.is_average or value is None or avg is None or not spec.controlled:
        return None
    if spec.kind == "rate":
        points = round((avg - value) * 100)
        if points < MIN_GAP_POINTS:
            return None
        base = row.base(key) or 0
        return Gap("points", points, few_data=base < MIN_RATE_SAMPLE)
    if avg <= 0:
        return None
    percent = round((avg - value) / avg * 100)
    return Gap("percent", percent) if percent >= MIN_GAP_PERCENT else None


# -- the daily trend ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DayPoint:
    day: date
    friends: int
    orders: int
    revenue: float


def daily_trend(hourly: pd.DataFrame, period: Period, tz: ZoneInfo) -> list[DayPoint]:
    """Local days of ``period`` from counts per UTC hour (columns hour 'YYYY-MM-DD HH',
    friends, orders, revenue); days without any are zeros, never missing."""
    totals = pd.DataFrame(
        0.0, index=pd.Index(period.day_list(), name="day"), columns=["friends", "orders", "revenue"]
    )
    if not hourly.empty:
        utc = pd.to_datetime(hourly["hour"], format="%Y-%m-%d %H", utc=True)
        days = utc.dt.tz_convert(tz).dt.date
        by_day = hourly[["friends", "orders", "revenue"]].groupby(days.to_numpy()).sum()
        totals = totals.add(by_day.reindex(totals.index).fillna(0.0), fill_value=0.0)
    return [
        DayPoint(day, int(r.friends), int(r.orders), float(r.revenue))
        for day, r in zip(totals.index, totals.itertuples(index=False), strict=True)
    ]


def as_dict(series: pd.Series | Mapping[str, Any]) -> dict[str, float]:
    """Counts as plain floats (NaN → 0) for the funnel and breakdown."""
    items = series.items() if isinstance(series, pd.Series) else series.items()
    out = {}
    for k, v in items:
        value = float(v) if v is not None else 0.0
        out[str(k)] = 0.0 if math.isnan(value) else value
    return out
