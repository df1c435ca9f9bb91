"""Table models of the import page: the file preview, the operators to share
new leads among, and the summary of a check or an import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from operator_app.core.distribution import OperatorSlot
from operator_app.core.importing import RawTable, RowIssue
from operator_app.ui.i18n import QT_TRANSLATE_NOOP
from operator_app.ui.import_reasons import issue_text

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
ERROR, WARNING, MUTED, OK = "#c4332b", "#b25e00", "#8f959e", "#2e7d32"
ISSUE_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's RowIssue (None: imported as is)
SKIPPED = frozenset({"already_known", "duplicate_in_file"})  # not the row's fault


def _brush(colour: str) -> QBrush:
    return QBrush(QColor(colour))


class PreviewModel(QAbstractTableModel):
    """The file's rows as read, with a first column saying what the check made of
    each row. Cells are read from the table on demand, so 100k rows scroll freely;
    ``set_problems_only`` narrows the rows to those with an issue."""

    COL_CHECK = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._table: RawTable | None = None
        self._rows = np.arange(0)
        self._fields: dict[str, str] = {}  # header -> field label it fills
        self._issues: dict[int, RowIssue] = {}
        self._checked = False
        self._problems_only = False

    # -- feeding ------------------------------------------------------------------------

    def set_table(self, table: RawTable | None) -> None:
        self.beginResetModel()
        self._table = table
        self._issues, self._fields, self._checked = {}, {}, False
        self._rows = self._visible_rows()
        self.endResetModel()

    def set_check(self, issues: dict[int, RowIssue], fields: dict[str, str]) -> None:
        """Issues by row position and the mapping (header -> field label)."""
        self.beginResetModel()
        self._issues, self._fields, self._checked = issues, fields, True
        self._rows = self._visible_rows()
        self.endResetModel()
        # Mapped headers take a second line: the header view must measure them again.
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def set_problems_only(self, on: bool) -> None:
        self.beginResetModel()
        self._problems_only = on
        self._rows = self._visible_rows()
        self.endResetModel()

    def _visible_rows(self) -> np.ndarray:
        if self._table is None:
            return np.arange(0)
        if self._problems_only:
            return np.array(sorted(self._issues), dtype=np.int64)
        return np.arange(len(self._table))

    def issue_at(self, row: int) -> RowIssue | None:
        return self._issues.get(int(self._rows[row]))

    # -- Qt -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else int(self._rows.size)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if parent.isValid() or self._table is None:
            return 0
        return 1 + len(self._table.headers)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or self._table is None:
            return None
        position = int(self._rows[index.row()])
        if index.column() == self.COL_CHECK:
            return self._check_data(position, role)
        if role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            text = str(self._table.frame.iat[position, index.column() - 1])
            return text if role == DISPLAY or len(text) > 20 else None
        if role == Qt.ItemDataRole.ForegroundRole:
            header = self._table.headers[index.column() - 1]
            return None if header in self._fields or not self._checked else _brush(MUTED)
        return None

    def _check_data(self, position: int, role: int) -> Any:
        issue = self._issues.get(position)
        if role == ISSUE_ROLE:
            return issue
        if role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            if not self._checked:
                return None
            return issue_text(issue) if issue else self.tr("OK")
        if role == Qt.ItemDataRole.ForegroundRole and self._checked:
            if issue is None:
                return _brush(OK)
            if not issue.fatal:
                return _brush(WARNING)
            return _brush(MUTED if issue.reason in SKIPPED else ERROR)
        return None

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY
    ) -> Any:
        if self._table is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if role == DISPLAY and 0 <= section < self._rows.size:
                return int(self._table.row_numbers[int(self._rows[section])])
            return None
        if not 0 <= section < self.columnCount():
            return None
        if section == self.COL_CHECK:
            return self.tr("Check") if role == DISPLAY else None
        header = self._table.headers[section - 1]
        label = self._fields.get(header)
        if role == DISPLAY:
            return f"{header}\n→ {label}" if label else header
        if role == Qt.ItemDataRole.ToolTipRole:
            if label:
                return self.tr("Imported as {field}").format(field=label)
            return self.tr("Not imported")
        if role == Qt.ItemDataRole.ForegroundRole and self._checked and not label:
            return _brush(MUTED)
        return None


OPERATOR_HEADERS = (
    QT_TRANSLATE_NOOP("OperatorShareModel", "Operator"),
    QT_TRANSLATE_NOOP("OperatorShareModel", "Capacity"),
    QT_TRANSLATE_NOOP("OperatorShareModel", "From owner column"),
    QT_TRANSLATE_NOOP("OperatorShareModel", "Shared out"),
    QT_TRANSLATE_NOOP("OperatorShareModel", "Total new"),
)


class OperatorShareModel(QAbstractTableModel):
    """The team's operators, checkable: who shares the new leads, and how many each gets."""

    COL_NAME, COL_CAPACITY, COL_FILE, COL_SPREAD, COL_TOTAL = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._slots: tuple[OperatorSlot, ...] = ()
        self._chosen: set[str] = set()
        self._from_file: dict[str, int] = {}
        self._total: dict[str, int] = {}

    def set_slots(self, slots: Sequence[OperatorSlot]) -> None:
        self.beginResetModel()
        self._slots = tuple(slots)
        self._chosen = {s.login for s in self._slots} & self._chosen
        self._from_file, self._total = {}, {}
        self.endResetModel()

    def set_counts(self, from_file: dict[str, int], total: dict[str, int]) -> None:
        self._from_file, self._total = from_file, total
        if self._slots:
            last = self.index(len(self._slots) - 1, self.COL_TOTAL)
            self.dataChanged.emit(self.index(0, self.COL_FILE), last)

    def chosen(self) -> list[str]:
        """The ticked logins, in table order (the order shares are handed out in)."""
        return [s.login for s in self._slots if s.login in self._chosen]

    def set_chosen(self, logins: Sequence[str]) -> None:
        self._chosen = {s.login for s in self._slots} & set(logins)
        if self._slots:
            last = self.index(len(self._slots) - 1, self.COL_NAME)
            self.dataChanged.emit(self.index(0, self.COL_NAME), last)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._slots)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(OPERATOR_HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.COL_NAME:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        slot = self._slots[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_NAME:
            checked = slot.login in self._chosen
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.COL_NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != DISPLAY:
            return None
        if column == self.COL_NAME:
            return self.tr("{name} ({login})").format(name=slot.name, login=slot.login)
        if column == self.COL_CAPACITY:
            return slot.capacity
        from_file = self._from_file.get(slot.login, 0)
        total = self._total.get(slot.login, from_file)
        return (from_file, total - from_file, total)[column - self.COL_FILE]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if index.column() != self.COL_NAME:
            return False
        login = self._slots[index.row()].login
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked:
            self._chosen.add(login)
        else:
            self._chosen.discard(login)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == DISPLAY and 0 <= section < len(OPERATOR_HEADERS):
            return self.tr(OPERATOR_HEADERS[section])
        return None


@dataclass(frozen=True)
class SummaryRow:
    """One line of a summary: what, how many, and how it reads."""

    label: str
    value: str
    tone: str = ""  # "", "strong", "error", "warning", "muted"
    indent: bool = False


class SummaryModel(QAbstractTableModel):
    """A check's or an import's figures, one per row (what | how many)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SummaryRow] = []

    def set_rows(self, rows: Sequence[SummaryRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def as_dict(self) -> dict[str, str]:
        """Label -> value, for tests and copying."""
        return {row.label: row.value for row in self._rows}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 2

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                return ("    " if row.indent else "") + row.label
            return row.value
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = {"error": ERROR, "warning": WARNING, "muted": MUTED, "ok": OK}.get(row.tone)
            return _brush(colour) if colour else None
        if role == Qt.ItemDataRole.FontRole and row.tone == "strong":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and section in (0, 1):
            return (self.tr("Item"), self.tr("Rows"))[section]
        return None
