"""Background sync: one cycle at a time, on a timer, soon after each write, and on demand.

A cycle is :func:`operator_app.sync.engine.sync_once`, run on the
controller's own single-thread runner: a slow or absent server never holds
up the Today page's writer, and the Today page never holds up sync (SQLite's
busy timeout settles the rare moment both write the cache). What a cycle
brought back goes out as signals; the pages decide what to re-read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from sqlalchemy import Engine

from operator_app.config import AppConfig
from operator_app.context import AppContext, open_shared
from operator_app.core.progress import TaskState
from operator_app.data.queries import OperatorInfo
from operator_app.data.types import utcnow
from operator_app.errors import ConfigError, DatabaseUnavailable, KnownError
from operator_app.sync.engine import SyncSummary, last_sync_at, retry_delay, sync_once
from operator_app.sync.push import pending_count
from operator_app.ui.runner import Runner, ThreadRunner

log = logging.getLogger(__name__)

INTERVAL_MS = 60_000  # while healthy
DEBOUNCE_MS = 2_000  # after a write: a burst of keys sends once
QUIET_MS = 800  # a routine cycle says "syncing" only if it takes longer than this
SHUTDOWN_WAIT_MS = 15_000  # closing waits this long for a cycle in flight


class SyncPhase(StrEnum):
    STARTING = "starting"  # before the first cycle has finished
    SYNCING = "syncing"
    ONLINE = "online"  # the last cycle succeeded
    OFFLINE = "offline"  # the server cannot be reached (DatabaseUnavailable)
    STOPPED = "stopped"  # the server refuses (schema, login): someone has to act
    FAILED = "failed"  # a bug; logged with its traceback


@dataclass(frozen=True)
class SyncState:
    """What the status bar shows about sync."""

    phase: SyncPhase
    last_sync: datetime | None = None
    pending: int = 0
    error: Exception | None = None  # why the last cycle failed
    next_try: datetime | None = None  # when the next cycle is due (after a failure)


@dataclass
class CycleOutcome:
    """What one cycle did, handed back to the GUI thread (never raises there)."""

    summary: SyncSummary | None = None
    error: Exception | None = None
    engine: Engine | None = None  # a shared engine this cycle had to open (reconnected)
    pending: int = 0
    last_sync: datetime | None = None


def run_cycle(
    shared: Engine | None,
    config: AppConfig,
    cache: Engine,
    person: OperatorInfo,
    state: TaskState,
    clock: Callable[[], datetime] = utcnow,
) -> CycleOutcome:
    """One cycle, off the GUI thread: reconnect if needed, push and pull, count what waits."""
    outcome = CycleOutcome()
    opened: Engine | None = None
    try:
        if shared is None:
            opened = shared = open_shared(config, upgrade=config.is_embedded)
        outcome.summary = sync_once(shared, cache, person, clock=clock, state=state)
        outcome.engine = opened
    except Exception as exc:  # every failure is reported by the controller, never raised
        outcome.error = exc
        if opened is not None:
            opened.dispose()
    try:
        # A finished cycle counted what still waits; a failed one did not get there.
        summary = outcome.summary
        outcome.pending = summary.pending if summary is not None else pending_count(cache)
        outcome.last_sync = last_sync_at(cache)
    except Exception as exc:  # the local cache is this PC's own file: that would be a bug
        outcome.error = outcome.error or exc
    return outcome


class SyncController(QObject):
    """Keeps this PC's cache and the shared database in step, in the background.

    Signals (GUI thread): ``state_changed(SyncState)``; after a pull
    ``leads_changed(set of lead ids)`` and ``data_pulled(full_load: bool)``;
    ``leads_removed(list of (lead id, name))`` when customers left this
    person's list; ``rejected(list of Rejection)`` for work the server refused
    for good; ``reconnected()`` once a shared database missing at start is back
    (it is then ``ctx.shared_engine``).
    """

    state_changed = Signal(object)
    leads_changed = Signal(object)
    leads_removed = Signal(object)
    rejected = Signal(object)
    data_pulled = Signal(bool)
    reconnected = Signal()

    def __init__(
        self,
        ctx: AppContext,
        person: OperatorInfo,
        runner: Runner,
        parent: QObject | None = None,
        *,
        interval_ms: int = INTERVAL_MS,
        debounce_ms: int = DEBOUNCE_MS,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person = person
        self._runner = runner
        self._clock = clock
        self._interval_ms = interval_ms
        self.state = SyncState(SyncPhase.STARTING)
        self.running = False
        self.cycles = 0  # finished cycles, for tests and the log
        self._again = False  # a write or a request landed during the cycle
        self._failures = 0
        self._closed = False
        self._task = TaskState()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(debounce_ms)
        self.debounce.timeout.connect(self._on_debounce_timeout)
        # Routine cycles take a fraction of a second: the label does not flicker
        # every minute, only a slow one (or one the user asked for) says so.
        self._busy = QTimer(self)
        self._busy.setSingleShot(True)
        self._busy.setInterval(QUIET_MS)
        self._busy.timeout.connect(self._on_busy_timeout)

    # -- asking for a cycle ---------------------------------------------------------

    def start(self) -> None:
        """The first cycle, now; then the timer keeps going."""
        self.sync_now()

    @Slot()
    def sync_now(self) -> None:
        """Run a cycle now, or right after the one in flight."""
        self._request(announce=True)

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._request(announce=False)

    def _request(self, *, announce: bool) -> None:
        if self._closed:
            return
        if self.running:
            self._again = True
            if announce:
                self._on_busy_timeout()
            return
        self.timer.stop()
        self.debounce.stop()
        self._run(announce)

    @Slot(object)
    def note_write(self, _changes: object = None) -> None:
        """A local write: send it shortly (a burst of writes sends once)."""
        if not self._closed:
            self.debounce.start()

    @Slot()
    def _on_debounce_timeout(self) -> None:
        if self.state.phase in (SyncPhase.ONLINE, SyncPhase.STARTING, SyncPhase.SYNCING):
            self._request(announce=False)
            return
        # Offline: the retry schedule decides when to knock again; meanwhile
        # the status bar counts the work waiting on this PC.
        self._count_pending()

    # -- one cycle --------------------------------------------------------------------

    def _run(self, announce: bool) -> None:
        self.running = True
        self._again = False
        if announce:
            self._on_busy_timeout()
        else:
            self._busy.start()
        ctx, person, task, clock = self.ctx, self.person, self._task, self._clock
        shared = ctx.shared_engine if ctx.shared_error is None else None
        self._runner.run_op(
            lambda: run_cycle(shared, ctx.config, ctx.cache_engine, person, task, clock),
            self._on_cycle_done,
            self._on_cycle_crashed,
        )

    @Slot()
    def _on_busy_timeout(self) -> None:
        if self.running and self.state.phase != SyncPhase.SYNCING:
            self._set_state(SyncPhase.SYNCING, next_try=None)

    def _on_cycle_done(self, outcome: CycleOutcome) -> None:
        self.running = False
        self.cycles += 1
        self._busy.stop()
        if self._closed:
            if outcome.engine is not None:
                outcome.engine.dispose()
            return
        if outcome.engine is not None:
            self._adopt_engine(outcome.engine)
        if outcome.error is None and outcome.summary is not None:
            self._succeeded(outcome)
        else:
            self._failed(outcome)

    def _on_cycle_crashed(self, exc: Exception) -> None:
        # run_cycle catches everything; only a broken runner ends up here.
        self._on_cycle_done(CycleOutcome(error=exc, pending=self.state.pending))

    def _succeeded(self, outcome: CycleOutcome) -> None:
        summary = outcome.summary
        assert summary is not None
        self._failures = 0
        if summary.pushed or summary.pulled or summary.rejected or summary.removed_from_scope:
            log.info("sync: %s", summary.as_dict())
        self._set_state(
            SyncPhase.ONLINE, last_sync=outcome.last_sync, pending=outcome.pending, error=None
        )
        self._announce(summary)
        if self._again:
            self._request(announce=False)
        else:
            self.timer.start(self._interval_ms)

    def _failed(self, outcome: CycleOutcome) -> None:
        err = outcome.error
        self._failures += 1
        delay = retry_delay(self._failures)
        if isinstance(err, DatabaseUnavailable | ConfigError):
            # ConfigError here: the shared file's folder is gone (a share not mounted).
            phase = SyncPhase.OFFLINE
            log.info("sync: offline (%s)", err)
        elif isinstance(err, KnownError):
            phase = SyncPhase.STOPPED
            log.warning("sync stopped: %s", err)
        else:
            phase = SyncPhase.FAILED
            log.error("sync failed (a bug)", exc_info=err)
        self._set_state(
            phase,
            last_sync=outcome.last_sync or self.state.last_sync,
            pending=outcome.pending,
            error=err,
            next_try=self._clock() + delay,
        )
        self.timer.start(max(1, int(delay.total_seconds() * 1000)))

    def _announce(self, summary: SyncSummary) -> None:
        if summary.rejections:
            for r in summary.rejections:
                log.warning("sync: the server refused %s (%s): %s", r.what, r.mutation_id, r.reason)
            self.rejected.emit(list(summary.rejections))
        if summary.removed_leads:
            self.leads_removed.emit(list(summary.removed_leads))
        if summary.touched_leads:
            self.leads_changed.emit(set(summary.touched_leads))
        if summary.reference_changed:  # scripts, settings or a full reload
            self.data_pulled.emit(summary.full_load)

    def _adopt_engine(self, engine: Engine) -> None:
        """The shared database missing at start is back: it becomes the session's."""
        old = self.ctx.shared_engine
        self.ctx.shared_engine = engine
        self.ctx.shared_error = None
        if old is not None and old is not engine:
            old.dispose()
        self.reconnected.emit()

    # -- pending count while offline --------------------------------------------------

    def _count_pending(self) -> None:
        cache = self.ctx.cache_engine
        self._runner.run_op(
            lambda: pending_count(cache), self._on_pending_counted, self._on_count_failed
        )

    def _on_pending_counted(self, pending: int) -> None:
        if not self._closed and not self.running:
            self._set_state(self.state.phase, pending=pending)

    def _on_count_failed(self, exc: Exception) -> None:
        log.error("counting the sync outbox failed", exc_info=exc)

    def _set_state(self, phase: SyncPhase, **changes: Any) -> None:
        self.state = replace(self.state, phase=phase, **changes)
        self.state_changed.emit(self.state)

    # -- closing ----------------------------------------------------------------------

    def shutdown(self, wait_ms: int = SHUTDOWN_WAIT_MS) -> bool:
        """No more cycles; a cycle in flight is cancelled where it can be and waited for.

        Returns False when it was still running after ``wait_ms``. Safe to call twice.
        """
        self._closed = True
        self.timer.stop()
        self.debounce.stop()
        self._busy.stop()
        self._task.cancel()  # a full reload stops at its next step; a push finishes its batch
        finished = True
        if isinstance(self._runner, ThreadRunner):
            finished = self._runner.wait_for_done(wait_ms)
            if not finished:
                log.warning("sync still running after %d ms at shutdown", wait_ms)
            self._runner.discard_pending()  # the window's widgets are going away
        self.running = not finished
        return finished
