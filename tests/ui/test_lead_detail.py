"""The lead detail: profile, masked phone, stage, tags (rule tags marked), history."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QToolButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from operator_app.data.workspace_types import (
    CouponView,
    LeadDetail,
    OrderView,
    SuggestionView,
    TagView,
    TimelineItem,
)
from operator_app.ui.detail_models import CouponsModel, OrdersModel, RowsModel, TimelineModel
from operator_app.ui.lead_detail import LeadDetailView
from operator_app.ui.phrases import MIN_RATE_SAMPLE

NOW = datetime(2024, 3, 5, 6, 0, tzinfo=UTC)
LEAD = uuid.UUID(int=42)
STAGES = [("new", "新客户"), ("first_contact", "初步沟通"), ("customer", "成交客户")]


def detail(**changes: object) -> LeadDetail:
    values: dict[str, object] = {
        "lead_id": LEAD,
        "name": "李淑芬",
        "phone_masked": "138****5678",
        "channel": "包裹卡",
        "city": "杭州",
        "stage_key": "first_contact",
        "stage_name": "初步沟通",
        "friend_status": "accepted",
        "friend_added_at": NOW - timedelta(days=10),
        "birthday": date(1990, 3, 21),
        "notes": "不吃辣",
        "next_follow_up_at": None,
        "opted_out": False,
        "owner_name": "王芳",
        "tags": [
            TagView(uuid.uuid4(), "爱水果", "#52c41a", "manual"),
            TagView(uuid.uuid4(), "重要客户", "#1664ff", "rule"),
        ],
        "orders": [
            OrderView("XD001", "阿根廷红虾", 128.0, "signed", "已签收", True, NOW, NOW),
        ],
        "coupons": [
            CouponView(10.0, NOW - timedelta(days=2), NOW + timedelta(days=28), None),
            CouponView(20.0, NOW - timedelta(days=40), NOW - timedelta(days=10), None),
        ],
        "timeline": [
            TimelineItem(uuid.uuid4(), NOW - timedelta(hours=1), "replied", "已回复", "", "王芳"),
            TimelineItem(
                uuid.uuid4(),
                NOW - timedelta(hours=2),
                "sent_line",
                "发送话术",
                "《订单地址核对》第 1 句",
                "王芳",
            ),
        ],
        "suggestions": [
            SuggestionView(
                "invite_wechat",
                "入个微",
                NOW - timedelta(hours=2),
                NOW - timedelta(hours=2),
                80,
                "客户 2 小时前回复了地址确认",
                "",
                0.82,
                120,
            ),
            SuggestionView(
                "coupon_expiry",
                "优惠券到期",
                NOW + timedelta(days=25),
                NOW + timedelta(days=25),
                75,
                "券快到期",
                "",
                0.7,
                88,
            ),
        ],
        "last_touch_text": "今天联系过",
    }
    values.update(changes)
    return LeadDetail(**values)  # type: ignore[arg-type]


@pytest.fixture
def view(qtbot: QtBot, zh_cn: object) -> LeadDetailView:
    view = LeadDetailView()
    qtbot.addWidget(view)
    view.set_stages(STAGES)
    view.show_detail(detail(), NOW)
    return view


def test_profile_with_the_phone_masked(view: LeadDetailView) -> None:
    assert view.name_label.text() == "李淑芬"
    assert view.phone_label.text() == "138****5678"
    assert view.reveal_button.text() == "显示号码"
    meta = view.meta_label.text()
    assert "包裹卡" in meta and "杭州" in meta and "已是企微好友" in meta and "生日 3月21日" in meta
    assert view.stage_combo.currentText() == "初步沟通"
    assert "上次联系：今天联系过" in view.touch_label.text()
    assert view.notes_label.text() == "不吃辣"


def test_the_suggested_hook_with_its_reason_and_rate(view: LeadDetailView) -> None:
    text = view.suggestion_label.text()
    assert "建议：入个微 · 逾期 2 小时 · 预计回复率 82%（n=120）" in text
    assert "客户 2 小时前回复了地址确认" in text
    assert "其他待跟进：优惠券到期" in text


def test_rule_tags_are_read_only_and_marked(view: LeadDetailView) -> None:
    row = view.tags_row
    assert row.chip_texts() == ["爱水果 ✕", "⚙ 重要客户"]
    manual, rule = row.chips
    assert isinstance(manual, QToolButton) and manual.toolTip() == "移除标签“爱水果”"
    assert isinstance(rule, QLabel) and "规则标签" in rule.toolTip()
    assert rule.textFormat() == Qt.TextFormat.PlainText


def test_tags_are_added_and_removed_by_signal(view: LeadDetailView, qtbot: QtBot) -> None:
    row = view.tags_row
    with qtbot.waitSignal(view.tag_change_requested) as removed:
        qtbot.mouseClick(row.chips[0], Qt.MouseButton.LeftButton)
    assert removed.args == [LEAD, "爱水果", False]

    row.input.setText(" 爱吃虾 ")  # typed (QTest types ASCII only)
    with qtbot.waitSignal(view.tag_change_requested) as added:
        qtbot.keyClick(row.input, Qt.Key.Key_Return)
    assert added.args == [LEAD, " 爱吃虾 ", True]
    # Kept until the tag is on the lead (a refused name is not lost), then cleared.
    assert row.input.text() == " 爱吃虾 "
    tags = [*detail().tags, TagView(uuid.uuid4(), "爱吃虾", "#808080", "manual")]
    view.show_detail(detail(tags=tags), NOW)
    assert row.input.text() == ""
    assert "爱吃虾 ✕" in row.chip_texts()


def test_a_tag_with_an_ampersand_reads_as_typed_and_is_no_shortcut(
    view: LeadDetailView,
) -> None:
    view.show_detail(detail(tags=[TagView(uuid.uuid4(), "买一&送一", "#808080", "manual")]), NOW)
    (chip,) = view.tags_row.chips
    assert isinstance(chip, QToolButton)
    assert view.tags_row.chip_texts() == ["买一&送一 ✕"]
    # Unescaped, "&送" would underline 送 and make Alt+送 a shortcut.
    assert QKeySequence.mnemonic(chip.text()).isEmpty()


def test_removed_chips_vanish_at_once(view: LeadDetailView) -> None:
    old = list(view.tags_row.chips)
    view.show_detail(detail(tags=[]), NOW)  # before the event loop deletes them
    assert old and all(chip.isHidden() for chip in old)
    assert view.tags_row.chips == []


def test_team_tags_are_offered_for_completion(view: LeadDetailView) -> None:
    view.show_detail(detail(tag_choices=("宝妈", "爱水果", "上班族")), NOW)
    completer = view.tags_row.input.completer()
    offered = completer.model().stringList()  # type: ignore[attr-defined]
    assert offered == ["宝妈", "上班族"]  # 爱水果 is on the lead already
    assert view.tags_row.input.maxLength() == 20
    assert "Ctrl+T" in view.tags_row.input.toolTip()


def test_ctrl_t_puts_the_keys_in_the_tag_box(view: LeadDetailView, qtbot: QtBot) -> None:
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.stage_combo.setFocus()
    assert view.add_tag_action.shortcut().toString() == "Ctrl+T"
    qtbot.keyClick(view.stage_combo, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(view.tags_row.input.hasFocus)


def test_show_number_asks_once_and_shows_the_answer(view: LeadDetailView, qtbot: QtBot) -> None:
    with qtbot.waitSignal(view.reveal_phone_requested) as asked:
        view.reveal_button.click()
    assert asked.args == [LEAD]
    assert not view.reveal_button.isEnabled()
    view.show_phone(LEAD, "+8613812345678")
    assert view.phone_label.text() == "+8613812345678"
    view.show_detail(detail(), NOW)  # a refresh after a write keeps it shown
    assert view.phone_label.text() == "+8613812345678"
    view.show_detail(detail(lead_id=uuid.UUID(int=43)), NOW)
    assert view.phone_label.text() == "138****5678"


def test_choosing_a_stage_asks_for_the_change(view: LeadDetailView, qtbot: QtBot) -> None:
    with qtbot.waitSignal(view.stage_change_requested) as asked:
        view.stage_combo.setCurrentIndex(2)
        view.stage_combo.activated.emit(2)
    assert asked.args == [LEAD, "customer"]
    with qtbot.assertNotEmitted(view.stage_change_requested):
        view.show_detail(detail(stage_key="new", stage_name="新客户"), NOW)
    assert view.stage_combo.currentText() == "新客户"


def test_orders_coupons_and_timeline(view: LeadDetailView) -> None:
    orders, coupons, timeline = view.orders_model, view.coupons_model, view.timeline_model
    assert [orders.index(0, c).data() for c in range(3)] == [
        "XD001（首单）",
        "阿根廷红虾",
        "¥128.00",
    ]
    assert coupons.index(0, 3).data() == "未使用，还剩 28 天"
    assert coupons.index(1, 3).data() == "已过期"
    assert [timeline.index(r, 1).data() for r in range(2)] == ["已回复", "发送话术"]
    assert timeline.index(1, 2).data() == "《订单地址核对》第 1 句"


def test_opted_out_and_empty_states(view: LeadDetailView) -> None:
    view.show_detail(detail(opted_out=True, suggestions=[], tags=[], notes=""), NOW)
    assert view.opted_out_label.isVisibleTo(view) and view.opted_out_label.text() == "已拒绝打扰"
    assert "暂无钩子" in view.suggestion_label.text()
    assert view.notes_label.text() == "还没有备注。"
    view.clear()
    assert view.detail is None and view.name_label.text() == "请在左侧列表中选择一位客户。"
    assert not view.reveal_button.isVisibleTo(view)


@pytest.mark.parametrize("which", ["timeline", "orders", "coupons"])
def test_detail_models_pass_qtmodeltester(qtmodeltester: ModelTester, which: str) -> None:
    d = detail()
    model: RowsModel
    if which == "timeline":
        model = TimelineModel()
        model.set_rows(d.timeline)
    elif which == "orders":
        model = OrdersModel()
        model.set_rows(d.orders)
    else:
        model = CouponsModel(now=NOW)
        model.set_rows(d.coupons)
    qtmodeltester.check(model)
    model.sort(0)
    qtmodeltester.check(model)


# The completer's popup asks the offscreen platform for what it cannot do.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_ctrl_t_on_an_empty_box_lists_every_team_tag(view: LeadDetailView, qtbot: QtBot) -> None:
    view.show_detail(detail(tag_choices=("宝妈", "爱水果", "上班族", "爱吃虾")), NOW)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    completer = view.tags_row.input.completer()

    view.add_tag_action.trigger()

    assert view.tags_row.input.hasFocus()
    assert completer.popup().isVisible()
    popup = completer.popup().model()
    listed = [popup.index(r, 0).data() for r in range(popup.rowCount())]
    assert listed == ["宝妈", "上班族", "爱吃虾"]  # 爱水果 is on the lead already


def test_a_rate_on_too_few_sends_says_so(view: LeadDetailView) -> None:
    top, *rest = detail().suggestions
    view.show_detail(detail(suggestions=[replace(top, sample_size=1), *rest]), NOW)
    text = view.suggestion_label.text()
    assert "82%" not in text and "n=1" in text  # "too few sends (n=1)", no percentage
    view.show_detail(detail(suggestions=[replace(top, sample_size=MIN_RATE_SAMPLE), *rest]), NOW)
    assert f"预计回复率 82%（n={MIN_RATE_SAMPLE}）" in view.suggestion_label.text()
