"""文件 → 切换人员: choose who uses this PC now.

The window only asks (the picker, remembering nothing); ``person_chosen``
tells start-up, which closes this person's window (their sync stops after
the cycle in flight), sends their unsent work as them, loads the new
person's customers and only then remembers the new person.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from operator_app.config import SETTINGS_FILE, SettingsStore
from operator_app.context import AppContext
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.operator_picker import OperatorPickerDialog
from operator_app.ui.runner import Runner


class PersonSwitch(QObject):
    """The 切换人员… action and its picker; ``person_chosen(OperatorInfo)`` when
    someone other than the signed-in person was chosen."""

    person_chosen = Signal(object)

    def __init__(
        self,
        window: QMainWindow,
        menu: QMenu,
        ctx: AppContext,
        runner: Runner,
        reporter: ErrorReporter,
    ) -> None:
        super().__init__(window)
        self._window, self._ctx, self._runner, self._reporter = window, ctx, runner, reporter
        self.picker: OperatorPickerDialog | None = None
        self.action = menu.addAction(self.tr("Switch person…"))
        self.action.triggered.connect(self.ask)

    @Slot()
    def ask(self) -> OperatorPickerDialog | None:
        """Show the picker; None when switching cannot work here (the user is told why)."""
        engine = self._ctx.shared_engine
        if engine is None or not self._ctx.shared_online:
            self._tell(
                self.tr(
                    "Switching person needs the shared database, and it cannot be reached now. "
                    "Try again when the status bar says it is online."
                )
            )
            return None
        if engine.dialect.name == "postgresql":
            # Each person's own database login decides what they see (row security).
            self._tell(
                self.tr(
                    "On the team's database each person signs in with their own login. To work "
                    "as someone else, start Operator Desk with their login: operator-app "
                    "--shared-url postgresql://LOGIN@server/database"
                )
            )
            return None
        store = SettingsStore(self._ctx.config.data_dir / SETTINGS_FILE)
        current = self._ctx.operator.login if self._ctx.operator else ""
        picker = OperatorPickerDialog(
            engine,
            self._runner,
            store,
            self._reporter,
            current_login=current,
            remember=False,
            parent=self._window,
        )
        picker.setWindowTitle(self.tr("Switch person"))
        picker.accepted.connect(self._on_picked)
        if self.picker is not None:
            self.picker.deleteLater()
        self.picker = picker
        picker.open()
        return picker

    @Slot()
    def _on_picked(self) -> None:
        chosen = self.picker.chosen if self.picker is not None else None
        current = self._ctx.operator
        if chosen is not None and (current is None or chosen.id != current.id):
            self.person_chosen.emit(chosen)

    def _tell(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Switch person"), text)
        box.setParent(self._window, box.windowFlags())
        box.exec()
