"""A team lead's 今日: the team's day (rows equal each operator's own 今日), and
their own queue one key away."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from operator_app.config import AppConfig, load_config
from operator_app.context import AppContext, prepare_workspace
from operator_app.data.workspace import Workspace
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.leads_page import TAB_POOL, TAB_RECYCLE
from operator_app.ui.main_window import MainWindow
from operator_app.ui.runner import SyncRunner
from operator_app.ui.team_day_view import TeamColumn, TeamDayModel

OPERATORS = ["lijing", "liuyang", "wangfang", "zhouhao"]


def _own_counts(
    tmp_path: Path,
    config: AppConfig,
    login: str,
    now: dt.datetime,
    open_ctx: Callable[[AppConfig], AppContext],
) -> tuple[int, int, int]:
    """What the operator's own 今日 shows at ``now``, on a PC of their own."""
    own = load_config(
        tmp_path / login, shared_url=f"sqlite:///{config.embedded_shared_path}", operator=login
    )
    ctx = open_ctx(own)
    person = prepare_workspace(ctx).person
    ws = Workspace(ctx.cache_engine, person, own.device_id, clock=lambda: now)
    ws.refresh_suggestions()
    counts = ws.queue().counts
    return counts.overdue, counts.due_today, counts.done_today


def _team_lead_window(
    qtbot: QtBot, config: AppConfig, open_ctx: Callable[[AppConfig], AppContext], now: dt.datetime
) -> MainWindow:
    config.operator_login = "zhaomin"
    ctx = open_ctx(config)
    person = prepare_workspace(ctx).person
    ws = Workspace(ctx.cache_engine, person, config.device_id, clock=lambda: now)
    window = MainWindow(ctx, SyncRunner(), ErrorReporter(), demo=True, workspace=ws)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.start_loading()
    assert window.is_loaded
    return window


def _cells(model: TeamDayModel, row: int) -> list[str]:
    return [model.index(row, c).data() for c in TeamColumn]


def test_team_lead_opens_on_the_teams_day_matching_each_operators_own_today(
    qtbot: QtBot,
    qtmodeltester: object,
    tmp_path: Path,
    demo_config: AppConfig,
    open_ctx: Callable[[AppConfig], AppContext],
) -> None:
    now = dt.datetime.now(dt.UTC)
    window = _team_lead_window(qtbot, demo_config, open_ctx, now)

    page = window.team_today
    assert page is not None and window.current_page() == "today"
    assert not page.showing_queue()
    model = page.team.model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    day = page.team.day
    assert day is not None and [r.login for r in day.rows] == OPERATORS
    assert model.rowCount() == len(OPERATORS) + 1  # and the team's total
    for login in OPERATORS:
        row = model.row_for(login)
        assert row is not None
        own = _own_counts(tmp_path, demo_config, login, now, open_ctx)
        assert (row.overdue, row.due_today, row.done_today) == own, login
    rows = [model.row_for(login) for login in OPERATORS]
    total = _cells(model, len(OPERATORS))
    assert total[TeamColumn.OVERDUE] == f"{sum(r.overdue for r in rows if r):,}"
    assert total[TeamColumn.DUE_TODAY] == f"{sum(r.due_today for r in rows if r):,}"
    assert total[TeamColumn.DONE_TODAY] == f"{sum(r.done_today for r in rows if r):,}"
    assert sum(r.overdue + r.due_today for r in rows if r) > 0  # the demo has work today
    assert "pool" in page.team.pool.text()
    assert page.team.last_import.text() == "No customers imported yet."


def test_my_customers_shows_the_own_queue_and_back_by_key(
    qtbot: QtBot, demo_config: AppConfig, open_ctx: Callable[[AppConfig], AppContext]
) -> None:
    window = _team_lead_window(qtbot, demo_config, open_ctx, dt.datetime.now(dt.UTC))
    page = window.team_today
    assert page is not None and window.today is not None
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert not window.actions_menu.menuAction().isEnabled()  # no queue on screen
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

    qtbot.mouseClick(page.team.my_queue_button, Qt.MouseButton.LeftButton)
    assert page.showing_queue() and window.today.isVisible()
    assert window.actions_menu.menuAction().isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_M, ctrl_shift)
    assert not page.showing_queue() and page.team.isVisible()
    assert not window.actions_menu.menuAction().isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_M, ctrl_shift)
    assert page.showing_queue()
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert not page.showing_queue()

    window.show_page("leads")  # the key works from another page, and brings 今日 up
    qtbot.keyClick(window, Qt.Key.Key_M, ctrl_shift)
    assert window.current_page() == "today" and page.showing_queue()


def test_an_operator_opens_on_the_queue_as_before(
    qtbot: QtBot, demo_config: AppConfig, open_ctx: Callable[[AppConfig], AppContext]
) -> None:
    demo_config.operator_login = "wangfang"
    ctx = open_ctx(demo_config)
    window = MainWindow(
        ctx, SyncRunner(), ErrorReporter(), demo=True, workspace=prepare_workspace(ctx)
    )
    qtbot.addWidget(window)
    window.start_loading()

    assert window.team_today is None
    assert window.stack.currentWidget() is window.today


def test_the_pool_and_the_expiring_requests_open_on_the_leads_page(
    qtbot: QtBot, demo_config: AppConfig, open_ctx: Callable[[AppConfig], AppContext]
) -> None:
    window = _team_lead_window(qtbot, demo_config, open_ctx, dt.datetime.now(dt.UTC))
    page = window.team_today
    assert page is not None and window.leads is not None

    qtbot.mouseClick(page.team.see_expiring, Qt.MouseButton.LeftButton)
    assert window.current_page() == "leads"
    assert window.leads.tabs.currentIndex() == TAB_RECYCLE

    window.show_page("today")
    qtbot.mouseClick(page.team.see_pool, Qt.MouseButton.LeftButton)
    assert window.current_page() == "leads"
    assert window.leads.tabs.currentIndex() == TAB_POOL
