"""The operator picker: lists the people of the shared database and remembers the choice."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from operator_app.config import SETTINGS_FILE, AppConfig, SettingsStore
from operator_app.context import open_shared
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.operator_picker import (
    COL_LOGIN,
    COL_ROLE,
    OperatorPickerDialog,
    OperatorTableModel,
)
from operator_app.ui.runner import SyncRunner


@pytest.fixture
def shared(demo_config: AppConfig) -> Iterator[Engine]:
    engine = open_shared(demo_config, upgrade=False)
    yield engine
    engine.dispose()


@pytest.fixture
def picker(qtbot: QtBot, shared: Engine, demo_config: AppConfig) -> OperatorPickerDialog:
    store = SettingsStore(demo_config.data_dir / SETTINGS_FILE)
    dialog = OperatorPickerDialog(shared, SyncRunner(), store, ErrorReporter())
    qtbot.addWidget(dialog)
    return dialog


def _column(dialog: OperatorPickerDialog, column: int) -> list[str]:
    proxy = dialog.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_lists_everyone_with_chinese_role_labels(
    picker: OperatorPickerDialog, zh_cn: object
) -> None:
    # Team lead first, then by login: the query's order, not an alphabetical sort.
    assert _column(picker, COL_LOGIN) == ["zhaomin", "lijing", "liuyang", "wangfang", "zhouhao"]
    assert _column(picker, COL_ROLE) == ["组长", "运营", "运营", "运营", "运营"]
    assert picker.proxy.headerData(0, Qt.Orientation.Horizontal) == "姓名"


def test_chosen_login_is_saved_to_settings(
    qtbot: QtBot, picker: OperatorPickerDialog, demo_config: AppConfig
) -> None:
    picker.table.selectRow(_column(picker, COL_LOGIN).index("lijing"))
    ok = picker.buttons.button(QDialogButtonBox.StandardButton.Ok)

    with qtbot.waitSignal(picker.accepted):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    assert picker.chosen is not None and picker.chosen.name == "李静"
    assert SettingsStore(demo_config.data_dir / SETTINGS_FILE).get("operator") == "lijing"


def test_search_filters_by_name_or_login(picker: OperatorPickerDialog, qtbot: QtBot) -> None:
    picker.search.setText("王芳")  # QTest cannot type non-Latin-1 keys; an IME would
    assert _column(picker, COL_LOGIN) == ["wangfang"]
    picker.search.clear()
    qtbot.keyClicks(picker.search, "ZHOU")
    assert _column(picker, COL_LOGIN) == ["zhouhao"]


def test_ok_is_disabled_without_a_selection(picker: OperatorPickerDialog) -> None:
    picker.table.clearSelection()
    assert not picker.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    picker.accept()
    assert picker.chosen is None


def test_empty_database_says_so(qtbot: QtBot, tmp_config: AppConfig) -> None:
    engine = open_shared(tmp_config, upgrade=True)
    try:
        store = SettingsStore(tmp_config.data_dir / SETTINGS_FILE)
        dialog = OperatorPickerDialog(engine, SyncRunner(), store, ErrorReporter())
        qtbot.addWidget(dialog)
        assert dialog.proxy.rowCount() == 0
        assert "--demo" in dialog.message.text()
    finally:
        engine.dispose()


def test_model_passes_the_model_tester(
    qtmodeltester: ModelTester, picker: OperatorPickerDialog
) -> None:
    model = picker.model
    assert isinstance(model, OperatorTableModel) and model.rowCount() == 5
    qtmodeltester.check(model)
    qtmodeltester.check(picker.proxy)
