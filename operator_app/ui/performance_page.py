"""The 业绩 page: each operator against the team average, the funnel, the script lines.

Team leads and admins see every operator; picking one drills the funnel,
the script lines, the hooks and the trend down to them. An operator sees
"My numbers": their own row against the team average, never a colleague's
(the report is narrowed before it reaches the page).

The numbers come from the shared database (``data.analytics_queries``),
computed off the GUI thread with a progress bar; a newer request (another
period) cancels the one still running and its late result is dropped.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from operator_app import export
from operator_app.core.analytics import METRICS, TEAM_ROW, DayPoint, Period, PeriodKind
from operator_app.core.analytics_format import (
    TABLE_COLUMNS,
    plain,
)
from operator_app.core.analytics_report import Report
from operator_app.core.analytics_sheets import Sheet, review_sheets
from operator_app.core.progress import Cancelled, TaskState
from operator_app.data.analytics_queries import load_report, load_trend
from operator_app.data.queries import OperatorInfo
from operator_app.data.types import utcnow
from operator_app.errors import KnownError
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.i18n import QT_TRANSLATE_NOOP, known_error_text
from operator_app.ui.labels import can_manage_team
from operator_app.ui.performance_detail import ScopeDetail, make_label, make_table
from operator_app.ui.performance_models import (
    COL_NAME,
    ROW_ROLE,
    AverageLastProxy,
    PerformanceTableModel,
)
from operator_app.ui.performance_summary import SummaryTexts
from operator_app.ui.runner import Runner
from operator_app.ui.save_dialog import ask_save_path

DEFAULT_PERIOD = PeriodKind.LAST_30  # a month: enough sends per line to judge the scripts
PERIOD_LABELS = {
    PeriodKind.TODAY: QT_TRANSLATE_NOOP("PerformancePage", "Today"),
    PeriodKind.LAST_7: QT_TRANSLATE_NOOP("PerformancePage", "Last 7 days"),
    PeriodKind.LAST_30: QT_TRANSLATE_NOOP("PerformancePage", "Last 30 days"),
    PeriodKind.CUSTOM: QT_TRANSLATE_NOOP("PerformancePage", "Custom"),
}
XLSX_FORMATS = {"count": "#,##0.##", "rate": "0.0%", "money": "#,##0.00", "text": None}
FIT_ROWS = 9  # rows shown at once (operators and the two team rows); a bigger team scrolls


@dataclass(frozen=True)
class ReportSource:
    """Where the page reads (the shared database; None offline) and for whom."""

    engine: Engine | None
    person: OperatorInfo
    offline_reason: str = ""
    clock: Callable[[], datetime] = utcnow  # "today" for the period presets

    @property
    def manager(self) -> bool:
        return can_manage_team(self.person.role)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class PerformancePage(QWidget):
    """The operator table, the selected scope's funnel, script lines, hooks and trend.

    ``report_shown`` fires after each report is on screen; ``loaded`` once,
    after the first (or its failure), for the window's start-up.
    """

    loaded = Signal()
    report_shown = Signal()
    trend_shown = Signal()
    exported = Signal(str)
    _progress = Signal(float)

    def __init__(
        self,
        source: ReportSource,
        runner: Runner,
        reporter: ErrorReporter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_performance")
        self.source = source
        self.report: Report | None = None
        self.scope: uuid.UUID | None = None if source.manager else source.person.id
        self._runner = runner
        self._reporter = reporter
        self._generation = 0
        self._state: TaskState | None = None
        self._is_loaded = False
        self._started = False
        self._trends: dict[uuid.UUID, list[DayPoint]] = {}
        self.texts = SummaryTexts(self)
        self._build()
        self._progress.connect(self._on_progress)

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.model = PerformanceTableModel(self)
        self.proxy = AverageLastProxy(self)
        self.proxy.setSourceModel(self.model)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 10, 16, 8)
        column.setSpacing(6)
        column.addLayout(self._build_toolbar())
        column.addLayout(self._build_status_row())
        self.notice = make_label("performanceNotice", wrap=True)
        self.notice.hide()
        column.addWidget(self.notice)
        self.summary = make_label("performanceSummary", wrap=True)
        column.addWidget(self.summary)
        column.addWidget(self._build_table())
        column.addWidget(self._build_detail(), 1)

    def _build_toolbar(self) -> QHBoxLayout:
        manager = self.source.manager
        self.heading = make_label("pageHeading")
        self.heading.setText(self.tr("Team performance") if manager else self.tr("My numbers"))
        self.period_box = QComboBox()
        self.period_box.setAccessibleName(self.tr("Period"))
        for kind, text in PERIOD_LABELS.items():
            self.period_box.addItem(self.tr(text), kind)
        self.period_box.setCurrentIndex(self.period_box.findData(DEFAULT_PERIOD))
        self.period_box.activated.connect(self._on_period_activated)
        self.first_edit, self.last_edit = self._date_edit(), self._date_edit()
        self.first_edit.setAccessibleName(self.tr("First day"))
        self.last_edit.setAccessibleName(self.tr("Last day"))
        self.to_label = QLabel(self.tr("to"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.export_button = self._export_button()
        row = QHBoxLayout()
        row.addWidget(self.heading)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Period")))
        for widget in (self.period_box, self.first_edit, self.to_label, self.last_edit):
            row.addWidget(widget)
        row.addWidget(self.refresh_button)
        row.addWidget(self.export_button)
        self._show_custom_dates(False)
        return row

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.editingFinished.connect(self._on_custom_dates_edited)
        return edit

    def _export_button(self) -> QToolButton:
        button = QToolButton()
        button.setText(self.tr("Export"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        self.export_xlsx_action = QAction(self.tr("Excel workbook (.xlsx)…"), menu)
        self.export_csv_action = QAction(self.tr("CSV for Excel (.csv)…"), menu)
        self.export_xlsx_action.triggered.connect(lambda: self._on_export_asked(".xlsx"))
        self.export_csv_action.triggered.connect(lambda: self._on_export_asked(".csv"))
        menu.addActions([self.export_xlsx_action, self.export_csv_action])
        button.setMenu(menu)
        button.setEnabled(False)
        return button

    def _build_status_row(self) -> QHBoxLayout:
        self.period_label = make_label("performancePeriod")
        self.progress = QProgressBar()
        self.progress.setObjectName("performanceProgress")
        self.progress.setRange(0, 100)
        self.progress.setFormat(self.tr("Calculating… %p%"))
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        row = QHBoxLayout()
        row.addWidget(self.period_label, 1)
        row.addWidget(self.progress)
        return row

    def _build_table(self) -> QWidget:
        self.table = make_table(self.proxy, sortable=True)
        self.table.setObjectName("operatorTable")
        # No selection colour: it would paint over the red cells one clicks to look into.
        # The operator drilled into is marked in the model instead.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAccessibleName(self.tr("Operators against the team average"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(56)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._on_operator_changed)
        self.legend = make_label("performanceLegend", wrap=True)
        if self.source.manager:
            self.legend.setText(
                self.tr(
                    "Red: below the team average by 3 points or more (rates) or 10% or more "
                    "(counts); hover for how far. Grey or pale red: fewer than 20 customers "
                    "behind the rate. Leads are the team lead's to give: never coloured. Click "
                    "an operator for their funnel and script lines; click a column to sort."
                )
            )
        else:
            self.legend.setText(
                self.tr(
                    "Your own figures against the team average; colleagues' figures are not "
                    "shown. Red: below the average by 3 points or more (rates) or 10% or more "
                    "(counts); hover for how far."
                )
            )
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.table, 1)
        self.reconcile_label = make_label("performanceLegend", wrap=True)
        self.reconcile_label.setAccessibleName(self.tr("How the team total adds up"))
        layout.addWidget(self.reconcile_label)
        layout.addWidget(self.legend)
        return box

    def _build_detail(self) -> QWidget:
        self.scope_label = make_label("pageHeading")
        self.team_button = QPushButton(self.tr("Show the whole team"))
        self.team_button.clicked.connect(self.show_team)
        self.team_button.setVisible(False)
        head = QHBoxLayout()
        head.addWidget(self.scope_label)
        head.addStretch(1)
        head.addWidget(self.team_button)
        self.detail = ScopeDetail()
        # What tests and the window look at, by their short names.
        self.funnel, self.trend, self.tabs = self.detail.funnel, self.detail.trend, self.detail.tabs
        self.lines_model, self.hooks_model = self.detail.lines_model, self.detail.hooks_model
        self.breakdown_model, self.worst_label = (
            self.detail.breakdown_model,
            self.detail.worst_label,
        )
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.detail, 1)
        return box

    # -- loading ------------------------------------------------------------------------------

    def start(self) -> None:
        """Load the default period now if the page is on screen, else when first shown
        (a heavy query nobody looks at would only delay the Today page's work)."""
        self._started = True
        if self.isVisible():
            self._first_load()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._started and self._generation == 0 and not self._is_loaded:
            self._first_load()

    def _first_load(self) -> None:
        if self.source.engine is None:
            reason = self.source.offline_reason
            self._show_notice(
                self.tr("Performance needs the shared database, which is offline now.")
                + (f"\n{reason}" if reason else "")
            )
            self._set_controls_enabled(False)
            self._mark_loaded()
            return
        self.reload()

    def current_kind(self) -> PeriodKind:
        return PeriodKind(self.period_box.currentData())

    def set_period(
        self, kind: PeriodKind, first: date | None = None, last: date | None = None
    ) -> None:
        """Choose a period as the user would, and load it."""
        self.period_box.setCurrentIndex(self.period_box.findData(kind))
        if kind == PeriodKind.CUSTOM and first is not None and last is not None:
            self.first_edit.setDate(_qdate(first))
            self.last_edit.setDate(_qdate(last))
        self._show_custom_dates(kind == PeriodKind.CUSTOM)
        self.reload()

    @Slot()
    def reload(self) -> None:
        engine = self.source.engine
        if engine is None:
            return
        if self._state is not None:
            self._state.cancel()  # the running load's result is no longer wanted
        self._generation += 1
        generation = self._generation
        state = TaskState(on_progress=lambda fraction, _msg: self._progress.emit(fraction))
        self._state = state
        choose = self._chooser()
        team_id = self.source.person.team_id
        only = None if self.source.manager else self.source.person.id
        now = self.source.clock()
        self.progress.setValue(0)
        self.progress.show()
        self._runner.run_op(
            lambda: load_report(engine, team_id, choose, now=now, only_operator=only, state=state),
            lambda report: self._on_report(generation, report),
            lambda exc: self._on_report_failed(generation, exc),
        )

    def _chooser(self) -> Any:
        kind = self.current_kind()
        if kind != PeriodKind.CUSTOM:
            return lambda today: Period.preset(kind, today)
        first, last = _day(self.first_edit.date()), _day(self.last_edit.date())
        return Period(min(first, last), max(first, last))

    @Slot(float)
    def _on_progress(self, fraction: float) -> None:
        self.progress.setValue(round(fraction * 100))

    def _on_report(self, generation: int, report: Report) -> None:
        if generation != self._generation:
            return  # a newer period was asked for meanwhile
        self._state = None
        self.progress.hide()
        self.report = report
        self._trends = {}
        self.model.set_report(report)
        self._fit_table()
        self.export_button.setEnabled(True)
        self._show_period(report)
        self._show_status(report)
        self._show_summary(report)
        if self.scope is not None and report.row(self.scope) is None:
            self.scope = None if self.source.manager else self.source.person.id
        self._show_scope()
        self.report_shown.emit()
        self._mark_loaded()

    def _fit_table(self) -> None:
        """The table is as tall as its rows, up to FIT_ROWS (a big team scrolls), so the
        funnel and the script lines get the rest of the page."""
        rows = max(2, min(self.proxy.rowCount(), FIT_ROWS))
        header = self.table.horizontalHeader().sizeHint().height()
        row = self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(header + rows * row + 2 * self.table.frameWidth() + 2)

    def _on_report_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation or isinstance(exc, Cancelled):
            return
        self._state = None
        self.progress.hide()
        if isinstance(exc, KnownError):
            self._show_notice(known_error_text(exc))
        else:
            self._show_notice(self.tr("The figures could not be calculated."))
            self._reporter.report(exc, self)
        self._mark_loaded()

    def _mark_loaded(self) -> None:
        if not self._is_loaded:
            self._is_loaded = True
            self.loaded.emit()

    # -- showing ------------------------------------------------------------------------------

    def _show_period(self, report: Report) -> None:
        period = report.period
        if self.current_kind() != PeriodKind.CUSTOM:  # custom dates stay as typed
            self.first_edit.setDate(_qdate(period.first))
            self.last_edit.setDate(_qdate(period.last))
        previous = period.previous()
        self.period_label.setText(
            self.tr(
                "{first} to {last} ({days} days, time zone {zone}); "
                "compared with {pfirst} to {plast}"
            ).format(
                first=period.first.isoformat(),
                last=period.last.isoformat(),
                days=period.days,
                zone=report.timezone.key,
                pfirst=previous.first.isoformat(),
                plast=previous.last.isoformat(),
            )
        )

    def _show_status(self, report: Report) -> None:
        if report.status == "future":
            self._show_notice(self.tr("This period has not started yet: there is no data."))
        elif report.status == "empty":
            self._show_notice(self.tr("Nothing happened in this period: there is no data."))
        else:
            self.notice.hide()

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _show_summary(self, report: Report) -> None:
        person = None if self.source.manager else self.source.person.id
        self.reconcile_label.setText(self.texts.reconciliation(report) if person is None else "")
        self.reconcile_label.setVisible(bool(self.reconcile_label.text()))
        self.summary.setText(self.texts.summary(report, person))

    def _show_scope(self) -> None:
        report = self.report
        if report is None:
            return
        key = report.scope_key(self.scope)
        row = report.row(self.scope) if self.scope is not None else None
        if self.source.manager and row is not None:
            self.scope_label.setText(self.tr("Funnel and scripts: {name}").format(name=row.name))
        elif self.source.manager:
            self.scope_label.setText(self.tr("Funnel and scripts: the whole team"))
        else:
            self.scope_label.setText(self.tr("Your funnel and your script lines"))
        self.team_button.setVisible(self.source.manager and self.scope is not None)
        self.detail.show_scope(report, key)
        self._show_trend()

    def _show_trend(self) -> None:
        report = self.report
        if report is None:
            return
        if self.scope is None or not self.source.manager:
            self._draw_trend(list(report.trend))
            return
        cached = self._trends.get(self.scope)
        if cached is not None:
            self._draw_trend(cached)
            return
        self._load_trend(report, self.scope)

    def _load_trend(self, report: Report, owner: uuid.UUID) -> None:
        engine, team_id, period = self.source.engine, self.source.person.team_id, report.period
        if engine is None:
            return
        generation = self._generation

        def done(points: list[DayPoint]) -> None:
            if generation != self._generation:
                return
            self._trends[owner] = points
            if self.scope == owner:
                self._draw_trend(points)

        self._runner.run_op(
            lambda: load_trend(engine, team_id, period, owner),
            done,
            lambda exc: self._on_report_failed(generation, exc),
        )

    def _draw_trend(self, points: list[DayPoint]) -> None:
        self.detail.draw_trend(points)
        self.trend_shown.emit()

    # -- user actions ---------------------------------------------------------------------------

    @Slot(int)
    def _on_period_activated(self, _index: int) -> None:
        custom = self.current_kind() == PeriodKind.CUSTOM
        self._show_custom_dates(custom)
        self.reload()

    def _show_custom_dates(self, shown: bool) -> None:
        for widget in (self.first_edit, self.to_label, self.last_edit):
            widget.setVisible(shown)

    @Slot()
    def _on_custom_dates_edited(self) -> None:
        if self.current_kind() == PeriodKind.CUSTOM:
            self.reload()

    @Slot(QModelIndex, QModelIndex)
    def _on_operator_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self.source.manager or not current.isValid():
            return
        row = self.proxy.data(current, ROW_ROLE)
        self.select_operator(None if row is None or row.is_average else row.operator_id)

    def select_operator(self, operator_id: uuid.UUID | None) -> None:
        """Drill down to one operator (None: the whole team)."""
        if not self.source.manager:
            return
        self.scope = operator_id
        self.model.set_marked(operator_id)
        self._show_scope()

    @Slot()
    def show_team(self) -> None:
        self.table.setCurrentIndex(QModelIndex())
        self.select_operator(None)

    def select_row_of(self, operator_id: uuid.UUID) -> bool:
        """Select an operator's row in the table, as a click would."""
        for r in range(self.proxy.rowCount()):
            row = self.proxy.data(self.proxy.index(r, 0), ROW_ROLE)
            if row is not None and row.operator_id == operator_id:
                self.table.setCurrentIndex(self.proxy.index(r, 0))
                return True
        return False

    def _set_controls_enabled(self, enabled: bool) -> None:
        for widget in (self.period_box, self.refresh_button, self.export_button):
            widget.setEnabled(enabled)

    # -- export ---------------------------------------------------------------------------------

    def _on_export_asked(self, suffix: str) -> None:
        report = self.report
        if report is None:
            return
        name = self.tr("performance_{first}_{last}").format(
            first=report.period.first.isoformat(), last=report.period.last.isoformat()
        )
        filters = (
            self.tr("Excel workbook (*.xlsx)") if suffix == ".xlsx" else self.tr("CSV (*.csv)")
        )
        path = ask_save_path(self, "report", self.tr("Export the table"), name + suffix, filters)
        if path:
            target = Path(path)
            self.export_table(target if target.suffix else target.with_suffix(suffix))

    def export_table(self, path: Path) -> None:
        """Write the table as shown (sort order included) to .csv, or the whole review to
        .xlsx (the table, then a sheet each for the funnel, breakdown, lines, hooks, trend
        and reconciliation), off the GUI thread."""
        headers = [
            str(self.model.headerData(c, Qt.Orientation.Horizontal))
            for c in range(len(TABLE_COLUMNS))
        ]
        order = [
            self.proxy.mapToSource(self.proxy.index(r, 0)).row()
            for r in range(self.proxy.rowCount())
        ]
        rows = self.model.export_cells(order)
        sheet = self.heading.text()
        if path.suffix.lower() == ".xlsx" and self.report is not None:
            formats = [XLSX_FORMATS[str(c.kind)] for c in TABLE_COLUMNS]
            sheets = review_sheets(self.report, Sheet(sheet, headers, rows, formats))
            op = lambda: export.write_workbook(path, sheets)  # noqa: E731
        else:
            op = lambda: export.write_csv(path, headers, plain(rows))  # noqa: E731
        self._runner.run_op(op, lambda _r: self._on_exported(path), self._on_export_failed)

    def _on_exported(self, path: Path) -> None:
        self._show_notice(self.tr("Saved to {path}").format(path=str(path)))
        self.exported.emit(str(path))

    def _on_export_failed(self, exc: Exception) -> None:
        self._reporter.report(exc, self)

    # -- for tests and screen readers --------------------------------------------------------------

    def metric_column(self, key: str) -> int:
        return 1 + [m.key for m in METRICS].index(key)

    def scope_key(self) -> Any:
        return TEAM_ROW if self.scope is None else self.scope
