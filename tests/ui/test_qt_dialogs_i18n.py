"""Qt's own dialogs speak Chinese with the app: buttons, the file dialog and its "Folder"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileInfo, QTranslator
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFileIconProvider,
    QLabel,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot


def test_standard_buttons_are_chinese(qtbot: QtBot, zh_cn: list[QTranslator]) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "导出",
        "覆盖这个文件吗？",
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    texts = {
        b: box.button(b).text()
        for b in (QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.No)
    }
    assert texts[QMessageBox.StandardButton.Cancel] == "取消"
    assert texts[QMessageBox.StandardButton.No].startswith("否")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Save).text().startswith("保存")


def test_the_file_dialog_is_chinese_down_to_the_folder_type(
    qtbot: QtBot, zh_cn: list[QTranslator], tmp_path: Path
) -> None:
    (tmp_path / "导出").mkdir()
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = QFileDialog(parent, "保存", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)

    look_in = dialog.findChild(QLabel, "lookInLabel")
    assert look_in is not None and look_in.text() == "查找范围："
    # The "Type" column of a folder: missing from Qt's own catalogue, ours fills it.
    assert QFileIconProvider().type(QFileInfo(str(tmp_path / "导出"))) == "文件夹"
