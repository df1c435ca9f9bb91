"""The 客户 page driven like a team lead (pool, reassign, undo, an operator leaving, the
countdown) and like an operator (their own customers, no moves).

Real SQLite shared file and cache with the seeded demo team; the window's runner
is synchronous, so a move, the sync after it and the list's reload run in line.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, insert, select

from operator_app.config import AppConfig
from operator_app.context import AppContext, prepare_workspace
from operator_app.data import models as m
from operator_app.errors import DatabaseUnavailable, KnownError, translatable
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.leads_dialogs import LeaverDialog, ReassignDialog
from operator_app.ui.leads_models import ROW_ROLE, Column
from operator_app.ui.leads_page import TAB_ALL, TAB_POOL, TAB_RECYCLE, LeadsPage
from operator_app.ui.main_window import MainWindow
from operator_app.ui.runner import SyncRunner
from operator_app.ui.sync_controller import SyncPhase, SyncState

LEAD = m.Lead.__table__  # type: ignore[attr-defined]
OPERATOR = m.Operator.__table__  # type: ignore[attr-defined]
EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
DAY = timedelta(days=1)
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/x"


@dataclass
class Desk:
    window: MainWindow
    page: LeadsPage
    shared: Engine

    def op_id(self, login: str) -> uuid.UUID:
        with self.shared.connect() as conn:
            return conn.execute(select(OPERATOR.c.id).where(OPERATOR.c.login == login)).scalar_one()

    def owned(self, owner: uuid.UUID | None) -> set[uuid.UUID]:
        cond = LEAD.c.owner_id.is_(None) if owner is None else LEAD.c.owner_id == owner
        with self.shared.connect() as conn:
            stmt = select(LEAD.c.id).where(cond, LEAD.c.deleted_at.is_(None))
            return set(conn.execute(stmt).scalars())

    def shown(self) -> list[uuid.UUID]:
        return list(self.page.model.ids)

    def moves_of(self, lead_id: uuid.UUID) -> list[tuple[uuid.UUID | None, dict]]:
        with self.shared.connect() as conn:
            stmt = select(EVENT.c.operator_id, EVENT.c.payload).where(
                EVENT.c.lead_id == lead_id, EVENT.c.kind == "reassigned"
            )
            return [(r[0], r[1]) for r in conn.execute(stmt.order_by(EVENT.c.occurred_at))]


def _add_pending(engine: Engine, login: str, phone: str, asked: datetime) -> uuid.UUID:
    """A customer of ``login`` whose friend request went out at ``asked``, nothing since."""
    lead_id = uuid.uuid4()
    now = datetime.now(UTC)
    with engine.begin() as conn:
        owner, team = conn.execute(
            select(OPERATOR.c.id, OPERATOR.c.team_id).where(OPERATOR.c.login == login)
        ).one()
        conn.execute(
            insert(LEAD),
            [
                {
                    "id": lead_id,
                    "version": 1,
                    "updated_at": now,
                    "team_id": team,
                    "owner_id": owner,
                    "name": f"待通过{phone[-4:]}",
                    "phone": phone,
                    "friend_status": "pending",
                    "friend_requested_at": asked,
                    "notes": "",
                    "created_at": asked,
                }
            ],
        )
    return lead_id


@pytest.fixture
def open_desk(
    qtbot: QtBot,
    demo_config: AppConfig,
    open_ctx: Callable[[AppConfig], AppContext],
    zh_cn: object,
) -> Callable[..., Desk]:
    """The window as a person sees it, in Chinese, on the 客户 page."""

    def _open(
        login: str,
        before: Callable[[Engine], None] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> Desk:
        demo_config.operator_login = login
        ctx = open_ctx(demo_config)
        assert ctx.shared_engine is not None
        if before is not None:
            before(ctx.shared_engine)
        ws = prepare_workspace(ctx)
        if clock is not None:
            ws.clock = clock  # the page, its countdown and recycling read this one
        window = MainWindow(ctx, SyncRunner(), ErrorReporter(), demo=True, workspace=ws)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.start_loading()
        assert window.show_page("leads") and window.leads is not None
        return Desk(window, window.leads, ctx.shared_engine)

    return _open


def _accept(dialog: ReassignDialog | LeaverDialog | None) -> None:
    assert dialog is not None and dialog.isVisible()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_team_lead_sees_the_whole_team_with_owners(open_desk: Callable[..., Desk]) -> None:
    desk = open_desk("zhaomin")
    page = desk.page
    with desk.shared.connect() as conn:
        alive = select(func.count()).select_from(LEAD).where(LEAD.c.deleted_at.is_(None))
        team_total = conn.execute(alive).scalar_one()
    assert page.model.rowCount() == team_total
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)]
    assert headers == [
        "客户",
        "手机号",
        "负责人",
        "阶段",
        "渠道",
        "标签",
        "好友",
        "上次联系",
        "下次跟进",
    ]
    assert page.count_label.text() == f"共 {team_total} 位客户"
    assert [page.tabs.tabText(i)[:2] for i in range(3)] == ["全部", "公海", "即将"]
    assert page.moves.isVisibleTo(page) and page.tabs.isVisibleTo(page)
    owner_col = page.model.column_of(Column.OWNER)
    names = {page.model.index(r, owner_col).data() for r in range(min(200, page.model.rowCount()))}
    assert len(names) > 2, "several owners (and the pool) in one list"
    assert page.detail_view.detail is not None, "arriving shows the first customer"


def test_the_pool_lists_the_unassigned_and_a_reassignment_moves_them(
    qtbot: QtBot, open_desk: Callable[..., Desk], message_boxes: list
) -> None:
    desk = open_desk("zhaomin")
    page = desk.page
    page.tabs.setCurrentIndex(TAB_POOL)
    pool = desk.owned(None)
    assert set(desk.shown()) == pool and len(pool) >= 2
    assert page.tabs.tabText(TAB_POOL).endswith(f"({len(pool)})")
    chosen = desk.shown()[:2]
    with desk.shared.connect() as conn:
        statuses = conn.execute(select(LEAD.c.friend_status).where(LEAD.c.id.in_(chosen)))
        asked = "pending" in set(statuses.scalars())
    page.select_rows([0, 1])
    assert page.moves.reassign_action.isEnabled()

    page.moves.reassign_action.trigger()
    dialog = page.moves.dialog
    assert isinstance(dialog, ReassignDialog)
    wangfang = desk.op_id("wangfang")
    dialog.combo.setCurrentIndex(dialog.combo.findData(str(wangfang)))
    sync_cycles = desk.window.sync.cycles if desk.window.sync else 0
    # the list is read again once the sync after the move has pulled
    with qtbot.waitSignal(page.moved) as moved, qtbot.waitSignal(page.list_shown):
        _accept(dialog)
    assert message_boxes == []
    assert moved.args == [2]
    # in the shared database, each with an event by the team lead
    assert set(chosen) <= desk.owned(wangfang)
    lead_id = desk.op_id("zhaomin")
    for lead in chosen:
        by, payload = desk.moves_of(lead)[-1]
        assert by == lead_id and payload["to"] == str(wangfang) and payload["from"] is None
    # the cache followed (a sync ran) and the pool list no longer has them
    assert desk.window.sync is not None and desk.window.sync.cycles > sync_cycles
    assert not set(chosen) & set(desk.shown())
    assert desk.window.status.currentMessage() == "已将 2 位客户转给 王芳。"
    # on the whole list, filtered to 王芳, they are there with her name
    page.tabs.setCurrentIndex(TAB_ALL)
    page.owner_combo.setCurrentIndex(page.owner_combo.findData(str(wangfang)))
    page.reload()
    assert set(chosen) <= set(desk.shown())
    row = page.model.index(page.model.row_of(chosen[0]), 0).data(ROW_ROLE)
    assert row.owner_name == "王芳"

    # 撤销 puts them back in the pool, and is then spent
    assert page.moves.undo_button.isVisibleTo(page)
    page.moves.undo_action.trigger()
    assert set(chosen) <= desk.owned(None)
    reset = "转移时取消的好友申请不会恢复，需要重新发送。" if asked else ""
    assert desk.window.status.currentMessage() == "已撤销：2 位客户回到原负责人名下。" + reset
    assert page.moves.last_move is None and not page.moves.undo_button.isVisibleTo(page)


def test_undo_is_offered_for_a_short_while_and_says_requests_stay_reset(
    qtbot: QtBot, open_desk: Callable[..., Desk]
) -> None:
    made: dict[str, uuid.UUID] = {}

    def before(engine: Engine) -> None:
        made["asked"] = _add_pending(engine, "lijing", "+8613300003333", datetime.now(UTC))

    desk = open_desk("zhaomin", before)
    page = desk.page
    lijing, wangfang = desk.op_id("lijing"), desk.op_id("wangfang")
    page.search.setText("3333")
    page.reload()
    assert desk.shown() == [made["asked"]]
    page.select_rows([0])
    with qtbot.waitSignal(page.list_shown):
        page.moves.reassign([made["asked"]], wangfang)
    assert made["asked"] in desk.owned(wangfang)
    assert page.moves.undo_timer.isActive() and page.moves.undo_timer.interval() == 2 * 60_000
    page.moves.undo_action.trigger()
    assert made["asked"] in desk.owned(lijing)
    assert desk.window.status.currentMessage() == (
        "已撤销：1 位客户回到原负责人名下。转移时取消的好友申请不会恢复，需要重新发送。"
    )
    # a second move, and its undo runs out unused
    page.moves.reassign([made["asked"]], wangfang)
    assert page.moves.undo_action.isEnabled()
    page.moves.undo_timer.timeout.emit()  # the two minutes are up
    assert page.moves.last_move is None and not page.moves.undo_action.isEnabled()
    assert not page.moves.undo_button.isVisibleTo(page)


def test_back_to_the_pool_from_the_list(qtbot: QtBot, open_desk: Callable[..., Desk]) -> None:
    desk = open_desk("zhaomin")
    page = desk.page
    lijing = desk.op_id("lijing")
    page.owner_combo.setCurrentIndex(page.owner_combo.findData(str(lijing)))
    page.reload()
    first = desk.shown()[0]
    page.select_rows([0])
    with qtbot.waitSignal(page.list_shown):  # read again once the sync after the move pulled
        page.moves.pool_action.trigger()  # the confirmation box answers OK (tests/ui/conftest.py)
    assert first in desk.owned(None)
    assert desk.moves_of(first)[-1][1]["to"] is None
    assert first not in desk.shown()


def test_an_operator_leaves_and_their_customers_go_to_a_colleague(
    qtbot: QtBot, open_desk: Callable[..., Desk]
) -> None:
    desk = open_desk("zhaomin")
    page = desk.page
    lijing, wangfang = desk.op_id("lijing"), desk.op_id("wangfang")
    hers, before = desk.owned(lijing), desk.owned(wangfang)
    assert hers

    page.moves.leaves_action.trigger()
    dialog = page.moves.dialog
    assert isinstance(dialog, LeaverDialog)
    # the team lead signed in cannot mark herself as left, but can take customers over
    zhaomin = desk.op_id("zhaomin")
    assert dialog.leaver_combo.findData(str(zhaomin)) == -1
    assert dialog.receiver_combo.findData(str(zhaomin)) >= 0
    dialog.select_leaver(lijing)
    dialog.to_one.setChecked(True)
    dialog.receiver_combo.setCurrentIndex(dialog.receiver_combo.findData(str(wangfang)))
    choice = dialog.choice()
    assert choice is not None and choice.count == len(hers)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert str(len(hers)) in ok.text(), "the button says how many move"
    with qtbot.waitSignal(page.list_shown):
        _accept(dialog)

    assert desk.owned(lijing) == set()
    assert desk.owned(wangfang) == before | hers
    with desk.shared.connect() as conn:
        active = conn.execute(select(OPERATOR.c.active).where(OPERATOR.c.id == lijing)).scalar()
    assert active is False
    assert {p["reason"] for lead in hers for _by, p in desk.moves_of(lead)[-1:]} == {
        "operator_left"
    }
    # the owner filter now lists her as left only while she still has customers: none
    assert page.owner_combo.findData(str(lijing)) == -1


def test_the_countdown_shows_the_time_left_and_start_up_recycled_the_expired(
    open_desk: Callable[..., Desk],
) -> None:
    now = datetime.now(UTC)
    made: dict[str, uuid.UUID] = {}

    def before(engine: Engine) -> None:
        # recycle_days is 7 in the demo: one due in 2 days (and an hour), one long expired
        asked = now - 5 * DAY + timedelta(hours=1, minutes=30)
        made["soon"] = _add_pending(engine, "lijing", "+8613300001111", asked)
        made["expired"] = _add_pending(engine, "lijing", "+8613300002222", now - 10 * DAY)

    desk = open_desk("zhaomin", before, clock=lambda: now)
    page = desk.page
    # the team lead's app ran recycling at start: the expired one is in the pool, with why
    recycler = desk.window.recycler
    assert recycler is not None and recycler.runs == 1
    assert made["expired"] in desk.owned(None)
    by, payload = desk.moves_of(made["expired"])[-1]
    assert by is None and payload["reason"] == "friend_request_expired"

    page.tabs.setCurrentIndex(TAB_RECYCLE)
    model = page.recycle_model
    rows = {model.rows[r].lead_id: r for r in range(model.rowCount())}
    assert made["soon"] in rows and made["expired"] not in rows
    row = rows[made["soon"]]
    assert model.index(row, 2).data() == "还剩 2 天 1 小时"
    assert "之后没有跟进记录" in model.index(row, 4).data()
    assert model.index(row, 1).data() == "李静"
    assert page.tabs.tabText(TAB_RECYCLE).endswith(f"({model.rowCount()})")


def test_an_operator_sees_only_their_own_customers_and_no_moves(
    open_desk: Callable[..., Desk],
) -> None:
    desk = open_desk("wangfang")
    page = desk.page
    mine = desk.owned(desk.op_id("wangfang"))
    assert set(desk.shown()) == mine
    assert Column.OWNER not in page.model.columns
    assert page.model.headerData(2, Qt.Orientation.Horizontal) == "阶段"
    assert not page.moves.isVisibleTo(page) and not page.tabs.isVisibleTo(page)
    assert not page.owner_combo.isVisibleTo(page)
    assert desk.window.recycler is None, "operators' apps never recycle"
    page.select_rows([0])
    assert page.detail_view.reveal_button.isVisibleTo(page), "their own: the number on request"
    page.moves.reassign_action.trigger()
    assert page.moves.dialog is None


def test_search_by_the_last_digits(open_desk: Callable[..., Desk]) -> None:
    desk = open_desk("wangfang")
    page = desk.page
    target = page.model.row_at(0)
    assert target is not None
    digits = target.phone_masked[-4:]
    page.search.setText(digits)
    page.reload()  # the typing delay, without waiting for it
    assert target.lead_id in desk.shown()
    for r in range(page.model.rowCount()):
        row = page.model.row_at(r)
        assert row is not None and (row.phone_masked.endswith(digits) or digits in row.name)


def test_offline_the_moves_are_disabled_with_the_reason(
    qtbot: QtBot,
    demo_config: AppConfig,
    open_ctx: Callable[[AppConfig], AppContext],
    zh_cn: object,
) -> None:
    demo_config.operator_login = "zhaomin"
    ctx = open_ctx(demo_config)
    ws = prepare_workspace(ctx)
    # The server goes away after the cache was loaded (sync's reconnects fail too).
    demo_config.shared_url = UNREACHABLE
    ctx.shared_error = KnownError(translatable("The shared database cannot be reached."))
    window = MainWindow(ctx, SyncRunner(), ErrorReporter(), demo=True, workspace=ws)
    qtbot.addWidget(window)
    window.start_loading()
    assert window.show_page("leads")  # the page reads its list once it is shown
    page = window.leads
    assert page is not None and page.model.rowCount() > 0, "the list still works from the cache"
    page.select_rows([0])
    assert not page.moves.reassign_action.isEnabled() and not page.moves.leaves_action.isEnabled()
    assert page.moves.offline_label.text().startswith("离线：现在不能转移客户")
    page.tabs.setCurrentIndex(TAB_RECYCLE)
    assert page.recycle.note.text().startswith("离线：现在不能转移客户")
    assert window.recycler is not None and window.recycler.runs == 0


def test_the_models_pass_the_model_tester(qtmodeltester, open_desk: Callable[..., Desk]) -> None:  # type: ignore[no-untyped-def]
    desk = open_desk("zhaomin")
    qtmodeltester.check(desk.page.model)
    desk.page.tabs.setCurrentIndex(TAB_RECYCLE)
    qtmodeltester.check(desk.page.recycle_model)
    QApplication.processEvents()
    assert desk.page.model.headerData(0, Qt.Orientation.Horizontal) is not None


def test_keys_find_select_and_reassign(qtbot: QtBot, open_desk: Callable[..., Desk]) -> None:
    desk = open_desk("zhaomin")
    page, window = desk.page, desk.window
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Tab)  # on to the filters, in reading order
    assert page.stage_combo.hasFocus()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert len(page.selected_ids()) == 2
    second = page.model.row_at(1)
    assert second is not None and page.lead_id == second.lead_id
    detail = page.detail_view.detail
    assert detail is not None and detail.name == second.name
    # a colleague's customer: no "show number" (the look is logged in the owner's workspace)
    assert not page.detail_view.reveal_button.isVisibleTo(page)
    qtbot.keyClick(page.table, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = page.moves.dialog
    assert isinstance(dialog, ReassignDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "转给同事"
    dialog.reject()


def test_the_recycler_runs_hourly_for_team_leads(open_desk: Callable[..., Desk]) -> None:
    recycler = open_desk("zhaomin").window.recycler
    assert recycler is not None and recycler.timer.isActive()
    assert recycler.timer.interval() == 60 * 60 * 1000
    runs = recycler.runs
    recycler.timer.timeout.emit()  # the hour is up
    assert recycler.runs == runs + 1 and recycler.last_error is None


def _click_header(qtbot: QtBot, page: LeadsPage, column: Column) -> None:
    header = page.table.horizontalHeader()
    section = page.model.column_of(column)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def _contacts(page: LeadsPage) -> list[datetime | None]:
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    return [row.last_contact_at for row in rows if row is not None]


def test_clicking_a_header_sorts_in_sql(qtbot: QtBot, open_desk: Callable[..., Desk]) -> None:
    desk = open_desk("wangfang")
    page = desk.page
    desk.window.show()
    _click_header(qtbot, page, Column.LAST_CONTACT)
    times = _contacts(page)
    known = [t for t in times if t is not None]
    assert known and known == sorted(known), "oldest contact first"
    assert times[len(known) :] == [None] * (len(times) - len(known)), "never contacted last"
    _click_header(qtbot, page, Column.LAST_CONTACT)
    times = _contacts(page)
    known = [t for t in times if t is not None]
    assert known == sorted(known, reverse=True) and times[: len(known)] == known
    before = list(page.model.ids)
    _click_header(qtbot, page, Column.TAGS)  # several tags each: no order by them
    assert list(page.model.ids) == before
    header = page.table.horizontalHeader()
    assert header.sortIndicatorSection() == page.model.column_of(Column.LAST_CONTACT)


def test_an_operator_tags_their_own_customer_from_the_list(open_desk: Callable[..., Desk]) -> None:
    desk = open_desk("wangfang")
    page = desk.page
    page.select_rows([0])
    lead = page.model.ids[0]
    page.detail_view.tag_change_requested.emit(lead, "回头客", True)
    row = page.model.row_at(0)
    assert row is not None and "回头客" in row.tags, "the list shows the new tag at once"
    detail = page.detail_view.detail
    assert detail is not None and "回头客" in [t.name for t in detail.tags]


def test_a_team_lead_does_not_tag_a_colleagues_customer(open_desk: Callable[..., Desk]) -> None:
    boss = open_desk("zhaomin")
    lijing = boss.op_id("lijing")
    boss.page.owner_combo.setCurrentIndex(boss.page.owner_combo.findData(str(lijing)))
    boss.page.reload()
    boss.page.select_rows([0])
    theirs = boss.page.model.ids[0]
    boss.page.detail_view.tag_change_requested.emit(theirs, "回头客", True)
    assert (
        boss.window.status.currentMessage() == "只有客户的负责人可以修改标签；请先把客户转给自己。"
    )
    row = boss.page.model.row_at(0)
    assert row is not None and "回头客" not in row.tags


def _add_channel(cache: Engine, lead_id: uuid.UUID, channel: str) -> None:
    with cache.begin() as conn:
        conn.execute(LEAD.update().where(LEAD.c.id == lead_id).values(channel=channel))


def test_one_pull_reads_the_list_once_and_filters_follow_the_cache_not_each_query(
    qtbot: QtBot, open_desk: Callable[..., Desk]
) -> None:
    desk = open_desk("zhaomin")
    page, sync = desk.page, desk.window.sync
    assert sync is not None
    # a channel appears in this PC's cache (as a pull would write it)
    _add_channel(desk.window.ctx.cache_engine, page.model.ids[0], "视频号直播")
    page.reload()  # a new filter or order: the choices are not read again
    assert page.channel_combo.findData("视频号直播") == -1
    shown: list[int] = []
    page.list_shown.connect(lambda: shown.append(1))
    # one pull announces changed customers and new reference data
    with qtbot.waitSignal(page.list_shown):
        sync.leads_changed.emit({page.model.ids[0]})
        sync.data_pulled.emit(False)
    qtbot.wait(50)
    assert shown == [1], "one reload for the whole pull"
    assert page.channel_combo.findData("视频号直播") >= 0


def test_moves_switch_off_when_sync_loses_the_shared_database_and_back_on(
    open_desk: Callable[..., Desk],
) -> None:
    desk = open_desk("zhaomin")
    page, sync = desk.page, desk.window.sync
    assert sync is not None
    page.select_rows([0])
    assert page.moves.reassign_action.isEnabled() and page.moves.offline_label.text() == ""
    lost = DatabaseUnavailable(  # as sync raises it when the server went away
        translatable("Cannot reach the shared database at {where}: {reason}"),
        where="db.example:5432",
        reason="<no route to host>",
    )
    sync.state_changed.emit(SyncState(SyncPhase.OFFLINE, error=lost))
    assert not page.moves.reassign_action.isEnabled()
    assert not page.moves.leaves_action.isEnabled()
    label = page.moves.offline_label
    assert label.text().startswith("离线：现在不能转移客户（")
    assert "<no route to host>" in label.text() and label.textFormat() == Qt.TextFormat.PlainText
    sync.state_changed.emit(SyncState(SyncPhase.ONLINE))
    assert page.moves.reassign_action.isEnabled() and page.moves.offline_label.text() == ""


def test_the_detail_offers_the_team_s_tags(open_desk: Callable[..., Desk]) -> None:
    desk = open_desk("zhaomin")
    page = desk.page
    tag = m.Tag.__table__  # type: ignore[attr-defined]
    with desk.window.ctx.cache_engine.connect() as conn:
        manual = conn.execute(
            select(tag.c.name).where(tag.c.rule.is_(None), tag.c.deleted_at.is_(None))
        ).scalars()
        expected = sorted(manual)
    assert expected, "the demo team has manual tags"
    detail = page.detail_view.detail
    assert detail is not None and list(detail.tag_choices) == expected


def test_a_hidden_page_reads_what_a_pull_changed_only_when_shown(
    qtbot: QtBot, open_desk: Callable[..., Desk]
) -> None:
    desk = open_desk("zhaomin")
    page, window = desk.page, desk.window
    before = page.model.rowCount()
    assert window.show_page("today")
    gone = desk.shown()[0]
    with desk.shared.begin() as conn:  # the admin removes a customer on the server
        conn.execute(LEAD.update().where(LEAD.c.id == gone).values(deleted_at=datetime.now(UTC)))
    assert window.sync is not None
    window.sync.sync_now()
    qtbot.wait(50)  # the pull's signals are handled; the hidden page reads nothing
    assert page.model.rowCount() == before
    with qtbot.waitSignal(page.list_shown):
        assert window.show_page("leads")
    assert page.model.rowCount() == before - 1 and gone not in desk.shown()
