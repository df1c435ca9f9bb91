"""今日 on an office PC: at 1366×728 (a 1366×768 screen less its taskbar) the queue,
the current script line with its three questions and the outcome buttons are all
on screen without scrolling, and nothing moves between customers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from test_today_support import Desk

from operator_app.data.workspace_types import QueueRow
from operator_app.ui.theme import apply_fonts, load_style_sheet

# The desk / workspace_ctx fixtures.
pytest_plugins = ["test_today_support"]

OFFICE_WIDTH, OFFICE_HEIGHT = 1366, 728
PENDING_HOOKS = ("send_friend_request", "friend_request_pending")


@pytest.fixture
def office_look(qapp: QApplication) -> Iterator[None]:
    """The app's fonts and style sheet, as the real window has them (they set the sizes)."""
    font, sheet = qapp.font(), qapp.styleSheet()
    apply_fonts(qapp)
    qapp.setStyleSheet(load_style_sheet())
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


def on_screen(widget: QWidget, window: QWidget) -> QRect:
    """``widget``'s rectangle in window coordinates, after checking it is shown."""
    assert widget.isVisible(), widget.objectName()
    assert widget.width() > 0 and widget.height() > 0, widget.objectName()
    top_left = widget.mapTo(window, QPoint(0, 0))
    return QRect(top_left, widget.size())


def assert_inside(widget: QWidget, area: QWidget, window: QWidget) -> None:
    rect, bounds = on_screen(widget, window), on_screen(area, window)
    assert bounds.contains(rect), (widget.objectName(), rect, area.objectName(), bounds)


def settle(qtbot: QtBot, desk: Desk) -> None:
    desk.window.resize(OFFICE_WIDTH, OFFICE_HEIGHT)
    desk.activate(qtbot)
    qtbot.waitUntil(lambda: desk.window.size().height() == OFFICE_HEIGHT)
    QApplication.processEvents()  # the layouts' pending requests


def scripted(desk: Desk) -> QueueRow:
    """A listed customer whose suggested hook has a script of three lines or more."""
    hooks = {t.hook_key for t in desk.ws.templates() if len(t.lines) >= 3}
    return next(r for r in desk.shown() if r.hook_key in hooks)


def test_queue_line_questions_and_outcomes_fit_at_1366_by_728(
    office_look: None, qtbot: QtBot, desk: Desk
) -> None:
    window, today = desk.window, desk.today
    settle(qtbot, desk)
    desk.select(scripted(desk))
    QApplication.processEvents()

    assert window.minimumSizeHint().width() <= OFFICE_WIDTH, "no wider than the screen"
    assert window.width() == OFFICE_WIDTH
    assert_inside(today.queue.table, window.centralWidget(), window)
    assert today.queue.table.rowAt(0) == 0 and today.queue.table.rowAt(200) > 0
    assert_inside(today.outcome_bar, window.centralWidget(), window)
    for button in today.outcome_bar.buttons:
        if button.defaultAction().isVisible():
            assert_inside(button, today.outcome_bar, window)
    body = today.scripts.body
    assert today.detail_view.tabs.currentWidget() is today.scripts
    viewport = today.scripts.lines_scroll.viewport()
    assert today.scripts.lines_scroll.verticalScrollBar().value() == 0
    for answer in body.questions.answers:
        assert_inside(answer, viewport, window)
    assert body.current == 0
    assert_inside(body.rows[0], viewport, window)
    assert_inside(body.rows[0].copy_button, viewport, window)


def test_nothing_moves_between_customers(office_look: None, qtbot: QtBot, desk: Desk) -> None:
    """A customer with the 已发申请 button and one without: same counts row, same panes."""
    window, today = desk.window, desk.today
    settle(qtbot, desk)
    rows = today.model.all_rows()
    pending = next(r for r in desk.shown() if r.hook_key in PENDING_HOOKS)
    friend = next(
        r for r in desk.shown() if desk.ws.lead_detail(r.lead_id).friend_status == "accepted"
    )
    shown_label = today.queue.shown_label

    def layout() -> tuple[object, ...]:
        QApplication.processEvents()
        return (
            shown_label.height(),
            on_screen(shown_label, window),
            today.splitter.sizes(),
            [on_screen(b, window) for b in today.outcome_bar.buttons[:5]],
            on_screen(today.outcome_bar, window),
        )

    desk.select(friend)
    assert not today.commands.friend_request.isVisible()
    before = layout()
    desk.select(pending)
    assert today.commands.friend_request.isVisible()
    assert layout() == before
    desk.select(friend)
    assert layout() == before
    assert len(rows) > 0 and shown_label.text().count("\n") == 0
    assert shown_label.height() <= 2 * shown_label.fontMetrics().height()


def test_an_operator_sees_no_database_counts_in_the_header(desk: Desk) -> None:
    """Counts of the whole database (线索 2,000 条) are for team leads only."""
    header = desk.window.header
    assert desk.window.is_loaded
    assert header.counts_label.text() == "" and header.counts_label.toolTip() == ""
    assert header.name_label.text() == "王芳"
