"""The sentences above and under the 业绩 page's table: sales, what moved them, and how
the team total adds up (the pool, customers worked by two people, customers who moved)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject

from operator_app.core.analytics_format import (
    format_change,
    format_count,
    format_money,
)
from operator_app.core.analytics_report import Report
from operator_app.ui.performance_breakdown import factor_name, format_contribution


class SummaryTexts(QObject):
    """Plain sentences from a report (translated in the ``SummaryTexts`` context)."""

    def summary(self, report: Report, person: uuid.UUID | None) -> str:
        """Sales of the period (the team's total, or ``person``'s own) and the cohort's
        sales with the factor that moved them most."""
        own = report.total if person is None else report.row(person)
        parts = []
        if own is not None:
            parts.append(
                self.tr("Sales {sales} ({orders} orders placed in the period{whose}).").format(
                    sales=format_money(own.value("revenue")),
                    orders=format_count(own.value("orders")),
                    whose=self.tr(", the operators' total") if person is None else "",
                )
            )
        bd = report.breakdowns.get(report.scope_key(person))
        if bd is None:
            return " ".join(parts)
        sales = bd["sales"]
        parts.append(
            self.tr(
                "Customers who arrived in the period bought {sales} so far ({change} "
                "against the previous period's new customers)."
            ).format(sales=format_money(sales.current), change=format_change(sales.change))
        )
        if not bd.comparable:
            parts.append(self.tr("The previous period had no new customers to compare with."))
        elif bd.biggest is not None:
            moved = bd[bd.biggest]
            parts.append(
                self.tr("Moved it most: {factor} {change} ({contribution} of {total}).").format(
                    factor=factor_name(bd.biggest),
                    change=format_change(moved.change),
                    contribution=format_contribution(moved.contribution),
                    total=format_contribution(bd.change),
                )
            )
        return " ".join(parts)

    def reconciliation(self, report: Report) -> str:
        """What the team has beyond the sum of the operators' rows, and why."""
        parts = []
        outside = {r.key: r.difference for r in report.reconciliation if r.reason == "outside"}
        if outside:
            parts.append(
                self.tr(
                    "Not in any operator's row (the unassigned pool, people no longer in the "
                    "team): {leads} new leads, {orders} orders, {revenue}, {messages} messages, "
                    "{contacted} customers contacted."
                ).format(
                    contacted=format_count(outside.get("leads_contacted", 0)),
                    leads=format_count(outside.get("leads_assigned", 0)),
                    orders=format_count(outside.get("orders", 0)),
                    revenue=format_money(outside.get("revenue", 0)),
                    messages=format_count(outside.get("messages_sent", 0)),
                )
            )
        for line in report.reconciliation:
            if line.reason == "shared":
                parts.append(
                    self.tr(
                        "%n customer(s) were contacted by more than one person (moved "
                        "mid-period or covered for a colleague): each row counts them, the "
                        "team once.",
                        "",
                        round(-line.difference),
                    )
                )
        if report.moved is not None:
            parts.append(
                self.tr(
                    "%n customer(s) moved between operators in the period; their {orders} "
                    "orders in it ({revenue}) count for who serves them now.",
                    "",
                    report.moved.customers,
                ).format(
                    orders=format_count(report.moved.orders),
                    revenue=format_money(report.moved.revenue),
                )
            )
        return " ".join(parts)
