"""The import page's 模板 button: save the .xlsx template of an import kind.

The file goes where the user picks, starting in their Documents folder (not
the working directory, which on an office PC is the program's folder), then
in the folder they saved a template to last (``save_dialog``, kind
"template"). Saving runs off the GUI thread.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from operator_app.core.import_templates import FILE_NAMES, write_template
from operator_app.errors import KnownError
from operator_app.ui.i18n import known_error_text
from operator_app.ui.runner import Runner
from operator_app.ui.save_dialog import ask_save_path, remember, start_folder

log = logging.getLogger(__name__)


SAVE_KIND = "template"  # save_dialog's key: templates keep a folder of their own


class TemplateSaver(QObject):
    """Asks where, saves, and says how it went: ``saved(path)`` or ``failed(text)``."""

    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, runner: Runner, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._parent = parent

    def default_path(self, kind: str) -> Path:
        """Where the dialog for ``kind``'s template starts."""
        return start_folder(SAVE_KIND) / FILE_NAMES[kind]

    def ask_and_save(self, kind: str) -> None:
        path = ask_save_path(
            self._parent,
            SAVE_KIND,
            self.tr("Save the import template"),
            FILE_NAMES[kind],
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            self.save(kind, path)

    def save(self, kind: str, path: Path | str) -> None:
        """Write ``kind``'s template to ``path`` in the background."""
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        remember(SAVE_KIND, target)
        self._runner.run_op(lambda: write_template(kind, target), self._on_saved, self._on_failed)

    def _on_saved(self, path: Path) -> None:
        self.saved.emit(str(path))

    def _on_failed(self, exc: Exception) -> None:
        if isinstance(exc, KnownError):
            self.failed.emit(known_error_text(exc))
            return
        log.error("saving an import template failed (a bug)", exc_info=exc)
        self.failed.emit(
            self.tr("The template could not be saved ({name}).").format(name=type(exc).__name__)
        )
