"""The Today page as an operator really drives it: clicks and keys mixed, wherever
the focus happens to be, and what each step leaves in the cache."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from test_today_support import Desk

from operator_app.core.domain import EventKind
from operator_app.data.workspace_types import QueueRow, TemplateView
from operator_app.ui import queue_model as qm

# The desk / workspace_ctx fixtures.
pytest_plugins = ["test_today_support"]

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
LEFT = Qt.MouseButton.LeftButton


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key from the keyboard: it goes wherever the focus is now."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, modifier)


def click(qtbot: QtBot, widget: QWidget, pos: QPoint | None = None) -> None:
    qtbot.mouseClick(widget, LEFT, pos=pos if pos is not None else widget.rect().center())


def click_template(qtbot: QtBot, desk: Desk, row: int) -> None:
    view = desk.today.scripts.list
    rect = view.visualRect(view.model().index(row, 0))
    click(qtbot, view.viewport(), rect.center())


@dataclass
class Counts:
    """How many events of each kind a lead got during the test."""

    desk: Desk
    lead: uuid.UUID

    def __call__(self, kind: EventKind) -> int:
        return len(self.desk.events(self.lead, kind))

    def all(self) -> dict[str, int]:
        kinds = (
            EventKind.SENT_LINE,
            EventKind.REPLIED,
            EventKind.NO_REPLY,
            EventKind.ORDERED,
            EventKind.JOINED_GROUP,
        )
        return {k.value: self(k) for k in kinds}


def clean_lines(desk: Desk) -> list[int]:
    """Positions of the shown template's lines that copy (nothing missing for this customer)."""
    rows = desk.today.scripts.body.rows
    return [r.position for r in rows if all(s.kind in ("text", "value") for s in r.segments)]


def lead_with_two_templates(desk: Desk) -> tuple[QueueRow, TemplateView]:
    """A listed customer whose hook has two templates, and the second of them has a
    line that copies for this customer."""
    by_hook: dict[str, list[TemplateView]] = {}
    for template in desk.ws.templates():
        by_hook.setdefault(template.hook_key, []).append(template)
    for row in desk.shown():
        if row.hook_key is None or len(by_hook.get(row.hook_key, [])) < 2:
            continue
        desk.select(row)
        scripts = desk.today.scripts
        if scripts.model.rowCount() < 2:
            continue
        scripts.list.setCurrentIndex(scripts.model.index(1, 0))
        if clean_lines(desk):
            second = scripts.current_template()
            assert second is not None
            scripts.list.setCurrentIndex(scripts.model.index(0, 0))
            return row, second
    raise AssertionError("no listed customer with two templates that fit")


def test_click_template_click_line_copy_reply_next(qtbot: QtBot, desk: Desk) -> None:
    today = desk.today
    row, second = lead_with_two_templates(desk)
    desk.activate(qtbot)
    today.queue.focus_table()
    counts = Counts(desk, row.lead_id)
    before = today.queue.current_row()

    # Click the second template: the list takes the focus.
    click_template(qtbot, desk, 1)
    assert today.scripts.current_template() == second
    assert today.scripts.list.hasFocus()

    # Click a line of it: it is picked, and the keys are back in the queue.
    position = clean_lines(desk)[-1]
    click(qtbot, today.scripts.body.rows[position].text_label)
    assert today.scripts.body.current == position
    assert today.queue.table.hasFocus()

    # Ctrl+C: on the clipboard, and recorded as sent for this customer.
    expected = today.scripts.line_texts()[position]
    press(qtbot, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == expected
    [sent] = desk.events(row.lead_id, EventKind.SENT_LINE)
    assert f"第 {second.lines[position].line_no} 句" in sent.detail
    assert today.lead_id == row.lead_id
    assert today.queue.current_row() == before, "the customer stays where they were"

    # R: the reply is logged on the same customer.
    press(qtbot, Qt.Key.Key_R)
    assert counts(EventKind.REPLIED) == 1
    assert today.lead_id == row.lead_id

    # Looking at the history, then Ctrl+Enter: the next customer, on their scripts.
    today.detail_view.tabs.setCurrentWidget(today.detail_view.timeline_view)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert today.lead_id != row.lead_id
    assert today.queue.current_row() == before + 1
    assert today.detail_view.tabs.currentWidget() is today.scripts
    assert today.scripts.isVisible()
    assert today.queue.table.hasFocus()
    assert counts.all() == {
        "sent_line": 1,
        "replied": 1,
        "no_reply": 0,
        "ordered": 0,
        "joined_group": 0,
    }


def test_keys_act_while_the_script_list_has_the_focus(qtbot: QtBot, desk: Desk) -> None:
    """Once a template is clicked the outcome keys and J/K still act on the customer."""
    today = desk.today
    row, _second = lead_with_two_templates(desk)
    desk.activate(qtbot)
    click_template(qtbot, desk, 1)
    assert today.scripts.list.hasFocus()

    press(qtbot, Qt.Key.Key_N)
    assert len(desk.events(row.lead_id, EventKind.NO_REPLY)) == 1
    assert today.queue.table.hasFocus(), "after the action the keys are in the queue"

    # Ctrl+C and Alt+2 with the focus in the list: the line, not the list item.
    click_template(qtbot, desk, 1)
    position = clean_lines(desk)[0]
    press(qtbot, Qt.Key(Qt.Key.Key_1.value + position), ALT)
    assert today.scripts.body.current == position
    click_template(qtbot, desk, 1)
    assert today.scripts.list.hasFocus()
    press(qtbot, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == today.scripts.line_texts()[position]
    assert len(desk.events(row.lead_id, EventKind.SENT_LINE)) == 1

    click_template(qtbot, desk, 0)
    start = today.queue.current_row()
    press(qtbot, Qt.Key.Key_J)
    assert today.queue.current_row() == start + 1
    click_template(qtbot, desk, 0)
    press(qtbot, Qt.Key.Key_K)
    assert today.lead_id == row.lead_id


def test_keys_act_from_the_timeline_but_not_from_text_fields(qtbot: QtBot, desk: Desk) -> None:
    today = desk.today
    desk.activate(qtbot)
    lead = today.lead_id
    assert lead is not None
    today.detail_view.tabs.setCurrentWidget(today.detail_view.timeline_view)
    view = today.detail_view.timeline_view
    qtbot.waitUntil(view.isVisible)
    click(qtbot, view.viewport())
    assert view.hasFocus(), QApplication.focusWidget()
    press(qtbot, Qt.Key.Key_O)
    assert len(desk.events(lead, EventKind.ORDERED)) == 1

    # A click on the three questions or the customer's name (selectable text).
    today.detail_view.tabs.setCurrentWidget(today.scripts)
    for label in (today.scripts.body.questions.answers[0], today.detail_view.name_label):
        click(qtbot, label)
        press(qtbot, Qt.Key.Key_W)
    assert len(desk.events(lead, EventKind.ADDED_WECHAT)) == 2

    # Ctrl+C from the history copies the script line, and shows which one it was.
    today.detail_view.tabs.setCurrentWidget(view)
    click(qtbot, view.viewport())
    lines = clean_lines(desk)
    press(qtbot, Qt.Key.Key_C, CTRL)
    assert today.detail_view.tabs.currentWidget() is today.scripts
    assert len(desk.events(lead, EventKind.SENT_LINE)) == (1 if 0 in lines else 0)

    # In the script search box and the tag box, letters are text.
    today.detail_view.tabs.setCurrentWidget(today.scripts)
    click(qtbot, today.scripts.search)
    assert today.scripts.search.hasFocus()
    qtbot.keyClicks(today.scripts.search, "rng")
    tag_input = today.detail_view.tags_row.input
    click(qtbot, tag_input)
    qtbot.keyClicks(tag_input, "ow")
    assert today.scripts.search.text() == "rng" and tag_input.text() == "ow"
    for kind in (EventKind.REPLIED, EventKind.NO_REPLY, EventKind.JOINED_GROUP):
        assert desk.events(lead, kind) == []
    assert len(desk.events(lead, EventKind.ORDERED)) == 1


class Ledger:
    """What the cache holds for the customers met so far, to check each step changed
    exactly what it should (the queue may bring a customer back: counts are deltas)."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.seen: dict[uuid.UUID, dict[str, int]] = {}

    def current(self) -> uuid.UUID:
        today = self.desk.today
        assert today.lead_id is not None and today.detail is not None
        self.seen.setdefault(today.lead_id, Counts(self.desk, today.lead_id).all())
        return today.lead_id

    def check(self, lead: uuid.UUID, **added: int) -> None:
        """``lead`` got ``added`` since the last check; nobody else got anything."""
        for other, before in self.seen.items():
            now = Counts(self.desk, other).all()
            delta = {k: now[k] - before[k] for k in now if now[k] != before[k]}
            assert delta == (added if other == lead else {}), (other == lead, delta)
            self.seen[other] = now


def test_a_morning_of_clicks_and_keys(qtbot: QtBot, desk: Desk) -> None:
    """Four customers in a row, the way an operator works them; after each step the
    cache holds exactly what was done, on the right customer."""
    today = desk.today
    desk.activate(qtbot)
    today.queue.select_row(0)
    today.queue.focus_table()
    ledger = Ledger(desk)

    # 1st: a click on the 未回复 button, then Ctrl+Enter.
    first = ledger.current()
    no_reply = today.commands.outcomes[EventKind.NO_REPLY]
    button = next(b for b in today.outcome_bar.buttons if b.defaultAction() is no_reply)
    click(qtbot, button)
    ledger.check(first, no_reply=1)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert today.queue.current_row() == 1

    # 2nd: Alt+1 picks the first line, its copy button copies it, G, then F8.
    second = ledger.current()
    assert second != first
    press(qtbot, Qt.Key.Key_1, ALT)
    assert today.scripts.body.current == 0
    copied = 0 in clean_lines(desk)
    if copied:
        click(qtbot, today.scripts.body.rows[0].copy_button)
        assert QApplication.clipboard().text() == today.scripts.line_texts()[0]
        ledger.check(second, sent_line=1)
    press(qtbot, Qt.Key.Key_G)
    ledger.check(second, joined_group=1)
    press(qtbot, Qt.Key.Key_F8)
    assert today.queue.current_row() == 2

    # 3rd: J moves on and K comes back, logging nothing; a click on their row; R and O.
    third = ledger.current()
    assert third != second
    press(qtbot, Qt.Key.Key_J)
    assert ledger.current() != third
    press(qtbot, Qt.Key.Key_K)
    assert today.lead_id == third
    ledger.check(third)
    table = today.queue.table
    rect = table.visualRect(today.model.index(today.queue.current_row(), 0))
    click(qtbot, table.viewport(), rect.center())
    assert today.lead_id == third
    press(qtbot, Qt.Key.Key_R)
    ledger.check(third, replied=1)
    press(qtbot, Qt.Key.Key_O)
    ledger.check(third, ordered=1)

    # 4th: Ctrl+Enter, a template click and a line click, then Ctrl+C and N.
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert today.queue.current_row() == 3
    fourth = ledger.current()
    assert fourth != third
    if today.scripts.model.rowCount():
        click_template(qtbot, desk, 0)
    lines = clean_lines(desk)
    if lines:
        click(qtbot, today.scripts.body.rows[lines[0]])
        assert today.scripts.body.current == lines[0]
        press(qtbot, Qt.Key.Key_C, CTRL)
        ledger.check(fourth, sent_line=1)
    press(qtbot, Qt.Key.Key_N)
    ledger.check(fourth, no_reply=1)
    assert today.lead_id == fourth


@pytest.mark.parametrize("demo_leads", [240])  # a list longer than the screen
def test_the_list_stays_where_it_was_after_a_write(qtbot: QtBot, desk: Desk) -> None:
    """Far down the list, a copy or an outcome neither moves the row nor scrolls."""
    today, table = desk.today, desk.today.queue.table
    desk.activate(qtbot)
    today.queue.set_scope(qm.WHEN_ALL)  # every customer: longer than the screen
    last = today.model.rowCount() - 1
    assert last > 15
    target = last - 3
    today.queue.select_row(target)
    today.queue.focus_table()
    scroll = table.verticalScrollBar().value()
    assert scroll > 0
    lead = today.lead_id
    assert lead is not None

    for key in (Qt.Key.Key_N, Qt.Key.Key_R):
        press(qtbot, key)
        assert today.lead_id == lead
        assert today.queue.current_row() == target
        assert table.verticalScrollBar().value() == scroll
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert today.queue.current_row() == target + 1
