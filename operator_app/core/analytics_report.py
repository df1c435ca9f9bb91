"""The performance report: every number of the 业绩 page, the CLI and the exports.

Built from the aggregated frames of ``data/analytics_queries.py`` by the
maths in ``analytics`` and ``analytics_scripts``; one builder, so the page,
``operator-app report`` and the exported files always show the same numbers.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal
from zoneinfo import ZoneInfo

import pandas as pd

from operator_app.core.analytics import (
    COHORT_COUNTS,
    METRICS,
    TEAM_ROW,
    DayPoint,
    OperatorRow,
    Period,
    operator_rows,
    person_sums,
    team_average,
    team_total,
)
from operator_app.core.analytics_funnel import ALL_CHANNELS, Breakdown, Funnel, breakdown, funnel
from operator_app.core.analytics_scripts import (
    Catalog,
    HookStat,
    TemplateStat,
    hook_stats_by_scope,
    line_stats_by_scope,
)

ScopeKey = uuid.UUID | str  # an operator id, or TEAM_ROW
Status = Literal["ok", "empty", "future"]


@dataclass(frozen=True)
class ReportInputs:
    """What the data layer aggregated (column contracts in data/analytics_queries.py)."""

    operators: pd.DataFrame
    cohort: pd.DataFrame  # per owner and period part ("cur" / "prev")
    activity: pd.DataFrame
    scripts: pd.DataFrame
    lines: pd.DataFrame
    orders: pd.DataFrame
    catalog: Catalog
    # Team-wide figures that are not sums of rows: "contacted" (distinct customers
    # anyone contacted), "moved_customers" / "moved_orders" / "moved_revenue"
    # (customers reassigned in the period, and their orders in it).
    team_facts: Mapping[str, float] = field(default_factory=dict)


# Figures of the team that the rows must add up to, and why they may not.
RECONCILED = ("leads_assigned", "leads_contacted", "messages_sent", "orders", "revenue")


@dataclass(frozen=True)
class Reconciliation:
    """One figure where the team's own count differs from the sum of the rows.

    reason "outside": the team's figure holds customers (or work) in no row —
    the unassigned pool, people no longer in the team. "shared": the rows count
    a customer once per person who worked them (moved mid-period, covered for a
    colleague); the team counts them once.
    """

    key: str
    team: float
    rows: float
    reason: Literal["outside", "shared"]

    @property
    def difference(self) -> float:
        return self.team - self.rows


@dataclass(frozen=True)
class Moved:
    """Customers reassigned in the period: their orders count for who serves them now."""

    customers: int
    orders: int
    revenue: float


@dataclass(frozen=True)
class Report:
    """The numbers for one period, team-wide and per operator.

    ``funnels``, ``breakdowns``, ``templates`` and ``hooks`` are keyed by
    operator id, plus ``TEAM_ROW`` for the team (which includes customers
    still in the unassigned pool). ``viewer`` is set when the report was
    narrowed to one operator's own figures (:func:`restricted_to`).
    """

    period: Period
    timezone: ZoneInfo
    today: date
    rows: tuple[OperatorRow, ...]
    average: OperatorRow
    funnels: Mapping[ScopeKey, Funnel]
    breakdowns: Mapping[ScopeKey, Breakdown]
    templates: Mapping[ScopeKey, tuple[TemplateStat, ...]]
    hooks: Mapping[ScopeKey, tuple[HookStat, ...]]
    trend: tuple[DayPoint, ...]
    pool_leads: int
    total: OperatorRow | None = None  # the rows summed (counts) and pooled (rates)
    reconciliation: tuple[Reconciliation, ...] = ()
    moved: Moved | None = None
    viewer: uuid.UUID | None = None

    @property
    def status(self) -> Status:
        """future: the period has not started; empty: nothing happened in it."""
        if self.period.is_future(self.today):
            return "future"
        busy = any(
            (row.value(m.key) or 0) > 0 for row in self.rows for m in METRICS if m.kind != "rate"
        )
        return "ok" if busy or self.pool_leads else "empty"

    def row(self, operator_id: uuid.UUID) -> OperatorRow | None:
        return next((r for r in self.rows if r.operator_id == operator_id), None)

    def scope_key(self, operator_id: uuid.UUID | None) -> ScopeKey:
        return TEAM_ROW if operator_id is None else operator_id


CohortKey = tuple[str, ScopeKey, str]  # part, owner or TEAM_ROW, channel or ALL_CHANNELS


def _cohort_sums(cohort: pd.DataFrame) -> dict[CohortKey, dict[str, float]]:
    """Cohort counts per (part, owner, channel), each also summed over channels
    (ALL_CHANNELS) and over the whole team with the pool (TEAM_ROW); one pass, so
    fifty operators cost no more than one."""
    out: dict[CohortKey, dict[str, float]] = {}
    cols = list(COHORT_COUNTS)
    frame = cohort if "channel" in cohort.columns else cohort.assign(channel=None)
    for part, owner, channel, *counts in frame[["part", "owner_id", "channel", *cols]].itertuples(
        index=False
    ):
        scopes: list[ScopeKey] = [TEAM_ROW] if owner is None else [TEAM_ROW, owner]
        channels = [ALL_CHANNELS] if not channel else [ALL_CHANNELS, str(channel)]
        for key in scopes:
            for ch in channels:
                sums = out.setdefault((part, key, ch), dict.fromkeys(cols, 0.0))
                for col, value in zip(cols, counts, strict=True):
                    sums[col] += float(value)
    return out


def _scope_funnel(cohorts: Mapping[CohortKey, dict[str, float]], key: ScopeKey) -> Funnel:
    channels = {ch: sums for (part, k, ch), sums in cohorts.items() if part == "cur" and k == key}
    return funnel(channels.get(ALL_CHANNELS, {}), channels)


def _team_figures(inputs: ReportInputs, current: pd.DataFrame) -> dict[str, float]:
    """The team's own counts (pool and everyone included), to reconcile the rows with."""

    def total(frame: pd.DataFrame, col: str) -> float:
        return float(frame[col].sum()) if not frame.empty and col in frame else 0.0

    out = {
        "leads_assigned": total(current, "leads"),
        "messages_sent": total(inputs.activity, "messages"),
        "orders": total(inputs.orders, "orders"),
        "revenue": total(inputs.orders, "revenue"),
    }
    if "contacted" in inputs.team_facts:
        out["leads_contacted"] = float(inputs.team_facts["contacted"])
    return out


def reconcile(team: Mapping[str, float], rows_total: OperatorRow) -> tuple[Reconciliation, ...]:
    """Where the team's figure and the rows' sum differ (by more than rounding)."""
    out = []
    for key in RECONCILED:
        if key not in team:
            continue
        rows = float(rows_total.value(key) or 0.0)
        if abs(team[key] - rows) < 0.005:
            continue
        reason: Literal["outside", "shared"] = "outside" if team[key] > rows else "shared"
        out.append(Reconciliation(key, team[key], rows, reason))
    return tuple(out)


def _moved(facts: Mapping[str, float]) -> Moved | None:
    customers = int(facts.get("moved_customers", 0))
    if not customers:
        return None
    return Moved(customers, int(facts.get("moved_orders", 0)), float(facts.get("moved_revenue", 0)))


def build_report(
    inputs: ReportInputs,
    period: Period,
    tz: ZoneInfo,
    today: date,
    trend: list[DayPoint],
) -> Report:
    """Everything for the team and every listed operator."""
    current = (
        inputs.cohort[inputs.cohort["part"] == "cur"] if not inputs.cohort.empty else inputs.cohort
    )
    sums = person_sums(inputs.operators, current, inputs.activity, inputs.scripts, inputs.orders)
    rows = operator_rows(inputs.operators, sums)
    scopes: list[uuid.UUID | None] = [None, *(r.operator_id for r in rows)]
    cohorts = _cohort_sums(inputs.cohort)
    lines = line_stats_by_scope(inputs.lines, inputs.catalog, scopes)
    hook_rows = hook_stats_by_scope(inputs.scripts, inputs.catalog, scopes)
    funnels, breakdowns, templates, hooks = {}, {}, {}, {}
    for who in scopes:
        key: ScopeKey = TEAM_ROW if who is None else who
        funnels[key] = _scope_funnel(cohorts, key)
        breakdowns[key] = breakdown(
            cohorts.get(("cur", key, ALL_CHANNELS), {}),
            cohorts.get(("prev", key, ALL_CHANNELS), {}),
        )
        templates[key] = tuple(lines[who])
        hooks[key] = tuple(hook_rows[who])
    total = team_total(rows, sums)
    pool = 0
    if not current.empty:
        pool = int(current.loc[current["owner_id"].isna(), "leads"].sum())
    return Report(
        period=period,
        timezone=tz,
        today=today,
        rows=tuple(rows),
        average=team_average(rows, sums),
        funnels=funnels,
        breakdowns=breakdowns,
        templates=templates,
        hooks=hooks,
        trend=tuple(trend),
        pool_leads=pool,
        total=total,
        reconciliation=reconcile(_team_figures(inputs, current), total),
        moved=_moved(inputs.team_facts),
    )


def restricted_to(report: Report, operator_id: uuid.UUID, name: str = "") -> Report:
    """One operator's own figures and the team average — nobody else's.

    An operator with nothing in the period still gets their own row (all
    zeros and "—"), so "我的数据" never shows an empty table.
    """
    own = report.row(operator_id)
    if own is None:
        empty = {m.key: (None if m.kind == "rate" else 0.0) for m in METRICS}
        empty["avg_order_value"] = None
        own = OperatorRow(operator_id, "", name, "operator", True, empty, {})

    def only(mapping: Mapping[ScopeKey, object], fallback: object) -> dict[ScopeKey, object]:
        return {operator_id: mapping.get(operator_id, fallback)}

    return replace(
        report,
        rows=(own,),
        funnels=only(report.funnels, funnel({})),  # type: ignore[arg-type]
        breakdowns=only(report.breakdowns, breakdown({}, {})),  # type: ignore[arg-type]
        templates=only(report.templates, ()),  # type: ignore[arg-type]
        hooks=only(report.hooks, ()),  # type: ignore[arg-type]
        pool_leads=0,
        total=None,
        reconciliation=(),
        moved=None,
        viewer=operator_id,
    )
