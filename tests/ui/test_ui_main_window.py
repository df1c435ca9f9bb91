"""The main window: pages by role, shortcuts, header facts and the status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from operator_app.config import AppConfig, load_config
from operator_app.ui.main_window import MainWindow
from operator_app.ui.pages import PlaceholderPage

MakeWindow = Callable[..., MainWindow]
ALL_PAGES = ["today", "leads", "scripts", "performance", "import"]
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/x"
TEAM_LEAD, OPERATOR = "zhaomin", "wangfang"


def test_team_lead_sees_all_five_pages_and_true_counts(
    make_window: MakeWindow, demo_config: AppConfig, demo_leads: int, zh_cn: object
) -> None:
    window = make_window(demo_config, TEAM_LEAD)

    assert window.page_keys() == ALL_PAGES
    assert window.is_loaded
    assert window.header.name_label.text() == "赵敏"
    assert "组长" in window.header.detail_label.text()
    assert "华东一组" in window.header.detail_label.text()
    counts = window.header.counts_label.text()
    assert "人员 5 名" in counts and f"线索 {demo_leads} 条" in counts
    nav = window.nav.model()
    assert [nav.index(r, 0).data() for r in range(nav.rowCount())] == [
        "今日",
        "客户",
        "话术",
        "业绩",
        "导入",
    ]


def test_operator_does_not_see_performance_or_import(
    make_window: MakeWindow, demo_config: AppConfig
) -> None:
    window = make_window(demo_config, OPERATOR)

    # An operator's 业绩 page is 我的数据 (their own figures); import stays the lead's.
    assert window.page_keys() == ["today", "leads", "scripts", "performance"]
    assert not window.show_page("import")
    assert window.current_page() == "today"


def test_pages_say_honestly_that_they_are_not_built_yet(
    make_window: MakeWindow, demo_config: AppConfig, zh_cn: object
) -> None:
    window = make_window(demo_config, TEAM_LEAD)

    for index in range(window.stack.count()):
        page = window.stack.widget(index)
        assert isinstance(page, PlaceholderPage)
        if page.spec.key in ("today", "scripts", "leads"):
            # Built, but without a workspace this PC has no customers to show.
            assert any("还没有载入这台电脑" in text for text in page.texts())
        else:
            assert "此功能将在后续版本提供" in page.texts()
    window.show_page("today")
    page = window.stack.currentWidget()
    assert isinstance(page, PlaceholderPage) and "今日待办" in page.texts()


def test_ctrl_number_switches_pages(
    qtbot: QtBot, make_window: MakeWindow, demo_config: AppConfig
) -> None:
    window = make_window(demo_config, TEAM_LEAD)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    for key, page in [(Qt.Key.Key_2, "leads"), (Qt.Key.Key_5, "import"), (Qt.Key.Key_1, "today")]:
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_page() == page
        assert window.stack.currentWidget().objectName() == f"page_{page}"


def test_ctrl_5_does_nothing_for_an_operator(
    qtbot: QtBot, make_window: MakeWindow, demo_config: AppConfig
) -> None:
    window = make_window(demo_config, OPERATOR)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # import: leads only
    assert window.current_page() == "scripts"


def test_clicking_the_navigation_switches_pages(
    qtbot: QtBot, make_window: MakeWindow, demo_config: AppConfig
) -> None:
    window = make_window(demo_config, TEAM_LEAD)
    window.show()
    rect = window.nav.visualRect(window.nav.model().index(3, 0))

    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page() == "performance"


def test_status_bar_on_the_embedded_database(
    make_window: MakeWindow, demo_config: AppConfig, zh_cn: object
) -> None:
    window = make_window(demo_config, TEAM_LEAD, demo=True)
    status = window.status

    assert status.connection_label.text() == "共享数据库：内置数据库（本机）"
    assert "PostgreSQL" in status.connection_label.toolTip()
    assert status.operator_label.text() == "当前人员：赵敏（组长）"
    assert status.sync_label.text() == "同步：未开启"  # no workspace, no sync
    assert status.demo_label.text() == "演示数据"
    assert "演示数据" in window.windowTitle()


def test_no_demo_marker_on_real_data(make_window: MakeWindow, demo_config: AppConfig) -> None:
    window = make_window(demo_config, TEAM_LEAD, demo=False)

    assert window.status.demo_label.text() == ""
    assert "demo" not in window.windowTitle()


def test_unreachable_shared_database_shows_offline_with_the_reason(
    make_window: MakeWindow,
    tmp_config: AppConfig,
    zh_cn: object,
    message_boxes: list[Any],
) -> None:
    config = load_config(tmp_config.data_dir, shared_url=UNREACHABLE, operator="")
    window = make_window(config, "wangfang")
    label = window.status.connection_label

    assert label.property("state") == "offline"
    assert label.accessibleName().startswith("共享数据库：离线 — 无法连接共享数据库")
    assert "127.0.0.1" in label.accessibleName()
    assert "请检查网络" in label.toolTip()
    # Offline: the login is known, the name and role are not; only operator pages.
    assert window.header.name_label.text() == "wangfang"
    assert window.page_keys() == ["today", "leads", "scripts"]
    assert window.is_loaded and window.header.counts_label.text() == ""
    assert message_boxes == []


def test_quit_action_closes_the_window(
    qtbot: QtBot, make_window: MakeWindow, demo_config: AppConfig
) -> None:
    window = make_window(demo_config, TEAM_LEAD)
    window.show()
    with qtbot.waitSignal(window.closed):
        window.quit_action.trigger()
    assert not window.isVisible()


def test_menus_are_file_view_help_in_chinese(
    make_window: MakeWindow,
    demo_config: AppConfig,
    zh_cn: object,
    message_boxes: list[Any],
) -> None:
    window = make_window(demo_config, TEAM_LEAD)

    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["文件(&F)", "视图(&V)", "帮助(&H)"]
    window.about_action.trigger()
    assert len(message_boxes) == 1 and "私域工作台" in message_boxes[0].text
