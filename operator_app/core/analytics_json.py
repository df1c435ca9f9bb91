"""The whole performance report as plain JSON-ready data (``report --format json``).

The same Report the 业绩 page shows, so a script reads the page's numbers:
the operator rows, the team's total and average, how the total reconciles,
the funnel (ordered steps, per entry channel), the breakdown (factors with
this and last period's values and their contributions), the script lines
and the hooks. Missing values are null, never NaN; counts are integers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from operator_app.core.analytics import METRICS, OperatorRow
from operator_app.core.analytics_format import json_number
from operator_app.core.analytics_funnel import DERIVED, FACTORS, Breakdown, Funnel
from operator_app.core.analytics_report import Report, ScopeKey
from operator_app.core.analytics_scripts import HookStat, TemplateStat


def _metrics(row: OperatorRow) -> dict[str, Any]:
    return {m.key: json_number(row.value(m.key)) for m in METRICS}


def _row(row: OperatorRow) -> dict[str, Any]:
    return {
        "operator": row.login or None,
        "name": row.name or None,
        "active": row.active,
        **_metrics(row),
    }


def funnel_json(funnel: Funnel) -> dict[str, Any]:
    """Steps top to bottom: count, rate over the step before, share of the first."""

    def one(f: Funnel) -> dict[str, Any]:
        return {
            "channel": f.channel or "all",
            "steps": [
                {
                    "step": s.key,
                    "count": s.count,
                    "rate": json_number(s.rate),
                    "share": json_number(s.share),
                }
                for s in f.steps
            ],
            "follow_ups": [
                {"key": u.key, "count": u.count, "rate_of_first_buyers": json_number(u.rate)}
                for u in f.follow_ups
            ],
        }

    return {**one(funnel), "channels": [one(c) for c in funnel.by_channel]}


def breakdown_json(bd: Breakdown) -> dict[str, Any]:
    """Inputs with their contributions (they sum to ``change``) and the derived lines."""

    def factor(key: str) -> dict[str, Any]:
        f = bd[key]
        out = {
            "factor": key,
            "current": json_number(f.current),
            "previous": json_number(f.previous),
            "change": json_number(f.change),
        }
        if key in FACTORS:
            out["contribution"] = json_number(f.contribution or 0.0)
        return out

    return {
        "sales": factor("sales"),
        "change": json_number(bd.change),
        "biggest": bd.biggest,
        "comparable": bd.comparable,
        "factors": [factor(k) for k in FACTORS],
        "derived": [factor(k) for k in DERIVED if k != "sales"],
    }


def lines_json(templates: tuple[TemplateStat, ...]) -> list[dict[str, Any]]:
    return [
        {
            "template": t.title,
            "template_key": t.key,
            "hook": t.hook_key,
            "line_no": s.line_no,
            "text": s.text,
            "sent": s.sent,
            "replied": s.replied,
            "reply_rate": json_number(s.reply_rate),
            "stopped": s.stopped,
            "drop_off": json_number(s.drop_off),
            "verdict": s.verdict,
        }
        for t in templates
        for s in t.lines
    ]


def hooks_json(hooks: tuple[HookStat, ...]) -> list[dict[str, Any]]:
    return [
        {
            "hook": h.hook_key,
            "name": h.name,
            "scripts": h.scripts,
            "answered": h.answered,
            "reply_rate": json_number(h.reply_rate),
            "converted": h.converted,
            "conversion": json_number(h.conversion),
            "few_data": h.few_data,
        }
        for h in hooks
    ]


def _scope(report: Report, key: ScopeKey) -> dict[str, Any]:
    def get(mapping: Mapping[ScopeKey, Any], fallback: Any) -> Any:
        return mapping.get(key, fallback)

    funnel, bd = get(report.funnels, None), get(report.breakdowns, None)
    return {
        "funnel": funnel_json(funnel) if funnel is not None else None,
        "breakdown": breakdown_json(bd) if bd is not None else None,
        "lines": lines_json(get(report.templates, ())),
        "hooks": hooks_json(get(report.hooks, ())),
    }


def report_json(report: Report) -> dict[str, Any]:
    """Everything: the team's scope (an operator's own when the report is theirs), and
    each operator's funnel and breakdown under ``by_operator``."""
    key = report.scope_key(report.viewer)
    moved = report.moved
    return {
        "from": report.period.first.isoformat(),
        "to": report.period.last.isoformat(),
        "timezone": report.timezone.key,
        "status": report.status,
        "rows": [_row(r) for r in report.rows],
        "team_total": _metrics(report.total) if report.total is not None else None,
        "team_average": _metrics(report.average),
        "reconciliation": [
            {
                "metric": r.key,
                "team": json_number(r.team),
                "rows": json_number(r.rows),
                "difference": json_number(r.difference),
                "reason": r.reason,
            }
            for r in report.reconciliation
        ],
        "moved": None
        if moved is None
        else {"customers": moved.customers, "orders": moved.orders, "revenue": moved.revenue},
        **_scope(report, key),
        "by_operator": {
            r.login: {
                "funnel": funnel_json(report.funnels[r.operator_id]),
                "breakdown": breakdown_json(report.breakdowns[r.operator_id]),
            }
            for r in report.rows
            if r.operator_id is not None and r.operator_id in report.funnels and r.login
        },
    }
