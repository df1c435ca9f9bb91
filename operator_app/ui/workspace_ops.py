"""The operator's workspace, driven from the GUI without waiting on it.

Every call runs on the background runner (one worker: one writer to the
local cache at a time). A write's :class:`Changes` goes out on the one
``changed`` signal; each view refreshes only what it shows (Anki's OpChanges).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from operator_app.data.workspace import Workspace
from operator_app.data.workspace_types import Changes
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.runner import ErrorHandler, Runner

T = TypeVar("T")


class WorkspaceOps(QObject):
    """Reads and writes of one :class:`Workspace`, off the GUI thread.

    ``changed(Changes)`` fires on the GUI thread after every successful write.
    Without ``on_error`` a failure is reported to the user (a known error
    plainly, a bug with its traceback logged).
    """

    changed = Signal(object)

    def __init__(
        self,
        workspace: Workspace,
        runner: Runner,
        reporter: ErrorReporter,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._runner = runner
        self._reporter = reporter
        self.dialog_parent: QWidget | None = None

    def read(
        self,
        op: Callable[[Workspace], T],
        on_done: Callable[[T], None],
        on_error: ErrorHandler | None = None,
    ) -> None:
        ws = self.workspace
        self._runner.run_op(lambda: op(ws), on_done, on_error or self.report)

    def write(
        self,
        op: Callable[[Workspace], Changes],
        on_done: Callable[[Changes], None] | None = None,
        on_error: ErrorHandler | None = None,
    ) -> None:
        """Run a write; on success broadcast its changes, then call ``on_done``."""

        def done(changes: Changes) -> None:
            self.changed.emit(changes)
            if on_done is not None:
                on_done(changes)

        ws = self.workspace
        self._runner.run_op(lambda: op(ws), done, on_error or self.report)

    def report(self, exc: Exception) -> None:
        self._reporter.report(exc, self.dialog_parent)
