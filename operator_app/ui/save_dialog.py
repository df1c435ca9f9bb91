"""Where a save dialog starts: the user's Documents folder, then the folder saved to last.

Per kind of file ("report", "rejects", …): a team lead who keeps reports in
one folder and rows to fix in another finds each where they left it. The
folders live in the settings file of the data folder (``save_folders``), set
for the app's run by :func:`remembered_in`; without one they last the session.
"""

from __future__ import annotations

import configparser
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from operator_app.config import SettingsStore

log = logging.getLogger(__name__)

SETTING = "save_folders"
_state: dict[str, object] = {"settings_file": None, "folders": {}}


def documents_folder() -> Path:
    """The user's Documents folder (their home when the system names none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


@contextmanager
def remembered_in(settings_file: Path) -> Iterator[None]:
    """Remember the folders in ``settings_file`` while the block runs (the app's run)."""
    try:
        folders = json.loads(SettingsStore(settings_file).get(SETTING) or "{}")
    except (OSError, configparser.Error, ValueError) as exc:
        log.warning("saved folders not read, starting in Documents: %s", exc)
        folders = {}
    previous = dict(_state)
    _state.update(settings_file=settings_file, folders=folders if isinstance(folders, dict) else {})
    try:
        yield
    finally:
        _state.clear()
        _state.update(previous)


def start_folder(kind: str) -> Path:
    """Where the dialog for ``kind`` opens: the folder saved to last, if it still exists."""
    folders = _state["folders"]
    assert isinstance(folders, dict)
    last = folders.get(kind)
    if isinstance(last, str) and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember(kind: str, path: Path | str) -> None:
    """``path`` was saved: the next dialog for ``kind`` starts in its folder."""
    folders = _state["folders"]
    assert isinstance(folders, dict)
    folders[kind] = str(Path(path).parent)
    settings_file = _state["settings_file"]
    if isinstance(settings_file, Path):
        try:
            # Read afresh: other parts of the app write other settings meanwhile.
            SettingsStore(settings_file).set(SETTING, json.dumps(folders, ensure_ascii=False))
        except (OSError, configparser.Error) as exc:  # the folder is still kept for the session
            log.warning("could not remember the save folder: %s", exc)


def ask_save_path(parent: QWidget, kind: str, title: str, file_name: str, filters: str) -> str:
    """Ask where to save ``file_name``, starting in ``kind``'s folder; remember the answer.

    Returns the chosen path, or "" when the user cancels.
    """
    start = start_folder(kind) / file_name
    path, _filter = QFileDialog.getSaveFileName(parent, title, str(start), filters)
    if path:
        remember(kind, path)
    return path
