"""Small table models of a lead's detail: timeline, orders, coupons.

One generic model over a list of frozen values and a column list; each
column says how to show and how to order its cell. A lead has tens or
hundreds of events, so everything is formatted on demand but nothing
smarter is needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from operator_app.data.workspace_types import CouponView, OrderView, TimelineItem
from operator_app.ui import phrases

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
MUTED = QBrush(QColor("#8f959e"))
OUTCOME_KINDS_SHOWN_STRONG = frozenset({"replied", "ordered", "added_wechat", "joined_group"})
STRONG = QBrush(QColor("#2e7d32"))

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str  # already translated
    text: Callable[[Any], str]
    sort: Callable[[Any], Any]
    align_right: bool = False


class RowsModel(QAbstractTableModel):
    """A read-only table of ``rows`` with ``columns``; ``ROW_ROLE`` gives the row value."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = self.make_columns()
        self._rows: list[Any] = []

    def make_columns(self) -> list[Column]:
        """The columns (subclasses; called once the QObject exists, so ``tr`` works)."""
        return []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._columns):
            return self._columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row)
        return None

    def foreground(self, row: Any) -> QBrush | None:
        return None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return self._rows

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        key = self._columns[column].sort
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


def money(amount: float) -> str:
    return f"¥{amount:,.2f}"


def _stamp(at: datetime | None) -> float:
    return at.timestamp() if at is not None else 0.0


class TimelineModel(RowsModel):
    """Every event of the lead, newest first."""

    def make_columns(self) -> list[Column]:
        return [
            Column(
                self.tr("When"),
                lambda e: phrases.full_date_time(e.occurred_at),
                lambda e: _stamp(e.occurred_at),
            ),
            Column(self.tr("What"), lambda e: e.label, lambda e: e.label),
            Column(self.tr("Detail"), self._detail, self._detail),
            Column(self.tr("By"), lambda e: e.operator_name, lambda e: e.operator_name),
        ]

    def _detail(self, row: TimelineItem) -> str:
        # A row made by hand on the server with a payload its kind never has.
        return row.detail if row.readable else self.tr("Unreadable entry")

    def foreground(self, row: TimelineItem) -> QBrush | None:
        return STRONG if row.kind in OUTCOME_KINDS_SHOWN_STRONG else None


class OrdersModel(RowsModel):
    def make_columns(self) -> list[Column]:
        return [
            Column(self.tr("Order"), self._order_no, lambda o: o.order_no),
            Column(self.tr("Product"), lambda o: o.product, lambda o: o.product),
            Column(self.tr("Amount"), lambda o: money(o.amount), lambda o: o.amount, True),
            Column(self.tr("Status"), lambda o: o.status_label, lambda o: o.status),
            Column(
                self.tr("Ordered"),
                lambda o: phrases.full_date_time(o.ordered_at),
                lambda o: _stamp(o.ordered_at),
            ),
        ]

    def _order_no(self, order: OrderView) -> str:
        if order.is_first_order:
            return self.tr("{order_no} (first order)").format(order_no=order.order_no)
        return order.order_no


class CouponsModel(RowsModel):
    def __init__(self, parent: QObject | None = None, *, now: datetime | None = None) -> None:
        self.now = now or datetime.now(UTC)
        super().__init__(parent)

    def make_columns(self) -> list[Column]:
        return [
            Column(self.tr("Amount"), lambda c: money(c.amount), lambda c: c.amount, True),
            Column(
                self.tr("Issued"),
                lambda c: phrases.full_date_time(c.issued_at),
                lambda c: _stamp(c.issued_at),
            ),
            Column(
                self.tr("Expires"),
                lambda c: phrases.full_date_time(c.expires_at),
                lambda c: _stamp(c.expires_at),
            ),
            Column(
                self.tr("Status"), self.state, lambda c: (c.used_at is None, _stamp(c.expires_at))
            ),
        ]

    def state(self, coupon: CouponView) -> str:
        if coupon.used_at is not None:
            return self.tr("Used")
        if coupon.expires_at <= self.now:
            return self.tr("Expired")
        days = (coupon.expires_at - self.now).days
        return self.tr("Unused, %n day(s) left", "", days)

    def foreground(self, row: CouponView) -> QBrush | None:
        return MUTED if row.used_at is not None or row.expires_at <= self.now else None
