"""Friend-request recycling while a team lead's app is open: at start, then hourly.

Runs data.lead_moves.recycle_expired (the rule of ``operator-app recycle``)
on the shared database off the GUI thread. Operators' apps never run it (the
window does not create one for them), and offline it skips the run and tries
again at the next hour. What it returned to the pool goes out on ``recycled``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from operator_app.context import AppContext
from operator_app.data.lead_moves import RecycleCountdown, recycle_expired
from operator_app.data.queries import OperatorInfo
from operator_app.data.types import utcnow
from operator_app.errors import DatabaseUnavailable, KnownError
from operator_app.ui.runner import Runner

log = logging.getLogger(__name__)

INTERVAL_MS = 60 * 60 * 1000  # hourly: the countdown is counted in days


class RecycleController(QObject):
    """Returns expired leads of the team to the pool, now and every ``interval_ms``.

    ``recycled(list of RecycleCountdown)`` fires after a run that moved
    customers (nothing when there was nothing to do); ``runs`` counts finished
    runs, for tests and the log.
    """

    recycled = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        person: OperatorInfo,
        runner: Runner,
        parent: QObject | None = None,
        *,
        interval_ms: int = INTERVAL_MS,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person = person
        self.runs = 0
        self.last_error: Exception | None = None
        self._runner = runner
        self._clock = clock
        self._running = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run_now)

    def start(self) -> None:
        """The first run now; then one per interval."""
        self.timer.start()
        self.run_now()

    def stop(self) -> None:
        self.timer.stop()

    @Slot()
    def run_now(self) -> None:
        engine = self.ctx.shared_engine
        if self._running or engine is None or not self.ctx.shared_online:
            return  # offline: the next hour tries again
        self._running = True
        team, now = self.person.team_id, self._clock()
        self._runner.run_op(
            lambda: recycle_expired(engine, team, now=now), self._on_done, self._on_failed
        )

    def _on_done(self, done: list[RecycleCountdown]) -> None:
        self._running = False
        self.runs += 1
        self.last_error = None
        if done:
            log.info("recycling: %d leads back to the pool", len(done))
            self.recycled.emit(done)

    def _on_failed(self, exc: Exception) -> None:
        self._running = False
        self.runs += 1
        self.last_error = exc
        if isinstance(exc, DatabaseUnavailable):
            log.info("recycling skipped: offline (%s)", exc)
        elif isinstance(exc, KnownError):
            log.warning("recycling refused: %s", exc)
        else:
            log.error("recycling failed (a bug)", exc_info=exc)
