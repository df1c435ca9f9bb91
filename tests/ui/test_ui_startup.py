"""Start-up: errors before the window, the demo, first-start seeding, screenshots."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from operator_app import cli
from operator_app.app import run_app
from operator_app.config import SETTINGS_FILE, AppConfig, SettingsStore
from operator_app.context import open_shared
from operator_app.data.queries import count_rows
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.runner import SyncRunner
from operator_app.ui.startup import StartOptions, StartupFlow, open_session

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/x"


def _run(data_dir: Path, **overrides: Any) -> int:
    options: dict[str, Any] = {
        "data_dir": data_dir,
        "shared_url": None,
        "operator": None,
        "demo": False,
        "screenshot": None,
        "page": "today",
    }
    return run_app(**(options | overrides))


def _team_names(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM team")]


def test_known_error_at_start_shows_a_translated_message_box(
    tmp_path: Path, message_boxes: list[Any]
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")

    assert _run(not_a_folder) == 2

    assert len(message_boxes) == 1
    box = message_boxes[0]
    assert box.icon == QMessageBox.Icon.Warning
    assert box.text.startswith("无法写入数据文件夹")
    assert "--data-dir" in box.informative
    # The app leaves the shared QApplication as it found it.
    assert QCoreApplication.translate("Roles", "Team lead") == "Team lead"


def test_known_error_with_screenshot_prints_instead_of_blocking(
    tmp_path: Path, message_boxes: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")

    assert _run(not_a_folder, screenshot=tmp_path / "x.png") == 2

    assert message_boxes == []
    assert "无法写入数据文件夹" in capsys.readouterr().err


def test_screenshot_seeds_the_first_start_and_writes_a_png(tmp_path: Path) -> None:
    png = tmp_path / "performance.png"
    data = tmp_path / "data"

    code = cli.main(["--data-dir", str(data), "--screenshot", str(png), "--page", "performance"])

    assert code == 0
    image = QImage(str(png))
    assert png.stat().st_size > 0 and (image.width(), image.height()) == (1366, 768)
    assert _team_names(data / "shared.sqlite3") == ["华东一组"]
    # Nobody was chosen: a screenshot never asks, and never saves a choice.
    assert SettingsStore(data / SETTINGS_FILE).get("operator") == ""


def test_screenshot_with_an_unreachable_shared_database_still_renders(tmp_path: Path) -> None:
    png = tmp_path / "offline.png"

    assert _run(tmp_path / "data", shared_url=UNREACHABLE, screenshot=png) == 0
    assert png.stat().st_size > 0


def test_screenshot_that_cannot_be_saved_fails_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    png = tmp_path / "missing-folder" / "x.png"

    assert _run(tmp_path / "data", screenshot=png) == 1
    assert "cannot save the screenshot" in capsys.readouterr().err


def test_demo_starts_fresh_in_its_own_folder_every_time(tmp_path: Path) -> None:
    data = tmp_path / "data"
    demo_db = data / "demo" / "shared.sqlite3"

    assert _run(data, demo=True, screenshot=tmp_path / "1.png") == 0
    with sqlite3.connect(demo_db) as conn:
        conn.execute("UPDATE team SET name = 'changed'")
    assert _run(data, demo=True, screenshot=tmp_path / "2.png") == 0

    assert _team_names(demo_db) == ["华东一组"]
    assert not (data / "shared.sqlite3").exists()


def test_first_start_seeds_asks_who_and_marks_the_window_as_demo(
    qtbot: QtBot, tmp_config: AppConfig
) -> None:
    flow = StartupFlow(tmp_config, StartOptions(), SyncRunner(), ErrorReporter())
    flow.start()
    try:
        picker = flow.picker
        assert picker is not None and picker.model.rowCount() == 5
        picker.table.selectRow(1)
        picker.accept()

        window = flow.window
        assert window is not None and window.demo
        assert window.status.demo_label.text() == "Demo data"
        assert "demo data" in window.windowTitle()
        chosen = SettingsStore(tmp_config.data_dir / SETTINGS_FILE).get("operator")
        assert chosen == picker.chosen.login == window.ctx.operator.login  # type: ignore[union-attr]
    finally:
        flow.shutdown()


def test_cancelling_the_picker_ends_the_app(tmp_config: AppConfig) -> None:
    flow = StartupFlow(tmp_config, StartOptions(), SyncRunner(), ErrorReporter())
    flow.start()
    try:
        assert flow.picker is not None
        flow.picker.reject()
        assert flow.exit_code == 0 and flow.window is None
    finally:
        flow.shutdown()


def test_later_starts_recognise_the_demo_team_and_do_not_reseed(demo_config: AppConfig) -> None:
    opened = open_session(demo_config)
    try:
        assert opened.demo_data and not opened.needs_seed
    finally:
        opened.ctx.dispose()


def test_a_real_team_is_not_called_demo(demo_config: AppConfig) -> None:
    # A real team has no demo_data flag, whatever its people are called.
    with sqlite3.connect(demo_config.embedded_shared_path) as conn:
        conn.execute("DELETE FROM setting WHERE key = 'demo_data'")
    opened = open_session(demo_config)
    try:
        assert not opened.demo_data
    finally:
        opened.ctx.dispose()


def test_an_empty_configured_shared_database_is_never_seeded(tmp_config: AppConfig) -> None:
    # Only the embedded default is seeded; a configured shared SQLite file is left alone.
    shared = tmp_config.data_dir / "other.sqlite3"
    config = AppConfig(tmp_config.data_dir, shared_url=f"sqlite:///{shared}")
    engine = open_shared(config, upgrade=True)
    engine.dispose()
    opened = open_session(config)
    try:
        assert not opened.needs_seed
        assert opened.ctx.shared_engine is not None
        assert count_rows(opened.ctx.shared_engine).teams == 0
    finally:
        opened.ctx.dispose()


def test_a_bug_while_opening_the_window_ends_start_up_instead_of_hanging(
    demo_config: AppConfig, monkeypatch: pytest.MonkeyPatch, message_boxes: list[Any]
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("bug in the window")

    monkeypatch.setattr("operator_app.ui.startup.MainWindow", broken)
    demo_config.operator_login = "zhaomin"
    flow = StartupFlow(demo_config, StartOptions(), SyncRunner(), ErrorReporter())
    flow.start()
    try:
        assert flow.exit_code == 1
        assert [box.icon for box in message_boxes] == [QMessageBox.Icon.Critical]
    finally:
        flow.shutdown()
