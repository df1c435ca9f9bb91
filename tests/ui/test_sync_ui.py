"""Background sync as the operator sees it: the status bar, Sync now, offline work,
customers moved away, refused entries, and closing while a cycle runs.

Real SQLite shared files and caches; the window's runner (and so the sync
cycles) is synchronous unless a test says otherwise.
"""

from __future__ import annotations

import re
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select, update
from test_today_support import Desk

from operator_app.config import AppConfig, load_config
from operator_app.context import AppContext, prepare_workspace
from operator_app.core.domain import EventKind
from operator_app.data import migrate
from operator_app.data import models as m
from operator_app.data.cache import outbox
from operator_app.data.db import make_engine
from operator_app.data.lead_moves import reassign_leads
from operator_app.data.queries import find_operator
from operator_app.data.seed import seed_demo
from operator_app.ui import sync_controller
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.main_window import MainWindow
from operator_app.ui.queue_model import WHEN_ALL
from operator_app.ui.runner import SyncRunner, ThreadRunner
from operator_app.ui.sync_controller import SyncController, SyncPhase

pytest_plugins = ["test_today_support"]

EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/x"
SYNCED = re.compile(r"^已同步 \d\d:\d\d$")


def _sync(window: MainWindow) -> SyncController:
    assert window.sync is not None
    return window.sync


def _shared_events(engine: Engine, lead_id: uuid.UUID, device_id: str) -> list[str]:
    with engine.connect() as conn:
        stmt = select(EVENT.c.kind).where(
            EVENT.c.lead_id == lead_id, EVENT.c.device_id == device_id
        )
        return sorted(conn.execute(stmt).scalars())


def _press(
    qtbot: QtBot, desk: Desk, key: Qt.Key, modifier: Any = Qt.KeyboardModifier.NoModifier
) -> None:
    desk.activate(qtbot)
    qtbot.keyClick(desk.today.queue.table, key, modifier)


@pytest.fixture
def shared(desk: Desk) -> Engine:
    engine = desk.window.ctx.shared_engine
    assert engine is not None
    return engine


def test_status_bar_says_synced_with_the_time_and_the_one_pc_note(desk: Desk) -> None:
    status, sync = desk.window.status, _sync(desk.window)

    # The first cycle ran once the queue was on screen.
    assert sync.cycles == 1 and sync.state.phase == SyncPhase.ONLINE
    assert SYNCED.match(status.sync_label.text()), status.sync_label.text()
    assert "上次同步" in status.sync_label.toolTip()
    assert "F5" in status.sync_label.toolTip()
    # The embedded SQLite file: a visible note, with the one-PC advice kept in its tooltip.
    assert status.note_label.isVisibleTo(desk.window)
    assert status.note_label.text() == "仅限本机 · 无按人权限"
    assert "PostgreSQL" in status.note_label.toolTip()
    assert "权限" in status.note_label.toolTip()


def test_sync_now_delivers_a_logged_outcome_to_the_shared_database(
    qtbot: QtBot, desk: Desk, shared: Engine
) -> None:
    lead = desk.today.lead_id
    assert lead is not None
    device = desk.window.ctx.config.device_id
    _press(qtbot, desk, Qt.Key.Key_R)  # replied
    assert _shared_events(shared, lead, device) == []

    with qtbot.waitSignal(_sync(desk.window).state_changed):
        _press(qtbot, desk, Qt.Key.Key_F5)

    assert _shared_events(shared, lead, device) == [EventKind.REPLIED.value]
    assert SYNCED.match(desk.window.status.sync_label.text())
    assert _sync(desk.window).state.pending == 0


def test_sync_now_is_in_the_file_menu_with_its_key(desk: Desk) -> None:
    action = desk.window.sync_action
    assert action in desk.window.file_menu.actions()
    assert action.text() == "立即同步"
    assert action.shortcut().toString() == "F5"
    assert "F5" in action.toolTip()


def test_a_write_is_sent_by_itself_a_moment_later(qtbot: QtBot, desk: Desk, shared: Engine) -> None:
    sync = _sync(desk.window)
    sync.debounce.setInterval(20)
    lead = desk.today.lead_id
    assert lead is not None
    before = sync.cycles
    phases: list[SyncPhase] = []
    sync.state_changed.connect(lambda state: phases.append(state.phase))

    desk.today.record_outcome(EventKind.NO_REPLY)
    desk.today.record_outcome(EventKind.ADDED_WECHAT)

    qtbot.waitUntil(lambda: sync.cycles > before, timeout=3000)
    assert sync.cycles == before + 1, "two writes in a burst: one cycle"
    assert phases == [SyncPhase.ONLINE], "a quick routine cycle does not flash 同步中…"
    device = desk.window.ctx.config.device_id
    assert _shared_events(shared, lead, device) == sorted(
        [EventKind.NO_REPLY.value, EventKind.ADDED_WECHAT.value]
    )


def test_offline_the_work_waits_with_its_count_and_goes_out_when_back(
    qtbot: QtBot, desk: Desk, shared: Engine
) -> None:
    window, sync, today = desk.window, _sync(desk.window), desk.today
    ctx = window.ctx
    ctx.shared_engine = make_engine(UNREACHABLE)  # the server went away
    try:
        lead = today.lead_id
        assert lead is not None
        today.record_outcome(EventKind.REPLIED)
        today.record_outcome(EventKind.ORDERED)

        window.sync_action.trigger()

        assert sync.state.phase == SyncPhase.OFFLINE
        assert window.status.sync_label.text() == "离线 — 待同步 2 条"
        tip = window.status.sync_label.toolTip()
        assert "127.0.0.1:1" in tip and "下次尝试" in tip and "2 条" in tip
        assert window.status.connection_label.text().startswith("共享数据库：离线")
        assert sync.timer.isActive(), "a retry is scheduled"
        # Still fully usable: the next write is kept and counted, without a wait on the server.
        sync.debounce.setInterval(10)
        today.next_lead()
        third = today.lead_id
        assert third is not None and third != lead
        today.record_outcome(EventKind.NO_REPLY)
        qtbot.waitUntil(lambda: window.status.sync_label.text() == "离线 — 待同步 3 条")
        assert sync.state.phase == SyncPhase.OFFLINE
    finally:
        assert ctx.shared_engine is not None
        ctx.shared_engine.dispose()
        ctx.shared_engine = shared  # the server is back

    window.sync_action.trigger()

    assert sync.state.phase == SyncPhase.ONLINE and sync.state.pending == 0
    assert SYNCED.match(window.status.sync_label.text())
    assert window.status.connection_label.text() == "共享数据库：内置数据库（本机）"
    device = ctx.config.device_id
    assert _shared_events(shared, lead, device) == sorted(
        [EventKind.REPLIED.value, EventKind.ORDERED.value]
    )
    assert _shared_events(shared, third, device) == [EventKind.NO_REPLY.value]


def test_a_customer_moved_to_a_colleague_leaves_the_list_with_a_notice(
    qtbot: QtBot, desk: Desk, shared: Engine
) -> None:
    today, window = desk.today, desk.window
    today.queue.set_scope(WHEN_ALL)  # every customer: today's work alone may be short
    rows = desk.shown()
    selected, other = rows[1], rows[4]
    desk.select(selected)
    boss, colleague = find_operator(shared, "zhaomin"), find_operator(shared, "lijing")
    assert boss is not None and colleague is not None
    moved = [selected.lead_id, other.lead_id]
    reassign_leads(shared, moved, colleague.id, actor_id=boss.id)

    window.sync_action.trigger()

    shown = {row.lead_id for row in desk.shown()}
    assert not shown & set(moved)
    assert window.notices.isVisibleTo(window)
    notice = window.notices.text_label.text()
    assert notice.startswith("2 位客户已转给其他同事或退回公海：")
    assert selected.name in notice and other.name in notice
    # The customer on screen is gone: the panel says so; no key logs for someone else.
    assert today.lead_id is None
    assert today.detail_view.name_label.text() == f"{selected.name} 已不在你的名单中"
    assert not today.commands.outcomes[EventKind.REPLIED].isEnabled()
    # Ctrl+Enter goes on to the customer who took its place.
    _press(qtbot, desk, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert today.lead_id == desk.shown()[1].lead_id
    assert today.detail_view.name_label.text() == desk.shown()[1].name

    qtbot.mouseClick(window.notices.close_button, Qt.MouseButton.LeftButton)
    assert not window.notices.isVisibleTo(window)


def test_after_a_removal_a_click_opens_the_customer_in_its_place(
    qtbot: QtBot, desk: Desk, shared: Engine
) -> None:
    today = desk.today
    today.queue.set_scope(WHEN_ALL)  # every customer: today's work alone may be short
    selected = desk.shown()[3]
    desk.select(selected)
    boss = find_operator(shared, "zhaomin")
    assert boss is not None
    reassign_leads(shared, [selected.lead_id], None, actor_id=boss.id)  # back to the pool
    desk.window.sync_action.trigger()
    assert today.lead_id is None
    in_its_place = desk.shown()[3]

    table = today.queue.table
    rect = table.visualRect(today.model.index(3, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert today.lead_id == in_its_place.lead_id
    assert today.detail_view.name_label.text() == in_its_place.name
    assert today.commands.outcomes[EventKind.REPLIED].isEnabled()


def test_changes_made_by_others_show_without_a_restart(desk: Desk, shared: Engine) -> None:
    row = desk.shown()[2]
    desk.select(row)
    lead = m.Lead.__table__  # type: ignore[attr-defined]
    with shared.begin() as conn:  # the team lead renames the customer on another PC
        conn.execute(
            update(lead)
            .where(lead.c.id == row.lead_id)
            .values(name="改名客户", version=lead.c.version + 1)
        )

    desk.window.sync_action.trigger()

    assert desk.today.detail_view.name_label.text() == "改名客户"
    assert any(r.name == "改名客户" for r in desk.shown())


def test_a_refused_entry_is_reported_without_stopping_work(
    desk: Desk, message_boxes: list[Any]
) -> None:
    today, window = desk.today, desk.window
    today.record_outcome(EventKind.REPLIED)
    cache = window.ctx.cache_engine
    with cache.begin() as conn:  # damaged beyond repair: the server will refuse it
        entry = conn.execute(select(outbox.c.seq, outbox.c.payload)).one()
        conn.execute(
            update(outbox)
            .where(outbox.c.seq == entry.seq)
            .values(payload=entry.payload | {"kind": "no_such_kind"})
        )

    window.sync_action.trigger()

    assert message_boxes == [], "nothing modal"
    notice = window.notices.text_label.text()
    assert notice.startswith("1 条记录未能保存到共享数据库（联系记录：")
    assert "服务器拒绝" in notice and "同步日志" in notice
    assert SYNCED.match(window.status.sync_label.text())
    assert today.commands.outcomes[EventKind.REPLIED].isEnabled()


# -- offline at start, then back ---------------------------------------------------------


@pytest.fixture
def away_share(tmp_path: Path) -> Iterator[tuple[AppConfig, Path]]:
    """A shared SQLite file in a folder (a network share, say) that can vanish."""
    folder = tmp_path / "share"
    folder.mkdir()
    engine = make_engine(f"sqlite:///{folder / 'shared.sqlite3'}")
    try:
        migrate.upgrade_to_head(engine)
        seed_demo(engine, leads=40, days=7)
    finally:
        engine.dispose()
    config = load_config(
        tmp_path / "data", shared_url=f"sqlite:///{folder / 'shared.sqlite3'}", operator="wangfang"
    )
    yield config, folder


def test_offline_at_start_then_reconnects(
    qtbot: QtBot,
    away_share: tuple[AppConfig, Path],
    open_ctx: Callable[[AppConfig], AppContext],
    zh_cn: object,
) -> None:
    config, folder = away_share
    prepare_workspace(open_ctx(config))  # this PC has the customers from an earlier day
    hidden = folder.with_name("share-away")
    shutil.move(folder, hidden)
    ctx = open_ctx(config)
    assert ctx.shared_engine is None and ctx.shared_error is not None
    window = MainWindow(
        ctx, SyncRunner(), ErrorReporter(), demo=False, workspace=prepare_workspace(ctx)
    )
    qtbot.addWidget(window)
    window.start_loading()
    assert window.is_loaded and window.today is not None
    sync = _sync(window)
    assert sync.state.phase == SyncPhase.OFFLINE
    assert window.status.sync_label.text() == "离线 — 待同步 0 条"
    assert window.status.note_label.text() == "仅限本机 · 无按人权限"
    assert window.header.counts_label.text() == ""
    window.today.record_outcome(EventKind.REPLIED)  # works offline

    shutil.move(hidden, folder)  # the share is back
    with qtbot.waitSignal(sync.reconnected):
        window.sync_action.trigger()

    assert ctx.shared_engine is not None and ctx.shared_error is None
    assert sync.state.phase == SyncPhase.ONLINE and sync.state.pending == 0
    assert window.status.connection_label.text() == "共享数据库：在线（SQLite 文件）"
    assert SYNCED.match(window.status.sync_label.text())
    assert window.header.counts_label.text() == "", "an operator sees no database counts"


# -- threads ------------------------------------------------------------------------------


def test_never_two_cycles_at_once_and_closing_waits(
    qtbot: QtBot,
    workspace_ctx: tuple[AppContext, Any],
    monkeypatch: pytest.MonkeyPatch,
    zh_cn: object,
) -> None:
    ctx, ws = workspace_ctx
    running, most = [0], [0]
    lock = threading.Lock()
    real = sync_controller.run_cycle

    def slow_cycle(*args: Any, **kwargs: Any) -> Any:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            time.sleep(0.2)
            return real(*args, **kwargs)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(sync_controller, "run_cycle", slow_cycle)
    sync_runner = ThreadRunner()
    window = MainWindow(
        ctx, SyncRunner(), ErrorReporter(), demo=True, workspace=ws, sync_runner=sync_runner
    )
    qtbot.addWidget(window)
    window.start_loading()
    sync = _sync(window)
    assert sync.running and window.status.sync_label.text() == "同步中…"
    for _ in range(3):  # asked again while one runs: one more afterwards, not three
        window.sync_action.trigger()
    qtbot.waitUntil(lambda: sync.cycles == 2 and not sync.running, timeout=10_000)
    assert most[0] == 1
    assert window.is_loaded

    window.sync_action.trigger()  # in flight when the window closes
    assert sync.running
    window.close()

    assert sync_runner.wait_for_done(0), "closing waited for the cycle"
    window.sync_action.trigger()
    assert not sync.running, "no cycle starts after closing"
    qtbot.wait(50)  # a late result would arrive now; it is dropped
    assert sync.cycles == 2
