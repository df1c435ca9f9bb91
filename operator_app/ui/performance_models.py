"""Table models of the 业绩 page: operators against the team average, script lines, hooks.

Small tables (tens of rows), so every row is kept; cells are formatted in
``data()``. Each model has a ``ROW_ROLE`` (the core value behind a row) and
a ``SORT_ROLE`` (a value that orders a column).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from operator_app.core.analytics import (
    METRIC_BY_KEY,
    METRICS,
    MIN_RATE_SAMPLE,
    Gap,
    OperatorRow,
    gap_below,
)
from operator_app.core.analytics_format import (
    format_count,
    format_rate,
    format_value,
)
from operator_app.core.analytics_report import Report
from operator_app.core.analytics_scripts import HookStat, LineStat, TemplateStat
from operator_app.core.templates import PLACEHOLDERS
from operator_app.ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Performance"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
AVERAGE_ROLE = Qt.ItemDataRole.UserRole + 3
GAP_ROLE = Qt.ItemDataRole.UserRole + 4
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 5

BELOW_BACKGROUND = QBrush(QColor("#ffe7e5"))
BELOW_FEW_BACKGROUND = QBrush(QColor("#fff4f2"))
BELOW_TEXT = QBrush(QColor("#c4332b"))
AVERAGE_BACKGROUND = QBrush(QColor("#f2f4f7"))
MARKED_BACKGROUND = QBrush(QColor("#d6e4ff"))
WORST_BACKGROUND = QBrush(QColor("#ffe7e5"))
TEMPLATE_BACKGROUND = QBrush(QColor("#f7f8fa"))
MUTED_TEXT = QBrush(QColor("#8f959e"))
NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LOWEST = float("-inf")

Index = QModelIndex | QPersistentModelIndex

# Column titles and what each number means (the tooltips say it exactly).
METRIC_TITLES: dict[str, str] = {
    "leads_assigned": QT_TRANSLATE_NOOP("Performance", "Leads"),
    "leads_contacted": QT_TRANSLATE_NOOP("Performance", "Contacted"),
    "messages_sent": QT_TRANSLATE_NOOP("Performance", "Messages"),
    "reply_rate": QT_TRANSLATE_NOOP("Performance", "Reply rate"),
    "first_order_rate": QT_TRANSLATE_NOOP("Performance", "First order"),
    "wechat_rate": QT_TRANSLATE_NOOP("Performance", "WeChat"),
    "group_rate": QT_TRANSLATE_NOOP("Performance", "Group"),
    "repurchase_rate": QT_TRANSLATE_NOOP("Performance", "Repurchase"),
    "orders": QT_TRANSLATE_NOOP("Performance", "Orders"),
    "revenue": QT_TRANSLATE_NOOP("Performance", "Revenue"),
    "avg_order_value": QT_TRANSLATE_NOOP("Performance", "Avg order"),
}
METRIC_HELP: dict[str, str] = {
    "leads_assigned": QT_TRANSLATE_NOOP(
        "Performance",
        "Leads created in the period that this operator serves now. The team lead decides "
        "how many: never coloured against the average.",
    ),
    "leads_contacted": QT_TRANSLATE_NOOP(
        "Performance", "Customers sent at least one script line or message in the period."
    ),
    "messages_sent": QT_TRANSLATE_NOOP(
        "Performance", "Script lines and custom messages sent in the period."
    ),
    "reply_rate": QT_TRANSLATE_NOOP(
        "Performance",
        "Scripts answered ÷ scripts sent. One hook's lines to one customer are one script; "
        "it is answered when the customer replies after its first line.",
    ),
    "first_order_rate": QT_TRANSLATE_NOOP(
        "Performance",
        "New friends who placed a first order ÷ new friends (customers who arrived in the "
        "period and added us).",
    ),
    "wechat_rate": QT_TRANSLATE_NOOP(
        "Performance",
        "First-order customers who added the personal WeChat ÷ first-order customers.",
    ),
    "group_rate": QT_TRANSLATE_NOOP(
        "Performance", "First-order customers who joined the group ÷ first-order customers."
    ),
    "repurchase_rate": QT_TRANSLATE_NOOP(
        "Performance",
        "First-order customers (as above) who placed a repeat order so far ÷ first-order "
        "customers. The funnel's last step is the same figure.",
    ),
    "orders": QT_TRANSLATE_NOOP(
        "Performance",
        "Valid orders (not refunded or closed) placed in the period by this operator's customers.",
    ),
    "revenue": QT_TRANSLATE_NOOP("Performance", "The amount of those orders."),
    "avg_order_value": QT_TRANSLATE_NOOP("Performance", "Revenue ÷ orders."),
}


def metric_title(key: str) -> str:
    return QCoreApplication.translate(CONTEXT, METRIC_TITLES[key])


def metric_help(key: str) -> str:
    return QCoreApplication.translate(CONTEXT, METRIC_HELP[key])


def verdict_text(verdict: str) -> str:
    source = VERDICT_TEXT.get(verdict, "")
    return QCoreApplication.translate(CONTEXT, source) if source else ""


def readable(line: str) -> str:
    """A script line with its placeholders named, 〈客户称呼〉 rather than {name}."""
    for name, label in PLACEHOLDERS.items():
        line = line.replace("{" + name + "}", f"〈{label}〉")
    return line


class _Table(QAbstractTableModel):
    """Shared plumbing: a list of rows and a header of (title, tooltip)."""

    def __init__(self, headers: Sequence[tuple[str, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        title, tip = self._headers[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip or None
        return None

    def _set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _valid(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows)


# -- operators ------------------------------------------------------------------------------


COL_NAME = 0
METRIC_COLUMNS = {i + 1: m for i, m in enumerate(METRICS)}


SUMMARY_OPERATOR, SUMMARY_TOTAL, SUMMARY_AVERAGE = 0, 1, 2  # AVERAGE_ROLE: the row's kind
THIN_TEXT = QBrush(QColor("#8f959e"))


class PerformanceTableModel(_Table):
    """One row per operator, the team-total row (the rows summed, rates pooled) and
    the team-average row; cells below the average carry their gap (``GAP_ROLE``), a
    red tint and a tooltip saying how far. ``AVERAGE_ROLE`` is the row's kind
    (SUMMARY_*), truthy for both team rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        headers = [(self.tr("Operator"), "")]
        headers += [(metric_title(m.key), metric_help(m.key)) for m in METRICS]
        super().__init__(headers, parent)
        self._average: OperatorRow | None = None
        self._total: OperatorRow | None = None
        self._marked: uuid.UUID | None = None

    def set_marked(self, operator_id: uuid.UUID | None) -> None:
        """The operator drilled into: their name is marked (selection colours would hide
        the red cells)."""
        self._marked = operator_id
        if self._rows:
            self.dataChanged.emit(
                self.index(0, COL_NAME), self.index(len(self._rows) - 1, COL_NAME)
            )

    def gap_text(self, gap: Gap) -> str:
        """低于均值 12 个百分点 / 低于均值 35%."""
        if gap.unit == "points":
            return self.tr("%n point(s) below the team average", "", gap.amount)
        return self.tr("{percent}% below the team average").format(percent=gap.amount)

    def set_report(self, report: Report | None) -> None:
        rows: list[OperatorRow] = []
        self._average = self._total = None
        if report is not None:
            self._average, self._total = report.average, report.total
            total = [report.total] if report.total is not None else []
            rows = [*report.rows, *total, report.average]
        self._set_rows(rows)

    def kind(self, row: OperatorRow) -> int:
        if not row.is_average:
            return SUMMARY_OPERATOR
        return SUMMARY_TOTAL if row is self._total else SUMMARY_AVERAGE

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: OperatorRow = self._rows[index.row()]
        col = index.column()
        if role == ROW_ROLE:
            return row
        if role == AVERAGE_ROLE:
            return self.kind(row)
        if col == COL_NAME:
            return self._name_data(row, role)
        return self._metric_data(row, col, role)

    def _name_data(self, row: OperatorRow, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if self.kind(row) == SUMMARY_TOTAL:
                return self.tr("Team total")
            if row.is_average:
                return self.tr("Team average")
            return row.name if row.active else self.tr("{name} (left)").format(name=row.name)
        if role == Qt.ItemDataRole.ToolTipRole and self.kind(row) == SUMMARY_TOTAL:
            return self.tr(
                "The operators' rows added up (rates pooled over their customers). What the "
                "team has beyond them is explained under the table."
            )
        if role == Qt.ItemDataRole.ToolTipRole and not row.active:
            return self.tr(
                "Has left the team: their customers moved to colleagues, their work stays."
            )
        marked = row.operator_id is not None and row.operator_id == self._marked
        if marked and role == Qt.ItemDataRole.BackgroundRole:
            return MARKED_BACKGROUND
        if marked and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return self._row_style(row, role)

    def _metric_data(self, row: OperatorRow, col: int, role: int) -> Any:
        spec = METRIC_COLUMNS[col]
        value = row.value(spec.key)
        gap = gap_below(row, self._average, spec.key) if self._average else None
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(spec.kind, value)
        if role == SORT_ROLE:
            return LOWEST if value is None else float(value)
        if role == GAP_ROLE:
            return gap
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(NUMBER_ALIGN.value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, spec.key, gap)
        if gap is not None and role == Qt.ItemDataRole.BackgroundRole:
            return BELOW_FEW_BACKGROUND if gap.few_data else BELOW_BACKGROUND
        if gap is not None and role == Qt.ItemDataRole.ForegroundRole:
            return BELOW_TEXT
        if role == Qt.ItemDataRole.ForegroundRole and self._thin(row, spec.key):
            return THIN_TEXT
        if role == Qt.ItemDataRole.AccessibleTextRole:
            shown = format_value(spec.kind, value)
            return f"{shown}, {self.gap_text(gap)}" if gap is not None else shown
        return self._row_style(row, role)

    @staticmethod
    def _thin(row: OperatorRow, key: str) -> bool:
        """A rate resting on fewer than MIN_RATE_SAMPLE customers (an operator's)."""
        base = row.base(key)
        spec = METRIC_BY_KEY[key]
        return (
            spec.kind == "rate"
            and not row.is_average
            and base is not None
            and (base < MIN_RATE_SAMPLE)
        )

    def _tooltip(self, row: OperatorRow, key: str, gap: Gap | None) -> str:
        parts = [self.gap_text(gap)] if gap is not None else []
        base = row.base(key)
        if base is not None and key != "avg_order_value":
            parts.append(self.tr("Based on %n customer(s).", "", int(base)))
        if self._thin(row, key):
            parts.append(self.tr("Few customers: read with care."))
        parts.append(metric_help(key))
        return "\n".join(parts)

    def _row_style(self, row: OperatorRow, role: int) -> Any:
        if row.is_average and role == Qt.ItemDataRole.BackgroundRole:
            return AVERAGE_BACKGROUND
        if row.is_average and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if not row.active and role == Qt.ItemDataRole.ForegroundRole:
            return MUTED_TEXT
        return None

    def export_cells(self, order: Sequence[int]) -> list[list[Any]]:
        """Raw values of ``order``'s rows (the view's order), names as shown."""
        out = []
        for r in order:
            row: OperatorRow = self._rows[r]
            name = self.data(self.index(r, COL_NAME))
            out.append([name, *(row.value(m.key) for m in METRICS)])
        return out


class AverageLastProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE``; the team-average row stays at the bottom either way."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802 (Qt override)
        # Operators (0) first, then the team total (1), then the average (2), either way.
        left_kind, right_kind = (
            int(left.data(AVERAGE_ROLE) or 0),
            int(right.data(AVERAGE_ROLE) or 0),
        )
        if left_kind != right_kind:
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return left_kind < right_kind if ascending else left_kind > right_kind
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, str) or isinstance(b, str):
            return str(a) < str(b)
        return bool(a < b)


# -- script lines ---------------------------------------------------------------------------


VERDICT_TEXT = {
    "worst": QT_TRANSLATE_NOOP("Performance", "Loses most customers"),
    "low": QT_TRANSLATE_NOOP("Performance", "Clearly low"),
    "few": QT_TRANSLATE_NOOP("Performance", "Too few sends to judge"),
    "ok": "",
}


class ScriptLinesModel(_Table):
    """Templates, each followed by its lines: sends, replies, drop-off, verdict."""

    def __init__(self, parent: QObject | None = None) -> None:
        headers = [
            (self.tr("Script / line"), ""),
            (
                self.tr("Sent"),
                self.tr("Customers sent this line (twice to the same customer is once)."),
            ),
            (self.tr("Replied"), self.tr("Of those, customers who replied before the next line.")),
            (
                self.tr("Reply rate"),
                self.tr("Replied ÷ sent, with its 95% Wilson interval in the tooltip."),
            ),
            (
                self.tr("Stopped here"),
                self.tr(
                    "Customers who answered the line before, got this one, and never replied "
                    "to it or any later line."
                ),
            ),
            (self.tr("Drop-off"), self.tr("Stopped here ÷ sent.")),
            (
                self.tr("Verdict"),
                self.tr(
                    "Judged only from 30 sends. Clearly low: even the top of the 95% interval "
                    "is 10 points under the other lines."
                ),
            ),
        ]
        super().__init__(headers, parent)

    def senders_text(self, stat: LineStat) -> str:
        """Sent by: 刘洋 30, 王芳 20 (most first)."""
        who = getattr(self, "_senders", {}).get((stat.template_id, stat.line_no), [])
        if not who:
            return ""
        parts = [f"{name} {sent}" for name, sent in sorted(who, key=lambda w: -w[1])]
        rest = stat.sent - sum(sent for _, sent in who)
        if rest > 0:  # sent by no one listed: the pool's work, someone no longer in the team
            parts.append(self.tr("others {n}").format(n=rest))
        return self.tr("Sent by: {names}").format(names=", ".join(parts))

    def line_label(self, stat: LineStat) -> str:
        return self.tr("Line {n}: {text}").format(n=stat.line_no, text=readable(stat.text))

    def interval_text(self, stat: LineStat) -> str:
        if stat.interval is None:
            return ""
        low, high = stat.interval
        return self.tr("95% interval of the reply rate: {low}–{high}").format(
            low=format_rate(low), high=format_rate(high)
        )

    def set_templates(
        self,
        templates: Sequence[TemplateStat],
        senders: dict[tuple[uuid.UUID, int], list[tuple[str, int]]] | None = None,
    ) -> None:
        """``senders``: per (template, line), who sent it to how many customers (the team's
        view; an operator's own lines need none)."""
        self._senders = senders or {}
        rows: list[TemplateStat | LineStat] = []
        for template in templates:
            rows.append(template)
            rows.extend(template.lines)
        self._set_rows(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        item = self._rows[index.row()]
        if role == ROW_ROLE:
            return item
        if isinstance(item, TemplateStat):
            return self._template_data(item, index.column(), role)
        return self._line_data(item, index.column(), role)

    def _template_data(self, t: TemplateStat, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            cells = [
                self.tr("{title} ({hook})").format(title=t.title, hook=t.hook_name),
                format_count(t.started),
                "",
                "",
                "",
                "",
                self.tr("%n finished (%1)", "", t.completed).replace(
                    "%1", format_rate(t.completion)
                ),
            ]
            return cells[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr(
                "{started} customers got the first line; {completed} replied to the last one."
            ).format(started=t.started, completed=t.completed)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return TEMPLATE_BACKGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(NUMBER_ALIGN.value)
        return None

    def _line_data(self, s: LineStat, col: int, role: int) -> Any:
        if role == VERDICT_ROLE:
            return s.verdict
        if role == Qt.ItemDataRole.DisplayRole:
            cells = [
                self.line_label(s),
                format_count(s.sent),
                format_count(s.replied),
                format_rate(s.reply_rate),
                format_count(s.stopped),
                format_rate(s.drop_off),
                verdict_text(s.verdict),
            ]
            return cells[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(
                p for p in (readable(s.text), self.interval_text(s), self.senders_text(s)) if p
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and 0 < col < 6:
            return int(NUMBER_ALIGN.value)
        if s.verdict == "worst" and role == Qt.ItemDataRole.BackgroundRole:
            return WORST_BACKGROUND
        if s.verdict in ("worst", "low") and role == Qt.ItemDataRole.ForegroundRole:
            return BELOW_TEXT
        if s.verdict == "few" and role == Qt.ItemDataRole.ForegroundRole:
            return MUTED_TEXT
        return None


# -- hooks ---------------------------------------------------------------------------------


class HookStatsModel(_Table):
    """Per hook: scripts sent, answered, reply rate, and orders within 7 days."""

    def __init__(self, parent: QObject | None = None) -> None:
        headers = [
            (self.tr("Hook"), ""),
            (self.tr("Scripts sent"), self.tr("One hook's lines to one customer count once.")),
            (self.tr("Answered"), self.tr("The customer replied after the first line.")),
            (self.tr("Reply rate"), ""),
            (
                self.tr("Ordered within 7 days"),
                self.tr("A valid order within 7 days of the first line."),
            ),
            (self.tr("Conversion"), self.tr("Ordered within 7 days ÷ scripts sent.")),
        ]
        super().__init__(headers, parent)

    def set_hooks(self, hooks: Sequence[HookStat]) -> None:
        self._set_rows(list(hooks))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        h: HookStat = self._rows[index.row()]
        values: list[Callable[[], Any]] = [
            lambda: h.name,
            lambda: format_count(h.scripts),
            lambda: format_count(h.answered),
            lambda: format_rate(h.reply_rate),
            lambda: format_count(h.converted),
            lambda: format_rate(h.conversion),
        ]
        col = index.column()
        if role == ROW_ROLE:
            return h
        if role == Qt.ItemDataRole.DisplayRole:
            return values[col]()
        if role == Qt.ItemDataRole.ToolTipRole and h.few_data:
            return self.tr("Too few sends to judge")
        if role == Qt.ItemDataRole.ForegroundRole and h.few_data:
            return MUTED_TEXT
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(NUMBER_ALIGN.value)
        return None
