"""Help: F1 lists every key the window has; the first-day guide shows once on the demo."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from operator_app.config import SETTINGS_FILE, AppConfig, SettingsStore
from operator_app.context import AppContext, prepare_workspace
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.main_window import MainWindow
from operator_app.ui.runner import SyncRunner
from operator_app.ui.shortcut_sheet import SheetColumn, object_key, plain
from operator_app.ui.startup import StartOptions, StartupFlow

OpenCtx = Callable[[AppConfig], AppContext]


def _window(qtbot: QtBot, config: AppConfig, open_ctx: OpenCtx, login: str) -> MainWindow:
    config.operator_login = login
    ctx = open_ctx(config)
    window = MainWindow(
        ctx, SyncRunner(), ErrorReporter(), demo=True, workspace=prepare_workspace(ctx)
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.start_loading()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _native(action: QAction) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    return " / ".join(dict.fromkeys(s.toString(native) for s in action.shortcuts()))


@pytest.mark.parametrize("login", ["wangfang", "zhaomin"])
def test_f1_lists_every_action_with_its_keys(
    qtbot: QtBot, demo_config: AppConfig, open_ctx: OpenCtx, zh_cn: object, login: str
) -> None:
    window = _window(qtbot, demo_config, open_ctx, login)

    qtbot.keyClick(window, Qt.Key.Key_F1)

    sheet = window.help.sheet
    assert sheet is not None and sheet.isVisible()
    listed = {object_key(e.action): e for e in sheet.shown_entries()}
    keyed = [a for a in window.findChildren(QAction) if a.shortcuts() and plain(a.text())]
    assert len(keyed) > 20
    for action in keyed:
        entry = listed.get(object_key(action))
        assert entry is not None, action.text()
        assert entry.keys == _native(action) and entry.what == plain(action.text())
    assert len(listed) == len(keyed)  # each once
    by_text = {e.what: e for e in listed.values()}
    assert by_text["已回复"].keys == "R" and by_text["已回复"].where == "操作"
    assert by_text[plain(window.help.shortcuts_action.text())].keys == "F1"
    assert by_text[plain(window.quit_action.text())].where == "文件"
    assert by_text[plain(window.quit_action.text())].keys == "Ctrl+Q"  # on every platform
    if login == "zhaomin":
        assert window.team_today is not None
        assert by_text[plain(window.team_today.my_queue_action.text())].keys == "Ctrl+Shift+M"
    assert sheet.model.headerData(SheetColumn.KEYS, Qt.Orientation.Horizontal) == "按键"


def test_f1_sheet_filters_by_action_or_key(
    qtbot: QtBot, qtmodeltester: object, demo_config: AppConfig, open_ctx: OpenCtx
) -> None:
    window = _window(qtbot, demo_config, open_ctx, "wangfang")
    sheet = window.help.show_shortcuts()
    qtmodeltester.check(sheet.model)  # type: ignore[attr-defined]

    sheet.search.setText("Ctrl+Shift+X")

    assert [e.what for e in sheet.shown_entries()] == ["Opted out…"]


def test_first_day_guide_once_on_the_demo_and_again_from_help(
    qtbot: QtBot, demo_config: AppConfig, open_ctx: OpenCtx
) -> None:
    first = _window(qtbot, demo_config, open_ctx, "wangfang")
    first.offer_first_day_guide()
    assert first.help.guide is not None and first.help.guide.isVisible()
    assert SettingsStore(demo_config.data_dir / SETTINGS_FILE).get("first_day_guide_shown")
    first.help.guide.reject()
    assert not first.help.guide.isVisible()
    first.close()

    second = _window(qtbot, demo_config, open_ctx, "wangfang")
    second.offer_first_day_guide()
    assert second.help.guide is None  # not the second time

    second.help.guide_action.trigger()  # 帮助 → 新手指南
    guide = second.help.guide
    assert guide is not None and guide.isVisible()
    titles = [title for title, _text in guide.sections()]
    assert len(titles) == 5 and "three questions" in titles[2]


def test_no_guide_on_real_data(qtbot: QtBot, demo_config: AppConfig, open_ctx: OpenCtx) -> None:
    demo_config.operator_login = "wangfang"
    ctx = open_ctx(demo_config)
    window = MainWindow(ctx, SyncRunner(), ErrorReporter(), demo=False)
    qtbot.addWidget(window)
    window.start_loading()

    window.offer_first_day_guide()

    assert window.help.guide is None


def test_the_guide_comes_with_the_first_start_of_the_demo_only(demo_config: AppConfig) -> None:
    demo_config.operator_login = "wangfang"
    shown = []
    for _start in range(2):
        flow = StartupFlow(demo_config, StartOptions(), SyncRunner(), ErrorReporter())
        flow.start()
        try:
            assert flow.window is not None and flow.window.demo
            guide = flow.window.help.guide
            shown.append(guide is not None and guide.isVisible())
        finally:
            flow.shutdown()

    assert shown == [True, False]
