"""The left half of the Today page: counts, filters, search and the queue table."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from operator_app.data.workspace_types import QueueCounts, QueueRow, QueueSnapshot
from operator_app.ui import queue_model as qm
from operator_app.ui.queue_model import QueueFilter, QueueModel

SEARCH_DELAY_MS = 150  # let a few keystrokes through before re-filtering 100k rows
ROW_HEIGHT = 30
COMBO_CHARS = 5  # 全部渠道 and a little more
COLUMN_WIDTHS = {
    qm.COL_NAME: 76,
    qm.COL_PHONE: 104,
    qm.COL_HOOK: 120,
    qm.COL_DUE: 104,
    qm.COL_REASON: 220,
    qm.COL_RATE: 104,
    qm.COL_LAST: 76,
    qm.COL_STAGE: 76,
}


class CountBox(QWidget):
    """One number with its caption (逾期 / 今日待办 / 今日已完成)."""

    def __init__(self, name: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.number = QLabel("–")
        self.number.setObjectName("countNumber")
        self.caption = QLabel(caption)
        self.caption.setObjectName("countCaption")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 12, 4)
        row.setSpacing(6)
        row.addWidget(self.number)
        row.addWidget(self.caption)

    def set_count(self, n: int) -> None:
        self.number.setText(str(n))


class QueuePanel(QWidget):
    """Counts, filter combos, instant search and the queue table over a :class:`QueueModel`."""

    filter_changed = Signal()

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.overdue_box = CountBox("countOverdue", self.tr("Overdue"))
        self.due_box = CountBox("countDueToday", self.tr("Due today"))
        self.done_box = CountBox("countDoneToday", self.tr("Done today"))
        self.shown_label = QLabel()
        self.shown_label.setObjectName("queueShown")
        # Never wrapped: squeezed, a wrapping label broke one character per line and
        # made the counts row jump. Its width is part of the queue's minimum width.
        self.shown_label.setWordWrap(False)
        self.search = QLineEdit()
        self.search.setObjectName("queueSearch")
        self.search.setPlaceholderText(self.tr("Name or last digits of the phone"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            self.tr("Search all your customers (Ctrl+F); Esc returns to the list")
        )
        self.hook_combo = self._combo("hookFilter", self.tr("All hooks"))
        self.stage_combo = self._combo("stageFilter", self.tr("All stages"))
        self.tag_combo = self._combo("tagFilter", self.tr("All tags"))
        self.channel_combo = self._combo("channelFilter", self.tr("All channels"))
        self.scope_group, self.scope_buttons = self._build_scope()
        self.table = self._build_table()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        self._escape = QAction(self.search)
        self._escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self._escape.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._escape.triggered.connect(self.focus_table)
        self.search.addAction(self._escape)
        self._lay_out()
        model.modelReset.connect(self._update_shown)

    # -- building -----------------------------------------------------------------

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, "")
        # Long hook names must not squeeze the other filters: a fixed text width.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(COMBO_CHARS)
        combo.activated.connect(self.apply_filter)
        return combo

    def _build_scope(self) -> tuple[QButtonGroup, dict[str, QToolButton]]:
        """今日 / 以后 / 全部: the queue opens on today's work."""
        group = QButtonGroup(self)
        group.setExclusive(True)
        buttons = {}
        for when, name, text, tip in (
            (
                qm.WHEN_TODAY,
                "scopeToday",
                self.tr("Today"),
                self.tr("Today's work: overdue and due before the day ends"),
            ),
            (
                qm.WHEN_LATER,
                "scopeLater",
                self.tr("Later"),
                self.tr("Customers scheduled after today"),
            ),
            (
                qm.WHEN_ALL,
                "scopeAll",
                self.tr("All"),
                self.tr("Every customer, also those with nothing open"),
            ),
        ):
            button = QToolButton()
            button.setObjectName(name)
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            group.addButton(button)
            buttons[when] = button
        buttons[qm.WHEN_TODAY].setChecked(True)
        group.buttonClicked.connect(self.apply_filter)
        return group, buttons

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("queueTable")
        table.setModel(self.model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setAccessibleName(self.tr("Today's queue"))
        # Fixed row heights: the view never measures 100k rows.
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(ROW_HEIGHT)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        # The queue's own order until the operator clicks a header; a third click restores it.
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        return table

    def _lay_out(self) -> None:
        counts = QHBoxLayout()
        counts.setSpacing(8)
        for box in (self.overdue_box, self.due_box, self.done_box):
            counts.addWidget(box)
        counts.addStretch(1)
        counts.addWidget(self.shown_label)
        scope = QHBoxLayout()
        scope.setSpacing(0)  # one segmented control
        for button in self.scope_buttons.values():
            scope.addWidget(button)
        counts.addLayout(scope)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.search, 2)
        for combo in (self.hook_combo, self.stage_combo, self.tag_combo, self.channel_combo):
            filters.addWidget(combo, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 10, 6, 10)
        column.setSpacing(8)
        column.addLayout(counts)
        column.addLayout(filters)
        column.addWidget(self.table, 1)

    # -- filling ------------------------------------------------------------------

    def show_snapshot(
        self, snapshot: QueueSnapshot, keep: uuid.UUID | None = None, keep_at: int = -1
    ) -> None:
        """New rows, counts and filter choices; the filter the operator set stays
        (``keep`` stays listed, on row ``keep_at``, even if it no longer matches it
        or moved: QueueModel.set_rows)."""
        self._fill(self.hook_combo, snapshot.hooks)
        self._fill(self.stage_combo, [(name, name) for _key, name in snapshot.stages])
        self._fill(self.tag_combo, [(tag, tag) for tag in snapshot.tags])
        self._fill(self.channel_combo, [(c, c) for c in snapshot.channels])
        self.model.set_rows(snapshot.rows, self.current_filter(), snapshot.day_end, keep, keep_at)
        self.show_counts(snapshot.counts)

    def show_counts(self, counts: QueueCounts) -> None:
        self.overdue_box.set_count(counts.overdue)
        self.due_box.set_count(counts.due_today)
        self.done_box.set_count(counts.done_today)

    def _fill(self, combo: QComboBox, options: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(combo.count() - 1)
        for key, name in options:
            combo.addItem(name, key)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    # -- filtering ----------------------------------------------------------------

    def current_filter(self) -> QueueFilter:
        return QueueFilter(
            hook_key=str(self.hook_combo.currentData() or ""),
            stage=str(self.stage_combo.currentData() or ""),
            tag=str(self.tag_combo.currentData() or ""),
            channel=str(self.channel_combo.currentData() or ""),
            text=self.search.text(),
            when=self.scope(),
        )

    def scope(self) -> str:
        """Which part of the queue shows: queue_model.WHEN_TODAY / WHEN_LATER / WHEN_ALL."""
        return next(w for w, b in self.scope_buttons.items() if b.isChecked())

    def set_scope(self, when: str) -> None:
        self.scope_buttons[when].setChecked(True)
        self.apply_filter()

    @Slot()
    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())
        self.filter_changed.emit()

    def clear_filters(self) -> None:
        """Back to today's work, with no filter and no search."""
        self.scope_buttons[qm.WHEN_TODAY].setChecked(True)
        for combo in (self.hook_combo, self.stage_combo, self.tag_combo, self.channel_combo):
            combo.setCurrentIndex(0)
        self.search.clear()  # starts the typing timer; apply_filter stops it
        self.apply_filter()

    @Slot()
    def _update_shown(self) -> None:
        total, shown = self.model.total_count(), self.model.rowCount()
        if shown == total:
            self.shown_label.setText(self.tr("%n customer(s)", "", total))
        else:
            self.shown_label.setText(
                self.tr("{shown} of %n customer(s)", "", total).format(shown=shown)
            )

    # -- selection ----------------------------------------------------------------

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def current_lead(self) -> QueueRow | None:
        return self.model.row_at(self.current_row())

    def select_row(self, row: int) -> bool:
        if not 0 <= row < self.model.rowCount():
            return False
        index = self.model.index(row, qm.COL_NAME)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    @Slot()
    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
