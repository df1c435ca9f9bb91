"""Script lines and hooks: reply rate, drop-off, Wilson intervals, no verdict on small samples."""

from __future__ import annotations

import uuid

import pandas as pd
import pytest

from operator_app.core.analytics_scripts import (
    MIN_LINE_SAMPLE,
    Catalog,
    hook_stats,
    line_stats,
    wilson,
    worst_line,
)

A, B = uuid.UUID(int=1), uuid.UUID(int=2)
T1, T2 = uuid.UUID(int=101), uuid.UUID(int=102)

CATALOG = Catalog(
    templates=pd.DataFrame(
        [
            (T1, "first_order_a", "首单礼", "first_order", 3),
            (T2, "invite_wechat_a", "加个微", "invite_wechat", 2),
        ],
        columns=["template_id", "key", "title", "hook_key", "line_count"],
    ),
    lines=pd.DataFrame(
        [
            (T1, 1, "您好"),
            (T1, 2, "首单礼"),
            (T1, 3, "链接"),
            (T2, 1, "加微信"),
            (T2, 2, "囤货套餐"),
        ],
        columns=["template_id", "line_no", "text"],
    ),
    hooks=pd.DataFrame(
        [("first_order", "首单转化", 2), ("invite_wechat", "入个微", 4)],
        columns=["hook_key", "name", "position"],
    ),
)


def lines(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["operator_id", "template_id", "line_no", "sent", "replied", "stopped"]
    )


def test_wilson_interval_known_values() -> None:
    low, high = wilson(5, 10)  # type: ignore[misc]
    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)
    low, high = wilson(0, 10)  # type: ignore[misc]
    assert (low, round(high, 4)) == (0.0, 0.2775)
    assert wilson(0, 0) is None


def test_rates_drop_off_and_template_completion_summed_over_operators() -> None:
    data = lines(
        [
            (A, T1, 1, 3, 2, 1),
            (B, T1, 1, 2, 1, 1),
            (A, T1, 2, 2, 2, 0),
            (A, T1, 3, 1, 1, 0),
            (B, T2, 1, 1, 1, 0),
        ]
    )
    team = line_stats(data, CATALOG)
    assert [t.key for t in team] == ["first_order_a", "invite_wechat_a"]
    first = team[0]
    assert [(s.line_no, s.sent, s.replied, s.stopped) for s in first.lines] == [
        (1, 5, 3, 2),
        (2, 2, 2, 0),
        (3, 1, 1, 0),
    ]
    assert first.lines[0].reply_rate == 3 / 5 and first.lines[0].drop_off == 2 / 5
    assert first.lines[0].text == "您好" and first.hook_name == "首单转化"
    assert (first.started, first.completed, first.completion) == (5, 1, 1 / 5)
    assert team[1].completed == 0  # its last line (2) was never sent
    mine = line_stats(data, CATALOG, B)
    assert [(t.key, [s.sent for s in t.lines]) for t in mine] == [
        ("first_order_a", [2]),
        ("invite_wechat_a", [1]),
    ]


def test_a_handful_of_sends_gets_no_verdict() -> None:
    # 0 replies in 5 sends looks terrible, but 5 sends prove nothing.
    data = lines([(A, T1, 1, 5, 0, 5), (A, T1, 2, MIN_LINE_SAMPLE - 1, 20, 9)])
    stats = line_stats(data, CATALOG)[0].lines
    assert [s.verdict for s in stats] == ["few", "few"]
    assert worst_line(line_stats(data, CATALOG)) is None


def test_the_worst_line_is_clearly_below_the_others_and_loses_most() -> None:
    data = lines(
        [
            (A, T1, 1, 200, 180, 20),
            (A, T1, 2, 180, 160, 20),
            (A, T1, 3, 160, 150, 10),
            (A, T2, 1, 100, 92, 8),
            (A, T2, 2, 92, 18, 74),  # customers stop here
        ]
    )
    templates = line_stats(data, CATALOG)
    worst = worst_line(templates)
    assert worst is not None and (worst.template_key, worst.line_no) == ("invite_wechat_a", 2)
    assert worst.interval is not None and worst.interval[1] < 0.3
    verdicts = [s.verdict for t in templates for s in t.lines]
    assert verdicts == ["ok", "ok", "ok", "ok", "worst"]


def test_lines_a_little_below_are_not_called_worse() -> None:
    # 85 % against ~90 %: a real but small difference is not "clearly low".
    data = lines([(A, T1, 1, 400, 360, 40), (A, T1, 2, 360, 306, 54), (A, T1, 3, 306, 276, 30)])
    assert [s.verdict for s in line_stats(data, CATALOG)[0].lines] == ["ok", "ok", "ok"]
    assert worst_line(line_stats(data, CATALOG)) is None


def test_no_lines_no_templates() -> None:
    assert line_stats(lines([]), CATALOG) == []
    assert line_stats(lines([(A, T1, 1, 3, 1, 2)]), CATALOG, B) == []


def test_hooks_in_chain_order_with_reply_rate_and_conversion() -> None:
    scripts = pd.DataFrame(
        [
            (A, "invite_wechat", 1, 1, 1),
            (A, "first_order", 3, 2, 2),
            (B, "first_order", 2, 1, 1),
            (None, "first_order", 1, 0, 0),  # the pool's customers, logged by nobody
        ],
        columns=["operator_id", "hook_key", "scripts", "answered", "converted"],
    )
    team = hook_stats(scripts, CATALOG)
    assert [(h.hook_key, h.name, h.scripts, h.answered, h.converted) for h in team] == [
        ("first_order", "首单转化", 6, 3, 3),
        ("invite_wechat", "入个微", 1, 1, 1),
    ]
    assert team[0].reply_rate == 0.5 and team[0].conversion == 0.5 and team[0].few_data
    assert [h.scripts for h in hook_stats(scripts, CATALOG, B)] == [2]
    assert hook_stats(scripts.iloc[0:0], CATALOG) == []


@pytest.mark.parametrize("n", [1, 10, 100, 1000])
def test_wilson_contains_the_observed_rate(n: int) -> None:
    for k in range(0, n + 1, max(1, n // 10)):
        low, high = wilson(k, n)  # type: ignore[misc]
        assert 0.0 <= low <= k / n <= high <= 1.0
