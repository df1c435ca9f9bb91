"""F1: every key of the window, listed from the window's own QActions.

Built each time it opens, from the menus and then every other action with a
shortcut on the pages, so it never disagrees with what the keys really do
(a renamed action or a changed key shows up here by itself).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMenuBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

AnyIndex = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
_MNEMONIC = re.compile(r"\s*\(&\w\)|&(?=\w)")
SHEET_SIZE = (640, 640)


class SheetColumn(IntEnum):
    WHERE = 0
    WHAT = 1
    KEYS = 2


@dataclass(frozen=True)
class ShortcutEntry:
    where: str  # the menu or page it belongs to, as shown
    what: str  # the action's text, without its mnemonic
    keys: str  # every key sequence, native text, " / " between
    action: QAction


def plain(text: str) -> str:
    """A menu text without its mnemonic: "文件(&F)" -> "文件", "&Quit" -> "Quit"."""
    return _MNEMONIC.sub("", text).replace("&&", "&").strip()


def object_key(action: QAction) -> int:
    """The Qt object's address: one action may come back in several Python wrappers."""
    return int(shiboken6.getCppPointer(action)[0])


def keys_text(action: QAction) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    texts = [seq.toString(native) for seq in action.shortcuts() if not seq.isEmpty()]
    # Return and Enter both read "Enter" (回车): say it once.
    return " / ".join(dict.fromkeys(texts))


def collect_shortcuts(
    menu_bar: QMenuBar, others: Iterable[tuple[str, QAction]] = ()
) -> list[ShortcutEntry]:
    """The menus' actions with keys, in menu order, then ``others`` (where, action)
    not already listed; each action once."""
    seen: set[int] = set()
    out: list[ShortcutEntry] = []

    def add(where: str, action: QAction) -> None:
        if object_key(action) in seen or action.isSeparator() or not plain(action.text()):
            return
        keys = keys_text(action)
        if keys:
            seen.add(object_key(action))
            out.append(ShortcutEntry(where, plain(action.text()), keys, action))

    for menu in _submenus(menu_bar):
        for action in _menu_actions(menu):
            add(plain(menu.title()), action)
    for where, action in others:
        add(where, action)
    return out


def _submenus(parent: QWidget) -> list[QMenu]:
    """The menus directly under ``parent``, in the order they were added.

    Found as children rather than through ``QAction.menu()``, whose wrapper
    deletes the menu when Python drops it (PySide6).
    """
    return parent.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly)


def _menu_actions(menu: QMenu) -> list[QAction]:
    """The menu's actions, a submenu's in its place."""
    subs = {object_key(sub.menuAction()): sub for sub in _submenus(menu)}
    found = []
    for action in menu.actions():
        sub = subs.get(object_key(action))
        found.extend(_menu_actions(sub) if sub is not None else [action])
    return found


def page_actions(
    pages: Iterable[tuple[str, QWidget]],
) -> list[tuple[str, QAction]]:
    """Every action with a shortcut inside each (title, page) widget, page by page."""
    found = []
    for title, page in pages:
        for action in page.findChildren(QAction):
            if action.shortcuts():
                found.append((title, action))
    return found


class ShortcutModel(QAbstractTableModel):
    """Where, what, keys; ``ROW_ROLE`` gives the ShortcutEntry."""

    def __init__(self, entries: list[ShortcutEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = entries

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(SheetColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == ROW_ROLE:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            return (entry.where, entry.what, entry.keys)[index.column()]
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Where"), self.tr("Action"), self.tr("Keys"))
        return titles[section] if 0 <= section < len(titles) else None


class ShortcutSheet(QDialog):
    """The list of keys, searchable; Esc or 关闭 closes it."""

    def __init__(self, entries: list[ShortcutEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(*SHEET_SIZE)
        self.model = ShortcutModel(entries, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search actions or keys"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SheetColumn.WHAT, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def shown_entries(self) -> list[ShortcutEntry]:
        """The rows the filter leaves, in order (for tests)."""
        rows = range(self.proxy.rowCount())
        return [self.proxy.index(r, 0).data(ROW_ROLE) for r in rows]
