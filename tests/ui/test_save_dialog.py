"""Save dialogs start in Documents, then where that kind of file was saved last (kept)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from operator_app.config import SettingsStore
from operator_app.ui import save_dialog
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.performance_page import PerformancePage
from operator_app.ui.runner import SyncRunner
from tests.ui.test_performance_page import (  # noqa: F401 (fixtures)
    NOW,
    ReportSource,
    demo_file,
    engine,
    person,
)


@pytest.fixture
def documents(qapp: object) -> Iterator[Path]:
    """Qt's test-mode Documents folder, so the user's own is never touched."""
    QStandardPaths.setTestModeEnabled(True)
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found)
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    QStandardPaths.setTestModeEnabled(False)


def answering(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> list[Path]:
    """getSaveFileName records where it starts and answers ``answers`` in turn ("" cancels)."""
    starts: list[Path] = []

    def fake(_parent: QWidget, _title: str, start: str, _filters: str) -> tuple[str, str]:
        starts.append(Path(start))
        return answers.pop(0), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return starts


def test_each_kind_starts_in_documents_then_where_it_was_saved_last(
    qtbot: QtBot, documents: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    starts = answering(monkeypatch, [str(reports / "六月.xlsx"), str(reports / "七月.xlsx"), ""])
    settings = tmp_path / "operator-desk.ini"
    SettingsStore(settings).set("operator", "zhaomin")
    parent = QWidget()
    qtbot.addWidget(parent)
    ask: Callable[[], str] = lambda: save_dialog.ask_save_path(  # noqa: E731
        parent, "report", "导出", "业绩.xlsx", "*.xlsx"
    )

    with save_dialog.remembered_in(settings):
        assert ask() == str(reports / "六月.xlsx")
        assert ask() == str(reports / "七月.xlsx")
        assert save_dialog.start_folder("rejects") == documents  # another kind: not moved
    assert starts == [documents / "业绩.xlsx", reports / "业绩.xlsx"]

    # The next start of the app remembers it; the other settings are untouched.
    store = SettingsStore(settings)
    assert store.get("operator") == "zhaomin"
    assert json.loads(store.get("save_folders")) == {"report": str(reports)}
    with save_dialog.remembered_in(settings):
        assert ask() == ""  # cancelled
        assert save_dialog.start_folder("report") == reports
    assert starts[-1] == reports / "业绩.xlsx"


def test_the_performance_export_starts_in_documents(
    qtbot: QtBot,
    engine: Any,  # noqa: F811
    zh_cn: object,
    documents: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    starts = answering(monkeypatch, [""])
    page = PerformancePage(
        ReportSource(engine, person(engine, "zhaomin"), clock=lambda: NOW),
        SyncRunner(),
        ErrorReporter(interactive=False),
    )
    qtbot.addWidget(page)
    page.show()
    page.start()
    assert page.report is not None and page.export_csv_action.isEnabled()
    with save_dialog.remembered_in(tmp_path / "operator-desk.ini"):
        page.export_csv_action.trigger()
    assert len(starts) == 1 and starts[0].parent == documents
    assert starts[0].suffix == ".csv"
