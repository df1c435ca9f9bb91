"""The whole review as tables, one per spreadsheet sheet (no Qt, no openpyxl).

Operators, funnel, breakdown, script lines, hooks, the daily trend and how
the team total reconciles: the page's export and ``report --format xlsx``
write these through ``export.write_workbook``. Raw values (numbers stay
numbers, rates as fractions with a percent format); None is written "—".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from operator_app.core.analytics_funnel import DERIVED, FACTORS
from operator_app.core.analytics_report import Report

Cell = str | int | float | None
COUNT, RATE, MONEY = "#,##0.##", "0.0%", "#,##0.00"


@dataclass(frozen=True)
class Chart:
    """A native chart of ``columns`` (1-based) over the first ``rows`` data rows."""

    kind: Literal["bar", "line"]
    title: str
    columns: tuple[int, ...]
    rows: int


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    formats: Sequence[str | None] = ()
    charts: tuple[Chart, ...] = field(default=())


def _funnel(report: Report) -> Sheet:
    key = report.scope_key(report.viewer)
    whole = report.funnels.get(key)
    rows: list[list[Cell]] = []
    for f in (whole, *(whole.by_channel if whole else ())):
        if f is None:
            continue
        for s in f.steps:
            rows.append([f.channel or "all", s.key, s.count, s.rate, s.share])
        for u in f.follow_ups:
            rows.append([f.channel or "all", f"{u.key} (of first_buyers)", u.count, u.rate, None])
    steps = len(whole.steps) if whole else 0
    chart = (Chart("bar", "funnel (all channels)", (3,), steps),) if steps else ()
    return Sheet(
        "funnel",
        ["channel", "step", "count", "rate", "share"],
        rows,
        [None, None, COUNT, RATE, RATE],
        chart,
    )


def _breakdown(report: Report) -> Sheet:
    bd = report.breakdowns.get(report.scope_key(report.viewer))
    rows: list[list[Cell]] = []
    if bd is not None:
        for k in (*DERIVED, *FACTORS):
            f = bd[k]
            contribution = bd.change if k == "sales" else f.contribution
            rows.append([k, f.current, f.previous, f.change, contribution])
        rows.append(["biggest", bd.biggest or "—", None, None, None])
    return Sheet(
        "breakdown",
        ["factor", "current", "previous", "change", "contribution"],
        rows,
        [None, COUNT, COUNT, RATE, MONEY],
    )


def _lines(report: Report) -> Sheet:
    rows: list[list[Cell]] = [
        [
            t.title,
            s.line_no,
            s.text,
            s.sent,
            s.replied,
            s.reply_rate,
            s.stopped,
            s.drop_off,
            s.verdict,
        ]
        for t in report.templates.get(report.scope_key(report.viewer), ())
        for s in t.lines
    ]
    return Sheet(
        "lines",
        [
            "template",
            "line",
            "text",
            "sent",
            "replied",
            "reply_rate",
            "stopped",
            "drop_off",
            "verdict",
        ],
        rows,
        [None, None, None, COUNT, COUNT, RATE, COUNT, RATE, None],
    )


def _hooks(report: Report) -> Sheet:
    rows: list[list[Cell]] = [
        [h.name, h.scripts, h.answered, h.reply_rate, h.converted, h.conversion]
        for h in report.hooks.get(report.scope_key(report.viewer), ())
    ]
    return Sheet(
        "hooks",
        ["hook", "scripts", "answered", "reply_rate", "converted_7d", "conversion"],
        rows,
        [None, COUNT, COUNT, RATE, COUNT, RATE],
    )


def _trend(report: Report) -> Sheet:
    rows: list[list[Cell]] = [
        [d.day.isoformat(), d.friends, d.orders, d.revenue] for d in report.trend
    ]
    chart = (Chart("line", "new friends and orders per day", (2, 3), len(rows)),) if rows else ()
    return Sheet(
        "trend",
        ["day", "new_friends", "orders", "revenue"],
        rows,
        [None, COUNT, COUNT, MONEY],
        chart,
    )


def _reconciliation(report: Report) -> Sheet:
    rows: list[list[Cell]] = [
        [r.key, r.team, r.rows, r.difference, r.reason] for r in report.reconciliation
    ]
    if report.moved is not None:
        m = report.moved
        rows.append(["moved_customers", m.customers, None, None, f"{m.orders} orders, {m.revenue}"])
    return Sheet(
        "reconciliation",
        ["metric", "team", "operators_rows", "difference", "reason"],
        rows,
        [None, COUNT, COUNT, COUNT, None],
    )


def review_sheets(report: Report, operators: Sheet) -> list[Sheet]:
    """The operator table as given (headers and order as the caller shows them), then
    every other table of the review."""
    return [
        operators,
        _funnel(report),
        _breakdown(report),
        _lines(report),
        _hooks(report),
        _trend(report),
        _reconciliation(report),
    ]
