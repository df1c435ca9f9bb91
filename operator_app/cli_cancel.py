"""Ctrl+C in a command: a clean stop with one line, never a traceback.

A long write takes a ``TaskState`` that Ctrl+C cancels: the job stops at its
next check and raises ``Cancelled``, and its transaction rolls back, so the
command can say that nothing was written. Anything else interrupted by
Ctrl+C simply says it was cancelled.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from operator_app.core.progress import TaskState
from operator_app.errors import translatable

# What shells report for a command ended by SIGINT (128 + 2).
CANCELLED_EXIT = 130
CANCELLED = translatable("cancelled; nothing was written")
INTERRUPTED = translatable("cancelled")


@contextmanager
def interruptible() -> Iterator[TaskState]:
    """A TaskState that Ctrl+C cancels while the block runs.

    A second Ctrl+C, for a step that does not check often, stops at once
    (KeyboardInterrupt): the transaction still rolls back on the way out.
    """
    state = TaskState()

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        if state.cancelled:
            raise KeyboardInterrupt
        state.cancel()

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield state
    finally:
        signal.signal(signal.SIGINT, previous)
