"""A follow-up agreed on 今日 carries what was agreed, and 约定跟进 says it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_today_support import Desk

from operator_app.core.domain import EventKind

# The desk / workspace_ctx fixtures.
pytest_plugins = ["test_today_support"]

AGREED = "Friday: 客户说到货后再聊"


def test_the_agreed_note_goes_with_the_follow_up_and_comes_back_with_its_hook(
    qtbot: QtBot, desk: Desk
) -> None:
    today, bar = desk.today, desk.today.outcome_bar
    row = desk.shown()[0]
    desk.select(row)

    bar.agreed.setFocus()
    qtbot.keyClicks(bar.agreed, "Friday: ")  # R, N… stay text here: nothing is logged
    bar.agreed.insert("客户说到货后再聊")  # as an input method commits Chinese
    assert desk.events(row.lead_id, EventKind.REPLIED) == []
    qtbot.mouseClick(bar.quick_buttons["tomorrow"], Qt.MouseButton.LeftButton)

    notes = desk.events(row.lead_id, EventKind.NOTE)
    assert [n.detail for n in notes] == [AGREED]
    assert bar.agreed.text() == ""  # used once, not carried to the next customer
    queued = desk.ws.queue_rows([row.lead_id])[0]
    assert queued.hook_key == "follow_up"
    assert AGREED in queued.reason
    assert today.lead_id == row.lead_id


def test_enter_in_the_agreed_field_sets_the_picked_time(qtbot: QtBot, desk: Desk) -> None:
    bar = desk.today.outcome_bar
    row = desk.shown()[1]
    desk.select(row)

    bar.agreed.insert("下周一回电话")
    qtbot.keyClick(bar.agreed, Qt.Key.Key_Return)

    assert [n.detail for n in desk.events(row.lead_id, EventKind.NOTE)] == ["下周一回电话"]
    assert desk.ws.lead_detail(row.lead_id).next_follow_up_at is not None
