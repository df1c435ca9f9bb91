"""The 帮助 menu's own entries: the key sheet (F1) and the first-day guide."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from operator_app.config import SETTINGS_FILE, SettingsStore
from operator_app.ui.first_day_guide import FirstDayGuide
from operator_app.ui.shortcut_sheet import ShortcutSheet, collect_shortcuts, page_actions

GUIDE_SEEN = "first_day_guide_shown"
PagesSource = Callable[[], list[tuple[str, QWidget]]]


class HelpActions(QObject):
    """Adds 快捷键 (F1) and 新手指南 to ``menu``; shows the guide once on the demo."""

    def __init__(
        self, window: QMainWindow, menu: QMenu, pages: PagesSource, data_dir: Path
    ) -> None:
        super().__init__(window)
        self._window = window
        self._pages = pages
        self._settings_path = data_dir / SETTINGS_FILE
        self.sheet: ShortcutSheet | None = None
        self.guide: FirstDayGuide | None = None
        self.shortcuts_action = menu.addAction(self.tr("Keyboard shortcuts"))
        self.shortcuts_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.guide_action = menu.addAction(self.tr("Your first day…"))
        self.guide_action.triggered.connect(self.show_guide)

    @Slot()
    def show_shortcuts(self) -> ShortcutSheet:
        """F1: every key, read from the window's actions as they are now."""
        entries = collect_shortcuts(self._window.menuBar(), page_actions(self._pages()))
        if self.sheet is not None:
            self.sheet.deleteLater()  # built anew: keys may have changed since
        self.sheet = sheet = ShortcutSheet(entries, self._window)
        sheet.open()
        return sheet

    @Slot()
    def show_guide(self) -> FirstDayGuide:
        if self.guide is None:
            self.guide = FirstDayGuide(self._window)
        # Not modal: read it while trying the queue, and the window's keys (Ctrl+Q) still work.
        self.guide.show()
        self.guide.activateWindow()
        return self.guide

    def offer_guide(self) -> bool:
        """Show the guide unless it was shown before from this data folder; True if shown."""
        store = SettingsStore(self._settings_path)
        if store.get(GUIDE_SEEN):
            return False
        store.set(GUIDE_SEEN, "1")  # once, even if the app is closed with it open
        self.show_guide()
        return True
