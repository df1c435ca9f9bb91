"""Choosing who uses this PC: a searchable table of the people in the shared database."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from operator_app.config import SettingsStore
from operator_app.data.queries import OperatorInfo, list_operators
from operator_app.errors import KnownError
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.i18n import known_error_text
from operator_app.ui.labels import role_label
from operator_app.ui.runner import Runner

AnyIndex = QModelIndex | QPersistentModelIndex

COL_NAME, COL_LOGIN, COL_ROLE, COL_TEAM = range(4)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


class OperatorTableModel(QAbstractTableModel):
    """People as rows: name, login, role label, team. ``ROW_ROLE`` gives the OperatorInfo."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OperatorInfo] = []

    def set_rows(self, rows: list[OperatorInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info = self._rows[index.row()]
        if role == ROW_ROLE:
            return info
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._text(info, index.column())
        return None

    def _text(self, info: OperatorInfo, column: int) -> str | None:
        if column == COL_NAME:
            return info.name
        if column == COL_LOGIN:
            return info.login
        if column == COL_ROLE:
            return role_label(info.role)
        if column == COL_TEAM:
            return info.team_name
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Name"), self.tr("Login"), self.tr("Role"), self.tr("Team"))
        return titles[section] if 0 <= section < len(titles) else None


class OperatorPickerDialog(QDialog):
    """Asks who is using this PC and remembers the answer in the settings file.

    With ``remember=False`` (切换人员) it only answers: the caller remembers
    the person once the switch has worked.
    """

    def __init__(
        self,
        engine: Engine,
        runner: Runner,
        store: SettingsStore,
        reporter: ErrorReporter,
        *,
        missing_login: str = "",
        current_login: str = "",
        remember: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.chosen: OperatorInfo | None = None
        self._store = store
        self._reporter = reporter
        self._missing_login = missing_login
        self._current_login = current_login
        self._remember = remember
        self.setWindowTitle(self.tr("Who is using this PC?"))
        self.setMinimumSize(560, 420)
        self.model = OperatorTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.message = QLabel()
        self.message.setObjectName("pickerMessage")
        self.message.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name or login"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = self._build_table()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Use this person"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self._update_ok()
        self.message.setText(self.tr("Loading the list of people…"))
        runner.run_op(lambda: list_operators(engine), self._on_loaded, self._on_load_failed)

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # No sort indicator: keep the query's order (team leads first) until a click.
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.doubleClicked.connect(self._on_table_double_clicked)
        table.selectionModel().selectionChanged.connect(self._update_ok)
        return table

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def _intro(self, missing_login: str) -> str:
        if self._current_login:
            return self.tr(
                "Choose who uses this PC now. Work not yet sent is sent first, as the person "
                "who did it."
            )
        if missing_login:
            return self.tr(
                "The login '{login}' is not in the shared database. Choose yourself below."
            ).format(login=missing_login)
        return self.tr("Choose yourself below. This PC will remember your choice.")

    def _on_loaded(self, people: list[OperatorInfo]) -> None:
        self.model.set_rows(people)
        if people:
            self.message.setText(self._intro(self._missing_login))
            logins = [p.login for p in people]
            current = self._current_login
            self.table.selectRow(self._row_of(logins.index(current)) if current in logins else 0)
        else:
            self.message.setText(
                self.tr(
                    "There is nobody in the shared database yet. Ask your admin to add your "
                    "team, or try the demo with: operator-app --demo"
                )
            )
        self._update_ok()

    def _on_load_failed(self, exc: Exception) -> None:
        if isinstance(exc, KnownError):
            self.message.setText(known_error_text(exc))
        else:
            self.message.setText(self.tr("The list of people could not be read."))
            self._reporter.report(exc, self)

    def _row_of(self, source_row: int) -> int:
        return self.proxy.mapFromSource(self.model.index(source_row, 0)).row()

    def select_login(self, login: str) -> bool:
        """Select ``login``'s row; False when they are not listed."""
        for row in range(self.proxy.rowCount()):
            info = self.proxy.index(row, 0).data(ROW_ROLE)
            if isinstance(info, OperatorInfo) and info.login == login:
                self.table.selectRow(row)
                return True
        return False

    def selected_person(self) -> OperatorInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        info = rows[0].data(ROW_ROLE)
        return info if isinstance(info, OperatorInfo) else None

    @Slot()
    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.selected_person() is not None)

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, _index: QModelIndex) -> None:
        self.accept()

    def accept(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        if self._remember:
            self._store.set("operator", person.login)
        self.chosen = person
        super().accept()
