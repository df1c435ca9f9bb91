"""The 业绩 page driven like a team lead (and an operator): period, drill-down, export."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text

from operator_app.config import AppConfig
from operator_app.context import AppContext, prepare_workspace
from operator_app.core.analytics import METRICS, TEAM_ROW, PeriodKind
from operator_app.data.db import make_engine
from operator_app.data.queries import OperatorInfo, find_operator
from operator_app.data.seed import seed_demo
from operator_app.ui import performance_models as pm
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.main_window import MainWindow
from operator_app.ui.performance_page import PerformancePage, ReportSource
from operator_app.ui.runner import SyncRunner

NOW = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)  # noon in Shanghai
LEADS = 2000  # a month of the demo: enough sends per line to judge the scripts
NASTY_NAMES = {
    "wangfang": '=HYPERLINK("http://evil.example","点我")',
    "lijing": "@SUM(1+1)",
    "zhouhao": "+86 138",
}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded demo team for the module; tests that change it work on a copy."""
    path = tmp_path_factory.mktemp("perf") / "shared.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    from operator_app.data import migrate

    migrate.upgrade_to_head(engine)
    seed_demo(engine, leads=LEADS, days=60, seed=7, now=NOW)
    engine.dispose()
    return path


@pytest.fixture
def engine(demo_file: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{demo_file}")
    yield engine
    engine.dispose()


def person(engine: Engine, login: str) -> OperatorInfo:
    found = find_operator(engine, login)
    assert found is not None
    return found


@pytest.fixture
def make_page(qtbot: QtBot, engine: Engine, zh_cn: object) -> Callable[..., PerformancePage]:
    def make(
        login: str = "zhaomin", runner: Any = None, source_engine: Any = "same"
    ) -> PerformancePage:
        source = ReportSource(
            engine if source_engine == "same" else source_engine,
            person(engine, login),
            clock=lambda: NOW,
        )
        page = PerformancePage(source, runner or SyncRunner(), ErrorReporter(interactive=False))
        qtbot.addWidget(page)
        page.resize(1200, 620)
        page.show()
        page.start()
        return page

    return make


def cells(page: PerformancePage, login: str) -> dict[str, Any]:
    model, report = page.model, page.report
    assert report is not None
    wanted = next(r for r in report.rows if r.login == login)
    for r in range(model.rowCount()):
        if model.row_at(r) is wanted:
            return {m.key: model.index(r, page.metric_column(m.key)) for m in METRICS}
    raise AssertionError(login)


def row_index(page: PerformancePage, login: str) -> QModelIndex:
    for r in range(page.proxy.rowCount()):
        row = page.proxy.index(r, 0).data(pm.ROW_ROLE)
        if row is not None and row.login == login:
            return page.proxy.index(r, 0)
    raise AssertionError(login)


# -- what a team lead sees ---------------------------------------------------------------------


def test_the_team_lead_sees_the_operator_below_average(
    make_page: Callable[..., PerformancePage],
) -> None:
    page = make_page()
    assert page.heading.text() == "团队业绩"
    assert page.period_box.currentText() == "近 30 天"
    assert page.period_label.text().startswith("2026-10-22 至 2026-11-20（共 30 天")
    names = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert names[-1] == "团队均值" and "刘洋" in names and len(names) == 6
    assert names[-2] in ("Team total", "团队合计")  # English until the translations are merged
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(12)]
    assert headers[:5] == ["运营", "分配线索", "触达客户", "发送消息", "回复率"]
    liuyang = cells(page, "liuyang")
    for key in ("reply_rate", "first_order_rate"):
        gap = liuyang[key].data(pm.GAP_ROLE)
        assert gap is not None and gap.unit == "points" and gap.amount >= 3
        tip = liuyang[key].data(Qt.ItemDataRole.ToolTipRole)
        assert tip.startswith(f"低于均值 {gap.amount} 个百分点")
        assert liuyang[key].data(Qt.ItemDataRole.BackgroundRole) is not None
    best = cells(page, "lijing")["reply_rate"]
    assert best.data(pm.GAP_ROLE) is None and best.data(Qt.ItemDataRole.BackgroundRole) is None
    total = page.report.total  # type: ignore[union-attr]
    assert total is not None
    assert f"¥{total.value('revenue'):,.2f}" in page.summary.text()  # the table's own total


def test_leads_assigned_is_never_tinted_and_thin_rates_say_so(
    make_page: Callable[..., PerformancePage],
) -> None:
    page = make_page()
    column = page.metric_column("leads_assigned")
    for r in range(page.model.rowCount()):
        cell = page.model.index(r, column)
        assert cell.data(pm.GAP_ROLE) is None
        assert cell.data(Qt.ItemDataRole.BackgroundRole) in (None, pm.AVERAGE_BACKGROUND)
    assert "never coloured" in page.legend.text() or "从不着色" in page.legend.text()
    # a rate on fewer than 20 customers says so in its tooltip
    report = page.report
    assert report is not None
    for r in range(page.model.rowCount()):
        row = page.model.row_at(r)
        if row.is_average:
            continue
        for key in ("wechat_rate", "group_rate", "repurchase_rate", "first_order_rate"):
            base = row.base(key)
            tip = page.model.index(r, page.metric_column(key)).data(Qt.ItemDataRole.ToolTipRole)
            assert (base is not None and base < 20) == ("Few customers" in tip or "少" in tip)


def test_the_line_customers_stop_after_is_marked(make_page: Callable[..., PerformancePage]) -> None:
    page = make_page()
    assert page.scope_label.text() == "漏斗与话术：整个团队"
    assert "“加个微+年度囤货套餐”第 2 句" in page.worst_label.text()
    model = page.lines_model
    worst = [
        model.row_at(r)
        for r in range(model.rowCount())
        if model.index(r, 0).data(pm.VERDICT_ROLE) == "worst"
    ]
    assert [(w.template_key, w.line_no) for w in worst] == [("invite_wechat_a", 2)]
    r = [model.row_at(i) for i in range(model.rowCount())].index(worst[0])
    assert model.index(r, 6).data() == "流失最多"
    assert model.index(r, 0).data().startswith("第 2 句：")
    tip = model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "95% 置信区间" in tip
    assert worst[0].text.split("{")[0] in tip  # the whole line, on hover too
    # who sent it: every operator with their count, together the line's sends
    senders = tip.splitlines()[-1]
    sent = [
        int(part.rsplit(" ", 1)[1])
        for part in senders.split("：" if "：" in senders else ": ", 1)[1].split(", ")
    ]
    assert sum(sent) == worst[0].sent
    assert worst[0].text.split("{")[0][:20] in page.worst_label.text()  # the line itself
    assert page.worst_label.toolTip()
    funnel = page.funnel.steps()
    # all channels start at friends added; each step within the one before
    assert [label.split()[0] for label, _ in funnel] == ["加好友", "首单", "复购"]
    team = page.report.funnels[TEAM_ROW]  # type: ignore[union-attr]
    assert funnel[0][1] == team.step("friends").count
    assert page.detail.select_channel("包裹卡")
    package = page.funnel.steps()
    assert [label.split()[0] for label, _ in package] == ["包裹", "加好友", "首单", "复购"]
    counts = [v for _, v in package]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0


def test_every_model_passes_the_model_tester(
    make_page: Callable[..., PerformancePage], qtmodeltester: ModelTester
) -> None:
    page = make_page()
    for model in (page.model, page.proxy, page.lines_model, page.hooks_model, page.breakdown_model):
        qtmodeltester.check(model)
    page.model.set_report(None)
    qtmodeltester.check(page.model)


def test_sorting_keeps_the_team_average_last(make_page: Callable[..., PerformancePage]) -> None:
    page = make_page()
    column = page.metric_column("reply_rate")
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        page.table.sortByColumn(column, order)
        shown = [page.proxy.index(r, column).data(pm.SORT_ROLE) for r in range(4)]
        assert shown == sorted(shown, reverse=order == Qt.SortOrder.DescendingOrder)
        assert page.proxy.index(4, 0).data() in ("Team total", "团队合计")
        assert page.proxy.index(5, 0).data() == "团队均值"
    page.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert page.proxy.index(0, 0).data() == "刘洋"  # the lowest reply rate first


# -- period --------------------------------------------------------------------------------------


def test_changing_the_period_recalculates(
    qtbot: QtBot, make_page: Callable[..., PerformancePage]
) -> None:
    page = make_page()
    month = page.report
    index = page.period_box.findData(PeriodKind.LAST_7)
    with qtbot.waitSignal(page.report_shown):
        page.period_box.setCurrentIndex(index)
        page.period_box.activated.emit(index)
    assert page.report is not month and page.report.period.days == 7  # type: ignore[union-attr]
    assert page.period_label.text().startswith("2026-11-14 至 2026-11-20（共 7 天")
    assert not page.first_edit.isVisible()
    with qtbot.waitSignal(page.report_shown):
        page.set_period(PeriodKind.CUSTOM, date(2026, 11, 1), date(2026, 11, 10))
    assert page.first_edit.isVisible() and page.last_edit.isVisible()
    assert page.report.period.days == 10  # type: ignore[union-attr]
    assert page.notice.isHidden()


def test_a_future_and_an_empty_period_say_so_without_nan(
    make_page: Callable[..., PerformancePage],
) -> None:
    page = make_page()
    page.set_period(PeriodKind.CUSTOM, date(2026, 12, 1), date(2026, 12, 31))
    assert page.notice.text() == "所选时段还没开始，暂无数据。"
    page.set_period(PeriodKind.CUSTOM, date(2025, 1, 1), date(2025, 1, 31))
    assert page.notice.text() == "所选时段内没有任何数据。"
    texts = [
        page.model.index(r, c).data()
        for r in range(page.model.rowCount())
        for c in range(page.model.columnCount())
    ]
    assert "—" in texts and not any("nan" in t.lower() for t in texts)
    assert page.lines_model.rowCount() == 0
    assert page.worst_label.text().startswith("没有哪一句明显比其他句子差")
    assert "—" in page.summary.text() and "nan" not in page.summary.text().lower()


def test_a_slow_old_result_never_overwrites_a_newer_one(
    make_page: Callable[..., PerformancePage],
) -> None:
    class Deferred:
        def __init__(self) -> None:
            self.jobs: list[tuple[Any, Any, Any]] = []

        def run_op(self, op: Any, on_done: Any, on_error: Any) -> None:
            self.jobs.append((op, on_done, on_error))

        def finish(self, i: int) -> None:
            op, done, failed = self.jobs[i]
            try:
                done(op())
            except Exception as exc:  # noqa: BLE001 (hand it over as the runner would)
                failed(exc)

    runner = Deferred()
    page = make_page(runner=runner)
    assert page.progress.isVisible() and page.report is None  # the page is not frozen: waiting
    page.set_period(PeriodKind.LAST_7)
    runner.finish(1)
    assert page.report is not None and page.report.period.days == 7
    runner.finish(0)  # the 30-day result arrives late, and was cancelled anyway
    assert page.report.period.days == 7
    assert not page.progress.isVisible()


# -- drill-down -----------------------------------------------------------------------------------


def test_clicking_an_operator_drills_down_to_their_funnel_and_lines(
    qtbot: QtBot, make_page: Callable[..., PerformancePage]
) -> None:
    page = make_page()
    report = page.report
    assert report is not None
    index = row_index(page, "liuyang")
    rect = page.table.visualRect(index)
    with qtbot.waitSignal(page.trend_shown):
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    liuyang = next(r for r in report.rows if r.login == "liuyang")
    assert liuyang.operator_id is not None
    assert page.scope == liuyang.operator_id
    assert page.scope_label.text() == "漏斗与话术：刘洋"
    assert page.team_button.isVisible()
    mine = report.funnels[liuyang.operator_id]
    assert [v for _, v in page.funnel.steps()] == [s.count for s in mine.steps]
    sent = sum(s.sent for t in report.templates[liuyang.operator_id] for s in t.lines)
    shown = sum(
        int(page.lines_model.row_at(r).sent)
        for r in range(page.lines_model.rowCount())
        if page.lines_model.index(r, 0).data(pm.VERDICT_ROLE) is not None
    )
    assert shown == sent
    her_orders = sum(v for _, v in page.trend.points("订单"))
    assert her_orders == liuyang.value("orders")
    qtbot.mouseClick(page.team_button, Qt.MouseButton.LeftButton)
    assert page.scope is None and page.scope_label.text() == "漏斗与话术：整个团队"
    assert sum(v for _, v in page.trend.points("订单")) >= her_orders


def test_the_breakdown_tab_follows_the_selection(make_page: Callable[..., PerformancePage]) -> None:
    page = make_page()
    model = page.breakdown_model
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles[0] in (
        "Sales to new customers = first-order sales + repeat sales",
        "新客销售额 = 首单销售额 + 复购销售额",
    )
    assert titles[2] == "新好友 = 包裹数 × 吸粉率 + 其他渠道"  # translated already
    report = page.report
    assert report is not None
    biggest = report.breakdowns[TEAM_ROW].biggest
    marked = [
        r for r in range(model.rowCount()) if model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole)
    ]
    assert [model.row_at(r).key for r in marked] == [biggest]


# -- export --------------------------------------------------------------------------------------


@pytest.fixture
def nasty_engine(demo_file: Path, tmp_path: Path) -> Iterator[Engine]:
    """A copy of the demo whose operators are called like spreadsheet formulas."""
    copy = tmp_path / "nasty.sqlite3"
    copy.write_bytes(demo_file.read_bytes())
    engine = make_engine(f"sqlite:///{copy}")
    with engine.begin() as conn:
        for login, name in NASTY_NAMES.items():
            conn.execute(
                text("UPDATE operator SET name = :n WHERE login = :l"), {"n": name, "l": login}
            )
    yield engine
    engine.dispose()


def test_export_to_xlsx_neutralises_formulas_and_keeps_numbers(
    qtbot: QtBot, make_page: Callable[..., PerformancePage], nasty_engine: Engine, tmp_path: Path
) -> None:
    page = make_page(source_engine=nasty_engine)
    target = tmp_path / "业绩.xlsx"
    with qtbot.waitSignal(page.exported):
        page.export_table(target)
    sheet = load_workbook(target).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("运营", "分配线索", "触达客户")
    names = [r[0] for r in rows[1:]]
    assert "'" + NASTY_NAMES["wangfang"] in names and "'@SUM(1+1)" in names and "'+86 138" in names
    assert names[-1] == "团队均值"
    for row in sheet.iter_rows(min_row=2, max_col=1):
        assert row[0].data_type == "s"  # text, never a formula
    liuyang = next(r for r in rows if r[0] == "刘洋")
    report = page.report
    assert report is not None
    expected = next(r for r in report.rows if r.login == "liuyang")
    assert liuyang[1] == expected.value("leads_assigned")
    assert liuyang[4] == pytest.approx(expected.value("reply_rate"))
    assert sheet.cell(row=2, column=5).number_format == "0.0%"
    assert page.notice.text() == f"已保存到 {target}"
    # the whole review: a sheet per table, the same numbers as the page, native charts
    book = load_workbook(target)
    assert book.sheetnames[1:] == [
        "funnel",
        "breakdown",
        "lines",
        "hooks",
        "trend",
        "reconciliation",
    ]
    team = report.funnels[TEAM_ROW]
    funnel = [r for r in book["funnel"].iter_rows(min_row=2, values_only=True) if r[0] == "all"]
    assert [(r[1], r[2]) for r in funnel][: len(team.steps)] == [
        (s.key, s.count) for s in team.steps
    ]
    assert len(book["funnel"]._charts) == 1 and len(book["trend"]._charts) == 1
    texts = [r[2] for r in book["lines"].iter_rows(min_row=2, values_only=True)]
    assert all(t is not None and not t.startswith("=") for t in texts)
    worst = [s.text for t in report.templates[TEAM_ROW] for s in t.lines if s.verdict == "worst"]
    assert worst and worst[0] in texts  # the whole line, not cut
    sales = next(r for r in book["breakdown"].iter_rows(min_row=2, values_only=True))
    assert sales[0] == "sales" and sales[1] == pytest.approx(
        report.breakdowns[TEAM_ROW]["sales"].current
    )


def test_export_to_csv_is_utf8_with_bom_and_neutralised(
    qtbot: QtBot,
    make_page: Callable[..., PerformancePage],
    nasty_engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = make_page(source_engine=nasty_engine)
    target = tmp_path / "业绩"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(page.exported):
        page.export_csv_action.trigger()
    written = target.with_suffix(".csv")
    raw = written.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][0] == "运营"
    names = [r[0] for r in rows[1:]]
    assert "'" + NASTY_NAMES["wangfang"] in names and "'@SUM(1+1)" in names
    assert not any(n.startswith(("=", "+", "-", "@")) for n in names)
    liuyang = next(r for r in rows if r[0] == "刘洋")
    assert liuyang[4].endswith("%") and "¥" not in liuyang[10]


# -- an operator, offline, in the window ----------------------------------------------------------


def test_an_operator_sees_only_their_own_figures(make_page: Callable[..., PerformancePage]) -> None:
    page = make_page("liuyang")
    assert page.heading.text() == "我的数据"
    names = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert names == ["刘洋", "团队均值"]
    report = page.report
    assert report is not None and {r.login for r in report.rows} == {"liuyang"}
    assert page.scope_label.text() == "你的漏斗和话术" and not page.team_button.isVisible()
    assert set(report.templates) == {report.rows[0].operator_id}
    gap = cells(page, "liuyang")["reply_rate"].data(pm.GAP_ROLE)
    assert gap is not None  # she is told she is below the average
    page.table.setCurrentIndex(page.proxy.index(1, 0))  # the average row: still her own
    assert page.scope == report.rows[0].operator_id


def test_offline_the_page_says_it_needs_the_shared_database(
    qtbot: QtBot, make_page: Callable[..., PerformancePage]
) -> None:
    page = make_page(source_engine=None)
    assert page.notice.text().startswith("业绩需要读取共享数据库")
    assert not page.period_box.isEnabled() and page.report is None


def test_the_window_shows_the_page_by_role(
    qtbot: QtBot, demo_config: AppConfig, open_ctx: Callable[[AppConfig], AppContext], zh_cn: object
) -> None:
    for login, title in (("zhaomin", "业绩"), ("wangfang", "我的数据")):
        demo_config.operator_login = login
        ctx = open_ctx(demo_config)
        window = MainWindow(
            ctx, SyncRunner(), ErrorReporter(), demo=True, workspace=prepare_workspace(ctx)
        )
        qtbot.addWidget(window)
        assert window.show_page("performance")
        nav = window.nav.model()
        assert nav.index(window.page_keys().index("performance"), 0).data() == title
        window.show()
        window.start_loading()
        assert isinstance(window.performance, PerformancePage)
        assert window.performance.report is not None  # a synchronous runner: loaded at once
        assert window.is_loaded


def test_a_failure_while_loading_is_said_on_the_page_not_a_crash(
    make_page: Callable[..., PerformancePage], tmp_path: Path
) -> None:
    broken = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")  # no tables at all
    page = make_page(source_engine=broken)
    assert page.notice.text() == "数据没能算出来。" and page.report is None
    assert not page.progress.isVisible()
    broken.dispose()
