"""The lower half of the 业绩 page: one scope's funnel, script lines, hooks, trend, breakdown.

A scope is the whole team or one operator; the page decides which and hands
over the report's part for it. Knows nothing of loading or of the table above.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from operator_app.core.analytics import TEAM_ROW, DayPoint
from operator_app.core.analytics_format import format_count, format_rate
from operator_app.core.analytics_funnel import ALL_CHANNELS, Funnel
from operator_app.core.analytics_report import Report, ScopeKey
from operator_app.core.analytics_scripts import LineStat, TemplateStat, worst_line
from operator_app.ui.charts import FunnelChart, TrendChart
from operator_app.ui.i18n import QT_TRANSLATE_NOOP
from operator_app.ui.performance_breakdown import SalesBreakdownModel
from operator_app.ui.performance_models import HookStatsModel, ScriptLinesModel, readable

FUNNEL_LABELS = {
    "packages": QT_TRANSLATE_NOOP("ScopeDetail", "Packages"),
    "friends": QT_TRANSLATE_NOOP("ScopeDetail", "Friends added"),
    "first_buyers": QT_TRANSLATE_NOOP("ScopeDetail", "First order"),
    "wechat": QT_TRANSLATE_NOOP("ScopeDetail", "Personal WeChat"),
    "grp": QT_TRANSLATE_NOOP("ScopeDetail", "Group"),
    "repurchasers": QT_TRANSLATE_NOOP("ScopeDetail", "Repurchase"),
}
WORST_TEXT_MAX = 160  # the losing line in full, unless it is a whole paragraph
FUNNEL_SHARE, TABS_SHARE = 35, 65
FUNNEL_MIN_WIDTH = 340
ROW_HEIGHT = 26


def _senders(report: Report) -> dict[tuple[Any, int], list[tuple[str, int]]]:
    """Per (template, line): each operator who sent it, and to how many customers."""
    out: dict[tuple[Any, int], list[tuple[str, int]]] = {}
    for row in report.rows:
        for template in report.templates.get(row.operator_id, ()) if row.operator_id else ():
            for line in template.lines:
                if line.sent:
                    out.setdefault((line.template_id, line.line_no), []).append(
                        (row.name, line.sent)
                    )
    return out


def make_table(model: Any, *, sortable: bool = False) -> QTableView:
    """A read-only table of whole rows, as every table of the page is."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    view.setSortingEnabled(sortable)
    view.setWordWrap(False)
    return view


def make_label(name: str, *, wrap: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ScopeDetail(QWidget):
    """The funnel on the left; script lines, hooks, daily trend and breakdown in tabs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines_model = ScriptLinesModel(self)
        self.hooks_model = HookStatsModel(self)
        self.breakdown_model = SalesBreakdownModel(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self._build_funnel())
        split.addWidget(self._build_tabs())
        split.setStretchFactor(0, FUNNEL_SHARE)
        split.setStretchFactor(1, TABS_SHARE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def _build_funnel(self) -> QWidget:
        self.channel_box = QComboBox()
        self.channel_box.setAccessibleName(self.tr("Entry channel"))
        self.channel_box.activated.connect(lambda _i: self._draw_funnel())
        self._funnel: Funnel | None = None
        self.funnel = FunnelChart()
        self.funnel.setAccessibleName(self.tr("Funnel"))
        self.funnel.setMinimumWidth(FUNNEL_MIN_WIDTH)
        self.funnel_note = make_label("performanceLegend", wrap=True)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.channel_box)
        column.addWidget(self.funnel, 1)
        column.addWidget(self.funnel_note)
        return box

    def _build_tabs(self) -> QTabWidget:
        self.worst_label = make_label("worstLine", wrap=True)
        self.lines_view = make_table(self.lines_model)
        self.lines_view.setObjectName("linesTable")
        header = self.lines_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A line is read whole, wrapped, not cut to "…" (its full text is also the tooltip).
        self.lines_view.setWordWrap(True)
        self.lines_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        rows = self.lines_view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.hooks_view = make_table(self.hooks_model)
        self.hooks_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.trend = TrendChart()
        self.breakdown_view = make_table(self.breakdown_model)
        # The factor (a formula for the derived lines) is read whole, wrapped; numbers fit.
        header = self.breakdown_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.breakdown_view.setWordWrap(True)
        self.breakdown_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.breakdown_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        lines_tab = QWidget()
        lines_column = QVBoxLayout(lines_tab)
        lines_column.setContentsMargins(0, 4, 0, 0)
        lines_column.addWidget(self.worst_label)
        lines_column.addWidget(self.lines_view, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(lines_tab, self.tr("Script lines"))
        self.tabs.addTab(self.hooks_view, self.tr("Hooks"))
        self.tabs.addTab(self.trend, self.tr("Daily trend"))
        self.tabs.addTab(self.breakdown_view, self.tr("Sales breakdown"))
        return self.tabs

    # -- showing a scope ----------------------------------------------------------------------

    def show_scope(self, report: Report, key: ScopeKey) -> None:
        """Everything below the table for ``key`` (an operator id, or the team)."""
        self._show_funnel(report, key)
        templates = report.templates.get(key, ())
        self.lines_model.set_templates(templates, _senders(report) if key == TEAM_ROW else None)
        self._show_worst(templates)
        self.hooks_model.set_hooks(report.hooks.get(key, ()))
        self.breakdown_model.set_breakdown(report.breakdowns.get(key))

    def draw_trend(self, points: Sequence[DayPoint]) -> None:
        self.trend.set_series(
            [p.day for p in points],
            [
                (self.tr("New friends"), [p.friends for p in points]),
                (self.tr("Orders"), [p.orders for p in points]),
            ],
        )

    def _show_funnel(self, report: Report, key: ScopeKey) -> None:
        """Fill the channel choice (kept when the new scope has it) and draw."""
        self._funnel = report.funnels.get(key)
        chosen = self.channel_box.currentData() or ALL_CHANNELS
        self.channel_box.clear()
        self.channel_box.addItem(self.tr("All channels"), ALL_CHANNELS)
        for part in self._funnel.by_channel if self._funnel else ():
            self.channel_box.addItem(part.channel, part.channel)
        index = self.channel_box.findData(chosen)
        self.channel_box.setCurrentIndex(max(0, index))
        self._draw_funnel()

    def select_channel(self, channel: str) -> bool:
        """Show one entry channel's funnel ("" = all), as picking it would."""
        index = self.channel_box.findData(channel)
        if index < 0:
            return False
        self.channel_box.setCurrentIndex(index)
        self._draw_funnel()
        return True

    def _draw_funnel(self) -> None:
        whole = self._funnel
        channel = self.channel_box.currentData() or ALL_CHANNELS
        shown = whole.channel_funnel(channel) if whole else None
        if shown is None or whole is None:
            self.funnel.set_steps([], [])
            self.funnel_note.clear()
            return
        labels, values = [], []
        for step in shown.steps:
            name = self.tr(FUNNEL_LABELS[step.key])
            labels.append(name if step.rate is None else f"{name} {format_rate(step.rate)}")
            values.append(step.count)
        self.funnel.set_steps(labels, values)
        self.funnel_note.setText(self._funnel_note(shown))

    def _funnel_note(self, shown: Funnel) -> str:
        """Short under the chart (WeChat and group); the definition on hover."""
        start = (
            self.tr("starts at the packages sent")
            if shown.steps[0].key == "packages"
            else self.tr("starts at the friends added (these customers added us themselves)")
        )
        self.funnel.setToolTip(
            self.tr(
                "Customers who arrived in the period, followed to today; each step counts only "
                "those who passed the step before, its rate is over that step. This funnel "
                "{start}."
            ).format(start=start)
        )
        wechat, grp = shown.follow_up("wechat"), shown.follow_up("grp")
        return self.tr(
            "Of the first-order customers: {wechat} added the personal WeChat "
            "({wechat_rate}), {grp} joined the group ({grp_rate})."
        ).format(
            wechat=format_count(wechat.count),
            wechat_rate=format_rate(wechat.rate),
            grp=format_count(grp.count),
            grp_rate=format_rate(grp.rate),
        )

    def _show_worst(self, templates: Sequence[TemplateStat]) -> None:
        worst = worst_line(list(templates))
        if worst is None:
            self.worst_label.setText(
                self.tr(
                    "No line is clearly worse than the others (lines need 30 sends to be judged)."
                )
            )
            self.worst_label.setProperty("state", "ok")
            self.worst_label.setToolTip("")
        else:
            text = readable(worst.text)
            if len(text) > WORST_TEXT_MAX:
                text = text[: WORST_TEXT_MAX - 1] + "…"
            self.worst_label.setText(
                self.tr(
                    "Customers stop most after “{title}” line {n}: {rate} replied, "
                    "{stopped} of {sent} customers stopped there."
                ).format(
                    title=worst.template_title,
                    n=worst.line_no,
                    rate=f"{worst.reply_rate or 0:.1%}",
                    stopped=worst.stopped,
                    sent=worst.sent,
                )
                + "\n"
                + self.tr("The line: {text}").format(text=text)
            )
            self.worst_label.setToolTip(readable(worst.text))
            self.worst_label.setProperty("state", "warn")
            # After the view has laid out the new rows, or it cannot scroll to one.
            QTimer.singleShot(0, self, lambda: self._scroll_to(worst))
        self.worst_label.style().unpolish(self.worst_label)
        self.worst_label.style().polish(self.worst_label)

    def _scroll_to(self, line: LineStat) -> None:
        """Bring the worst line into view: it is the one to read first."""
        for r in range(self.lines_model.rowCount()):
            if self.lines_model.row_at(r) is line:
                index = self.lines_model.index(r, 0)
                self.lines_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
                return
