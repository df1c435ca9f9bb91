"""文件 → 切换人员: the picker, the window reopened for the new person, their queue,
the remembered person changed only there, and nothing unsent lost."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from operator_app.app import run_app
from operator_app.config import SETTINGS_FILE, AppConfig, SettingsStore
from operator_app.context import AppContext, prepare_workspace
from operator_app.core.domain import EventKind
from operator_app.data import models as m
from operator_app.data.db import make_engine
from operator_app.data.queries import OperatorInfo, find_operator
from operator_app.sync.push import pending_count
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.main_window import MainWindow
from operator_app.ui.runner import SyncRunner, ThreadRunner
from operator_app.ui.startup import StartOptions, StartupFlow

OpenCtx = Callable[[AppConfig], AppContext]
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/x"
LEAD = m.Lead.__table__  # type: ignore[attr-defined]
EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]


def _remembered(config: AppConfig) -> str:
    return SettingsStore(config.data_dir / SETTINGS_FILE).get("operator")


def test_the_picker_offers_everyone_and_remembers_nothing_itself(
    qtbot: QtBot, demo_config: AppConfig, open_ctx: OpenCtx
) -> None:
    SettingsStore(demo_config.data_dir / SETTINGS_FILE).set("operator", "wangfang")
    demo_config.operator_login = "wangfang"
    ctx = open_ctx(demo_config)
    window = MainWindow(
        ctx, SyncRunner(), ErrorReporter(), demo=True, workspace=prepare_workspace(ctx)
    )
    qtbot.addWidget(window)
    window.start_loading()
    chosen: list[OperatorInfo] = []
    window.person_switch.person_chosen.connect(chosen.append)

    window.person_switch.action.trigger()

    picker = window.person_switch.picker
    assert picker is not None and picker.isVisible()
    assert picker.selected_person() is not None
    assert picker.selected_person().login == "wangfang"  # type: ignore[union-attr]
    picker.accept()  # the same person: nothing to switch
    assert chosen == []

    window.person_switch.action.trigger()
    picker = window.person_switch.picker
    assert picker is not None and picker.select_login("lijing")
    picker.accept()
    assert [p.login for p in chosen] == ["lijing"]
    assert _remembered(demo_config) == "wangfang"  # start-up remembers once it worked


def test_offline_the_window_says_why_it_cannot_switch(
    qtbot: QtBot, tmp_config: AppConfig, open_ctx: OpenCtx, message_boxes: list[Any]
) -> None:
    tmp_config.shared_url = UNREACHABLE
    window = MainWindow(open_ctx(tmp_config), SyncRunner(), ErrorReporter(), demo=False)
    qtbot.addWidget(window)

    assert window.person_switch.ask() is None

    assert len(message_boxes) == 1 and "shared database" in message_boxes[0].text


def test_switching_from_the_menu_reopens_on_the_new_persons_queue(
    qtbot: QtBot, demo_config: AppConfig
) -> None:
    SettingsStore(demo_config.data_dir / SETTINGS_FILE).set("operator", "wangfang")
    demo_config.operator_login = "wangfang"
    flow = StartupFlow(demo_config, StartOptions(), SyncRunner(), ErrorReporter())
    flow.start()
    try:
        first = flow.window
        assert first is not None and first.ops is not None and first.today is not None
        ws = first.ops.workspace
        lead = first.today.model.all_rows()[0].lead_id
        ws.record_outcome(lead, EventKind.REPLIED)  # logged, not yet sent
        assert pending_count(ws.cache) == 1

        first.person_switch.action.trigger()
        picker = first.person_switch.picker
        assert picker is not None and picker.select_login("lijing")
        picker.accept()

        window = flow.window
        assert window is not None and window is not first and not first.isVisible()
        assert flow.exit_code is None  # closing the old window did not end the app
        assert window.ctx.operator is not None and window.ctx.operator.login == "lijing"
        assert window.today is not None
        shown = {row.lead_id for row in window.today.model.all_rows()}
        assert shown and shown == _owned_by(demo_config, "lijing")
        assert _remembered(demo_config) == "lijing"
        # 王芳's reply went to the shared database as hers before the cache changed hands.
        assert pending_count(window.ctx.cache_engine) == 0
        assert _events_from_this_pc(demo_config, "wangfang", lead) == [EventKind.REPLIED.value]
    finally:
        flow.shutdown()


def test_operator_on_the_command_line_is_a_one_off(tmp_path: Path, demo_config: AppConfig) -> None:
    SettingsStore(demo_config.data_dir / SETTINGS_FILE).set("operator", "wangfang")
    png = tmp_path / "lijing.png"

    code = run_app(
        data_dir=demo_config.data_dir,
        shared_url=None,
        operator="lijing",
        demo=False,
        screenshot=png,
        page="today",
    )

    assert code == 0 and png.stat().st_size > 0
    assert _remembered(demo_config) == "wangfang"


def _owned_by(config: AppConfig, login: str) -> set[uuid.UUID]:
    engine = make_engine(config.effective_shared_url)
    try:
        person = find_operator(engine, login)
        assert person is not None
        with engine.connect() as conn:
            stmt = select(LEAD.c.id).where(
                LEAD.c.owner_id == person.id, LEAD.c.deleted_at.is_(None)
            )
            return set(conn.execute(stmt).scalars())
    finally:
        engine.dispose()


def _events_from_this_pc(config: AppConfig, login: str, lead: uuid.UUID) -> list[str]:
    engine = make_engine(config.effective_shared_url)
    try:
        person = find_operator(engine, login)
        assert person is not None
        with engine.connect() as conn:
            stmt = select(EVENT.c.kind).where(
                EVENT.c.operator_id == person.id,
                EVENT.c.device_id == config.device_id,
                EVENT.c.lead_id == lead,
            )
            return list(conn.execute(stmt).scalars())
    finally:
        engine.dispose()


def test_switching_on_worker_threads_as_the_app_does(
    qtbot: QtBot, demo_config: AppConfig, message_boxes: list[Any]
) -> None:
    demo_config.operator_login = "wangfang"
    runner = ThreadRunner()
    flow = StartupFlow(demo_config, StartOptions(), runner, ErrorReporter())
    flow.start()
    try:
        qtbot.waitUntil(lambda: flow.window is not None and flow.window.is_loaded, timeout=60_000)
        first = flow.window
        assert first is not None
        picker = first.person_switch.ask()
        assert picker is not None
        qtbot.waitUntil(lambda: picker.select_login("lijing"), timeout=60_000)
        picker.accept()

        def switched() -> bool:
            window = flow.window
            return window is not None and window is not first and window.is_loaded

        qtbot.waitUntil(switched, timeout=60_000)
        assert flow.window is not None and flow.window.ctx.operator is not None
        assert flow.window.ctx.operator.login == "lijing" and flow.exit_code is None
        assert message_boxes == []
    finally:
        runner.wait_for_done()
        flow.shutdown()
