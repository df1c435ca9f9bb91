"""Fixtures for the UI tests: a seeded demo team, windows on a synchronous runner,
and message boxes that record instead of waiting for a click.

tests/conftest.py sets QT_QPA_PLATFORM=offscreen before Qt loads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from operator_app.config import AppConfig
from operator_app.context import AppContext, open_context, open_shared
from operator_app.data.seed import seed_demo
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.i18n import install_translators
from operator_app.ui.main_window import MainWindow
from operator_app.ui.runner import SyncRunner

DEMO_LEADS = 60
@dataclass
class ShownBox:
    icon: QMessageBox.Icon
    text: str
    informative: str


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[ShownBox]:
    """Every QMessageBox.exec() is recorded and answered with OK, never shown."""
    shown: list[ShownBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(ShownBox(box.icon(), box.text(), box.informativeText()))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture
def zh_cn(qapp: QApplication) -> Iterator[list[QTranslator]]:
    """The Simplified Chinese translation, as operators see the app."""
    translators = install_translators(qapp, "zh_CN")
    assert translators, "compile the .qm first (pyside6-lrelease)"
    yield translators
    for translator in translators:
        QCoreApplication.removeTranslator(translator)


@pytest.fixture
def demo_leads() -> int:
    return DEMO_LEADS


@pytest.fixture
def demo_config(tmp_config: AppConfig, demo_leads: int) -> AppConfig:
    """tmp_config whose embedded shared database holds a small demo team
    (a test that needs a longer list parametrizes ``demo_leads``)."""
    engine = open_shared(tmp_config, upgrade=True)
    try:
        seed_demo(engine, leads=demo_leads, days=14)
    finally:
        engine.dispose()
    return tmp_config


@pytest.fixture
def open_ctx() -> Iterator[Callable[[AppConfig], AppContext]]:
    """Opens contexts and disposes of them after the test."""
    opened: list[AppContext] = []

    def _open(config: AppConfig) -> AppContext:
        ctx = open_context(config)
        opened.append(ctx)
        return ctx

    yield _open
    for ctx in opened:
        ctx.dispose()


@pytest.fixture
def make_window(
    qtbot: QtBot, open_ctx: Callable[[AppConfig], AppContext]
) -> Callable[..., MainWindow]:
    """A main window on ``config`` signed in as ``login``, on a synchronous runner."""

    def _make(config: AppConfig, login: str = "", *, demo: bool = False) -> MainWindow:
        config.operator_login = login
        window = MainWindow(open_ctx(config), SyncRunner(), ErrorReporter(), demo=demo)
        qtbot.addWidget(window)
        window.start_loading()
        return window

    return _make


@pytest.fixture(autouse=True)
def _pc_display_zone() -> Iterator[None]:
    """Each test starts with times shown in the PC's zone (start-up switches to the team's)."""
    from operator_app.ui import phrases

    phrases.set_display_zone(None)
    yield
    phrases.set_display_zone(None)
