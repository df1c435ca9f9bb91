"""Run work off the GUI thread and hand the result back by signal (Anki's QueryOp).

An *op* is a plain callable: it opens its own connections and never touches
a widget. ``on_done`` and ``on_error`` always run on the GUI thread. Tests
pass a :class:`SyncRunner` so the same code runs without waiting.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
ErrorHandler = Callable[[Exception], None]


class Runner(Protocol):
    """Runs ``op`` somewhere, then calls ``on_done(result)`` or ``on_error(exc)``."""

    def run_op(
        self, op: Callable[[], T], on_done: Callable[[T], None], on_error: ErrorHandler
    ) -> None: ...


BugHandler = Callable[[Exception], None]


def _log_bug(exc: Exception) -> None:
    log.error("bug in a callback of a background operation", exc_info=exc)


def _call_safely(on_bug: BugHandler, callback: Callable[..., None], *args: Any) -> None:
    """A failing callback is a bug: report it instead of unwinding into Qt's event loop."""
    try:
        callback(*args)
    except Exception as exc:
        on_bug(exc)


class SyncRunner:
    """Runs ops immediately on the calling thread (tests, scripts).

    A failing callback raises by default, so a test sees the bug at once.
    """

    def __init__(self, on_bug: BugHandler | None = None) -> None:
        self._on_bug = on_bug

    def _bug(self, exc: Exception) -> None:
        if self._on_bug is None:
            raise exc
        self._on_bug(exc)

    def run_op(
        self, op: Callable[[], T], on_done: Callable[[T], None], on_error: ErrorHandler
    ) -> None:
        try:
            result = op()
        except Exception as exc:
            _call_safely(self._bug, on_error, exc)
            return
        _call_safely(self._bug, on_done, result)


class _Job(QRunnable):
    def __init__(self, job_id: int, op: Callable[[], Any], runner: ThreadRunner) -> None:
        super().__init__()
        self._job_id = job_id
        self._op = op
        self._runner = runner

    def run(self) -> None:
        try:
            result = self._op()
        except Exception as exc:
            self._runner.job_failed.emit(self._job_id, exc)
            return
        self._runner.job_done.emit(self._job_id, result)


class ThreadRunner(QObject):
    """Runs ops on a private pool; results come back queued to the GUI thread.

    One worker by default: ops then never race each other for the same
    SQLite file, and the order they were asked for is the order they run.
    """

    # Emitted from the worker; the runner lives on the GUI thread, so the
    # connections below are queued and the callbacks run there.
    job_done = Signal(int, object)
    job_failed = Signal(int, object)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        on_bug: BugHandler = _log_bug,
        max_threads: int = 1,
    ) -> None:
        super().__init__(parent)
        self._on_bug = on_bug
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Callable[[Any], None], ErrorHandler]] = {}
        self.job_done.connect(self._on_job_done)
        self.job_failed.connect(self._on_job_failed)

    def run_op(
        self, op: Callable[[], T], on_done: Callable[[T], None], on_error: ErrorHandler
    ) -> None:
        job_id = next(self._ids)
        self._pending[job_id] = (on_done, on_error)
        self._pool.start(_Job(job_id, op, self))

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every op has run (shutdown only; never from a slot)."""
        return self._pool.waitForDone(msecs)

    def discard_pending(self) -> None:
        """Forget callbacks not yet run: after shutdown their widgets are gone."""
        self._pending.clear()

    @Slot(int, object)
    def _on_job_done(self, job_id: int, result: object) -> None:
        callbacks = self._pending.pop(job_id, None)
        if callbacks is not None:
            _call_safely(self._on_bug, callbacks[0], result)

    @Slot(int, object)
    def _on_job_failed(self, job_id: int, exc: Exception) -> None:
        callbacks = self._pending.pop(job_id, None)
        if callbacks is not None:
            _call_safely(self._on_bug, callbacks[1], exc)
