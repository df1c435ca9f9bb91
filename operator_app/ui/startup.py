"""From a loaded configuration to a shown main window, without blocking the GUI.

Steps, each off the GUI thread where it touches a database: open the
databases; seed the demo team into an empty embedded database; find out who
is using this PC (picker, or the first team lead for a screenshot); show
the window; for ``--screenshot``, save it to PNG and finish.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Concatenate, ParamSpec

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from sqlalchemy import Engine

from operator_app.config import (
    CACHE_FILE,
    EMBEDDED_SHARED_FILE,
    SETTINGS_FILE,
    AppConfig,
    SettingsStore,
)
from operator_app.context import AppContext, open_context, prepare_workspace
from operator_app.core.domain import Role
from operator_app.core.progress import Cancelled, TaskState
from operator_app.data.queries import (
    OperatorInfo,
    count_rows,
    find_operator,
    holds_demo_data,
    list_operators,
)
from operator_app.data.seed import seed_demo
from operator_app.data.workspace import Workspace
from operator_app.errors import KnownError, translatable
from operator_app.ui import phrases
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.main_window import MainWindow
from operator_app.ui.operator_picker import OperatorPickerDialog
from operator_app.ui.runner import Runner

log = logging.getLogger(__name__)

SCREENSHOT_SIZE = (1366, 768)
PROGRESS_MIN_WIDTH = 420
SCREENSHOT_TIMEOUT_MS = 120_000
SETTLE_MS = 50
SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")
EXIT_OK, EXIT_FAILED, EXIT_KNOWN_ERROR = 0, 1, 2


@dataclass(frozen=True)
class StartOptions:
    demo: bool = False
    screenshot: Path | None = None
    page: str = "today"


@dataclass
class Opened:
    """What the first background step found out."""

    ctx: AppContext
    needs_seed: bool
    demo_data: bool


# -- ops: plain functions run off the GUI thread ------------------------------


def wipe_demo_databases(folder: Path) -> None:
    """Delete the demo folder's database files so ``--demo`` always starts fresh."""
    for name in (EMBEDDED_SHARED_FILE, CACHE_FILE):
        for suffix in SQLITE_SIDE_FILES:
            path = folder / f"{name}{suffix}"
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                raise KnownError(
                    translatable("The demo database {path} cannot be deleted ({reason})."),
                    translatable("Close any other Operator Desk window using the demo and retry."),
                    path=str(path),
                    reason=exc.strerror or exc.__class__.__name__,
                ) from exc


def open_session(config: AppConfig) -> Opened:
    """Open both databases; on the embedded default, see whether it is empty or the demo."""
    ctx = open_context(config)
    engine = ctx.shared_engine
    if not (ctx.shared_online and engine is not None):
        return Opened(ctx, needs_seed=False, demo_data=False)
    try:
        empty = config.is_embedded and count_rows(engine).teams == 0
        demo = not empty and holds_demo_data(engine)
    except BaseException:
        ctx.dispose()
        raise
    return Opened(ctx, needs_seed=empty, demo_data=demo)


def seed_and_find(engine: Engine, login: str, state: TaskState) -> OperatorInfo | None:
    seed_demo(engine, state=state)
    return find_operator(engine, login) if login else None


def first_team_lead(engine: Engine) -> OperatorInfo | None:
    """Who a screenshot shows when nobody is configured: the first team lead, else anyone."""
    people = list_operators(engine)
    leads = [p for p in people if p.role == Role.TEAM_LEAD.value]
    candidates = leads or people
    return candidates[0] if candidates else None


def show_maximized(window: QWidget) -> None:
    """Fill the screen's available area: the taskbar stays visible, and so do
    the outcome buttons at the bottom (a window as tall as the screen hides them)."""
    # The geometry first, for window managers (and bare X servers) that ignore
    # the maximise hint; then the hint, so the title bar's maximise state is right.
    window.setGeometry(window.screen().availableGeometry())
    window.showMaximized()


# -- the flow -----------------------------------------------------------------

P = ParamSpec("P")


def _step(
    method: Callable[Concatenate[StartupFlow, P], None],
) -> Callable[Concatenate[StartupFlow, P], None]:
    """A start-up step that fails unexpectedly ends start-up (exit 1) instead of
    leaving an app with no window waiting for ever."""

    @functools.wraps(method)
    def wrapper(self: StartupFlow, *args: P.args, **kwargs: P.kwargs) -> None:
        try:
            method(self, *args, **kwargs)
        except Exception as exc:
            self._reporter.report(exc)
            self._finish(EXIT_FAILED)

    return wrapper


class StartupFlow(QObject):
    """Drives start-up step by step; ``finished(exit_code)`` ends the app."""

    finished = Signal(int)
    seed_progress = Signal(float)

    def __init__(
        self,
        config: AppConfig,
        options: StartOptions,
        runner: Runner,
        reporter: ErrorReporter,
    ) -> None:
        super().__init__()
        self.config = config
        self.options = options
        self.exit_code: int | None = None
        self.ctx: AppContext | None = None
        self.window: MainWindow | None = None
        self._runner = runner
        self._reporter = reporter
        self._demo_data = options.demo
        self._progress: QProgressDialog | None = None
        self._progress_state: TaskState | None = None
        self.picker: OperatorPickerDialog | None = None
        # 切换人员: who was signed in before (until the new person's window is up),
        # and their closed window (deleted then: its reads may still answer).
        self._switching_from: OperatorInfo | None = None
        self._retired: MainWindow | None = None
        self.seed_progress.connect(self._on_seed_progress)
        # A screenshot run must end even if loading never does.
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.setInterval(SCREENSHOT_TIMEOUT_MS)
        self._watchdog.timeout.connect(self._on_screenshot_timeout)

    @property
    def runner(self) -> Runner:
        return self._runner

    @property
    def interactive(self) -> bool:
        return self.options.screenshot is None

    def start(self) -> None:
        config = self.config
        if not self.interactive:
            self._watchdog.start()
        self._runner.run_op(lambda: open_session(config), self._on_opened, self._on_open_failed)

    def _finish(self, code: int) -> None:
        if self.exit_code is None:
            self.exit_code = code
            self.finished.emit(code)

    def shutdown(self) -> None:
        """Close what start-up opened (after the event loop has stopped)."""
        self._watchdog.stop()
        for widget in (self._progress, self.picker, self._retired, self.window):
            if widget is not None:
                widget.close()
                widget.deleteLater()
        if self.ctx is not None:
            self.ctx.dispose()

    # -- step 1: databases --------------------------------------------------

    @_step
    def _on_opened(self, opened: Opened) -> None:
        self.ctx = opened.ctx
        self._demo_data = self._demo_data or opened.demo_data
        if opened.needs_seed:
            self._seed()
        else:
            self._choose_operator()

    def _on_open_failed(self, exc: Exception) -> None:
        self._reporter.report(exc)
        self._finish(EXIT_KNOWN_ERROR if isinstance(exc, KnownError) else EXIT_FAILED)

    # -- step 2: demo team --------------------------------------------------

    def _seed(self) -> None:
        assert self.ctx is not None and self.ctx.shared_engine is not None
        engine, login = self.ctx.shared_engine, self.config.operator_login
        # The job reports from its worker thread; the signal queues it to us.
        state = TaskState(on_progress=lambda fraction, _msg: self.seed_progress.emit(fraction))
        if self.interactive:
            self._progress = self._make_progress_dialog(
                state, self.tr("Preparing the demo team (made-up customers) on this PC…")
            )
        self._runner.run_op(
            lambda: seed_and_find(engine, login, state), self._on_seeded, self._on_seed_failed
        )

    def _make_progress_dialog(self, state: TaskState, text: str) -> QProgressDialog:
        dialog = QProgressDialog(
            text,
            self.tr("Cancel"),
            0,
            100,
        )
        dialog.setWindowTitle(self.tr("Operator Desk"))
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(PROGRESS_MIN_WIDTH)
        dialog.setAutoClose(False)
        # A slot of ours, not state.cancel: a connection to a plain Python
        # object's method is undone when that object dies, on whichever
        # thread drops it last (see runner._Outcomes).
        self._progress_state = state
        dialog.canceled.connect(self._on_progress_canceled)
        dialog.setValue(0)
        return dialog

    @Slot()
    def _on_progress_canceled(self) -> None:
        if self._progress_state is not None:
            self._progress_state.cancel()

    @Slot(float)
    def _on_seed_progress(self, fraction: float) -> None:
        if self._progress is not None:
            self._progress.setValue(round(fraction * 100))

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
            self._progress_state = None

    @_step
    def _on_seeded(self, person: OperatorInfo | None) -> None:
        assert self.ctx is not None
        self._close_progress()
        self._demo_data = True
        self.ctx.operator = person
        self._choose_operator()

    @_step
    def _on_seed_failed(self, exc: Exception) -> None:
        # Nothing was written (one transaction); the window opens on what is there.
        self._close_progress()
        if not isinstance(exc, Cancelled):
            self._reporter.report(exc)
        self._choose_operator()

    # -- step 3: who is using this PC ---------------------------------------

    def _choose_operator(self) -> None:
        ctx = self.ctx
        assert ctx is not None
        engine = ctx.shared_engine
        if ctx.operator is not None or engine is None or not ctx.shared_online:
            self._open_window()
        elif not self.interactive:
            self._runner.run_op(
                lambda: first_team_lead(engine), self._on_first_lead, self._on_open_failed
            )
        else:
            self._ask_operator(engine)

    @_step
    def _on_first_lead(self, person: OperatorInfo | None) -> None:
        assert self.ctx is not None
        self.ctx.operator = person
        self._open_window()

    def _ask_operator(self, engine: Engine) -> None:
        store = SettingsStore(self.config.data_dir / SETTINGS_FILE)
        picker = OperatorPickerDialog(
            engine,
            self._runner,
            store,
            self._reporter,
            missing_login=self.config.operator_login,
        )
        picker.accepted.connect(self._on_picker_accepted)
        picker.rejected.connect(self._on_picker_rejected)
        self.picker = picker
        picker.open()

    @Slot()
    @_step
    def _on_picker_accepted(self) -> None:
        assert self.ctx is not None and self.picker is not None
        self.ctx.operator = self.picker.chosen
        self.config.operator_login = self.picker.chosen.login if self.picker.chosen else ""
        self._open_window()

    @Slot()
    def _on_picker_rejected(self) -> None:
        self._finish(EXIT_OK)

    # -- step 4: the person's workspace ---------------------------------------

    @_step
    def _open_window(self) -> None:
        """Load the person's customers into this PC's cache (first time), then show."""
        ctx = self.ctx
        assert ctx is not None
        if ctx.operator is None:
            self._show_window(None)
            return
        state = TaskState(on_progress=lambda fraction, _msg: self.seed_progress.emit(fraction))
        if self.interactive:
            self._progress = self._make_progress_dialog(state, self.tr("Loading your customers…"))
        self._runner.run_op(
            lambda: prepare_workspace(ctx, state),
            self._on_workspace_ready,
            self._on_workspace_failed,
        )

    @_step
    def _on_workspace_ready(self, workspace: Workspace) -> None:
        self._close_progress()
        phrases.set_display_zone(workspace.timezone)
        self._show_window(workspace)

    @_step
    def _on_workspace_failed(self, exc: Exception) -> None:
        # The window still opens (header, other pages); Today stays a placeholder.
        self._close_progress()
        if not isinstance(exc, Cancelled):
            self._reporter.report(exc)
        if not self._switch_back():
            self._show_window(None)

    # -- switching person (文件 → 切换人员) -------------------------------------

    @Slot(object)
    @_step
    def _on_switch_person(self, person: OperatorInfo) -> None:
        """Close this person's window (its sync ends after the cycle in flight; what
        it has not sent stays in the cache and is sent first, as them, by
        prepare_workspace), then open the new person's as at start."""
        assert self.ctx is not None and self.window is not None
        old, self.window = self.window, None
        old.closed.disconnect(self._on_window_closed)
        old.close()
        self._retired = old
        self._switching_from = self.ctx.operator
        self.ctx.operator = person
        self.config.operator_login = person.login
        self._open_window()

    def _switch_back(self) -> bool:
        """A switch that failed reopens the person before (their data is still here)."""
        previous, self._switching_from = self._switching_from, None
        if previous is None or self.ctx is None:
            return False
        self.ctx.operator = previous
        self.config.operator_login = previous.login
        self._open_window()
        return True

    def _switched(self) -> None:
        """The new person's window is up: remember them; the old window goes."""
        if self._switching_from is not None:
            self._switching_from = None
            store = SettingsStore(self.config.data_dir / SETTINGS_FILE)
            store.set("operator", self.config.operator_login)
        if self._retired is not None:
            self._retired.deleteLater()
            self._retired = None

    # -- step 5: the window -------------------------------------------------

    @_step
    def _show_window(self, workspace: Workspace | None) -> None:
        assert self.ctx is not None
        window = MainWindow(
            self.ctx, self._runner, self._reporter, demo=self._demo_data, workspace=workspace
        )
        self.window = window
        window.closed.connect(self._on_window_closed)
        window.loaded.connect(self._on_window_loaded)
        window.person_switch.person_chosen.connect(self._on_switch_person)
        if not window.show_page(self.options.page):
            log.warning(
                "page %r is not available to this person; showing %r",
                self.options.page,
                window.current_page(),
            )
        if self.interactive:
            show_maximized(window)
        else:
            window.resize(*SCREENSHOT_SIZE)
            window.show()
        window.start_loading()
        self._switched()
        if self.interactive:
            window.offer_first_day_guide()  # on the demo, once

    @Slot()
    def _on_window_closed(self) -> None:
        self._finish(EXIT_OK)

    @Slot()
    def _on_window_loaded(self) -> None:
        if not self.interactive:
            # Let the layout settle after the header's last update before grabbing.
            QTimer.singleShot(SETTLE_MS, self, self._save_screenshot)

    @Slot()
    def _on_screenshot_timeout(self) -> None:
        if self.exit_code is None:
            print("operator-app: the window did not finish loading; no screenshot", file=sys.stderr)
            self._finish(EXIT_FAILED)

    @Slot()
    @_step
    def _save_screenshot(self) -> None:
        assert self.window is not None and self.options.screenshot is not None
        path = self.options.screenshot
        if self.window.grab().save(str(path), "PNG"):
            log.info("screenshot saved to %s", path)
            self._finish(EXIT_OK)
            return
        print(f"operator-app: cannot save the screenshot to {path}", file=sys.stderr)
        self._finish(EXIT_FAILED)
