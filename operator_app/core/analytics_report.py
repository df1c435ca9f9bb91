"""The performance report: every number of the 业绩 page, the CLI and the exports.

Built from the aggregated frames of ``data/analytics_queries.py`` by the
maths in ``analytics`` and ``analytics_scripts``; one builder, so the page,
``operator-app report`` and the exported files always show the same numbers.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal
from zoneinfo import ZoneInfo

import pandas as pd

from operator_app.core.analytics import (
    COHORT_COUNTS,
    METRICS,
    TEAM_ROW,
    Breakdown,
    DayPoint,
    Funnel,
    OperatorRow,
    Period,
    breakdown,
    funnel,
    operator_rows,
    person_sums,
    team_average,
)
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


def _cohort_sums(cohort: pd.DataFrame) -> dict[tuple[str, ScopeKey], dict[str, float]]:
    """Cohort counts per (part, owner), plus (part, TEAM_ROW) for the whole team with
    the pool; one pass, so fifty operators cost no more than one."""
    out: dict[tuple[str, ScopeKey], dict[str, float]] = {}
    cols = list(COHORT_COUNTS)
    for part, owner, *counts in cohort[["part", "owner_id", *cols]].itertuples(index=False):
        keys: list[ScopeKey] = [TEAM_ROW] if owner is None else [TEAM_ROW, owner]
        for key in keys:
            sums = out.setdefault((part, key), dict.fromkeys(cols, 0.0))
            for col, value in zip(cols, counts, strict=True):
                sums[col] += float(value)
    return out


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
        cur = cohorts.get(("cur", key), {})
        funnels[key] = funnel(cur)
        breakdowns[key] = breakdown(cur, cohorts.get(("prev", key), {}))
        templates[key] = tuple(lines[who])
        hooks[key] = tuple(hook_rows[who])
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
        viewer=operator_id,
    )
