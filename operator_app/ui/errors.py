"""Showing failures: a KnownError plainly, anything else as a bug (never a crash)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from operator_app.errors import KnownError
from operator_app.ui.i18n import known_error_parts

log = logging.getLogger(__name__)


class ErrorReporter(QObject):
    """Tells the user what went wrong.

    Interactive: a message box. Not interactive (``--screenshot``, scripts):
    one paragraph on stderr, so nothing ever waits for a click.
    """

    def __init__(self, *, interactive: bool = True, log_file: Path | None = None) -> None:
        super().__init__()
        self.interactive = interactive
        self.log_file = log_file

    def report(self, exc: BaseException, parent: QWidget | None = None) -> None:
        if isinstance(exc, KnownError):
            self._show_known(exc, parent)
        else:
            log.error("unexpected error (a bug)", exc_info=exc)
            self._show_bug(exc, parent)

    def _show_known(self, err: KnownError, parent: QWidget | None) -> None:
        message, hint = known_error_parts(err)
        self._show(QMessageBox.Icon.Warning, message, hint, parent)

    def _show_bug(self, exc: BaseException, parent: QWidget | None) -> None:
        message = self.tr(
            "Something went wrong inside Operator Desk. This is a bug in the program, "
            "not a mistake on your part."
        )
        if self.log_file is not None:
            hint = self.tr(
                "The details were written to {path}. Please send that file to your admin."
            ).format(path=str(self.log_file))
        else:
            hint = self.tr("The details were written to the log.")
        hint += "\n" + self.tr("Error: {name}").format(name=type(exc).__name__)
        self._show(QMessageBox.Icon.Critical, message, hint, parent)

    def _show(
        self, icon: QMessageBox.Icon, message: str, hint: str, parent: QWidget | None
    ) -> None:
        if not self.interactive:
            print(f"operator-app: {message}\n{hint}".rstrip(), file=sys.stderr)
            return
        ok = QMessageBox.StandardButton.Ok
        box = QMessageBox(icon, self.tr("Operator Desk"), message, ok, parent)
        box.setInformativeText(hint)
        box.exec()
