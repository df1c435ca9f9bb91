"""The sales breakdown table of the 业绩 page: factors, their change and contribution."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QFont

from operator_app.core.analytics_format import format_change, format_money, format_value
from operator_app.core.analytics_funnel import Breakdown, Factor
from operator_app.ui.i18n import QT_TRANSLATE_NOOP
from operator_app.ui.performance_models import (
    CONTEXT,
    NUMBER_ALIGN,
    ROW_ROLE,
    WORST_BACKGROUND,
    Index,
    _Table,
)

# -- the formula breakdown ---------------------------------------------------------------------


FACTOR_NAMES: dict[str, str] = {
    "sales": QT_TRANSLATE_NOOP("Performance", "Sales to new customers"),
    "first_sales": QT_TRANSLATE_NOOP("Performance", "First-order sales"),
    "repeat_sales": QT_TRANSLATE_NOOP("Performance", "Repeat sales"),
    "new_friends": QT_TRANSLATE_NOOP("Performance", "New friends"),
    "first_orders": QT_TRANSLATE_NOOP("Performance", "First orders"),
    "repurchasers": QT_TRANSLATE_NOOP("Performance", "Customers who bought again"),
    "packages": QT_TRANSLATE_NOOP("Performance", "Packages"),
    "friend_add_rate": QT_TRANSLATE_NOOP("Performance", "Friend-add rate"),
    "other_friends": QT_TRANSLATE_NOOP("Performance", "Friends from other channels"),
    "first_order_rate": QT_TRANSLATE_NOOP("Performance", "First-order conversion"),
    "first_aov": QT_TRANSLATE_NOOP("Performance", "First-order value"),
    "repurchase_rate": QT_TRANSLATE_NOOP("Performance", "Repurchase rate"),
    "repeat_value": QT_TRANSLATE_NOOP("Performance", "Repeat sales per customer"),
}
# The rows of the breakdown table, in the formula's order; derived lines say how
# they are made, the inputs (with a contribution) are indented under them.
FACTOR_ROWS: dict[str, str] = {
    "sales": QT_TRANSLATE_NOOP(
        "Performance", "Sales to new customers = first-order sales + repeat sales"
    ),
    "first_sales": QT_TRANSLATE_NOOP(
        "Performance", "First-order sales = new friends × conversion × first-order value"
    ),
    "new_friends": QT_TRANSLATE_NOOP(
        "Performance", "New friends = packages × friend-add rate + other channels"
    ),
    "packages": FACTOR_NAMES["packages"],
    "friend_add_rate": FACTOR_NAMES["friend_add_rate"],
    "other_friends": FACTOR_NAMES["other_friends"],
    "first_order_rate": FACTOR_NAMES["first_order_rate"],
    "first_aov": FACTOR_NAMES["first_aov"],
    "repeat_sales": QT_TRANSLATE_NOOP(
        "Performance", "Repeat sales = first orders × repurchase rate × repeat sales per customer"
    ),
    "repurchase_rate": FACTOR_NAMES["repurchase_rate"],
    "repeat_value": FACTOR_NAMES["repeat_value"],
}
FACTOR_KINDS = {
    "sales": "money",
    "first_sales": "money",
    "repeat_sales": "money",
    "first_aov": "money",
    "repeat_value": "money",
    "first_order_rate": "rate",
    "friend_add_rate": "rate",
    "repurchase_rate": "rate",
}


def factor_name(key: str) -> str:
    return QCoreApplication.translate(CONTEXT, FACTOR_NAMES[key])


def format_contribution(value: float | None) -> str:
    """A contribution in money with its sign: +¥1,234.00 / -¥56.00."""
    if value is None:
        return ""
    return ("+" if value >= 0 else "-") + format_money(abs(value))


class SalesBreakdownModel(_Table):
    """Sales to the customers who arrived in the period, factor by factor, against
    the previous period; each input's contribution to the change (they add up to
    it); the input that contributed most in the direction of the change is marked."""

    def __init__(self, parent: QObject | None = None) -> None:
        headers = [
            (self.tr("Factor"), ""),
            (self.tr("This period"), ""),
            (self.tr("Previous period"), self.tr("The period of equal length just before.")),
            (self.tr("Change"), self.tr("Relative change against the previous period.")),
            (
                self.tr("Contribution"),
                self.tr(
                    "The factor's share of the change in sales (log-mean Divisia index): "
                    "the contributions add up exactly to the change."
                ),
            ),
        ]
        super().__init__(headers, parent)
        self._biggest: str | None = None

    def set_breakdown(self, breakdown: Breakdown | None) -> None:
        self._biggest = breakdown.biggest if breakdown else None
        rows = [breakdown[k] for k in FACTOR_ROWS] if breakdown else []
        self._set_rows(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        f: Factor = self._rows[index.row()]
        col = index.column()
        kind = FACTOR_KINDS.get(f.key, "count")
        if role == ROW_ROLE:
            return f
        if role == Qt.ItemDataRole.DisplayRole:
            name = QCoreApplication.translate(CONTEXT, FACTOR_ROWS[f.key])
            cells = [
                name if f.contribution is None else "    " + name,
                format_value(kind, f.current),  # type: ignore[arg-type]
                format_value(kind, f.previous),  # type: ignore[arg-type]
                format_change(f.change),
                self._contribution_text(f),
            ]
            return cells[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(NUMBER_ALIGN.value)
        if f.key == self._biggest and role == Qt.ItemDataRole.BackgroundRole:
            return WORST_BACKGROUND
        if f.key == self._biggest and role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Contributed most to the change.")
        if f.contribution is None and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _contribution_text(self, f: Factor) -> str:
        if f.key == "sales":
            sales_change = (f.current or 0.0) - (f.previous or 0.0)
            return format_contribution(sales_change)
        return format_contribution(f.contribution)
