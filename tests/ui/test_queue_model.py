"""The queue model: correct under qtmodeltester, filters and sorts, and 100k rows stay light."""

from __future__ import annotations

import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from operator_app.data.workspace_types import QueueRow
from operator_app.ui import phrases
from operator_app.ui import queue_model as qm
from operator_app.ui.queue_model import QueueFilter, QueueModel, matching_rows
from operator_app.ui.queue_panel import QueuePanel

NOW = datetime(2024, 3, 5, 6, 0, tzinfo=UTC)  # 14:00 in Shanghai
HOOKS = [("address_confirm", "地址确认"), ("invite_wechat", "入个微"), ("coupon_expiry", "优惠券")]
STAGES = ["新客户", "初步沟通", "意向客户"]
CHANNELS = ["包裹卡", "抖音直播"]
TAGS = [(), ("爱水果",), ("高活跃低复购", "爱水果")]


def make_rows(n: int, now: datetime = NOW) -> list[QueueRow]:
    """``n`` varied queue rows: overdue, due later, nothing open, touched or not."""
    rows = []
    for i in range(n):
        hook_key, hook_name = HOOKS[i % len(HOOKS)]
        open_hook = i % 7 != 6
        due = now + timedelta(hours=(i % 50) - 10) if open_hook else None
        rows.append(
            QueueRow(
                lead_id=uuid.UUID(int=i + 1),
                name=f"客户{i:06d}",
                phone_masked=f"138****{i % 10000:04d}",
                phone_digits=f"138{i:08d}",
                channel=CHANNELS[i % len(CHANNELS)],
                stage=STAGES[i % len(STAGES)],
                tags=TAGS[i % len(TAGS)],
                hook_key=hook_key if open_hook else None,
                hook_name=hook_name if open_hook else "",
                due_at=due,
                original_due_at=due,
                priority=90 - i % 30,
                reason=f"原因 {i}",
                pacing_note="",
                expected_reply_rate=0.82 if open_hook else None,
                sample_size=120,
                last_touch_at=None if i % 4 == 0 else now - timedelta(days=i % 9),
            )
        )
    return rows


def shown(model: QueueModel) -> list[QueueRow]:
    return [row for r in range(model.rowCount()) if (row := model.row_at(r)) is not None]


@pytest.fixture
def model(qtbot: QtBot) -> QueueModel:
    model = QueueModel(clock=lambda: NOW)
    model.set_rows(make_rows(200))
    return model


def test_the_model_passes_qtmodeltester(qtmodeltester: ModelTester, model: QueueModel) -> None:
    qtmodeltester.check(model)
    model.set_filter(QueueFilter(hook_key="invite_wechat", text="1"))
    qtmodeltester.check(model)
    model.sort(qm.COL_DUE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_cells_read_as_an_operator_says_them(model: QueueModel, zh_cn: object) -> None:
    overdue = model.index(10 - 1 - 9, qm.COL_DUE)  # row 0: due 10 hours ago
    assert overdue.data() == "逾期 10 小时"
    assert overdue.data(qm.OVERDUE_ROLE) is True
    assert overdue.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, qm.COL_RATE).data() == "82%（n=120）"
    assert model.index(0, qm.COL_LAST).data() == "从未联系"
    assert model.index(1, qm.COL_LAST).data() == "昨天"
    assert model.index(2, qm.COL_LAST).data() == "2 天前"
    assert model.index(6, qm.COL_HOOK).data() == "暂无钩子"
    assert model.index(6, qm.COL_RATE).data() == "—"
    assert model.index(0, qm.COL_PHONE).data() == "138****0000"
    row = model.index(3, 0).data(qm.ROW_ROLE)
    assert isinstance(row, QueueRow) and model.index(3, 0).data(qm.LEAD_ID_ROLE) == row.lead_id


def test_due_today_and_tomorrow(qtbot: QtBot, zh_cn: object) -> None:
    local_now = datetime(2024, 3, 5, 8, 30).astimezone()  # this PC's zone, morning
    model = QueueModel(clock=lambda: local_now)
    rows = make_rows(1, local_now)
    today = local_now.replace(hour=14, minute=0)
    tomorrow = (local_now + timedelta(days=1)).replace(hour=9, minute=0)
    model.set_rows(
        [
            _due(rows[0], today),
            _due(rows[0], tomorrow),
            _due(rows[0], local_now - timedelta(minutes=45)),
            _due(rows[0], local_now - timedelta(minutes=5)),
        ]
    )
    texts = [model.index(r, qm.COL_DUE).data() for r in range(4)]
    assert texts[:3] == ["今天 14:00", "明天 09:00", "逾期 45 分钟"]
    # Within the grace it is due now (待办), not yet overdue.
    assert not texts[3].startswith("逾期") and not model.index(3, 0).data(qm.OVERDUE_ROLE)


def _due(row: QueueRow, at: datetime) -> QueueRow:
    return replace(row, lead_id=uuid.uuid4(), due_at=at, original_due_at=at)


def test_filters_combine(model: QueueModel) -> None:
    rows = model.all_rows()
    flt = QueueFilter(hook_key="address_confirm", stage="新客户", channel="包裹卡", tag="爱水果")
    expected = [
        r
        for r in rows
        if r.hook_key == "address_confirm"
        and r.stage == "新客户"
        and r.channel == "包裹卡"
        and "爱水果" in r.tags
    ]
    model.set_filter(flt)
    assert shown(model) == expected


def test_search_by_name_or_the_last_digits(model: QueueModel) -> None:
    model.set_filter(QueueFilter(text="0042"))
    assert [r.phone_digits for r in shown(model)] == ["13800000042"]
    model.set_filter(QueueFilter(text="客户00019"))
    names = [r.name for r in shown(model)]
    assert names == [f"客户00019{d}" for d in range(10)]


def test_sorting_and_back_to_the_queue_order(model: QueueModel) -> None:
    original = list(model.all_rows())
    model.sort(qm.COL_NAME, Qt.SortOrder.DescendingOrder)
    assert shown(model)[0].name == "客户000199"
    model.sort(qm.COL_LAST, Qt.SortOrder.AscendingOrder)
    assert model.index(0, qm.COL_LAST).data(qm.SORT_ROLE) <= model.index(1, qm.COL_LAST).data(
        qm.SORT_ROLE
    )
    model.sort(-1)
    assert shown(model) == original


def test_row_of_finds_a_lead_or_says_it_is_hidden(model: QueueModel) -> None:
    target = model.all_rows()[5]
    assert model.row_of(target.lead_id) == 5
    model.set_filter(QueueFilter(text="nobody"))
    assert model.row_of(target.lead_id) == -1


def test_100k_rows_build_filter_and_show(qtbot: QtBot, capsys: pytest.CaptureFixture[str]) -> None:
    """Measured, not asserted against a clock: the numbers are printed for the record."""
    rows = make_rows(100_000)
    model = QueueModel(clock=lambda: NOW)
    panel = QueuePanel(model)  # a real table on screen, so painting is measured too
    qtbot.addWidget(panel)
    panel.resize(700, 600)
    panel.show()
    timings = {}
    start = time.perf_counter()
    model.set_rows(rows)
    panel.table.viewport().repaint()
    timings["load + paint"] = time.perf_counter() - start
    start = time.perf_counter()
    panel.table.scrollToBottom()
    panel.table.viewport().repaint()
    timings["scroll to the end + paint"] = time.perf_counter() - start
    start = time.perf_counter()
    model.set_filter(QueueFilter(text="1234"))
    timings["search digits"] = time.perf_counter() - start
    found = model.rowCount()
    start = time.perf_counter()
    model.set_filter(QueueFilter(hook_key="invite_wechat", stage="意向客户", tag="爱水果"))
    timings["three filters"] = time.perf_counter() - start
    start = time.perf_counter()
    model.set_filter(QueueFilter(text="客户0999"))
    timings["search name"] = time.perf_counter() - start
    start = time.perf_counter()
    model.set_filter(QueueFilter())
    screen = [model.index(r, c).data() for r in range(40) for c in range(qm.COLUMN_COUNT)]
    timings["clear + one screen"] = time.perf_counter() - start
    start = time.perf_counter()
    model.sort(qm.COL_DUE, Qt.SortOrder.AscendingOrder)
    timings["sort by due"] = time.perf_counter() - start

    assert model.rowCount() == 100_000 and len(screen) == 40 * qm.COLUMN_COUNT
    assert found == sum(1 for r in rows if r.phone_digits.endswith("1234") or "1234" in r.name)
    with capsys.disabled():
        print("\n100k queue rows:", ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in timings.items()))


def test_matching_rows_with_no_filter_is_everything() -> None:
    rows = make_rows(10)
    assert matching_rows(rows, QueueFilter()) == list(range(10))
    assert matching_rows(rows, QueueFilter(text="  ")) == list(range(10))


def test_patch_rows_updates_a_lead_in_place(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    model = QueueModel(clock=lambda: NOW)
    rows = make_rows(5)
    model.set_rows(rows)
    qtmodeltester.check(model)
    target = rows[2]
    changed = replace(target, hook_key="invite_group", hook_name="入社群", reason="新的理由")
    with qtbot.waitSignal(model.dataChanged):
        model.patch_rows([changed])
    assert model.row_at(2) == changed  # same place, new content
    assert [r.lead_id for r in shown(model)] == [r.lead_id for r in rows]
    model.patch_rows([replace(target, lead_id=uuid.uuid4())])  # unknown lead: ignored
    assert model.rowCount() == 5


def test_today_without_a_day_end_ends_at_local_midnight() -> None:
    """14:00 in Shanghai: due at 23:00 is today, due at 01:00 tomorrow is not,
    although both fall within 24 hours."""
    phrases.set_display_zone(ZoneInfo("Asia/Shanghai"))  # reset by the autouse fixture
    tonight = NOW + timedelta(hours=9)  # 23:00 local
    after_midnight = NOW + timedelta(hours=11)  # 01:00 local, the next day
    rows = [
        replace(make_rows(1)[0], due_at=at, original_due_at=at) for at in (tonight, after_midnight)
    ]
    assert matching_rows(rows, QueueFilter(when=qm.WHEN_TODAY), NOW) == [0]
    assert matching_rows(rows, QueueFilter(when=qm.WHEN_LATER), NOW) == [1]


def test_a_rate_on_too_few_sends_is_not_shown_as_a_percentage(qtbot: QtBot) -> None:
    """62%（n=1） read as broken: under MIN_RATE_SAMPLE sends the cell says so instead."""
    model = QueueModel(clock=lambda: NOW)
    base = make_rows(1)[0]
    samples = (0, 1, phrases.MIN_RATE_SAMPLE - 1, phrases.MIN_RATE_SAMPLE)
    model.set_rows(
        [
            replace(base, lead_id=uuid.UUID(int=n + 1), expected_reply_rate=0.62, sample_size=n)
            for n in samples
        ]
    )
    texts = [model.index(r, qm.COL_RATE).data() for r in range(len(samples))]
    assert texts == [
        "62% (prior)",
        "too few sends (n=1)",
        f"too few sends (n={phrases.MIN_RATE_SAMPLE - 1})",
        f"62% (n={phrases.MIN_RATE_SAMPLE})",
    ]
