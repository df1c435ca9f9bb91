"""The script panel: filled-in lines, missing values highlighted, broken placeholders
marked, copying, and the template list."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from operator_app.data.workspace_types import TemplateLineView, TemplateView
from operator_app.ui.script_panel import ScriptPanel
from operator_app.ui.template_list_model import TemplateListModel

LEAD = uuid.UUID(int=7)
VALUES = {"name": "王女士", "operator": "王芳", "brand": "鲜到家"}


def template(key: str, hook: str, lines: list[str], title: str = "") -> TemplateView:
    return TemplateView(
        id=uuid.uuid5(uuid.NAMESPACE_DNS, key),
        key=key,
        hook_key=hook,
        hook_name={"coupon_expiry": "优惠券到期", "address_confirm": "地址确认"}[hook],
        title=title or key,
        purpose="提醒客户用券",
        customer_thinks="还有券？差点忘了",
        desired_reply="问怎么用",
        lines=[TemplateLineView(n + 1, text) for n, text in enumerate(lines)],
    )


COUPON = template(
    "coupon_a",
    "coupon_expiry",
    [
        "{name}您好，我是{brand}的{operator}",
        "您有一张{coupon_amount}元的券快到期了",
        "坏的占位符{name.__class__}别发",
    ],
    "券快到期",
)
ADDRESS = template("address_a", "address_confirm", ["{name}，跟您核对下地址"], "地址核对")


@pytest.fixture
def panel(qtbot: QtBot, zh_cn: object) -> ScriptPanel:
    panel = ScriptPanel()
    qtbot.addWidget(panel)
    panel.set_templates([ADDRESS, COUPON])
    panel.set_lead(LEAD, VALUES, "coupon_expiry")
    return panel


def test_the_suggested_hooks_templates_are_listed(panel: ScriptPanel) -> None:
    assert panel.model.rowCount() == 1
    assert panel.current_template() == COUPON
    panel.all_hooks.setChecked(True)
    assert panel.model.rowCount() == 2
    assert panel.model.template_at(0) == COUPON, "the suggested hook's templates come first"


def test_lines_are_filled_and_missing_values_highlighted(panel: ScriptPanel) -> None:
    texts = panel.line_texts()
    assert texts[0] == "王女士您好，我是鲜到家的王芳"
    assert texts[1] == "您有一张缺：优惠券金额元的券快到期了"
    assert all("{" not in text for text in texts), "never a raw placeholder"
    missing_html = panel.body.rows[1].text_label.text()
    assert "「缺：优惠券金额」" in missing_html and "background-color:#ffe7ba" in missing_html


def test_an_invalid_placeholder_is_a_red_marker_and_is_never_copied(
    panel: ScriptPanel, qtbot: QtBot
) -> None:
    marker = panel.body.rows[2].text_label.text()
    assert "无效占位符" in marker and "background-color:#ffccc7" in marker
    QApplication.clipboard().setText("before")
    with qtbot.assertNotEmitted(panel.line_copied):
        assert panel.pick_line(2)
        assert not panel.copy_current_line()
    assert QApplication.clipboard().text() == "before"
    assert "第 3 句有错误的占位符" in panel.status.text()


def test_copy_puts_the_rendered_line_on_the_clipboard(panel: ScriptPanel, qtbot: QtBot) -> None:
    with qtbot.waitSignal(panel.line_copied) as sent:
        qtbot.mouseClick(panel.body.rows[0].copy_button, Qt.MouseButton.LeftButton)
    assert sent.args == [LEAD, COUPON.id, 1]
    assert QApplication.clipboard().text() == "王女士您好，我是鲜到家的王芳"
    assert panel.body.current == 1
    assert panel.status.text() == "已复制第 1 句。"

    # Line 2 needs a coupon amount this customer does not have: nothing is
    # copied or logged, and the operator is told to give a coupon first.
    with qtbot.assertNotEmitted(panel.line_copied):
        assert not panel.copy_current_line()
    assert QApplication.clipboard().text() == "王女士您好，我是鲜到家的王芳"
    assert "优惠券金额" in panel.status.text() and "先给客户发优惠券" in panel.status.text()


def test_nothing_is_copied_while_the_next_customer_loads(panel: ScriptPanel, qtbot: QtBot) -> None:
    panel.set_copy_enabled(False)
    with qtbot.assertNotEmitted(panel.line_copied):
        assert not panel.copy_current_line()
    assert not panel.body.rows[0].copy_button.isEnabled()
    assert "还在加载" in panel.status.text()
    panel.set_copy_enabled(True)
    assert panel.copy_current_line()


def test_the_same_lead_keeps_its_script_when_the_suggestion_moves_on(panel: ScriptPanel) -> None:
    panel.pick_line(1)
    panel.set_lead(LEAD, VALUES | {"coupon_amount": "10"}, "address_confirm")
    assert panel.current_template() == COUPON and panel.body.current == 1
    assert panel.line_texts()[1] == "您有一张10元的券快到期了"

    panel.set_lead(uuid.UUID(int=8), VALUES, "address_confirm")
    assert panel.current_template() == ADDRESS and panel.body.current == 0


def test_search_narrows_the_list(panel: ScriptPanel) -> None:
    panel.all_hooks.setChecked(True)
    panel.search.setText("地址")
    assert [panel.model.template_at(r) for r in range(panel.model.rowCount())] == [ADDRESS]
    panel.search.setText("没有这个词")
    assert panel.model.rowCount() == 0
    assert panel.body.title.text() == "没有符合条件的话术。"
    assert not panel.copy_current_line()


def test_library_mode_shows_placeholders_neutrally_and_offers_no_copy(
    qtbot: QtBot, zh_cn: object
) -> None:
    library = ScriptPanel(library=True)
    qtbot.addWidget(library)
    library.set_templates([ADDRESS, COUPON])
    assert library.model.rowCount() == 2
    html = library.body.rows[0].text_label.text()
    assert "〔客户称呼〕" in html and "缺" not in html
    assert not library.body.rows[0].copy_button.isVisibleTo(library)
    assert not library.custom_button.isVisibleTo(library)
    answers = library.body.questions.texts()
    assert (
        "目的" in answers[0] and "客户会怎么想" in answers[1] and "希望客户回复什么" in answers[2]
    )


def test_the_template_list_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = TemplateListModel()
    model.set_templates([ADDRESS, COUPON])
    qtmodeltester.check(model)
    model.set_scope("coupon_expiry", all_hooks=False, search="")
    qtmodeltester.check(model)
    assert model.rowCount() == 1
