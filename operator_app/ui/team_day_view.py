"""A team lead's 今日: the team's day first, their own queue one key away.

The team's day is each operator's overdue and due-today counts (as that
operator's own 今日 counts them, data/team_day.py), the pool, the friend
requests about to run out, and the last import. ``TeamTodayPage`` stacks it
over the ordinary Today page, switched by the ``my_queue_action`` toggle.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QFont, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from operator_app.data.queries import OperatorInfo
from operator_app.data.team_day import OperatorDay, TeamDay, team_day
from operator_app.errors import KnownError
from operator_app.ui import phrases
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.i18n import known_error_text
from operator_app.ui.runner import Runner

AnyIndex = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
MY_QUEUE_KEYS = "Ctrl+Shift+M"
# Changes arriving while the team's day is on screen are counted in at most this
# often: each count recomputes every operator's suggestions (seconds on a big team).
RECOUNT_DELAY_MS = 30_000
NAME_WIDTH = 160


class TeamColumn(IntEnum):
    NAME = 0
    OVERDUE = 1
    DUE_TODAY = 2
    DONE_TODAY = 3
    LEADS = 4


class TeamDayModel(QAbstractTableModel):
    """One row per operator, then the team's total; ``ROW_ROLE`` gives the OperatorDay."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OperatorDay] = []

    def set_day(self, day: TeamDay) -> None:
        self.beginResetModel()
        self._rows = [*day.rows, day.total] if day.rows else []
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(TeamColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = TeamColumn(index.column())
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != TeamColumn.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.operator_id is None:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, row: OperatorDay, column: TeamColumn) -> str:
        if column == TeamColumn.NAME:
            return row.name if row.operator_id is not None else self.tr("Team total")
        numbers = {
            TeamColumn.OVERDUE: row.overdue,
            TeamColumn.DUE_TODAY: row.due_today,
            TeamColumn.DONE_TODAY: row.done_today,
            TeamColumn.LEADS: row.leads,
        }
        return f"{numbers[column]:,}"

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Operator"),
            self.tr("Overdue"),
            self.tr("Due today"),
            self.tr("Done today"),
            self.tr("Customers"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def row_for(self, login: str) -> OperatorDay | None:
        return next((r for r in self._rows if r.login == login and r.operator_id), None)

    def total(self) -> OperatorDay | None:
        return self._rows[-1] if self._rows else None


class TeamDayView(QWidget):
    """The team's day: the per-operator table and three facts beside it.

    Reads off the GUI thread through the injected runner; ``loaded`` fires
    after each read (or failure). ``mark_stale`` asks for a read the next time
    it is shown (or within RECOUNT_DELAY_MS, when it is).
    """

    loaded = Signal()
    leads_tab_requested = Signal(str)  # "pool" or "recycle": that list on the 客户 page

    def __init__(
        self,
        cache: Engine,
        person: OperatorInfo,
        runner: Runner,
        reporter: ErrorReporter,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_team_day")
        self._cache, self._person, self._runner = cache, person, runner
        self._reporter, self._clock = reporter, clock
        self._stale = True
        self._reading = False
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(RECOUNT_DELAY_MS)
        self._recount.timeout.connect(self._read_again_if_stale)
        self.day: TeamDay | None = None
        self.model = TeamDayModel(self)
        self.heading = _label(self.tr("The team today"), "pageHeading")
        self.updated = _label("", "pageIntro")
        self.my_queue_button = QPushButton(self.tr("My customers"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.table = self._build_table()
        self.rule = _label(
            self.tr(
                "Counted as each operator's own Today counts them: overdue, and due before "
                "the end of today."
            ),
            "pageIntro",
        )
        self.pool = _label("", "teamFact")
        self.expiring = _label("", "teamFact")
        self.last_import = _label("", "teamFact")
        self.see_pool = _link(self.tr("See the pool"))
        self.see_pool.clicked.connect(lambda: self.leads_tab_requested.emit("pool"))
        self.see_expiring = _link(self.tr("See who goes back soon"))
        self.see_expiring.clicked.connect(lambda: self.leads_tab_requested.emit("recycle"))
        self.fact_titles = [
            _label(self.tr("Pool"), "teamFactTitle", bold=True),
            _label(self.tr("Returning to the pool soon"), "teamFactTitle", bold=True),
            _label(self.tr("Last import"), "teamFactTitle", bold=True),
        ]
        self._lay_out()

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("teamDayTable")
        table.setModel(self.model)
        table.setAccessibleName(self.tr("Each operator's work today"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TeamColumn.NAME, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(TeamColumn.NAME, NAME_WIDTH)
        return table

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.updated, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.my_queue_button)
        facts = QVBoxLayout()
        facts.setSpacing(4)
        links = (self.see_pool, self.see_expiring, None)
        for title, label, link in zip(
            self.fact_titles, (self.pool, self.expiring, self.last_import), links, strict=True
        ):
            facts.addWidget(title)
            facts.addWidget(label)
            if link is not None:
                facts.addWidget(link, 0, Qt.AlignmentFlag.AlignLeft)
            facts.addSpacing(12)
        facts.addStretch(1)
        left = QVBoxLayout()
        left.setSpacing(6)  # else it takes the row's wide spacing
        left.addWidget(self.table)
        left.addWidget(self.rule)
        left.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(32)
        body.addLayout(left, 3)
        body.addLayout(facts, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(10)
        outer.addLayout(top)
        outer.addLayout(body, 1)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stale:
            self.reload()

    def mark_stale(self) -> None:
        """The team's data changed: read again soon if shown, else when next shown."""
        self._stale = True
        if self.isVisible() and not self._recount.isActive():
            self._recount.start()

    def reload(self) -> None:
        if self._reading:
            self._stale = True  # one more read when this one is back
            return
        self._stale, self._reading = False, True
        self._recount.stop()
        if self.day is None:  # later reads keep the numbers on screen meanwhile
            self.updated.setText(self.tr("Counting the team's day…"))
        cache, person, clock = self._cache, self._person, self._clock
        self._runner.run_op(
            lambda: team_day(cache, person, clock=clock), self._on_day, self._on_failed
        )

    def _on_day(self, day: TeamDay) -> None:
        self._reading = False
        self.day = day
        self.model.set_day(day)
        self._fit_table()
        self.updated.setText(self.tr("As of {time}").format(time=phrases.clock(day.at)))
        self._show_facts(day)
        self._read_again_if_stale()
        self.loaded.emit()

    def _fit_table(self) -> None:
        """As tall as its rows: a team has a handful of people, not a page of them."""
        table = self.table
        rows = sum(table.rowHeight(r) for r in range(self.model.rowCount()))
        frame = 2 * table.frameWidth()
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows + frame)

    def _on_failed(self, exc: Exception) -> None:
        self._reading = False
        if isinstance(exc, KnownError):
            self.updated.setText(known_error_text(exc))
        else:
            self.updated.setText(self.tr("The team's day could not be counted."))
            self._reporter.report(exc, self)
        self.loaded.emit()

    @Slot()
    def _read_again_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self.reload()

    def _show_facts(self, day: TeamDay) -> None:
        self.pool.setText(
            self.tr("%n customer(s) in the pool (公海), waiting for an owner.", "", day.pool)
        )
        hours = round(day.expiring_within.total_seconds() / 3600)
        self.expiring.setText(
            self.tr(
                "%n customer(s) go back to the pool within {hours} hours: their friend "
                "request is still not accepted.",
                "",
                day.expiring,
            ).format(hours=hours)
        )
        self.last_import.setText(self._import_text(day))

    def _import_text(self, day: TeamDay) -> str:
        last = day.last_import
        if last is None:
            return self.tr("No customers imported yet.")
        when = phrases.date_time(last.at)
        if last.by_name:
            return self.tr(
                "Last import {when} by {name}: %n customer(s) given to {people} operator(s).",
                "",
                last.assigned,
            ).format(when=when, name=last.by_name, people=last.operators)
        return self.tr(
            "Last import {when}: %n customer(s) given to {people} operator(s).", "", last.assigned
        ).format(when=when, people=last.operators)


class TeamTodayPage(QWidget):
    """A team lead's 今日: the team's day, or (``my_queue_action``) their own queue."""

    def __init__(self, team: TeamDayView, today: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_today_team")
        self.team, self.today = team, today
        self.my_queue_action = QAction(self.tr("My customers"), self)
        self.my_queue_action.setCheckable(True)
        self.my_queue_action.setShortcut(QKeySequence(MY_QUEUE_KEYS))
        self.my_queue_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = self.my_queue_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.my_queue_action.setToolTip(
            self.tr("Switch between the team's day and my customers ({keys})").format(keys=keys)
        )
        self.my_queue_action.toggled.connect(self.show_my_queue)
        team.my_queue_button.setToolTip(self.my_queue_action.toolTip())
        team.my_queue_button.clicked.connect(self.my_queue_action.trigger)
        self.back_button = QPushButton(self.tr("← The team today"))
        self.back_button.setObjectName("backToTeam")
        self.back_button.setFlat(True)
        self.back_button.setToolTip(self.my_queue_action.toolTip())
        self.back_button.clicked.connect(self.my_queue_action.trigger)
        self.stack = QStackedWidget()
        self.stack.addWidget(team)
        self.stack.addWidget(self._queue_with_way_back(today))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _queue_with_way_back(self, today: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        row = QHBoxLayout()
        row.setContentsMargins(8, 0, 8, 0)
        row.addWidget(self.back_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(today, 1)
        return box

    def show_my_queue(self, mine: bool) -> None:
        """The team lead's own queue (True) or the team's day (False)."""
        if self.my_queue_action.isChecked() != mine:
            self.my_queue_action.setChecked(mine)  # toggled comes back here
            return
        self.stack.setCurrentIndex(1 if mine else 0)

    def showing_queue(self) -> bool:
        return self.stack.currentIndex() == 1


def _link(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName("teamFactLink")
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    # Reads as a link, not a toolbar button: it leads to another page.
    button.setStyleSheet(
        "QPushButton { color: palette(link); border: none; padding: 0; text-align: left; }"
        "QPushButton:hover, QPushButton:focus { text-decoration: underline; }"
    )
    return button


def _label(text: str, name: str, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label
