"""Desktop reminders: what came due since the last look, tray or no tray."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot
from test_queue_model import make_rows
from test_today_support import Desk

from operator_app.data.workspace_types import QueueRow
from operator_app.ui.reminders import Reminders, came_due

# The desk / workspace_ctx fixtures.
pytest_plugins = ["test_today_support"]

T0 = datetime(2024, 3, 5, 6, 0, tzinfo=UTC)


class FakeTray(QObject):
    """Stands in for QSystemTrayIcon offscreen, where there is no tray."""

    messageClicked = Signal()  # noqa: N815 (Qt's name)

    def __init__(self, parent: QObject, _icon: QIcon) -> None:
        super().__init__(parent)
        self.shown = False
        self.messages: list[tuple[str, str]] = []

    def show(self) -> None:
        self.shown = True

    def showMessage(self, title: str, msg: str, _icon: QIcon, _msecs: int = 0) -> None:  # noqa: N802
        self.messages.append((title, msg))


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def rows_due(*minutes: int, hook: str = "address_confirm") -> list[QueueRow]:
    base = make_rows(len(minutes), T0)
    return [
        replace(r, due_at=T0 + timedelta(minutes=m), hook_key=hook, name=f"客户{i}")
        for i, (r, m) in enumerate(zip(base, minutes, strict=True))
    ]


def test_came_due_is_what_passed_since_the_last_check() -> None:
    rows = rows_due(-5, 1, 3, 10)
    due = came_due(rows, T0, T0 + timedelta(minutes=3))
    assert [r.name for r in due] == ["客户1", "客户2"]
    assert came_due(rows, T0 + timedelta(minutes=3), T0 + timedelta(minutes=4)) == []


def _reminders(rows: list[QueueRow], clock: Clock, *, tray: bool, fallback: list[str]) -> Reminders:
    return Reminders(
        lambda: rows,
        icon=QIcon(),
        fallback=fallback.append,
        clock=clock,
        tray_available=lambda: tray,
        tray_factory=FakeTray,
    )


def test_a_tray_notification_and_its_click(qtbot: QtBot, zh_cn: object) -> None:
    clock, said = Clock(T0), []  # type: ignore[var-annotated]
    rows = rows_due(-5, 2)
    reminders = _reminders(rows, clock, tray=True, fallback=said)
    reminders.start()
    assert isinstance(reminders.tray, FakeTray) and reminders.tray.shown
    assert reminders.timer.isActive() and reminders.timer.interval() == 60_000

    clock.now = T0 + timedelta(minutes=1)
    assert reminders.check() == [], "what was already due at the start is not announced"
    clock.now = T0 + timedelta(minutes=3)
    assert reminders.check() == [rows[1]]
    assert reminders.tray.messages[0][0] == "该跟进了：客户1"
    assert said == []

    with qtbot.waitSignal(reminders.lead_requested) as asked:
        reminders.tray.messageClicked.emit()
    assert asked.args == [rows[1].lead_id]


def test_coupon_reminders_and_several_at_once(zh_cn: object) -> None:
    clock = Clock(T0)
    rows = rows_due(1, hook="coupon_expiry") + rows_due(2, 2, 2, 2)
    reminders = _reminders(rows, clock, tray=True, fallback=[])
    reminders.start()
    clock.now = T0 + timedelta(minutes=1, seconds=30)
    reminders.check()
    clock.now = T0 + timedelta(minutes=5)
    reminders.check()
    assert isinstance(reminders.tray, FakeTray)
    [coupon, several] = reminders.tray.messages
    assert coupon[0] == "优惠券提醒：客户0"
    assert several[0] == "4 位客户该跟进了"
    assert several[1].startswith("客户0、客户1、客户2 等另外 1 位")


def test_without_a_tray_the_reminder_goes_to_the_fallback(zh_cn: object) -> None:
    clock, said = Clock(T0), []  # type: ignore[var-annotated]
    reminders = _reminders(rows_due(1), clock, tray=False, fallback=said)
    reminders.start()
    clock.now = T0 + timedelta(minutes=2)
    reminders.check()
    assert reminders.tray is None
    assert len(said) == 1 and said[0].startswith("该跟进了：客户0")


def test_clicking_a_reminder_brings_up_that_customer(desk: Desk) -> None:
    window, today = desk.window, desk.today
    assert window.reminders is not None, "offscreen: reminders run with the status-bar fallback"
    target = today.model.all_rows()[-1]
    today.queue.search.setText("no such customer")
    today.queue.apply_filter()
    window.show_page("scripts")

    window.reminders.lead_requested.emit(target.lead_id)

    assert window.current_page() == "today"
    assert today.lead_id == target.lead_id
    assert today.model.current_filter().is_empty(), "filters that hid the customer are cleared"
