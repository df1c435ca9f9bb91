"""Run work off the GUI thread and hand the result back by signal (Anki's QueryOp).

An *op* is a plain callable: it opens its own connections and never touches
a widget. ``on_done`` and ``on_error`` always run on the GUI thread. Tests
pass a :class:`SyncRunner` so the same code runs without waiting.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
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


class _Outcomes:
    """Results handed from worker threads to the GUI thread, keyed by job id.

    Why not pass them in the signal: whoever drops the last reference to a
    Python object destroys it on their thread. An op's closure or result can
    hold an object that a Qt signal is connected to (a ``TaskState`` whose
    ``cancel`` a progress dialog's ``canceled`` calls); destroying it runs
    PySide's disconnect, which takes Qt's connection lock and then wants the
    GIL. On a pool thread that deadlocks against the GUI thread closing a
    dialog (holds the GIL, waits for the lock): the first-start freeze. So a
    worker parks its outcome here and keeps no reference of its own; the GUI
    thread takes it, and the last references die there.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[int, tuple[bool, Any]] = {}

    def put(self, job_id: int, ok: bool, value: Any) -> None:
        with self._lock:
            self._items[job_id] = (ok, value)

    def take(self, job_id: int) -> tuple[bool, Any] | None:
        with self._lock:
            return self._items.pop(job_id, None)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class _Job(QRunnable):
    """Runs one op on a pool thread; the pool deletes it there afterwards."""

    def __init__(self, job_id: int, op: Callable[[], Any], runner: ThreadRunner) -> None:
        super().__init__()
        self._job_id = job_id
        self._op: Callable[[], Any] | None = op
        self._runner = runner

    def run(self) -> None:
        op, self._op = self._op, None  # the runner's _pending keeps the op alive
        assert op is not None
        outcomes = self._runner.outcomes
        try:
            outcomes.put(self._job_id, True, op())
        except Exception as exc:
            outcomes.put(self._job_id, False, exc)
        # Only references the GUI thread also holds may be dropped from here on.
        del op
        self._runner.job_finished.emit(self._job_id)


class ThreadRunner(QObject):
    """Runs ops on a private pool; results come back queued to the GUI thread.

    One worker by default: ops then never race each other for the same
    SQLite file, and the order they were asked for is the order they run.
    The op, its callbacks and its outcome are released on the GUI thread
    (see :class:`_Outcomes` for why that matters).
    """

    # Emitted from the worker; the runner lives on the GUI thread, so the
    # connection below is queued and the callbacks run there.
    job_finished = Signal(int)

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
        self._pending: dict[int, _Pending] = {}
        self.outcomes = _Outcomes()
        self.job_finished.connect(self._on_job_finished)

    def run_op(
        self, op: Callable[[], T], on_done: Callable[[T], None], on_error: ErrorHandler
    ) -> None:
        job_id = next(self._ids)
        self._pending[job_id] = _Pending(op, on_done, on_error)
        self._pool.start(_Job(job_id, op, self))

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every op has run (shutdown only; never from a slot)."""
        return self._pool.waitForDone(msecs)

    def discard_pending(self) -> None:
        """Forget callbacks not yet run: after shutdown their widgets are gone."""
        self._pending.clear()
        self.outcomes.clear()

    @Slot(int)
    def _on_job_finished(self, job_id: int) -> None:
        pending = self._pending.pop(job_id, None)
        outcome = self.outcomes.take(job_id)
        if pending is None or outcome is None:
            return
        ok, value = outcome
        callback = pending.on_done if ok else pending.on_error
        _call_safely(self._on_bug, callback, value)


@dataclass(frozen=True)
class _Pending:
    """What the GUI thread holds for a running op, the op itself included."""

    op: Callable[[], Any]
    on_done: Callable[[Any], None]
    on_error: ErrorHandler
