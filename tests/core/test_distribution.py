"""Distribution by capacity (largest remainder), owner columns, and the recycle rule."""

from __future__ import annotations

import datetime as dt
import uuid

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from operator_app.core.distribution import (
    POOL,
    OperatorSlot,
    counts_as_activity,
    interleave,
    largest_remainder,
    plan_assignment,
    preview_counts,
    recycle_due_at,
)
from operator_app.errors import KnownError


def slot(login: str, name: str, capacity: int) -> OperatorSlot:
    return OperatorSlot(uuid.uuid5(uuid.NAMESPACE_DNS, login), login, name, capacity)


TEAM = [
    slot("lijing", "李静", 680),
    slot("liuyang", "刘洋", 560),
    slot("wangfang", "王芳", 750),
    slot("xw1", "小王", 100),
    slot("xw2", "小王", 100),
    slot("zhouhao", "周浩", 620),
]


@pytest.mark.parametrize(
    ("total", "weights", "shares"),
    [
        (10, [1, 1, 1], [4, 3, 3]),  # 3.33 each: the one left over goes to the first
        (7, [2, 1], [5, 2]),  # 4.67 + 2.33: remainders 2/3 > 1/3
        # 100 over 750/680/620/560 (2610): quotas 28.74, 26.05, 23.75, 21.46;
        # floors 98, the 2 left go to the largest remainders .75 and .74
        (100, [750, 680, 620, 560], [29, 26, 24, 21]),
        (5, [0, 1], [0, 5]),
        (0, [3, 1], [0, 0]),
    ],
)
def test_largest_remainder(total: int, weights: list[int], shares: list[int]) -> None:
    assert largest_remainder(total, weights) == shares


@given(st.integers(0, 10_000), st.lists(st.integers(0, 2_000), min_size=1, max_size=12))
def test_shares_are_exact_and_within_one_of_the_quota(total: int, weights: list[int]) -> None:
    if sum(weights) == 0:
        return
    shares = largest_remainder(total, weights)
    assert sum(shares) == total
    for share, weight in zip(shares, weights, strict=True):
        quota = total * weight / sum(weights)
        assert quota - 1 < share < quota + 1


def test_interleave_spreads_each_operator_over_the_file() -> None:
    assert interleave([2, 1]).tolist() == [0, 1, 0]
    assert interleave([3, 3]).tolist() == [0, 1, 0, 1, 0, 1]
    assert interleave([0, 2]).tolist() == [1, 1]
    order = interleave([29, 26, 24, 21])
    assert np.bincount(order).tolist() == [29, 26, 24, 21]
    # the first 10 leads already go to every operator
    assert set(order[:10].tolist()) == {0, 1, 2, 3}


def test_distribution_by_capacity_is_exact_and_deterministic() -> None:
    plan = plan_assignment(100, TEAM, chosen=["wangfang", "lijing", "zhouhao", "liuyang"])
    assert plan.counts() == {"lijing": 26, "liuyang": 21, "wangfang": 29, "zhouhao": 24}
    assert plan.pool == 0
    again = plan_assignment(100, TEAM, chosen=["wangfang", "lijing", "zhouhao", "liuyang"])
    assert again.owners.tolist() == plan.owners.tolist()


def test_owner_column_wins_and_unknown_names_are_reported() -> None:
    names = ["王芳", "lijing", "小王", "nobody", "", " WANGFANG ", "nobody"]
    plan = plan_assignment(7, TEAM, owner_names=names)
    wang, li = 2, 0
    # 小王 is two people: cannot be told apart, so it counts as unknown
    assert plan.owners.tolist() == [wang, li, POOL, POOL, POOL, wang, POOL]
    assert plan.unknown_owners == {"nobody": 2, "小王": 1}
    assert plan.counts() == {"lijing": 1, "wangfang": 2} and plan.pool == 4


def test_rows_the_owner_column_does_not_settle_are_spread_over_the_chosen() -> None:
    plan = plan_assignment(4, TEAM, chosen=["zhouhao"], owner_names=["王芳", "", "nobody", ""])
    assert plan.counts() == {"wangfang": 1, "zhouhao": 3} and plan.pool == 0


def test_preview_counts_is_what_the_dialog_shows() -> None:
    preview = preview_counts(3, TEAM, chosen=["lijing", "liuyang"], owner_names=["王芳", "", "x"])
    assert preview == {
        "assigned": {"lijing": 1, "liuyang": 1, "wangfang": 1},
        "pool": 0,
        "unknown_owners": {"x": 1},
    }


def test_unknown_logins_and_zero_capacity_are_known_errors() -> None:
    with pytest.raises(KnownError, match="login nobody"):
        plan_assignment(3, TEAM, chosen=["lijing", "nobody"])
    with pytest.raises(KnownError, match="capacity of 0"):
        plan_assignment(3, [slot("a", "A", 0)], chosen=["a"])


# -- recycling ----------------------------------------------------------------------------

REQUESTED = dt.datetime(2026, 5, 1, 2, 0, tzinfo=dt.UTC)


def test_the_countdown_starts_at_the_friend_request() -> None:
    assert recycle_due_at(REQUESTED, None, 7) == REQUESTED + dt.timedelta(days=7)


def test_activity_after_the_request_restarts_the_countdown() -> None:
    later = REQUESTED + dt.timedelta(days=5, hours=3)
    assert recycle_due_at(REQUESTED, later, 7) == later + dt.timedelta(days=7)


def test_activity_before_the_request_does_not_count() -> None:
    earlier = REQUESTED - dt.timedelta(days=1)
    assert recycle_due_at(REQUESTED, earlier, 7) == REQUESTED + dt.timedelta(days=7)


def test_no_request_no_countdown() -> None:
    assert recycle_due_at(None, REQUESTED, 7) is None


def test_what_counts_as_activity() -> None:
    owner, other = uuid.uuid4(), uuid.uuid4()
    assert counts_as_activity("note", owner, owner)
    assert counts_as_activity("sent_line", owner, owner)
    assert not counts_as_activity("note", other, owner)  # someone else's event
    assert not counts_as_activity("note", None, owner)  # logged by the app
    assert not counts_as_activity("reassigned", owner, owner)
    assert not counts_as_activity("phone_revealed", owner, owner)
