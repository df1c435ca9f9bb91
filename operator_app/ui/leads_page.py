"""The 客户 page: every customer this person serves, filtered and sorted, with their detail.

Operators see their own customers; team leads and admins the whole team
with an owner column, the unassigned pool (公海) as its own list, the
friend-request countdown (即将回收), and the moves: 转给…, 转回公海 and
员工离职. The list reads the local cache (a team lead's cache holds the
team and the pool); moves and the countdown use the shared database and
are disabled offline with the reason. Every read and move runs off the GUI
thread; after a move the page asks for a sync so the cache follows.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from operator_app.data import lead_list
from operator_app.data.lead_list import LeadFilter, LeadIds, ListOptions, SortKey
from operator_app.data.queries import OperatorInfo
from operator_app.data.types import utcnow
from operator_app.data.workspace_types import Changes, LeadDetail
from operator_app.errors import KnownError
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.i18n import known_error_text
from operator_app.ui.labels import can_manage_team
from operator_app.ui.lead_detail import LeadDetailView
from operator_app.ui.leads_models import LEAD_ID_ROLE, ROW_ROLE, Column, LeadListModel
from operator_app.ui.leads_moves import MoveBar
from operator_app.ui.leads_recycle import RecyclePanel
from operator_app.ui.runner import Runner
from operator_app.ui.workspace_ops import WorkspaceOps

TAB_ALL, TAB_POOL, TAB_RECYCLE = range(3)
SEARCH_DELAY_MS = 250
LIST_SHARE, DETAIL_SHARE = 5, 3
OWNER_POOL = "pool"  # the owner filter's 公海 entry
COLUMN_WIDTHS = {
    Column.NAME: 84,
    Column.PHONE: 96,
    Column.OWNER: 56,
    Column.STAGE: 68,
    Column.CHANNEL: 68,
    Column.TAGS: 84,
    Column.FRIEND: 56,
    Column.LAST_CONTACT: 72,
}


@dataclass(frozen=True)
class LeadsSource:
    """Where the page reads (the cache), moves (the shared database; None offline), and for whom."""

    cache: Engine
    person: OperatorInfo
    shared: Engine | None = None
    offline_reason: str = ""
    clock: Callable[[], datetime] = utcnow

    @property
    def manager(self) -> bool:
        return can_manage_team(self.person.role)


class LeadsPage(QWidget):
    """The customer list and its detail; the team lead's moves.

    ``list_shown`` fires each time a query result is on screen, ``loaded``
    once after the first; ``moved(int)`` after each move (or undo) with the
    number moved; ``status_message(str)`` and ``sync_requested()`` go to the
    window.
    """

    loaded = Signal()
    list_shown = Signal()
    recycle_shown = Signal()
    moved = Signal(int)
    status_message = Signal(str)
    sync_requested = Signal()

    def __init__(
        self,
        source: LeadsSource,
        runner: Runner,
        reporter: ErrorReporter,
        ops: WorkspaceOps | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_leads")
        self.source = source
        self.options: ListOptions | None = None
        self.lead_id: uuid.UUID | None = None
        self._runner = runner
        self._reporter = reporter
        self._ops = ops
        self._generation = 0
        self._options_generation = 0
        self._sort = (SortKey.NAME, False)
        self._sort_indicator = (0, Qt.SortOrder.AscendingOrder)
        self._is_loaded = False
        self._sized = False
        self._current_owner: uuid.UUID | None = None
        self._started = False
        self._stale = True  # nothing read yet, or the cache changed while hidden
        # One pull may announce moved, removed and reloaded customers: read once.
        self._pull_timer = QTimer(self)
        self._pull_timer.setSingleShot(True)
        self._pull_timer.setInterval(0)
        self.model = LeadListModel(
            self._read_rows, self, show_owner=source.manager, clock=source.clock
        )
        self.detail_view = LeadDetailView()
        self.recycle = RecyclePanel(runner, reporter, source.clock)
        self.recycle_model = self.recycle.model
        self.moves = MoveBar(
            source, runner, reporter, self.selected_ids, self._people, self._in_pool
        )
        self.moves.setVisible(source.manager)
        self.addActions(self.moves.move_actions())
        self.find_action = QAction(self.tr("Find"), self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.find_action)
        self._build()
        self._connect()
        self._update_actions()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = QTabBar()
        self.tabs.setObjectName("leadsTabs")
        self.tabs.setDrawBase(False)
        for text in (self.tr("All customers"), self.tr("Pool"), self.tr("Returning soon")):
            self.tabs.addTab(text)
        self.tabs.setVisible(self.source.manager)
        self.count_label = QLabel()
        self.count_label.setObjectName("leadsCount")
        top = QHBoxLayout()
        top.addWidget(self.tabs)
        top.addStretch(1)
        top.addWidget(self.count_label)
        self.filters = self._build_filters()
        self.table = self._build_table()
        self.lists = QStackedWidget()
        self.lists.addWidget(self.table)
        self.lists.addWidget(self.recycle)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.lists)
        self.splitter.addWidget(self.detail_view)
        self.splitter.setStretchFactor(0, LIST_SHARE)
        self.splitter.setStretchFactor(1, DETAIL_SHARE)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 12, 8)
        column.setSpacing(6)
        column.addLayout(top)
        column.addWidget(self.filters)
        column.addWidget(self.moves)
        column.addWidget(self.splitter, 1)

    def _build_filters(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setObjectName("leadsSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Name or last digits of the phone (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search customers"))
        self.stage_combo = self._combo(self.tr("Stage"))
        self.tag_combo = self._combo(self.tr("Tag"))
        self.channel_combo = self._combo(self.tr("Channel"))
        self.owner_combo = self._combo(self.tr("Owner"))
        self.owner_combo.setVisible(self.source.manager)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 2)
        for combo in (self.stage_combo, self.tag_combo, self.channel_combo, self.owner_combo):
            row.addWidget(combo, 1)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        return box

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        return combo

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("leadsTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        mode = QAbstractItemView.SelectionMode
        table.setSelectionMode(
            mode.ExtendedSelection if self.source.manager else mode.SingleSelection
        )
        table.setSortingEnabled(False)  # the header click asks the page; the query sorts
        header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(26)
        table.setWordWrap(False)
        table.setAccessibleName(self.tr("Customers"))
        # Fixed widths: sizing to contents would read every one of 100k rows.
        for column, width in COLUMN_WIDTHS.items():
            if (index := self.model.column_of(column)) >= 0:
                table.setColumnWidth(index, width)
        return table

    def _connect(self) -> None:
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.search.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.reload)
        self._pull_timer.timeout.connect(self._on_pull_timeout)
        for combo in (self.stage_combo, self.tag_combo, self.channel_combo, self.owner_combo):
            combo.activated.connect(self.reload)
        self.model.sort_requested.connect(self._on_sort_requested)
        self.table.horizontalHeader().sectionClicked.connect(self._on_header_clicked)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._on_current_row_changed)
        selection.selectionChanged.connect(self._on_selection_changed)
        recycle = self.recycle.table.selectionModel()
        recycle.currentRowChanged.connect(self._on_recycle_row_changed)
        self.recycle.shown.connect(self._on_recycle_shown)
        self.moves.moved.connect(self._on_moved)
        self.moves.status_message.connect(self.status_message)
        self.moves.sync_requested.connect(self.sync_requested)
        self.find_action.triggered.connect(self._on_find)
        self.detail_view.reveal_phone_requested.connect(self._on_reveal_phone)
        self.detail_view.tag_change_requested.connect(self._on_tag_change)
        if self._ops is not None:
            self._ops.changed.connect(self._on_own_write)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        if not self._sized:  # share the width once it is known; then the user's drag rules
            self._sized = True
            width = self.splitter.width()
            first = width * LIST_SHARE // (LIST_SHARE + DETAIL_SHARE)
            self.splitter.setSizes([first, width - first])
        super().showEvent(event)
        self.table.setFocus()

    # -- reading the list -------------------------------------------------------------------

    def start(self) -> None:
        """The first read of the list (the window calls it once it is built): now
        if the page is on screen, else when it is first shown (read_if_stale)."""
        self._started = True
        self._read_or_mark()

    def read_if_stale(self) -> None:
        """The window brings this page forward: read what changed while it was hidden."""
        if self._started and self._stale:
            self._read_or_mark()

    def _read_or_mark(self) -> None:
        # A hidden page reads nothing: 100,000 ids per pull would only queue
        # ahead of the Today page's work.
        self._stale = not self.isVisibleTo(self.window())
        if self._stale:
            return
        self.load_options()
        self.reload()
        if self.tabs.currentIndex() == TAB_RECYCLE:
            self.load_recycle()

    def current_filter(self) -> LeadFilter:
        owner = self.owner_combo.currentData() or ""
        pool = self.tabs.currentIndex() == TAB_POOL or owner == OWNER_POOL
        return LeadFilter(
            stage=self.stage_combo.currentData() or "",
            tag=self.tag_combo.currentData() or "",
            channel=self.channel_combo.currentData() or "",
            owner=uuid.UUID(owner) if owner and not pool else None,
            pool=pool,
            search=self.search.text(),
        )

    @Slot()
    def load_options(self) -> None:
        """Read the filter choices (at start and when the cache changed, not per query)."""
        self._options_generation += 1
        generation, cache, person = self._options_generation, self.source.cache, self.source.person

        def op() -> ListOptions:
            with cache.connect() as conn:
                return lead_list.list_options(conn, person)

        self._runner.run_op(op, lambda got: self._on_options(generation, got), self._report)

    def _on_options(self, generation: int, options: ListOptions) -> None:
        if generation == self._options_generation:
            self._set_options(options)
            self._update_actions()

    @Slot()
    def reload(self) -> None:
        """Query the list again (filters, order, or the cache changed), keeping the selection."""
        self._generation += 1
        generation, flt, (key, desc) = self._generation, self.current_filter(), self._sort
        cache, person = self.source.cache, self.source.person

        def op() -> LeadIds:
            with cache.connect() as conn:
                return lead_list.lead_ids(conn, person, flt, key, desc)

        self._runner.run_op(op, lambda got: self._on_listing(generation, got), self._on_list_failed)

    def _read_rows(self, ids: Sequence[uuid.UUID]) -> list[lead_list.LeadListRow]:
        # Called from the model's data(): a page of rows by primary key from this
        # PC's own file, the way Anki's browser fills its rows.
        with self.source.cache.connect() as conn:
            return lead_list.lead_rows(conn, ids)

    def _on_listing(self, generation: int, ids: LeadIds) -> None:
        if generation != self._generation:
            return  # a newer filter was asked for meanwhile
        selected = self.selected_ids()
        current = self.lead_id
        self.model.set_ids(ids)
        self._restore_selection(selected, current)
        if not self._is_loaded and ids:
            self.select_rows([0])  # arriving on the page shows someone, as Today does
        self._show_count()
        self._update_actions()
        self.list_shown.emit()
        self._finish_loading()

    def _on_list_failed(self, exc: Exception) -> None:
        self._report(exc)
        self._finish_loading()

    def _finish_loading(self) -> None:
        if not self._is_loaded:
            self._is_loaded = True
            self.loaded.emit()

    def _set_options(self, options: ListOptions) -> None:
        self.options = options
        self._fill(self.stage_combo, self.tr("All stages"), options.stages)
        self._fill(self.tag_combo, self.tr("All tags"), [(t, t) for t in options.tags])
        self._fill(self.channel_combo, self.tr("All channels"), [(c, c) for c in options.channels])
        # Ids as strings: Qt's findData compares Python objects by identity.
        owners = [(str(o.id), o.name) for o in options.owners if o.active]
        owners += [
            (str(o.id), self.tr("{name} (left)").format(name=o.name))
            for o in options.owners
            if not o.active and o.leads
        ]
        owners.append((OWNER_POOL, self.tr("Pool (unassigned)")))
        self._fill(self.owner_combo, self.tr("All owners"), owners)
        self.tabs.setTabText(TAB_POOL, self.tr("Pool (%n)", "", options.pool))
        self.recycle_model.owner_names = {o.login: o.name for o in options.owners}

    def _fill(self, combo: QComboBox, everyone: str, items: Sequence[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everyone, "")
        for value, text in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _restore_selection(self, selected: list[uuid.UUID], current: uuid.UUID | None) -> None:
        rows = sorted(r for r in (self.model.row_of(i) for i in selected) if r >= 0)
        selection = self.table.selectionModel()
        selection.select(self._ranges(rows), selection.SelectionFlag.Select)
        row = self.model.row_of(current) if current is not None else -1
        if row >= 0:
            selection.setCurrentIndex(self.model.index(row, 0), selection.SelectionFlag.NoUpdate)
            self._load_detail(self.lead_id)
        elif current is not None:
            self.lead_id = None
            self.detail_view.clear()

    def _ranges(self, rows: list[int]) -> QItemSelection:
        """Sorted rows as whole-row ranges: selecting 100k one by one would take seconds."""
        out = QItemSelection()
        last_column = self.model.columnCount() - 1
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or rows[i] != rows[i - 1] + 1:
                top, bottom = rows[start], rows[i - 1]
                out.select(self.model.index(top, 0), self.model.index(bottom, last_column))
                start = i
        return out

    def _show_count(self) -> None:
        shown = self.recycle_model if self.tabs.currentIndex() == TAB_RECYCLE else self.model
        self.count_label.setText(self.tr("%n customer(s)", "", shown.rowCount()))

    @Slot(object, bool)
    def _on_sort_requested(self, key: SortKey, descending: bool) -> None:
        self._sort = (key, descending)
        self.reload()

    @Slot(int)
    def _on_header_clicked(self, section: int) -> None:
        header = self.table.horizontalHeader()
        if self.model.sort_key(section) is None:  # tags: several each; filter by one instead
            header.setSortIndicator(*self._sort_indicator)
            return
        self._sort_indicator = (section, header.sortIndicatorOrder())
        self.model.sort(section, header.sortIndicatorOrder())

    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        recycle = index == TAB_RECYCLE
        self.lists.setCurrentIndex(1 if recycle else 0)
        self.filters.setEnabled(not recycle)
        self.owner_combo.setEnabled(index == TAB_ALL)
        if recycle:
            self.load_recycle()
        else:
            self.reload()
        self._update_actions()

    @Slot()
    def _on_find(self) -> None:
        if self.tabs.currentIndex() == TAB_RECYCLE:
            self.tabs.setCurrentIndex(TAB_ALL)
        self.search.setFocus()
        self.search.selectAll()

    # -- selection and detail ------------------------------------------------------------------

    def selected_ids(self) -> list[uuid.UUID]:
        ids = self.model.ids
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [ids[r] for r in rows if r < len(ids)]

    def select_rows(self, rows: list[int]) -> None:
        """Select these rows (the last becomes current), as a click and Ctrl+clicks would."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for row in rows:
            selection.select(self.model.index(row, 0), flags)
        if rows:
            selection.setCurrentIndex(self.model.index(rows[-1], 0), flags)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, current: QModelIndex, _old: QModelIndex) -> None:
        self._show_row(current)

    @Slot(QModelIndex, QModelIndex)
    def _on_recycle_row_changed(self, current: QModelIndex, _old: QModelIndex) -> None:
        self._show_row(current)

    def _show_row(self, current: QModelIndex) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        self._current_owner = getattr(row, "owner_id", None)
        lead_id = current.data(LEAD_ID_ROLE) if current.isValid() else None
        self._show_lead(lead_id if isinstance(lead_id, uuid.UUID) else None)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._update_actions()

    def _show_lead(self, lead_id: uuid.UUID | None) -> None:
        self.lead_id = lead_id
        if lead_id is None:
            self.detail_view.clear()
            return
        self._load_detail(lead_id)

    def _load_detail(self, lead_id: uuid.UUID | None) -> None:
        if lead_id is None:
            return
        cache, person, now = self.source.cache, self.source.person, self.source.clock()

        def op() -> LeadDetail:
            with cache.connect() as conn:
                return lead_list.lead_detail(conn, person, lead_id, now)

        self._runner.run_op(op, self._on_detail, self._on_detail_failed)

    def _on_detail(self, detail: LeadDetail) -> None:
        if detail.lead_id != self.lead_id:
            return  # the selection moved on
        self.detail_view.show_detail(detail, self.source.clock())
        # Looking up a full number is logged in the owner's workspace: only one's own.
        if not self._is_own():
            self.detail_view.reveal_button.setVisible(False)

    def _on_detail_failed(self, exc: Exception) -> None:
        if isinstance(exc, KnownError):
            self.detail_view.clear(known_error_text(exc))
        else:
            self._report(exc)

    @Slot(object)
    def _on_reveal_phone(self, lead_id: uuid.UUID) -> None:
        if self._ops is None:
            return

        def shown(phone: str) -> None:
            self.detail_view.show_phone(lead_id, phone)
            self._load_detail(lead_id)

        self._ops.read(lambda ws: ws.reveal_phone(lead_id), shown)

    def _is_own(self) -> bool:
        return self._ops is not None and self._current_owner == self.source.person.id

    @Slot(object, str, bool)
    def _on_tag_change(self, lead_id: uuid.UUID, name: str, on: bool) -> None:
        if self._ops is None or not self._is_own():
            # The workspace writes only one's own customers (and the database agrees).
            self.status_message.emit(
                self.tr("Only the customer's owner changes their tags; reassign them first.")
            )
            self._load_detail(lead_id)  # back to the stored tags
            return
        # A new tag name joins the tag filter's choices.
        self._ops.write(lambda ws: ws.set_tag(lead_id, name, on), lambda _c: self.load_options())

    @Slot(object)
    def _on_own_write(self, changes: Changes) -> None:
        """This person wrote (here or on Today): repaint the rows and the open detail
        if they were touched (a hidden page just reads again when shown)."""
        if not changes.lead_ids:
            return
        if not self.isVisibleTo(self.window()):
            self._stale = True
            return
        self.model.refresh_rows()
        if self.lead_id in changes.lead_ids:
            self._load_detail(self.lead_id)

    def set_shared(self, engine: Engine | None, reason: str = "") -> None:
        """The shared database came back (moves possible) or went away (None: ``reason``)."""
        if engine is self.source.shared and reason == self.source.offline_reason:
            return
        self.source = replace(self.source, shared=engine, offline_reason=reason)
        self.moves.source = self.source
        self._update_actions()
        if self.tabs.currentIndex() == TAB_RECYCLE:
            self.load_recycle()

    # -- sync --------------------------------------------------------------------------------

    @Slot(object)
    def on_cache_changed(self, _what: object = None) -> None:
        """A pull changed customers (moved, edited, reloaded): read the list again, once
        however many signals the pull sent."""
        self._pull_timer.start()

    @Slot()
    def _on_pull_timeout(self) -> None:
        self._read_or_mark()

    # -- the countdown ---------------------------------------------------------------------------

    @Slot()
    def load_recycle(self) -> None:
        """The 即将回收 list, from the shared database (offline it says why not)."""
        source = self.source
        self.recycle.load(source.shared, source.person.team_id, self.moves.offline_text())

    @Slot(int)
    def _on_recycle_shown(self, count: int) -> None:
        if self.source.shared is not None:
            self.tabs.setTabText(TAB_RECYCLE, self.tr("Returning soon (%n)", "", count))
        self._show_count()
        self.recycle_shown.emit()

    # -- moves ---------------------------------------------------------------------------------

    def _update_actions(self) -> None:
        on_list = self.tabs.currentIndex() != TAB_RECYCLE
        count = len(self.table.selectionModel().selectedRows()) if on_list else 0
        self.moves.update_state(count, in_pool=self._in_pool())

    def _in_pool(self) -> bool:
        return self.tabs.currentIndex() == TAB_POOL

    def _people(self) -> list[lead_list.OwnerOption]:
        return self.options.owners if self.options is not None else []

    @Slot(int)
    def _on_moved(self, count: int) -> None:
        if self.tabs.currentIndex() == TAB_RECYCLE:
            self.load_recycle()
        self.moved.emit(count)

    def _report(self, exc: Exception) -> None:
        self._reporter.report(exc, self)
