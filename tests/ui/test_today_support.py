"""Fixtures for the Today page tests: a demo operator's workspace and a window over it.

Imported by the test_today_* modules; the real Workspace on a seeded demo
team, a synchronous runner, and the window as the operator sees it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from operator_app.config import AppConfig
from operator_app.context import AppContext, prepare_workspace
from operator_app.data.workspace import Workspace
from operator_app.data.workspace_types import QueueRow, TimelineItem
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.main_window import MainWindow
from operator_app.ui.runner import SyncRunner
from operator_app.ui.today_page import TodayPage

OPERATOR = "wangfang"


@dataclass
class Desk:
    """What a test drives: the window, its Today page, and the workspace behind it."""

    window: MainWindow
    today: TodayPage
    ws: Workspace
    since: datetime = field(default_factory=lambda: datetime.now(UTC))

    def events(self, lead_id: uuid.UUID, kind: str) -> list[TimelineItem]:
        """Events of ``kind`` logged during this test (not the demo's history)."""
        return [
            e
            for e in self.ws.lead_detail(lead_id).timeline
            if e.kind == kind and e.occurred_at >= self.since
        ]

    def shown(self) -> list[QueueRow]:
        """The rows the queue shows now, in order."""
        model = self.today.model
        return [row for r in range(model.rowCount()) if (row := model.row_at(r)) is not None]

    def select(self, row: QueueRow) -> None:
        assert self.today.select_lead(row.lead_id)
        assert self.today.detail is not None and self.today.detail.lead_id == row.lead_id

    def lead_with_script(self, min_lines: int = 2) -> QueueRow:
        """A queued lead whose suggested hook has a template of at least ``min_lines``."""
        hooks = {t.hook_key for t in self.ws.templates() if len(t.lines) >= min_lines}
        for row in self.today.model.all_rows():
            if row.hook_key in hooks:
                return row
        raise AssertionError("the demo has no lead with a scripted hook")

    def activate(self, qtbot: QtBot) -> None:
        """Shown and active: window shortcuts only fire in the active window."""
        self.window.show()
        self.window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is self.window)


@pytest.fixture
def workspace_ctx(
    demo_config: AppConfig, open_ctx: Callable[[AppConfig], AppContext]
) -> tuple[AppContext, Workspace]:
    demo_config.operator_login = OPERATOR
    ctx = open_ctx(demo_config)
    return ctx, prepare_workspace(ctx)


@pytest.fixture
def desk(
    qtbot: QtBot, workspace_ctx: tuple[AppContext, Workspace], zh_cn: object
) -> Iterator[Desk]:
    """The window in Chinese, as operators see it."""
    ctx, ws = workspace_ctx
    window = MainWindow(ctx, SyncRunner(), ErrorReporter(), demo=True, workspace=ws)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.start_loading()
    assert window.today is not None and window.is_loaded
    yield Desk(window, window.today, ws)
    QApplication.clipboard().clear()
