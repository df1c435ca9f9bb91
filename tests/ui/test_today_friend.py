"""The friend-request step completes on 今日: 好友已通过 (A, or its button) on a
pending customer, a reply from a pending customer, and what comes next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_today_support import Desk

from operator_app.core.domain import EventKind
from operator_app.data.workspace_types import QueueRow

# The desk / workspace_ctx fixtures.
pytest_plugins = ["test_today_support"]


def _focus_queue(qtbot: QtBot, desk: Desk) -> None:
    desk.activate(qtbot)
    desk.today.queue.focus_table()
    qtbot.waitUntil(lambda: desk.today.queue.table.hasFocus())


def _with_status(desk: Desk, status: str) -> QueueRow:
    rows = [
        r
        for r in desk.today.model.all_rows()
        if desk.ws.lead_detail(r.lead_id).friend_status == status
    ]
    return rows[0]


def test_friend_accepted_with_one_key_only_on_a_pending_customer(qtbot: QtBot, desk: Desk) -> None:
    today = desk.today
    action = today.commands.friend_accepted
    button = next(b for b in today.outcome_bar.buttons if b.defaultAction() is action)
    assert action.shortcut().toString() == "A"
    assert action in [a for group in desk.today.commands.menu_groups() for a in group]

    desk.select(_with_status(desk, "accepted"))
    assert not action.isVisible() and not button.isVisibleTo(today.outcome_bar)

    pending = _with_status(desk, "pending")
    desk.select(pending)
    assert action.isVisible() and button.isVisibleTo(today.outcome_bar)
    assert button.text() == "好友已通过"  # the desk is in Chinese
    _focus_queue(qtbot, desk)
    qtbot.keyClick(today.queue.table, Qt.Key.Key_A)

    assert len(desk.events(pending.lead_id, EventKind.FRIEND_ADDED)) == 1
    detail = today.detail
    assert detail is not None and detail.lead_id == pending.lead_id
    assert detail.friend_status == "accepted"
    # The next hook is the first order, due now; no recycle countdown any more.
    assert detail.suggestions[0].hook_key == "first_order"
    assert "退回公海" not in today.detail_view.suggestion_label.text()
    assert not action.isVisible(), "accepted: nothing more to mark"
    qtbot.keyClick(today.queue.table, Qt.Key.Key_A)  # a second press logs nothing
    assert len(desk.events(pending.lead_id, EventKind.FRIEND_ADDED)) == 1


def test_a_reply_from_a_pending_customer_makes_them_a_friend(qtbot: QtBot, desk: Desk) -> None:
    today = desk.today
    pending = _with_status(desk, "pending")
    desk.select(pending)
    _focus_queue(qtbot, desk)
    qtbot.keyClick(today.queue.table, Qt.Key.Key_R)

    assert desk.events(pending.lead_id, EventKind.REPLIED)
    assert desk.events(pending.lead_id, EventKind.FRIEND_ADDED)
    detail = today.detail
    assert detail is not None and detail.friend_status == "accepted"
    assert detail.suggestions[0].hook_key == "first_order"
    assert not today.commands.friend_request.isVisible()
