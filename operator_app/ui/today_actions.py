"""The Today page's commands as QActions: one place for their texts, keys and tooltips.

The same actions sit on the outcome buttons, in the 操作 menu and on the
keyboard. Every key works wherever the focus is on the Today page — the
queue, the script list, a script line, the timeline — and acts on the
customer on screen. Text fields keep their keys: a QLineEdit or text edit
claims the keys that type (and Ctrl+C) before a shortcut sees them
(``QEvent.ShortcutOverride``), so typing "r" in a search box never logs an
outcome.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from operator_app.core.domain import EventKind

MAX_LINES = 9


class TodayActions(QObject):
    """Every keyboard-reachable command of the Today page."""

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self._page = page
        self.outcomes: dict[EventKind, QAction] = {
            EventKind.REPLIED: self._on_page(self.tr("Replied"), "R"),
            EventKind.NO_REPLY: self._on_page(self.tr("No reply"), "N"),
            EventKind.ORDERED: self._on_page(self.tr("Ordered"), "O"),
            EventKind.ADDED_WECHAT: self._on_page(self.tr("Added WeChat"), "W"),
            EventKind.JOINED_GROUP: self._on_page(self.tr("Joined group"), "G"),
            EventKind.OPTED_OUT: self._on_page(self.tr("Opted out…"), "Ctrl+Shift+X"),
            EventKind.NOTE: self._on_page(self.tr("Note…"), "Ctrl+N"),
        }
        # Shown only for a customer who is not a WeCom friend yet (TodayPage).
        self.friend_request = self._on_page(self.tr("Friend request sent"), "F")
        # Shown only while the request is pending: the customer accepted it.
        self.friend_accepted = self._on_page(self.tr("Friend accepted"), "A")
        self.next_lead = self._on_page(self.tr("Next customer"), "Ctrl+Return", "Ctrl+Enter", "F8")
        self.down = self._on_page(self.tr("Move down the queue"), "J")
        self.up = self._on_page(self.tr("Move up the queue"), "K")
        self.copy_line = self._on_page(self.tr("Copy script line"), "Ctrl+C")
        self.custom_message = self._on_page(self.tr("Custom message…"), "Ctrl+M")
        # The coupon the customer gets (入个微): its amount and expiry fill the scripts.
        self.give_coupon = self._on_page(self.tr("Give coupon…"), "Ctrl+Shift+C")
        self.follow_up_tomorrow = self._on_page(self.tr("Follow up tomorrow"), "T")
        self.find = self._on_page(self.tr("Search the queue"), "Ctrl+F")
        self.pick_line = [
            self._on_page(self.tr("Pick script line {n}").format(n=n), f"Alt+{n}")
            for n in range(1, MAX_LINES + 1)
        ]

    def lead_actions(self) -> list[QAction]:
        """Actions that need a selected customer (disabled without one)."""
        return [
            *self.outcomes.values(),
            self.friend_request,
            self.friend_accepted,
            self.copy_line,
            self.custom_message,
            self.give_coupon,
            self.follow_up_tomorrow,
        ]

    def menu_groups(self) -> list[list[QAction]]:
        """What the 操作 menu lists, in groups separated by a line."""
        return [
            [self.next_lead, self.down, self.up, self.find],
            [self.copy_line, self.custom_message, self.give_coupon],
            [*self.outcomes.values(), self.friend_request, self.friend_accepted],
            [self.follow_up_tomorrow],
        ]

    def _make(self, text: str, keys: tuple[str, ...], context: Qt.ShortcutContext) -> QAction:
        action = QAction(text, self)
        sequences = [QKeySequence(key) for key in keys]
        action.setShortcuts(sequences)
        action.setShortcutContext(context)
        native = sequences[0].toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(self.tr("{action} ({keys})").format(action=text.rstrip("…"), keys=native))
        return action

    def _on_page(self, text: str, *keys: str) -> QAction:
        action = self._make(text, keys, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._page.addAction(action)
        return action
