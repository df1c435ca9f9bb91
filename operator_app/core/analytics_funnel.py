"""The cohort funnel and the sales breakdown of the performance report.

Both are counted on the *cohort*: the customers who arrived (lead created) in
the period, followed to today. The data layer hands over their counts per
owner and entry channel (``data/analytics_queries.COHORT_SQL``); every count
there is nested in the one before it by construction — friends are cohort
leads with ``friend_added_at`` set, first-order customers are friends with a
valid first order, repurchasers are first-order customers with a valid repeat
order — so a funnel step can never hold more customers than the step before.

The funnel
----------
Per entry channel: 包裹卡 starts at packages (its leads), then the package
cards' friends; every other channel (门店活码, 抖音直播, …) starts at friends
added, since those customers added us themselves. "All channels" starts at
friends added. Then 首单 (first order) → 复购 (bought again). Each step shows
its count, its rate over the step before and its share of the first step.

入个微 (added the personal WeChat) and 入群 (joined the group) are follow-ups
of the first order, not steps: a customer may join the group without adding
the WeChat. Both are shares of the first-order customers, as in the table.

复购率 is one figure everywhere: first-order customers of the cohort who
placed a valid repeat order ÷ first-order customers of the cohort.

The breakdown
-------------
Cohort sales = first-order sales + repeat sales, and exactly::

    first-order sales = (packages × friend-add rate + other friends) × conversion × first AOV
    repeat sales      = (packages × friend-add rate + other friends) × conversion
                        × repurchase rate × repeat sales per repurchaser

four branches, each a product of factors. Each factor's contribution to the
change against the previous period is the log-mean Divisia index (LMDI-I):
for a branch V = Π x, ΔV = Σ L(V¹, V⁰) · ln(x¹/x⁰), L the logarithmic mean;
summed over branches, the contributions add up exactly to the change in
sales. A branch that is zero in one period (no packages last month) has no
logarithm: its whole change goes to the first factor of its chain that is
zero or undefined (the limit of LMDI as that factor tends to zero).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from operator_app.core.analytics import PACKAGE_CARD, ratio

ALL_CHANNELS = ""  # the funnel of every channel together

# -- the funnel ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelStep:
    """One bar: customers who got this far; rate over the step before; share of the first."""

    key: str  # packages / friends / first_buyers / repurchasers
    count: int
    rate: float | None  # None for the first step, or when the step before is empty
    share: float | None  # count ÷ the first step's count


@dataclass(frozen=True)
class FollowUp:
    """入个微 / 入群: a share of the first-order customers, not a step of the funnel."""

    key: str  # wechat / grp
    count: int
    rate: float | None


@dataclass(frozen=True)
class Funnel:
    """One channel's cohort funnel (``channel`` "" = all channels) and, for the all-
    channels funnel, each channel's own in ``by_channel`` (包裹卡 first)."""

    channel: str
    steps: tuple[FunnelStep, ...]
    follow_ups: tuple[FollowUp, ...]
    by_channel: tuple[Funnel, ...] = field(default=())

    def step(self, key: str) -> FunnelStep:
        return next(s for s in self.steps if s.key == key)

    def follow_up(self, key: str) -> FollowUp:
        return next(f for f in self.follow_ups if f.key == key)

    def channel_funnel(self, channel: str) -> Funnel | None:
        if channel == self.channel:
            return self
        return next((f for f in self.by_channel if f.channel == channel), None)

    @property
    def repurchase_rate(self) -> float | None:
        return self.step("repurchasers").rate

    @property
    def empty(self) -> bool:
        return all(s.count == 0 for s in self.steps)


def _count(sums: Mapping[str, float], key: str) -> int:
    value = float(sums.get(key, 0) or 0)
    return 0 if math.isnan(value) else max(0, round(value))


def channel_funnel(sums: Mapping[str, float], channel: str) -> Funnel:
    """The funnel of one channel's cohort counts (COHORT_COUNTS), or of all channels."""
    entry: list[tuple[str, int]] = []
    if channel == PACKAGE_CARD:
        entry.append(("packages", _count(sums, "leads")))
    chain = [
        *entry,
        ("friends", _count(sums, "friends")),
        ("first_buyers", _count(sums, "first_buyers")),
        ("repurchasers", _count(sums, "repurchasers")),
    ]
    first = chain[0][1]
    steps = []
    for i, (key, count) in enumerate(chain):
        rate = None if i == 0 else ratio(count, chain[i - 1][1])
        steps.append(FunnelStep(key, count, rate, ratio(count, first)))
    buyers = _count(sums, "first_buyers")
    follow = tuple(
        FollowUp(k, _count(sums, k), ratio(_count(sums, k), buyers)) for k in ("wechat", "grp")
    )
    return Funnel(channel, tuple(steps), follow)


def funnel(
    total: Mapping[str, float], channels: Mapping[str, Mapping[str, float]] | None = None
) -> Funnel:
    """All channels' funnel from ``total``, with one per channel from ``channels``
    (包裹卡 first, then by friends added, most first)."""
    by_channel = [channel_funnel(sums, ch) for ch, sums in (channels or {}).items() if ch]
    by_channel.sort(key=lambda f: (f.channel != PACKAGE_CARD, -f.step("friends").count, f.channel))
    whole = channel_funnel(total, ALL_CHANNELS)
    return Funnel(ALL_CHANNELS, whole.steps, whole.follow_ups, tuple(by_channel))


# -- the breakdown -------------------------------------------------------------------------------


FACTORS = (
    "packages",
    "friend_add_rate",
    "other_friends",
    "first_order_rate",
    "first_aov",
    "repurchase_rate",
    "repeat_value",
)
# Each branch is a product of these factors, upstream first (see the module's docstring).
BRANCHES: dict[str, tuple[str, ...]] = {
    "package_first": ("packages", "friend_add_rate", "first_order_rate", "first_aov"),
    "other_first": ("other_friends", "first_order_rate", "first_aov"),
    "package_repeat": (
        "packages",
        "friend_add_rate",
        "first_order_rate",
        "repurchase_rate",
        "repeat_value",
    ),
    "other_repeat": ("other_friends", "first_order_rate", "repurchase_rate", "repeat_value"),
}
# Lines shown between the factors: what they make, not candidates for "moved most".
DERIVED = ("sales", "first_sales", "repeat_sales", "new_friends", "first_orders", "repurchasers")


@dataclass(frozen=True)
class Factor:
    key: str
    current: float | None
    previous: float | None
    contribution: float | None = None  # its share of the change in sales (money); None: derived

    @property
    def change(self) -> float | None:
        """Relative change against the previous period; None when that was 0 or unknown."""
        if self.current is None or self.previous is None or self.previous == 0:
            return None
        return (self.current - self.previous) / self.previous


@dataclass(frozen=True)
class Breakdown:
    """Cohort sales this period against the previous one, factor by factor.

    ``factors`` holds the inputs (with their contributions, which sum to the
    change in ``sales``) and the derived lines. ``biggest`` is the input whose
    contribution is largest in the direction of the change (None when sales did
    not change or nothing can be compared).
    """

    factors: Mapping[str, Factor]
    biggest: str | None
    comparable: bool  # the previous period had customers to compare with

    def __getitem__(self, key: str) -> Factor:
        return self.factors[key]

    @property
    def change(self) -> float:
        """Sales now − sales then (money)."""
        sales = self.factors["sales"]
        return (sales.current or 0.0) - (sales.previous or 0.0)


def chain_values(sums: Mapping[str, float]) -> dict[str, float | None]:
    """Every factor and derived line of one period's cohort counts."""

    def num(key: str) -> float:
        value = float(sums.get(key, 0) or 0)
        return 0.0 if math.isnan(value) else value

    packages, package_friends, friends = num("packages"), num("package_friends"), num("friends")
    first, repurchasers = num("first_buyers"), num("repurchasers")
    first_sales, repeat_sales = num("first_revenue"), num("repeat_revenue")
    return {
        "sales": first_sales + repeat_sales,
        "first_sales": first_sales,
        "repeat_sales": repeat_sales,
        "new_friends": friends,
        "first_orders": first,
        "repurchasers": repurchasers,
        "packages": packages,
        "friend_add_rate": ratio(package_friends, packages),
        "other_friends": friends - package_friends,
        "first_order_rate": ratio(first, friends),
        "first_aov": ratio(first_sales, first),
        "repurchase_rate": ratio(repurchasers, first),
        "repeat_value": ratio(repeat_sales, repurchasers),
    }


def _product(values: Mapping[str, float | None], keys: tuple[str, ...]) -> float:
    out = 1.0
    for k in keys:
        v = values[k]
        if v is None:
            return 0.0
        out *= v
    return out


def _log_mean(a: float, b: float) -> float:
    return a if a == b else (a - b) / (math.log(a) - math.log(b))


def contributions(
    cur: Mapping[str, float | None], prev: Mapping[str, float | None]
) -> dict[str, float]:
    """LMDI-I: each factor's share of the change; they sum to Σ branches' changes."""
    out = dict.fromkeys(FACTORS, 0.0)
    for keys in BRANCHES.values():
        v1, v0 = _product(cur, keys), _product(prev, keys)
        if v1 == v0:
            continue
        if v1 > 0 and v0 > 0:
            weight = _log_mean(v1, v0)
            for k in keys:
                out[k] += weight * math.log(cur[k] / prev[k])  # type: ignore[operator]
            continue
        # One side is zero: the first factor that is zero or undefined there made it so.
        zero_side = cur if v1 == 0 else prev
        culprit = next(k for k in keys if not zero_side[k])
        out[culprit] += v1 - v0
    return out


def breakdown(current: Mapping[str, float], previous: Mapping[str, float]) -> Breakdown:
    """Compare two periods' cohort counts; contributions sum exactly to the change."""
    cur, prev = chain_values(current), chain_values(previous)
    parts = contributions(cur, prev)
    factors = {k: Factor(k, cur[k], prev[k], parts.get(k)) for k in (*DERIVED, *FACTORS)}
    total = (cur["sales"] or 0.0) - (prev["sales"] or 0.0)
    biggest = None
    if total != 0:
        sign = 1 if total > 0 else -1
        best = max(FACTORS, key=lambda k: sign * parts[k])
        biggest = best if sign * parts[best] > 0 else None
    comparable = (prev["new_friends"] or 0) + (prev["packages"] or 0) > 0
    return Breakdown(factors, biggest, comparable)
