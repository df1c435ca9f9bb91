"""The Today page driven like an operator with the mouse: pick, copy, log, see it change."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from test_today_support import Desk

from operator_app.core.domain import EventKind
from operator_app.data.workspace_types import QueueRow
from operator_app.errors import KnownError, translatable
from operator_app.ui import queue_model as qm
from operator_app.ui.custom_message_dialog import CustomMessageDialog, NoteDialog

# The desk / workspace_ctx fixtures.
pytest_plugins = ["test_today_support"]


def todays(desk: Desk, rows: list[QueueRow], day_end: datetime | None) -> list[QueueRow]:
    """Overdue, or due before the team's day ends: what 今日 lists."""
    now = desk.today.model.now()
    assert day_end is not None
    return [r for r in rows if r.is_overdue(now) or (r.due_at is not None and r.due_at < day_end)]


def test_the_queue_opens_with_counts_and_the_first_customer(desk: Desk) -> None:
    today, snapshot = desk.today, desk.ws.queue()
    work = todays(desk, snapshot.rows, snapshot.day_end)

    assert today.queue.scope() == qm.WHEN_TODAY
    assert desk.shown() == work
    assert len(work) == snapshot.counts.overdue + snapshot.counts.due_today > 0
    assert today.queue.overdue_box.number.text() == str(snapshot.counts.overdue)
    assert today.queue.due_box.number.text() == str(snapshot.counts.due_today)
    assert today.queue.done_box.number.text() == str(snapshot.counts.done_today)
    assert today.queue.overdue_box.caption.text() == "逾期"
    assert today.queue.due_box.caption.text() == "今日待办"
    assert today.queue.done_box.caption.text() == "今日已完成"
    headers = [today.model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert headers == [
        "客户",
        "手机号",
        "钩子",
        "跟进时间",
        "原因",
        "预计回复率",
        "上次联系",
        "阶段",
    ]
    first = work[0]
    assert today.lead_id == first.lead_id
    assert desk.today.detail_view.name_label.text() == first.name


def test_overdue_rows_are_marked(desk: Desk) -> None:
    model = desk.today.model
    overdue = [r for r in range(model.rowCount()) if model.index(r, 0).data(qm.OVERDUE_ROLE)]
    assert overdue, "the demo has overdue follow-ups"
    due_cell = model.index(overdue[0], qm.COL_DUE)
    assert due_cell.data().startswith("逾期")
    assert due_cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    # Overdue first: the queue's own order.
    assert overdue == list(range(len(overdue)))


def test_copy_a_line_then_record_a_reply_and_see_the_suggestion_move_on(
    qtbot: QtBot, desk: Desk
) -> None:
    row = desk.lead_with_script()
    desk.select(row)
    scripts = desk.today.scripts
    template = scripts.current_template()
    assert template is not None and template.hook_key == row.hook_key
    expected = scripts.line_texts()[0]
    place = desk.today.queue.current_row()

    qtbot.mouseClick(scripts.body.rows[0].copy_button, Qt.MouseButton.LeftButton)

    assert QApplication.clipboard().text() == expected
    assert "{" not in expected
    sent = desk.events(row.lead_id, EventKind.SENT_LINE)
    assert [(e.kind, "第 1 句" in e.detail) for e in sent[:1]] == [("sent_line", True)]
    assert scripts.body.current == 1, "the next Ctrl+C sends the next line"
    assert scripts.current_template() == template, "the script in use stays on screen"

    replied = desk.today.outcome_bar.buttons[0]
    qtbot.mouseClick(replied, Qt.MouseButton.LeftButton)

    assert desk.events(row.lead_id, EventKind.REPLIED)
    assert desk.today.lead_id == row.lead_id, "the selection stays on the same customer"
    fresh = desk.ws.queue()
    # Reloaded after the write; the customer being worked on stays listed, on their row.
    expected = todays(desk, fresh.rows, fresh.day_end)
    if row.lead_id not in {r.lead_id for r in expected}:
        expected = [r for r in fresh.rows if r in expected or r.lead_id == row.lead_id]
    worked = next(r for r in expected if r.lead_id == row.lead_id)
    expected.remove(worked)
    expected.insert(place, worked)
    assert desk.shown() == expected
    assert desk.today.queue.current_row() == place
    detail = desk.today.detail
    assert detail is not None
    top = detail.suggestions[0]
    # The hook was worked: the suggestion moved on (首单转化: to its next try, a day on).
    later = desk.today.model.now() + timedelta(hours=12)
    assert top.hook_key != row.hook_key or top.due_at > later, "the suggestion moved on"
    assert desk.today.last_message == f"已记录 {row.name}：已回复"
    assert desk.today.queue.done_box.number.text() == str(fresh.counts.done_today)


def test_opting_out_asks_first(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, message_boxes: list[Any]
) -> None:
    lead = desk.today.lead_id
    assert lead is not None
    monkeypatch.setattr(
        QMessageBox, "exec", lambda _box: int(QMessageBox.StandardButton.Cancel.value)
    )
    desk.today.commands.outcomes[EventKind.OPTED_OUT].trigger()
    assert desk.events(lead, EventKind.OPTED_OUT) == []

    monkeypatch.undo()  # the conftest's boxes answer OK
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: int(QMessageBox.StandardButton.Ok.value))
    desk.today.commands.outcomes[EventKind.OPTED_OUT].trigger()
    assert len(desk.events(lead, EventKind.OPTED_OUT)) == 1
    assert desk.ws.lead_detail(lead).opted_out


def test_quick_follow_up_tomorrow(qtbot: QtBot, desk: Desk) -> None:
    lead = desk.today.lead_id
    assert lead is not None
    qtbot.mouseClick(desk.today.outcome_bar.quick_buttons["tomorrow"], Qt.MouseButton.LeftButton)

    stored = desk.ws.lead_detail(lead).next_follow_up_at
    assert stored is not None
    local = stored.astimezone()
    assert local.date() == (datetime.now().astimezone() + timedelta(days=1)).date()
    assert (local.hour, local.minute) == (10, 0)
    assert "下次跟进：明天 10:00" in desk.today.detail_view.touch_label.text()


def test_custom_message_needs_a_purpose(qtbot: QtBot, desk: Desk) -> None:
    lead = desk.today.lead_id
    assert lead is not None
    qtbot.mouseClick(desk.today.scripts.custom_button, Qt.MouseButton.LeftButton)
    dialog = desk.today.dialog
    assert isinstance(dialog, CustomMessageDialog) and dialog.isVisible()

    dialog.text_edit.setPlainText("王姐，上次的虾收到了吗？")
    assert not dialog.save_button.isEnabled(), "目的 is required"
    dialog.thinks_edit.setText("挺贴心的")
    assert not dialog.save_button.isEnabled()
    dialog.purpose_edit.setText("确认收货，打开话题")
    assert dialog.save_button.isEnabled()
    assert dialog.save_button.text() == "保存并复制"
    QApplication.clipboard().clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    [event] = desk.events(lead, EventKind.CUSTOM_MESSAGE)
    assert "上次的虾收到了吗" in event.detail and "确认收货" in event.detail
    assert QApplication.clipboard().text() == "王姐，上次的虾收到了吗？", "ready to paste"


def test_a_failed_save_keeps_the_dialog_and_everything_typed(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    def offline(*_args: object, **_kwargs: object) -> None:
        raise KnownError(translatable("A note cannot be empty."))

    monkeypatch.setattr(desk.ws, "record_custom_message", offline)
    dialog = desk.today.open_custom_message()
    assert dialog is not None
    dialog.text_edit.setPlainText("今晚八点群里有秒杀")
    dialog.purpose_edit.setText("提醒进群看秒杀")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.error_label.isVisible() and "没有保存" in dialog.error_label.text()
    assert dialog.text_edit.toPlainText() == "今晚八点群里有秒杀"
    assert dialog.purpose_edit.text() == "提醒进群看秒杀"
    assert dialog.save_button.isEnabled(), "the operator can try again"
    dialog.reject()


def test_a_note_lands_in_the_timeline(qtbot: QtBot, desk: Desk) -> None:
    lead = desk.today.lead_id
    assert lead is not None
    desk.activate(qtbot)
    desk.today.commands.outcomes[EventKind.NOTE].trigger()
    dialog = desk.today.dialog
    assert isinstance(dialog, NoteDialog)
    assert not dialog.save_button.isEnabled()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.text_edit.setFocus()
    dialog.text_edit.setPlainText("周末在外地，周一再联系")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert not dialog.isVisible(), "Ctrl+Enter saved and closed it"
    [note] = desk.events(lead, EventKind.NOTE)
    assert note.detail == "周末在外地，周一再联系"
    timeline = desk.today.detail_view.timeline_model
    assert any(item.kind == "note" for item in timeline.rows())
    assert "周末在外地，周一再联系" in desk.today.detail_view.notes_label.text()


def test_show_number_is_a_recorded_action(qtbot: QtBot, desk: Desk) -> None:
    view, lead = desk.today.detail_view, desk.today.lead_id
    assert lead is not None
    assert "****" in view.phone_label.text()
    assert view.reveal_button.text() == "显示号码"

    qtbot.mouseClick(view.reveal_button, Qt.MouseButton.LeftButton)

    assert "****" not in view.phone_label.text() and view.phone_label.text().startswith("+86")
    assert not view.reveal_button.isVisible()
    assert desk.events(lead, EventKind.PHONE_REVEALED)


def test_changing_the_stage(desk: Desk) -> None:
    view, lead = desk.today.detail_view, desk.today.lead_id
    assert lead is not None and view.detail is not None
    combo = view.stage_combo
    target = next(i for i in range(combo.count()) if combo.itemData(i) != view.detail.stage_key)

    combo.setCurrentIndex(target)
    combo.activated.emit(target)

    stored = desk.ws.lead_detail(lead)
    assert stored.stage_key == combo.itemData(target)
    row = desk.today.model.row_at(desk.today.model.row_of(lead))
    assert row is not None and row.stage == stored.stage_name
    assert desk.events(lead, EventKind.STAGE_CHANGE)


def test_search_by_name_and_phone_tail_and_filters(desk: Desk) -> None:
    today, rows = desk.today, desk.today.model.all_rows()
    target = rows[-1]  # nothing open or due last: not in today's work, still found

    today.queue.search.setText(target.phone_digits[-4:])
    today.queue.apply_filter()  # what the typing pause triggers
    shown = desk.shown()
    assert target in shown and all(r.phone_digits.endswith(target.phone_digits[-4:]) for r in shown)
    assert today.lead_id == shown[0].lead_id, "the selection follows the filter"

    today.queue.search.setText(target.name[:2])
    today.queue.apply_filter()
    assert all(target.name[:2] in row.name for row in desk.shown())

    today.queue.search.clear()
    combo = today.queue.hook_combo
    index = combo.findData(target.hook_key) if target.hook_key else 1
    combo.setCurrentIndex(index)
    today.queue.set_scope(qm.WHEN_ALL)
    hook = combo.itemData(index)
    assert today.model.rowCount() == sum(1 for r in rows if r.hook_key == hook)
    assert f"/ 共 {len(rows)} 位客户" in today.queue.shown_label.text()

    today.queue.clear_filters()
    assert today.queue.scope() == qm.WHEN_TODAY
    snapshot = desk.ws.queue()
    assert desk.shown() == todays(desk, snapshot.rows, snapshot.day_end)
    today.queue.set_scope(qm.WHEN_ALL)
    assert today.model.rowCount() == len(rows)
    assert today.queue.shown_label.text() == f"共 {len(rows)} 位客户"


def test_today_later_and_all(qtbot: QtBot, desk: Desk) -> None:
    today, snapshot = desk.today, desk.ws.queue()
    buttons = today.queue.scope_buttons
    assert [b.text() for b in buttons.values()] == ["今日", "以后", "全部"]
    work = todays(desk, snapshot.rows, snapshot.day_end)
    later = [r for r in snapshot.rows if r.due_at is not None and r not in work]
    assert later, "the demo schedules customers after today"
    counts = [b.number.text() for b in (today.queue.overdue_box, today.queue.due_box)]

    qtbot.mouseClick(buttons[qm.WHEN_LATER], Qt.MouseButton.LeftButton)
    assert desk.shown() == later
    assert today.lead_id == later[0].lead_id, "the selection follows the filter"
    qtbot.mouseClick(buttons[qm.WHEN_ALL], Qt.MouseButton.LeftButton)
    assert desk.shown() == snapshot.rows
    qtbot.mouseClick(buttons[qm.WHEN_TODAY], Qt.MouseButton.LeftButton)
    assert desk.shown() == work
    # The counts count today's work, whatever is listed.
    assert [b.number.text() for b in (today.queue.overdue_box, today.queue.due_box)] == counts
    assert counts == [str(snapshot.counts.overdue), str(snapshot.counts.due_today)]

    # A search looks through every customer; a customer opened from elsewhere
    # (a reminder, another page) is shown even when due later.
    today.queue.search.setText(later[-1].phone_digits[-4:])
    today.queue.apply_filter()
    assert later[-1] in desk.shown()
    today.queue.clear_filters()
    assert today.select_lead(later[-1].lead_id)
    assert today.queue.scope() == qm.WHEN_ALL and today.lead_id == later[-1].lead_id


def test_stage_tag_and_channel_filters(desk: Desk) -> None:
    queue, rows = desk.today.queue, desk.today.model.all_rows()
    queue.set_scope(qm.WHEN_ALL)
    for combo, value in (
        (queue.stage_combo, lambda r: r.stage),
        (queue.channel_combo, lambda r: r.channel),
    ):
        combo.setCurrentIndex(1)
        queue.apply_filter()
        chosen = combo.itemData(1)
        assert desk.today.model.rowCount() == sum(1 for r in rows if value(r) == chosen)
        combo.setCurrentIndex(0)
    tagged = [r for r in rows if r.tags]
    if tagged:
        tag = tagged[0].tags[0]
        queue.tag_combo.setCurrentIndex(queue.tag_combo.findData(tag))
        queue.apply_filter()
        assert desk.today.model.rowCount() == sum(1 for r in rows if tag in r.tags)


def test_scripts_page_lists_every_template(desk: Desk) -> None:
    page = desk.window.scripts
    assert page is not None
    templates = desk.ws.templates()
    assert page.panel.model.rowCount() == len(templates)
    assert not page.panel.body.rows[0].copy_button.isVisible(), "nothing to copy for"
    assert all("{" not in text for text in page.panel.line_texts())
    page.panel.search.setText("冰箱")
    matching = [
        t
        for t in templates
        if any("冰箱" in line.text for line in t.lines)
        or "冰箱" in t.purpose
        or "冰箱" in t.customer_thinks
        or "冰箱" in t.desired_reply
    ]
    assert page.panel.model.rowCount() == len(matching) > 0
    assert page.panel.body.questions.texts()[0].startswith("<span")
    assert "目的" in page.panel.body.questions.texts()[0]
