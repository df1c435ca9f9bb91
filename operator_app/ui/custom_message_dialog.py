"""Dialogs that log something the operator typed: a custom message, a note.

Saving runs in the background; the dialog closes only once the save
succeeded. If it fails, the dialog stays open with everything typed still
there and says what went wrong, so nothing is lost. Ctrl+Enter saves from
anywhere in the dialog (Enter alone is a new line in the text).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from operator_app.errors import KnownError
from operator_app.ui.i18n import known_error_text

log = logging.getLogger(__name__)

DIALOG_MIN_WIDTH = 480
Done = Callable[[], None]
Failed = Callable[[Exception], None]


@dataclass(frozen=True)
class CustomMessage:
    """A message not from a template, with its three questions (目的 required)."""

    text: str
    purpose: str
    customer_thinks: str = ""
    desired_reply: str = ""


class _SavingDialog(QDialog):
    """Save/Cancel that keeps the dialog open, and the text in it, until the save worked."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(DIALOG_MIN_WIDTH)
        self.error_label = QLabel()
        self.error_label.setObjectName("dialogError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.save_action = QAction(self)
        self.save_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self._on_save)
        self.addAction(self.save_action)
        self.save_button.setToolTip(self.tr("Save (Ctrl+Enter)"))

    @property
    def save_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert button is not None
        return button

    def _finish_layout(self, form: QFormLayout, hint: str) -> None:
        column = QVBoxLayout(self)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setObjectName("dialogHint")
            hint_label.setWordWrap(True)
            column.addWidget(hint_label)
        column.addLayout(form)
        column.addWidget(self.error_label)
        column.addWidget(self.buttons)

    def can_save(self) -> bool:
        return True

    def start_save(self) -> None:
        """Subclasses hand their values to their submit function."""

    @Slot()
    def _update_save(self) -> None:
        self.save_button.setEnabled(self.can_save())

    @Slot()
    def _on_save(self) -> None:
        # A disabled button: nothing to save yet, or a save already under way.
        if not self.can_save() or not self.save_button.isEnabled():
            return
        self.save_button.setEnabled(False)
        self.error_label.hide()
        self.start_save()

    def _on_saved(self) -> None:
        self.accept()

    def _on_failed(self, exc: Exception) -> None:
        if isinstance(exc, KnownError):
            reason = known_error_text(exc)
        else:
            log.error("saving from a dialog failed (a bug)", exc_info=exc)
            reason = self.tr("An unexpected error occurred ({name}).").format(
                name=type(exc).__name__
            )
        self.error_label.setText(
            self.tr("Not saved: {reason}\nWhat you typed is still here; try again.").format(
                reason=reason
            )
        )
        self.error_label.show()
        self._update_save()


class CustomMessageDialog(_SavingDialog):
    """Log a message the operator wrote: its text and 目的 are required."""

    def __init__(
        self,
        customer: str,
        submit: Callable[[CustomMessage, Done, Failed], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Custom message to {name}").format(name=customer), parent)
        self._submit = submit
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("customText")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText(self.tr("The message as you send it"))
        self.purpose_edit = self._line(self.tr("Required: why you send it"))
        self.thinks_edit = self._line(self.tr("Optional"))
        self.reply_edit = self._line(self.tr("Optional"))
        form = QFormLayout()
        form.addRow(self.tr("Message"), self.text_edit)
        form.addRow(self.tr("Purpose *"), self.purpose_edit)
        form.addRow(self.tr("What the customer will think"), self.thinks_edit)
        form.addRow(self.tr("Reply you want"), self.reply_edit)
        self._finish_layout(
            form, self.tr("Answer the three questions before you send: at least the purpose.")
        )
        self.text_edit.textChanged.connect(self._update_save)
        self.purpose_edit.textChanged.connect(self._update_save)
        # Written here, sent in WeChat: saving also puts the text on the clipboard.
        self.save_button.setText(self.tr("Save and copy"))
        self.save_button.setToolTip(
            self.tr("Log the message and copy it, ready to paste in WeChat (Ctrl+Enter)")
        )
        self._update_save()

    def _line(self, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        return edit

    def message(self) -> CustomMessage:
        return CustomMessage(
            self.text_edit.toPlainText().strip(),
            self.purpose_edit.text().strip(),
            self.thinks_edit.text().strip(),
            self.reply_edit.text().strip(),
        )

    def can_save(self) -> bool:
        message = self.message()
        return bool(message.text and message.purpose)

    def start_save(self) -> None:
        message = self.message()
        # Copied at once, whether or not the log succeeds: the operator sends it anyway.
        QGuiApplication.clipboard().setText(message.text)
        self._submit(message, self._on_saved, self._on_failed)


class NoteDialog(_SavingDialog):
    """Write a note on the customer (it lands in the timeline)."""

    def __init__(
        self,
        customer: str,
        submit: Callable[[str, Done, Failed], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Note on {name}").format(name=customer), parent)
        self._submit = submit
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("noteText")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText(self.tr("What you want to remember about this customer"))
        form = QFormLayout()
        form.addRow(self.tr("Note"), self.text_edit)
        self._finish_layout(form, "")
        self.text_edit.textChanged.connect(self._update_save)
        self._update_save()
        self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def can_save(self) -> bool:
        return bool(self.text_edit.toPlainText().strip())

    def start_save(self) -> None:
        self._submit(self.text_edit.toPlainText().strip(), self._on_saved, self._on_failed)
