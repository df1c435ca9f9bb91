"""The 即将回收 list: customers whose friend request is pending, with the time left.

Read from the shared database (the countdown needs every owner's latest
activity, which the team lead's cache may not have yet); offline it says so.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget
from sqlalchemy import Engine

from operator_app.data.lead_moves import Countdowns, list_recycle_countdowns
from operator_app.errors import KnownError
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.i18n import known_error_text
from operator_app.ui.leads_models import RecycleColumn, RecycleModel
from operator_app.ui.runner import Runner

COLUMN_WIDTHS = {RecycleColumn.NAME: 90, RecycleColumn.OWNER: 60, RecycleColumn.LEFT: 130}


class RecyclePanel(QWidget):
    """The countdown table with a line saying the rule; ``shown(int)`` after each load."""

    shown = Signal(int)

    def __init__(
        self,
        runner: Runner,
        reporter: ErrorReporter,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._reporter = reporter
        self._clock = clock
        self.model = RecycleModel(self, clock=clock)
        self.note = QLabel()
        self.note.setObjectName("recycleNote")
        self.note.setWordWrap(True)
        self.table = QTableView()
        self.table.setObjectName("recycleTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Returning to the pool soon"))
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        column_layout = QVBoxLayout(self)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(self.note)
        column_layout.addWidget(self.table, 1)

    def load(self, engine: Engine | None, team_id: uuid.UUID, offline_text: str) -> None:
        if engine is None:
            self.model.set_rows([])
            self.note.setText(offline_text)
            self.shown.emit(0)
            return
        now = self._clock()
        self._runner.run_op(
            lambda: list_recycle_countdowns(engine, team_id, now=now),
            self._on_loaded,
            self._on_failed,
        )

    def _on_loaded(self, listed: Countdowns) -> None:
        days = listed.recycle_days
        self.model.set_rows(list(listed))
        self.note.setText(
            self.tr(
                "A customer whose friend request is still pending goes back to the pool %n "
                "day(s) after the request or the owner's last follow-up; logging a follow-up "
                "restarts the countdown. Checked hourly while a team lead's app is open.",
                "",
                days,
            )
        )
        self.shown.emit(len(listed))

    def _on_failed(self, exc: Exception) -> None:
        if isinstance(exc, KnownError):
            self.note.setText(known_error_text(exc))
        else:
            self.note.setText("")
            self._reporter.report(exc, self)
        self.shown.emit(self.model.rowCount())
