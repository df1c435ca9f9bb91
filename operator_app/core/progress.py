"""Progress and cancellation for long jobs (Orange's TaskState, without Qt).

A long job is a plain function that takes a ``TaskState``; it calls
``state.advance(done, total, message)`` now and then and stops with
``Cancelled`` when the user asks. Reports are throttled so a job may call
as often as it likes without flooding the UI.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

ProgressCallback = Callable[[float, str], None]


class Cancelled(Exception):
    """The user cancelled the job; whatever it wrote was rolled back."""


class TaskState:
    def __init__(self, on_progress: ProgressCallback | None = None, min_interval: float = 0.1):
        self._on_progress = on_progress
        self._min_interval = min_interval
        self._last = 0.0
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def advance(self, done: int, total: int, message: str = "") -> None:
        """Report progress (throttled) and raise Cancelled if asked to stop."""
        self.check()
        now = time.monotonic()
        if self._on_progress is None or (now - self._last < self._min_interval and done < total):
            return
        self._last = now
        self._on_progress(done / total if total else 1.0, message)
