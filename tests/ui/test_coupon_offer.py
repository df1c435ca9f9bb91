"""The 入个微 script needs a coupon: the script panel offers 发优惠券…, the dialog records
one (team defaults, editable), and the script fills in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_today_support import Desk

from operator_app.ui.coupon_dialog import CouponDialog

# The desk / workspace_ctx fixtures.
pytest_plugins = ["test_today_support"]


def _show_wechat_script(desk: Desk) -> None:
    """A customer without an open coupon, with the 入个微 script on screen."""
    for row in desk.today.model.all_rows():
        if "coupon_amount" not in desk.ws.placeholder_values(row.lead_id):
            desk.select(row)
            break
    else:
        raise AssertionError("every demo customer holds a coupon")
    panel = desk.today.scripts
    panel.all_hooks.setChecked(True)
    wanted = next(t for t in desk.ws.templates() if t.hook_key == "invite_wechat")
    panel.search.setText(wanted.title)
    assert panel.current_template() is not None
    assert panel.current_template().hook_key == "invite_wechat"


def test_the_wechat_script_offers_a_coupon_and_fills_in_once_given(
    desk: Desk, qtbot: QtBot
) -> None:
    _show_wechat_script(desk)
    panel = desk.today.scripts
    lead_id = desk.today.lead_id
    assert lead_id is not None
    assert panel.needs_coupon() and panel.coupon_button.isVisibleTo(desk.window)
    template = panel.current_template()
    assert template is not None
    line = next(i for i, ln in enumerate(template.lines) if "{coupon_amount}" in ln.text)

    # Copying the line is refused and says why; the offer gets the focus.
    QApplication.clipboard().clear()
    panel.pick_line(line)
    assert not panel.copy_current_line()
    assert panel.status.property("state") == "warn"
    assert "先给客户发优惠券" in panel.status.text()  # the way on, not "write it yourself"
    assert QApplication.clipboard().text() == ""
    assert desk.events(lead_id, "sent_line") == []

    # Keyboard: the button opens the dialog at the team's coupon (¥10, 30 days).
    qtbot.keyClick(panel.coupon_button, Qt.Key.Key_Space)
    dialog = desk.today.dialog
    assert isinstance(dialog, CouponDialog)
    assert (dialog.amount.value(), dialog.days.value()) == (10.0, 30)
    dialog.amount.setValue(15)
    dialog.days.setValue(20)
    ends = datetime.now(UTC) + timedelta(days=20)
    assert dialog.expires.text() == f"{ends.astimezone(desk.ws.timezone):%Y-%m-%d}"
    with qtbot.waitSignal(dialog.finished):
        dialog.save_button.click()

    detail = desk.ws.lead_detail(lead_id)
    given = [c for c in detail.coupons if c.issued_at >= desk.since]
    assert [(c.amount, c.used_at) for c in given] == [(15.0, None)]
    assert given[0].expires_at - given[0].issued_at == timedelta(days=20)
    values = desk.ws.placeholder_values(lead_id)
    assert values["coupon_amount"] == "15"

    # The script now fills in: no offer, and the line copies.
    assert not panel.needs_coupon()
    assert not panel.coupon_button.isVisibleTo(desk.window)
    panel.pick_line(line)
    assert panel.copy_current_line()
    assert "15" in QApplication.clipboard().text()


def test_the_coupon_dialog_saves_with_enter_and_refuses_a_zero_amount(
    desk: Desk, qtbot: QtBot
) -> None:
    _show_wechat_script(desk)
    lead_id = desk.today.lead_id
    assert lead_id is not None
    dialog = desk.today.open_coupon()
    assert dialog is not None
    dialog.amount.setValue(0)
    assert not dialog.save_button.isEnabled()
    dialog.amount.setValue(10)
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    given = [c for c in desk.ws.lead_detail(lead_id).coupons if c.issued_at >= desk.since]
    assert [c.amount for c in given] == [10.0]
    assert desk.today.dialog is None  # closed, and the keys are back in the queue


def test_ctrl_shift_c_opens_the_coupon_dialog_from_the_queue(desk: Desk, qtbot: QtBot) -> None:
    desk.activate(qtbot)
    _show_wechat_script(desk)
    desk.today.queue.focus_table()
    qtbot.keyClick(desk.today.queue.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert isinstance(desk.today.dialog, CouponDialog)
    desk.today.dialog.reject()
