"""Desktop reminders: a follow-up came due, or a coupon reminder opened.

Once a minute the loaded queue is checked for rows whose due time passed
since the last check (nothing is re-read from disk). With a system tray the
reminder is a tray notification; clicking it asks for that lead. Without a
tray (offscreen, some Linux desktops) the reminder goes to a fallback — the
window's status bar — and nothing fails.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from operator_app.data.workspace_types import QueueRow
from operator_app.ui import phrases

CHECK_INTERVAL_MS = 60_000
MESSAGE_MS = 15_000
COUPON_HOOK = "coupon_expiry"
NAMES_SHOWN = 3


def came_due(rows: Sequence[QueueRow], since: datetime, now: datetime) -> list[QueueRow]:
    """Rows whose (paced) due time lies in ``(since, now]``: due since the last look."""
    return [r for r in rows if r.due_at is not None and since < r.due_at <= now]


class TrayLike(Protocol):
    """What reminders need from a tray icon (QSystemTrayIcon, or a test double)."""

    @property
    def messageClicked(self) -> object: ...  # noqa: N802 (Qt's name)

    def show(self) -> None: ...

    def showMessage(  # noqa: N802 (Qt's name)
        self, title: str, msg: str, icon: QIcon, msecs: int = ...
    ) -> None: ...


def _real_tray(parent: QObject, icon: QIcon) -> TrayLike:
    tray = QSystemTrayIcon(icon, parent)
    tray.setToolTip(QCoreApplication.translate("Reminders", "Operator Desk"))
    return tray


class Reminders(QObject):
    """Checks the queue every minute and tells the operator what came due.

    ``lead_requested(lead_id)`` fires when the operator clicks a reminder.
    ``tray_available`` and ``tray_factory`` are injected so tests can run the
    tray path offscreen.
    """

    lead_requested = Signal(object)

    def __init__(
        self,
        rows: Callable[[], Sequence[QueueRow]],
        *,
        icon: QIcon,
        fallback: Callable[[str], None],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
        tray_factory: Callable[[QObject, QIcon], TrayLike] = _real_tray,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._rows = rows
        self._icon = icon
        self._fallback = fallback
        self._clock = clock
        self._since = clock()
        self._last_lead: uuid.UUID | None = None
        self.tray: TrayLike | None = None
        if tray_available():
            self.tray = tray_factory(self, icon)
            self.tray.messageClicked.connect(self._on_message_clicked)  # type: ignore[attr-defined]
            self.tray.show()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        """Start checking; what was already due at the start is not announced."""
        self._since = self._clock()
        self.timer.start()

    @Slot()
    def check(self) -> list[QueueRow]:
        """Announce what came due since the last check; returns those rows."""
        now = self._clock()
        due = came_due(self._rows(), self._since, now)
        self._since = now
        if due:
            self._announce(due)
        return due

    def _announce(self, due: list[QueueRow]) -> None:
        first = due[0]
        self._last_lead = first.lead_id
        title, text = self._message(due)
        if self.tray is not None:
            self.tray.showMessage(title, text, self._icon, MESSAGE_MS)
        else:
            self._fallback(
                self.tr("{title}: {text}").format(title=title, text=text) if text else title
            )

    def _message(self, due: list[QueueRow]) -> tuple[str, str]:
        first = due[0]
        if len(due) == 1:
            if first.hook_key == COUPON_HOOK:
                title = self.tr("Coupon reminder: {name}").format(name=first.name)
            else:
                title = self.tr("Follow-up due: {name}").format(name=first.name)
            return title, f"{first.hook_name} · {first.reason}".strip(" ·")
        names = phrases.join_list(r.name for r in due[:NAMES_SHOWN])
        title = self.tr("%n follow-up(s) came due", "", len(due))
        if len(due) > NAMES_SHOWN:
            names = self.tr("{names} and %n more", "", len(due) - NAMES_SHOWN).format(names=names)
        return title, self.tr("{names}. Click to open the first.").format(names=names)

    @Slot()
    def _on_message_clicked(self) -> None:
        if self._last_lead is not None:
            self.lead_requested.emit(self._last_lead)
