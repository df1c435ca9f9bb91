"""A follow-up time picked on screen means that wall-clock time in the team's zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime
from pytestqt.qtbot import QtBot

from operator_app.ui import phrases
from operator_app.ui.outcome_bar import OutcomeBar

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_picked_time_is_read_in_the_team_zone(qtbot: QtBot) -> None:
    phrases.set_display_zone(SHANGHAI)  # reset by the autouse fixture afterwards
    now = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
    bar = OutcomeBar([], clock=lambda: now)
    qtbot.addWidget(bar)
    bar.picker.setDateTime(QDateTime(QDate(2026, 11, 23), QTime(10, 0)))
    with qtbot.waitSignal(bar.follow_up_chosen) as signal:
        bar.set_button.click()
    chosen = signal.args[0]
    # 10:00 on the 23rd in Shanghai is 02:00 UTC, whatever zone this PC is in.
    assert chosen == datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
