"""文件 → 切换人员: the picker, the window reopened for the new person, their queue,
the remembered person changed only there, and nothing unsent lost."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pytestqt.qtbot import QtBot

from operator_app.config import SETTINGS_FILE, AppConfig, SettingsStore
from operator_app.context import AppContext, prepare_workspace
from operator_app.data.queries import OperatorInfo
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.main_window import MainWindow
from operator_app.ui.runner import SyncRunner

OpenCtx = Callable[[AppConfig], AppContext]
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/x"


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
