"""The main window: navigation, the pages this person may see, header and status bar."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from operator_app import __version__
from operator_app.context import AppContext
from operator_app.data.queries import DatabaseCounts, OperatorInfo, count_rows
from operator_app.data.workspace import Workspace
from operator_app.errors import KnownError
from operator_app.sync.engine import Rejection
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.header import IdentityHeader
from operator_app.ui.help_actions import HelpActions
from operator_app.ui.i18n import known_error_text
from operator_app.ui.import_page import ImportPage, ImportSource
from operator_app.ui.labels import can_manage_team
from operator_app.ui.leads_page import TAB_POOL, TAB_RECYCLE, LeadsPage, LeadsSource
from operator_app.ui.pages import PageSpec, PlaceholderPage, visible_pages
from operator_app.ui.performance_page import PerformancePage, ReportSource
from operator_app.ui.person_switch import PersonSwitch
from operator_app.ui.recycle_controller import RecycleController
from operator_app.ui.reminders import Reminders
from operator_app.ui.runner import Runner, ThreadRunner
from operator_app.ui.scripts_page import ScriptsPage
from operator_app.ui.status import NoticeBar, ShellStatusBar, names_phrase
from operator_app.ui.sync_controller import SyncController, SyncPhase, SyncState
from operator_app.ui.team_day_view import TeamDayView, TeamTodayPage
from operator_app.ui.today_page import TodayPage
from operator_app.ui.workspace_ops import WorkspaceOps

PAGE_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
NAV_WIDTH = 168
STATUS_MESSAGE_MS = 8000
SYNC_NOW_KEYS = ("F5", "Ctrl+R")
REJECTIONS_LISTED = 3


class MainWindow(QMainWindow):
    """The shell every later page plugs into.

    ``loaded`` fires once the header's background reads are done (or failed),
    so a screenshot shows real numbers, not "Counting…".
    """

    loaded = Signal()
    closed = Signal()

    def __init__(
        self,
        ctx: AppContext,
        runner: Runner,
        reporter: ErrorReporter,
        *,
        demo: bool,
        workspace: Workspace | None = None,
        sync_runner: Runner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.demo = demo
        self.is_loaded = False
        self._runner = runner
        self._reporter = reporter
        role = ctx.operator.role if ctx.operator else None
        self._specs = visible_pages(role)
        self._page_actions: dict[str, QAction] = {}
        self.header = IdentityHeader()
        self.nav = self._build_nav()
        self.stack = QStackedWidget()
        # Today and Scripts need the signed-in person's workspace; without one
        # (nobody chosen, no data on this PC) they stay placeholders.
        self.ops = WorkspaceOps(workspace, runner, reporter, self) if workspace else None
        self.today: TodayPage | None = None
        self.team_today: TeamTodayPage | None = None  # a team lead's 今日: team first
        self.scripts: ScriptsPage | None = None
        self.performance: PerformancePage | None = None
        self.leads: LeadsPage | None = None
        self.reminders: Reminders | None = None
        self._waiting = {"header"}  # what must finish before ``loaded``
        for spec in self._specs:
            self.stack.addWidget(self._make_page(spec))
        self.notices = NoticeBar()
        self.setCentralWidget(self._build_body())
        self.status = ShellStatusBar(ctx, demo=demo)
        self.setStatusBar(self.status)
        self.sync = self._make_sync(workspace, sync_runner)
        self.recycler = self._wire_leads()
        self._build_menus()
        self._show_identity()
        self._update_title()
        self.nav.setCurrentIndex(self.nav.model().index(0, 0))

    # -- building -----------------------------------------------------------

    def _build_nav(self) -> QListView:
        model = QStandardItemModel(self)
        for spec in self._specs:
            item = QStandardItem(spec.tr(spec.title))
            item.setData(spec.key, PAGE_KEY_ROLE)
            item.setToolTip(
                QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            )
            item.setEditable(False)
            model.appendRow(item)
        nav = QListView()
        nav.setObjectName("navigation")
        nav.setModel(model)
        nav.setFixedWidth(NAV_WIDTH)
        nav.setAccessibleName(self.tr("Pages"))
        nav.selectionModel().selectionChanged.connect(self._on_nav_selection_changed)
        return nav

    def _build_body(self) -> QWidget:
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.notices)
        column.addWidget(self.stack, 1)
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(content, 1)
        return body

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.sync_action)
        file_menu.addSeparator()
        # 切换人员: start-up listens to ``person_switch.person_chosen`` and reopens the window.
        self.person_switch = PersonSwitch(self, file_menu, self.ctx, self._runner, self._reporter)
        file_menu.addSeparator()
        self.quit_action = file_menu.addAction(self.tr("&Quit"))
        # Ctrl+Q everywhere: Qt's standard Quit key is empty on Windows and
        # the Exit media key elsewhere, so neither the sheet nor a user could rely on it.
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        view_menu = bar.addMenu(self.tr("&View"))
        group = QActionGroup(self)
        for spec in self._specs:
            action = view_menu.addAction(spec.tr(spec.title))
            action.setShortcut(QKeySequence(spec.shortcut))
            action.setCheckable(True)
            action.setData(spec.key)
            action.triggered.connect(self._on_page_action_triggered)
            group.addAction(action)
            self._page_actions[spec.key] = action
        if self.team_today is not None:
            view_menu.addSeparator()
            view_menu.addAction(self.team_today.my_queue_action)
        if self.today is not None:
            self.actions_menu = bar.addMenu(self.tr("&Actions"))
            for i, commands in enumerate(self.today.menu_groups()):
                if i:
                    self.actions_menu.addSeparator()
                self.actions_menu.addActions(commands)
        help_menu = bar.addMenu(self.tr("&Help"))
        self.help = HelpActions(self, help_menu, self._pages_by_title, self.ctx.config.data_dir)
        help_menu.addSeparator()
        self.about_action = help_menu.addAction(self.tr("&About Operator Desk"))
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._on_about_triggered)

    def _show_identity(self) -> None:
        if self.ctx.operator is not None:
            self.header.show_operator(self.ctx.operator)
        elif self.ctx.config.operator_login:
            self.header.show_login_only(self.ctx.config.operator_login)
        else:
            self.header.show_nobody(self.ctx.shared_online)

    def _update_title(self) -> None:
        if self.demo:
            self.setWindowTitle(self.tr("Operator Desk — demo data"))
        else:
            self.setWindowTitle(self.tr("Operator Desk"))

    # -- pages --------------------------------------------------------------

    def page_keys(self) -> list[str]:
        """Keys of the pages shown, in navigation order."""
        return [spec.key for spec in self._specs]

    def current_page(self) -> str:
        return self._specs[self.stack.currentIndex()].key

    def current_spec(self) -> PageSpec:
        return self._specs[self.stack.currentIndex()]

    def show_page(self, key: str) -> bool:
        """Switch to ``key``; False when this person may not see that page."""
        keys = self.page_keys()
        if key not in keys:
            return False
        self.nav.setCurrentIndex(self.nav.model().index(keys.index(key), 0))
        return True

    @Slot(QItemSelection, QItemSelection)
    def _on_nav_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        row = indexes[0].row()
        self.stack.setCurrentIndex(row)
        self._page_actions[self._specs[row].key].setChecked(True)
        if self.leads is not None and self.stack.currentWidget() is self.leads:
            self.leads.read_if_stale()  # it reads nothing while hidden
        self._update_actions_menu()

    def _today_shown(self) -> bool:
        """The queue is on screen (a team lead's 今日 may show the team's day instead)."""
        current = self.stack.currentWidget()
        if self.team_today is not None:
            return current is self.team_today and self.team_today.showing_queue()
        return self.today is not None and current is self.today

    @Slot()
    def _update_actions_menu(self) -> None:
        if self.today is not None:
            self.actions_menu.menuAction().setEnabled(self._today_shown())

    @Slot()
    def _on_page_action_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.show_page(str(action.data()))

    def _pages_by_title(self) -> list[tuple[str, QWidget]]:
        return [
            (spec.tr(spec.title), page)
            for i, spec in enumerate(self._specs)
            if (page := self.stack.widget(i)) is not None
        ]

    def offer_first_day_guide(self) -> None:
        """On the demo, the first-day guide once per data folder, after the window loaded."""
        if not self.demo:
            return
        if self.is_loaded:
            self.help.offer_guide()
        else:
            self.loaded.connect(self.help.offer_guide, Qt.ConnectionType.SingleShotConnection)

    @Slot()
    def _on_about_triggered(self) -> None:
        text = self.tr(
            "Operator Desk {version}\n\n"
            "A desktop workspace for private-domain operators and their team leads: "
            "who to contact, why, and what to say."
        ).format(version=__version__)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About Operator Desk"), text)
        box.setParent(self, box.windowFlags())
        box.exec()

    # -- background reads ---------------------------------------------------

    def start_loading(self) -> None:
        """Read the header's counts and the pages' data off the GUI thread;
        ``loaded`` fires when all are done."""
        self._start_pages()
        self._load_counts()

    @Slot()
    def _load_counts(self) -> None:
        engine = self.ctx.shared_engine
        if engine is None or not self.ctx.shared_online:
            self.header.hide_counts()
            self._finish_loading()
            return
        self.header.show_counting()
        self._runner.run_op(lambda: count_rows(engine), self._on_counts, self._on_counts_failed)

    def _on_counts(self, counts: DatabaseCounts) -> None:
        self.header.show_counts(counts)
        self._finish_loading()

    def _on_counts_failed(self, exc: Exception) -> None:
        # The window stays usable; the header just says it could not count.
        if isinstance(exc, KnownError):
            self.header.show_counts_unavailable(known_error_text(exc))
        else:
            self.header.show_counts_unavailable(self.tr("An unexpected error occurred."))
            self._reporter.report(exc, self)
        self._finish_loading()

    def _finish_loading(self, part: str = "header") -> None:
        self._waiting.discard(part)
        if self._waiting or self.is_loaded:
            return
        self.is_loaded = True
        self.loaded.emit()

    # -- the workspace pages --------------------------------------------------

    def _make_page(self, spec: PageSpec) -> QWidget:
        if self.ops is not None and spec.key == "today":
            self.today = TodayPage(self.ops)
            self.today.status_message.connect(self._on_status_message)
            self._waiting.add("today")
            if can_manage_team(self.ops.workspace.person.role):
                self.team_today = self._make_team_today(self.ops, self.today)
                return self.team_today
            return self.today
        if self.ops is not None and spec.key == "scripts":
            self.scripts = ScriptsPage(self.ops)
            return self.scripts
        if self.ops is not None and spec.key == "leads":
            self.leads = self._make_leads(self.ops)
            return self.leads
        if self.ops is not None and spec.key == "performance":
            self.performance = self._make_performance(self.ops.workspace.person)
            return self.performance
        if self.ops is not None and spec.key == "import":
            return self._make_import(self.ops.workspace.person)
        if spec.key in ("today", "scripts", "leads"):
            # Built, but this PC has no customers of the signed-in person yet.
            return PlaceholderPage(
                spec,
                status=self.tr(
                    "Your customers are not on this PC yet: choose who you are, and connect to "
                    "the shared database once to load them."
                ),
            )
        return PlaceholderPage(spec)

    def _make_team_today(self, ops: WorkspaceOps, today: TodayPage) -> TeamTodayPage:
        ws = ops.workspace
        # The workspace's clock (a test fixes it), read when asked.
        view = TeamDayView(ws.cache, ws.person, self._runner, self._reporter, lambda: ws.clock())
        page = TeamTodayPage(view, today)
        page.my_queue_action.toggled.connect(self._update_actions_menu)
        # The key works from any page: it also brings 今日 up.
        page.my_queue_action.triggered.connect(lambda: self.show_page("today"))
        view.leads_tab_requested.connect(self._on_leads_tab_requested)
        ops.changed.connect(view.mark_stale)
        return page

    @Slot(str)
    def _on_leads_tab_requested(self, which: str) -> None:
        if self.leads is not None and self.show_page("leads"):
            self.leads.tabs.setCurrentIndex(TAB_POOL if which == "pool" else TAB_RECYCLE)

    def _make_performance(self, person: OperatorInfo) -> PerformancePage:
        # Team figures live in the shared database; offline, the page says so.
        engine = self.ctx.shared_engine if self.ctx.shared_online else None
        why = known_error_text(self.ctx.shared_error) if self.ctx.shared_error else ""
        source = ReportSource(engine, person, why)
        return PerformancePage(source, self._runner, self._reporter)

    def _own_runner(self) -> Runner:
        """A worker of its own for work that waits on the shared database; a
        synchronous runner (tests) runs everything in line anyway."""
        if isinstance(self._runner, ThreadRunner):
            return ThreadRunner(self, on_bug=self._reporter.report)
        return self._runner

    def _make_import(self, person: OperatorInfo) -> ImportPage:
        # Its own worker: a long import must not hold up the Today page's writes.
        page = ImportPage(
            ImportSource.from_context(self.ctx, person), self._own_runner(), self._reporter
        )
        page.imported.connect(self._on_imported)
        self.closed.connect(page.cancel_import)  # all or nothing: closing mid-way writes nothing
        return page

    @Slot(object)
    def _on_imported(self, _result: object) -> None:
        """New customers and orders reach this PC's cache and the header's counts."""
        if self.sync is not None:
            self.sync.sync_now()
        if self.team_today is not None:
            self.team_today.team.mark_stale()
        self._load_counts()

    def _make_leads(self, ops: WorkspaceOps) -> LeadsPage:
        # The list reads the cache; moves and the countdown need the shared database.
        engine = self.ctx.shared_engine if self.ctx.shared_online else None
        why = known_error_text(self.ctx.shared_error) if self.ctx.shared_error else ""
        ws = ops.workspace
        # The workspace's clock (a test fixes it), read when asked, as Today's writes do.
        source = LeadsSource(self.ctx.cache_engine, ws.person, engine, why, lambda: ws.clock())
        page = LeadsPage(source, self._runner, self._reporter, ops)
        page.status_message.connect(self._on_status_message)
        return page

    def _wire_leads(self) -> RecycleController | None:
        """The 客户 page follows sync; a team lead's app also recycles expired leads."""
        leads, sync = self.leads, self.sync
        if leads is None:
            return None
        if sync is not None:
            for signal in (sync.leads_changed, sync.leads_removed, sync.data_pulled):
                # Coalesced on the page: one reload however many of these a pull sends.
                signal.connect(lambda *_: leads.on_cache_changed())
            sync.state_changed.connect(self._on_shared_state_for_leads)
            leads.sync_requested.connect(sync.sync_now)
        if not can_manage_team(leads.source.person.role):
            return None  # operators' apps never recycle
        # Its own worker: recycling waits on the shared database, Today's writes must not.
        recycler = RecycleController(
            self.ctx, leads.source.person, self._own_runner(), self, clock=leads.source.clock
        )
        recycler.recycled.connect(self._on_recycled)
        return recycler

    @Slot(object)
    def _on_shared_state_for_leads(self, state: SyncState) -> None:
        """Moves follow the shared database: off when sync finds it gone, on when it is back."""
        assert self.leads is not None
        if state.phase == SyncPhase.ONLINE and self.ctx.shared_engine is not None:
            self.leads.set_shared(self.ctx.shared_engine)
        elif state.phase in (SyncPhase.OFFLINE, SyncPhase.STOPPED):
            err = state.error
            self.leads.set_shared(
                None, known_error_text(err) if isinstance(err, KnownError) else ""
            )

    @Slot(object)
    def _on_recycled(self, done: list[object]) -> None:
        self._on_status_message(
            self.tr(
                "%n customer(s) whose friend request was never accepted went back to the pool.",
                "",
                len(done),
            )
        )
        if self.sync is not None:
            self.sync.sync_now()  # the cache follows
        if self.team_today is not None:
            self.team_today.team.mark_stale()

    def _start_pages(self) -> None:
        if self.ops is not None:
            self.ops.dialog_parent = self
        if self.performance is not None:
            if self.stack.currentWidget() is self.performance:  # a screenshot waits for it
                self._waiting.add("performance")
                self.performance.loaded.connect(lambda: self._finish_loading("performance"))
            self.performance.start()  # loads when first shown
        if self.scripts is not None:
            self.scripts.start()
        if self.leads is not None:
            if self.stack.currentWidget() is self.leads:  # a screenshot waits for it
                self._waiting.add("leads")
                self.leads.loaded.connect(lambda: self._finish_loading("leads"))
            self.leads.start()
        if self.team_today is not None:
            team = self.team_today.team
            self._waiting.add("team")  # a screenshot shows the team's numbers
            team.loaded.connect(lambda: self._finish_loading("team"))
            team.reload()
        if self.today is not None:
            self.today.ready.connect(self._on_today_ready)
            self.today.start()
        elif self.sync is not None:
            self.sync.start()

    @Slot()
    def _on_today_ready(self) -> None:
        assert self.today is not None
        self._start_reminders(self.today)
        if self.sync is not None:
            self.sync.start()  # after the first queue is on screen: it goes first
        if self.recycler is not None:
            self.recycler.start()  # after the first queue and sync: they go first
        self._finish_loading("today")

    def _start_reminders(self, today: TodayPage) -> None:
        icon = self.windowIcon()
        if icon.isNull():
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        self.reminders = Reminders(
            today.model.all_rows, icon=icon, fallback=self._on_status_message, parent=self
        )
        self.reminders.lead_requested.connect(self._on_reminder_clicked)
        self.reminders.timer.timeout.connect(today.tick)
        self.reminders.start()

    @Slot(object)
    def _on_reminder_clicked(self, lead_id: object) -> None:
        """Bring the window up with that customer selected."""
        assert self.today is not None
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()
        self.show_page("today")
        if self.team_today is not None:
            self.team_today.show_my_queue(True)
        if isinstance(lead_id, uuid.UUID):
            self.today.select_lead(lead_id)

    @Slot(str)
    def _on_status_message(self, text: str) -> None:
        self.status.showMessage(text, STATUS_MESSAGE_MS)

    # -- sync ---------------------------------------------------------------------

    def _make_sync(
        self, workspace: Workspace | None, runner: Runner | None
    ) -> SyncController | None:
        self.sync_action = QAction(self.tr("Sync now"), self)
        self.sync_action.setShortcuts([QKeySequence(k) for k in SYNC_NOW_KEYS])
        keys = self.sync_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.sync_action.setToolTip(self.tr("Sync now ({keys})").format(keys=keys))
        if workspace is None or self.ops is None:
            self.sync_action.setEnabled(False)
            return None
        if runner is None:
            # Sync gets a worker of its own, so a slow server never holds up
            # the Today page's writer.
            runner = self._own_runner()
        sync = SyncController(self.ctx, workspace.person, runner, self)
        self.sync_action.triggered.connect(sync.sync_now)
        self.ops.changed.connect(sync.note_write)
        sync.state_changed.connect(self._on_sync_state_changed)
        sync.leads_removed.connect(self._on_leads_removed)
        sync.rejected.connect(self._on_sync_rejected)
        sync.reconnected.connect(self._load_counts)  # offline at start: the header had none
        if self.today is not None:
            sync.leads_removed.connect(self.today.on_leads_removed)
            sync.leads_changed.connect(self.today.on_leads_changed)
            sync.data_pulled.connect(self.today.on_data_pulled)
        if self.team_today is not None:
            team = self.team_today.team
            for signal in (sync.leads_changed, sync.leads_removed, sync.data_pulled):
                signal.connect(lambda *_: team.mark_stale())
        self._waiting.add("sync")  # a screenshot shows how the first cycle went
        self._on_sync_state_changed(sync.state)
        return sync

    @Slot(object)
    def _on_sync_state_changed(self, state: SyncState) -> None:
        keys = self.sync_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.status.show_sync(state, self.ctx, keys)
        if state.phase not in (SyncPhase.STARTING, SyncPhase.SYNCING):
            self._finish_loading("sync")

    @Slot(object)
    def _on_leads_removed(self, removed: list[tuple[uuid.UUID, str]]) -> None:
        names = [name for _id, name in removed]
        text = self.tr(
            "%n customer(s) moved to another colleague or back to the pool: {names}",
            "",
            len(names),
        ).format(names=names_phrase(names))
        self.notices.show_notice("removed", text, "\n".join(names))

    @Slot(object)
    def _on_sync_rejected(self, rejections: list[Rejection]) -> None:
        details = [
            self.tr("{what}: {reason}").format(what=self._rejected_what(r.what), reason=r.reason)
            for r in rejections
        ]
        more = "…" if len(details) > REJECTIONS_LISTED else ""
        shown = self.tr("; ").join(details[:REJECTIONS_LISTED]) + more
        text = self.tr(
            "%n record(s) could not be saved to the shared database ({details}). "
            "They are kept on this PC in the sync log; your admin can look at them there.",
            "",
            len(rejections),
        ).format(details=shown)
        self.notices.show_notice("rejected", text, "\n".join(details))

    def _rejected_what(self, what: str) -> str:
        table = what.split(" ", 1)[0]
        labels = {
            "contact_event": self.tr("a contact record"),
            "lead": self.tr("a customer change"),
            "lead_tag": self.tr("a tag change"),
        }
        return labels.get(table, what)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.recycler is not None:
            self.recycler.stop()
        if self.sync is not None:
            self.sync.shutdown()  # waits for a cycle in flight; none starts after
        self.closed.emit()
        super().closeEvent(event)
