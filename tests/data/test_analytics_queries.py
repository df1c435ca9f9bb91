"""The report's SQL on a small hand-built team, on SQLite and PostgreSQL.

Every expected number below was counted by hand from the story in
``Story``'s docstring, not computed by the code under test.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, insert

from operator_app.core.analytics import TEAM_ROW, Period
from operator_app.core.analytics_funnel import FACTORS
from operator_app.core.analytics_report import Report
from operator_app.core.progress import Cancelled, TaskState
from operator_app.data import analytics_queries as aq
from operator_app.data import models as m
from operator_app.data.queries import hook_counts

TZ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 5, 8, 4, 0, tzinfo=dt.UTC)  # noon on 8 May in Shanghai
PERIOD = Period(dt.date(2026, 5, 1), dt.date(2026, 5, 7))


def local(day: int, hour: int = 12, minute: int = 0, month: int = 5) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=TZ)


def synced(**values: Any) -> dict[str, Any]:
    return {"id": uuid.uuid4(), "version": 1, "updated_at": NOW, "deleted_at": None, **values}


@dataclass
class Story:
    """A team of four operators and a lead, over 1–7 May (Shanghai).

    A (安) owns L1–L4 (new in the period) and L9 (an old customer); B (博)
    owns L5, L6 (new) and L7, L10 (new the week before; L10 was C's). C (陈)
    left on 3 May after working L10, which moved to B that day (B wrote to
    them on the 4th, and they bought again on the 7th). D (丁) joined and has
    nothing yet. L8 sits in the pool (and ordered on the 7th). Template T1
    (hook first_order) has 3 lines, T2 (invite_wechat) 2.
    """

    engine: Engine
    team: uuid.UUID = field(default_factory=uuid.uuid4)
    ops: dict[str, uuid.UUID] = field(default_factory=dict)
    leads: dict[str, uuid.UUID] = field(default_factory=dict)
    t1: uuid.UUID = field(default_factory=uuid.uuid4)
    t2: uuid.UUID = field(default_factory=uuid.uuid4)
    events: list[dict[str, Any]] = field(default_factory=list)
    orders: list[dict[str, Any]] = field(default_factory=list)

    def insert(self, model: type, rows: list[dict[str, Any]]) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(model), rows)

    def people(self) -> None:
        self.insert(m.Team, [synced(id=self.team, name="测试组")])
        people = [
            ("a", "安", "operator", True),
            ("b", "博", "operator", True),
            ("c", "陈", "operator", False),
            ("d", "丁", "operator", True),
            ("boss", "组长", "team_lead", True),
        ]
        rows = []
        for login, name, role, active in people:
            self.ops[login] = uuid.uuid4()
            rows.append(
                synced(
                    id=self.ops[login],
                    team_id=self.team,
                    login=login,
                    name=name,
                    role=role,
                    capacity=100,
                    active=active,
                )
            )
        self.insert(m.Operator, rows)
        self.insert(m.Setting, [synced(team_id=self.team, key="timezone", value="Asia/Shanghai")])

    def scripts(self) -> None:
        hooks = {"first_order": uuid.uuid4(), "invite_wechat": uuid.uuid4()}
        self.insert(
            m.Hook,
            [
                synced(id=i, key=k, name=k, position=n, params={})
                for n, (k, i) in enumerate(hooks.items())
            ],
        )
        self.insert(
            m.Template,
            [
                synced(
                    id=self.t1,
                    team_id=self.team,
                    hook_id=hooks["first_order"],
                    key="fo",
                    title="首单",
                ),
                synced(
                    id=self.t2,
                    team_id=self.team,
                    hook_id=hooks["invite_wechat"],
                    key="iw",
                    title="加微",
                ),
            ],
        )
        lines = [(self.t1, n) for n in (1, 2, 3)] + [(self.t2, n) for n in (1, 2)]
        self.insert(
            m.TemplateLine, [synced(template_id=t, line_no=n, text=f"第{n}句") for t, n in lines]
        )

    def lead(
        self,
        key: str,
        owner: str | None,
        channel: str,
        created: dt.datetime,
        friend: dt.datetime | None,
    ) -> None:
        self.leads[key] = uuid.uuid4()
        row = synced(
            id=self.leads[key],
            team_id=self.team,
            owner_id=self.ops[owner] if owner else None,
            name=key,
            phone=f"+86138000000{len(self.leads):02d}",
            channel=channel,
            friend_status="accepted" if friend else "pending",
            friend_added_at=friend,
            notes="",
            created_at=created,
        )
        self.insert(m.Lead, [row])

    def event(self, lead: str, by: str | None, kind: str, at: dt.datetime, **extra: Any) -> None:
        self.events.append(
            synced(
                team_id=self.team,
                lead_id=self.leads[lead],
                operator_id=self.ops[by] if by else None,
                kind=kind,
                occurred_at=at,
                hook_key=None,
                template_id=None,
                line_no=None,
                body="",
                payload={},
                device_id="",
            )
            | extra
        )

    def line(self, lead: str, by: str, t: int, n: int, at: dt.datetime) -> None:
        template, hook = (self.t1, "first_order") if t == 1 else (self.t2, "invite_wechat")
        self.event(lead, by, "sent_line", at, hook_key=hook, template_id=template, line_no=n)

    def reply(self, lead: str, by: str, t: int, n: int, at: dt.datetime) -> None:
        template, hook = (self.t1, "first_order") if t == 1 else (self.t2, "invite_wechat")
        self.event(lead, by, "replied", at, hook_key=hook, template_id=template, line_no=n)

    def order(
        self, lead: str, amount: float, at: dt.datetime, first: bool, status: str = "signed"
    ) -> None:
        self.orders.append(
            synced(
                team_id=self.team,
                lead_id=self.leads[lead],
                order_no=f"XD{len(self.orders)}",
                amount=amount,
                status=status,
                is_first_order=first,
                ordered_at=at,
            )
        )

    def build(self) -> Story:
        self.people()
        self.scripts()
        self.lead("L1", "a", "包裹卡", local(1, 10), local(1, 12))
        self.lead("L2", "a", "包裹卡", local(2, 9), local(2, 10))
        self.lead("L3", "a", "包裹卡", local(1, 0), None)  # exactly at the period's start
        self.lead("L4", "a", "门店活码", local(3, 9), local(3, 9))
        self.lead("L5", "b", "包裹卡", local(4, 9), local(4, 10))
        self.lead("L6", "b", "抖音直播", local(4, 9), local(4, 9))
        self.lead("L7", "b", "包裹卡", local(28, 9, month=4), local(28, 10, month=4))
        self.lead("L8", None, "包裹卡", local(5, 9), None)
        self.lead("L9", "a", "门店活码", local(1, 9, month=4), local(1, 9, month=4))
        self.lead("L10", "b", "包裹卡", local(25, 9, month=4), local(26, 9, month=4))
        self.lead("L11", "a", "包裹卡", local(8, 0), None)  # exactly at the end: next period
        # A's work
        self.line("L1", "a", 1, 1, local(1, 13))
        self.line("L1", "a", 1, 1, local(1, 13, 5))  # the same line twice: one send
        self.reply("L1", "a", 1, 1, local(1, 13, 30))
        self.line("L1", "a", 1, 2, local(1, 13, 40))
        self.reply("L1", "a", 1, 2, local(1, 14))
        self.line("L1", "a", 1, 3, local(1, 14, 10))
        self.reply("L1", "a", 1, 3, local(1, 14, 30))
        self.line("L2", "a", 1, 1, local(2, 11))
        self.reply("L2", "a", 1, 1, local(2, 11, 30))
        self.line("L2", "a", 1, 2, local(2, 11, 40))
        self.reply("L2", "a", 1, 2, local(8, 9))  # answered after the period: still counts
        self.line("L4", "a", 1, 1, local(3, 10))  # never answered: stopped at line 1
        self.event("L4", "a", "custom_message", local(3, 11))
        self.line("L1", "a", 2, 1, local(2, 15))
        self.reply("L1", "a", 2, 1, local(2, 15, 20))
        self.line("L1", "a", 2, 2, local(2, 15, 30))
        self.reply("L1", "a", 2, 2, local(2, 16))
        self.event("L9", "a", "custom_message", local(6, 10))
        self.event("L9", "a", "custom_message", local(8, 0))  # at the end: not in the period
        self.event("L1", "a", "added_wechat", local(2, 16, 5))
        self.event("L1", "a", "joined_group", local(4, 10))
        # B's work
        self.line("L6", "b", 1, 1, local(4, 10))
        self.reply("L6", "b", 1, 1, local(4, 10, 30))
        self.line("L6", "b", 1, 2, local(4, 10, 40))
        self.reply("L6", "b", 1, 2, local(4, 11))
        self.line("L6", "b", 1, 3, local(4, 11, 10))  # stopped at line 3
        self.line("L5", "b", 1, 1, local(4, 12))  # stopped at line 1
        self.line("L6", "b", 2, 1, local(6, 15))
        self.reply("L6", "b", 2, 1, local(6, 15, 30))
        self.event("L6", "b", "added_wechat", local(6, 16))
        self.line("L7", "b", 1, 1, local(28, 11, month=4))  # the week before
        self.reply("L7", "b", 1, 1, local(28, 12, month=4))
        # C's work before leaving
        self.line("L10", "c", 1, 1, local(2, 10))
        self.reply("L10", "c", 1, 1, local(2, 10, 30))
        # L10 moved from C to B mid-period; B wrote to them
        moved = {"from": str(self.ops["c"]), "to": str(self.ops["b"]), "reason": "manual"}
        self.event("L10", "boss", "reassigned", local(3, 9), payload=moved)
        # handing a pool customer out is no move between operators
        handed = {"from": None, "to": str(self.ops["a"]), "reason": "import"}
        self.event("L4", "boss", "reassigned", local(3, 9), payload=handed)
        self.event("L10", "b", "custom_message", local(4, 15))
        # orders
        self.order("L1", 100.0, local(2, 12), first=True)
        self.order("L2", 200.0, local(3, 12), first=True)
        self.order("L1", 50.0, local(5, 12), first=False)
        self.order("L9", 70.0, local(6, 0, 30), first=False)  # 5 May 16:30 UTC
        self.order("L9", 90.0, local(2, 12, month=4), first=True)  # long ago
        self.order("L5", 300.0, local(5, 12), first=True, status="refunded")
        self.order("L6", 80.0, local(6, 10), first=True)
        self.order("L7", 120.0, local(29, 12, month=4), first=True)
        self.order("L10", 60.0, local(7, 12), first=False)  # the moved customer, now B's
        self.order("L8", 30.0, local(7, 13), first=True)  # a customer still in the pool
        self.insert(m.ContactEvent, self.events)
        self.insert(m.SalesOrder, self.orders)
        return self


@pytest.fixture
def story(shared_engine: Engine) -> Iterator[Story]:
    yield Story(shared_engine).build()


def report(story: Story, period: Period = PERIOD, **kw: Any) -> Report:
    return aq.load_report(story.engine, story.team, period, now=NOW, **kw)


def script_lines(rep: Report, row: Any) -> dict[str, list[tuple[int, int, int, int]]]:
    """Per template of ``row``: (line, sent, replied, stopped) of each line."""
    return {
        t.key: [(s.line_no, s.sent, s.replied, s.stopped) for s in t.lines]
        for t in rep.templates[row]
    }


def values(rep: Report, login: str, story: Story) -> dict[str, float | None]:
    row = rep.row(story.ops[login])
    assert row is not None, login
    return dict(row.values)


def test_every_metric_of_every_operator(story: Story) -> None:
    rep = report(story)
    assert rep.status == "ok"
    assert values(rep, "a", story) == {
        "leads_assigned": 4,  # L1–L4 (L3 at the very start; L11 at the end is not)
        "leads_contacted": 4,  # L1, L2, L4, L9
        "messages_sent": 11,  # T1: 4 + 2 + 1, T2: 2, custom: 2
        "reply_rate": 3 / 4,  # scripts L1/T1, L2/T1, L1/T2 answered; L4/T1 not
        "first_order_rate": 2 / 3,  # L1, L2 of the friends L1, L2, L4
        "wechat_rate": 1 / 2,  # L1 of L1, L2
        "group_rate": 1 / 2,
        "repurchase_rate": 1 / 2,  # L1 bought again, of the first-order customers L1, L2
        "orders": 4,  # 100 + 200 + 50 + 70
        "revenue": 420.0,
        "avg_order_value": 105.0,
    }
    assert values(rep, "b", story) == {
        "leads_assigned": 2,  # L5, L6
        "leads_contacted": 3,  # L5, L6 and L10 (moved to B)
        "messages_sent": 6,
        "reply_rate": pytest.approx(2 / 3),  # L6/T1, L6/T2 of L6/T1, L5/T1, L6/T2
        "first_order_rate": 1 / 2,  # L6; L5's first order was refunded
        "wechat_rate": 1.0,
        "group_rate": 0.0,
        "repurchase_rate": 0.0,
        "orders": 2,  # L6's 80 and L10's 60, placed after L10 moved to B
        "revenue": 140.0,
        "avg_order_value": 70.0,
    }


def test_someone_who_left_keeps_their_work_and_the_new_one_is_listed_empty(story: Story) -> None:
    rep = report(story)
    left = rep.row(story.ops["c"])
    assert left is not None and not left.active
    assert values(rep, "c", story) == {
        "leads_assigned": 0,
        "leads_contacted": 1,
        "messages_sent": 1,
        "reply_rate": 1.0,
        "first_order_rate": None,
        "wechat_rate": None,
        "group_rate": None,
        "repurchase_rate": None,
        "orders": 0,
        "revenue": 0.0,
        "avg_order_value": None,
    }
    new = values(rep, "d", story)
    assert new["leads_assigned"] == 0 and new["reply_rate"] is None
    assert story.ops["boss"] not in [r.operator_id for r in rep.rows]


def test_team_average(story: Story) -> None:
    avg = report(story).average.values
    assert avg["leads_assigned"] == 6 / 4
    assert avg["messages_sent"] == 18 / 4
    assert avg["reply_rate"] == 6 / 8
    assert avg["first_order_rate"] == 3 / 5
    assert avg["repurchase_rate"] == 1 / 3  # L1 of L1, L2, L6
    assert avg["avg_order_value"] == 560 / 6


def test_cohort_funnel_per_channel_never_widens(story: Story) -> None:
    rep = report(story)
    team = rep.funnels[TEAM_ROW]
    steps = [(s.key, s.count) for s in team.steps]
    # all channels start at friends added: L1, L2, L4, L5, L6 → L1, L2, L6 → L1
    assert steps == [("friends", 5), ("first_buyers", 3), ("repurchasers", 1)]
    assert [s.rate for s in team.steps] == [None, 3 / 5, 1 / 3]
    assert [(f.key, f.count) for f in team.follow_ups] == [("wechat", 2), ("grp", 1)]
    by = {f.channel: [(s.key, s.count) for s in f.steps] for f in team.by_channel}
    assert list(by) == ["包裹卡", "抖音直播", "门店活码"] or list(by) == [
        "包裹卡",
        "门店活码",
        "抖音直播",
    ]
    # packages L1, L2, L3, L5 and the pool's L8 → friends L1, L2, L5 → L1, L2 → L1
    assert by["包裹卡"] == [
        ("packages", 5),
        ("friends", 3),
        ("first_buyers", 2),
        ("repurchasers", 1),
    ]
    assert by["抖音直播"] == [("friends", 1), ("first_buyers", 1), ("repurchasers", 0)]
    assert by["门店活码"] == [("friends", 1), ("first_buyers", 0), ("repurchasers", 0)]
    for f in (team, *team.by_channel):
        counts = [s.count for s in f.steps]
        assert counts == sorted(counts, reverse=True)
    # the table's repurchase is the funnel's: A's L1 of L1, L2
    a = rep.row(story.ops["a"])
    assert a is not None
    assert rep.funnels[story.ops["a"]].repurchase_rate == a.value("repurchase_rate") == 1 / 2
    assert rep.pool_leads == 1


def test_totals_reconcile_with_the_pool_and_a_customer_who_moved(story: Story) -> None:
    rep = report(story)
    total = rep.total
    assert total is not None
    assert total.value("revenue") == 420 + 140  # A + B (C, D: nothing)
    assert total.value("orders") == 6
    assert total.value("leads_contacted") == 4 + 3 + 1  # L10 in B's and C's rows
    lines = {r.key: (r.team, r.rows, r.reason) for r in rep.reconciliation}
    assert lines == {
        "leads_assigned": (7, 6, "outside"),  # the pool's L8
        "leads_contacted": (7, 8, "shared"),  # L10 counted by B and by C
        "orders": (7, 6, "outside"),  # L8's order
        "revenue": (590, 560, "outside"),
    }
    assert rep.moved is not None
    assert (rep.moved.customers, rep.moved.orders, rep.moved.revenue) == (1, 1, 60.0)


def test_breakdown_contributions_add_up_to_the_change(story: Story) -> None:
    bd = report(story).breakdowns[TEAM_ROW]
    # cohort sales: first orders 100 + 200 + 80, L1's repeat 50; before: L7's 120
    assert (bd["sales"].current, bd["sales"].previous) == (430.0, 120.0)
    assert (bd["packages"].current, bd["packages"].previous) == (5, 2)  # L7, L10 before
    assert (bd["first_orders"].previous, bd["first_order_rate"].previous) == (1, 1 / 2)
    parts = [bd[k].contribution for k in FACTORS]
    assert sum(p or 0 for p in parts) == pytest.approx(310.0)
    # other channels (none the week before) brought 152 + 20 of the 310
    assert bd["other_friends"].contribution == pytest.approx(172.0)
    assert bd.biggest == "other_friends"


def test_script_lines_per_team_and_per_operator(story: Story) -> None:
    rep = report(story)
    team = script_lines(rep, TEAM_ROW)
    assert team == {
        "fo": [(1, 6, 4, 2), (2, 3, 3, 0), (3, 2, 1, 1)],
        "iw": [(1, 2, 2, 0), (2, 1, 1, 0)],
    }
    mine = script_lines(rep, story.ops["a"])
    assert mine == {
        "fo": [(1, 3, 2, 1), (2, 2, 2, 0), (3, 1, 1, 0)],
        "iw": [(1, 1, 1, 0), (2, 1, 1, 0)],
    }
    # A handful of sends: no line is called worse.
    assert {s.verdict for t in rep.templates[TEAM_ROW] for s in t.lines} == {"few"}


def test_hooks_reply_rate_and_conversion(story: Story) -> None:
    rep = report(story)
    hooks = {h.hook_key: (h.scripts, h.answered, h.converted) for h in rep.hooks[TEAM_ROW]}
    # first_order: L1, L2 (A), L6 (B) and L10 (C's line on the 2nd, an order on the
    # 7th) ordered within 7 days of the first line;
    # invite_wechat: L1 bought again on the 5th; L6's order came before the line.
    assert hooks == {"first_order": (6, 4, 4), "invite_wechat": (2, 2, 1)}
    mine = {h.hook_key: (h.scripts, h.answered, h.converted) for h in rep.hooks[story.ops["b"]]}
    assert mine == {"first_order": (2, 1, 1), "invite_wechat": (1, 1, 0)}


def test_over_all_time_the_hooks_match_hook_counts(story: Story) -> None:
    everything = Period(dt.date(2025, 1, 1), dt.date(2026, 5, 8))
    rep = report(story, everything)
    mine = {h.hook_key: (h.answered, h.scripts) for h in rep.hooks[TEAM_ROW]}
    with story.engine.connect() as conn:
        assert mine == hook_counts(conn) == {"first_order": (5, 7), "invite_wechat": (2, 2)}


def test_daily_trend_in_local_days(story: Story) -> None:
    days = {d.day.day: (d.friends, d.orders, d.revenue) for d in report(story).trend}
    assert list(days) == [1, 2, 3, 4, 5, 6, 7]
    assert days[1] == (1, 0, 0.0)  # L1
    assert days[2] == (1, 1, 100.0)  # L2; L1's first order
    assert days[4] == (2, 0, 0.0)  # L5, L6
    assert days[5] == (0, 1, 50.0)  # L1 again (L5's refund does not count)
    assert days[6] == (0, 2, 150.0)  # L9 at 00:30 local (still the 5th in UTC), L6
    mine = aq.load_trend(story.engine, story.team, PERIOD, story.ops["b"])
    assert [(d.friends, d.orders) for d in mine][3:6] == [(2, 0), (0, 0), (0, 1)]


def test_an_operator_report_holds_only_their_own_figures(story: Story) -> None:
    rep = report(story, only_operator=story.ops["b"])
    assert [r.operator_id for r in rep.rows] == [story.ops["b"]]
    assert rep.average.values["reply_rate"] == 6 / 8
    assert set(rep.templates) == set(rep.funnels) == {story.ops["b"]}
    assert [(d.friends, d.orders) for d in rep.trend][3:6] == [(2, 0), (0, 0), (0, 1)]


def test_an_empty_period_and_a_future_one(story: Story) -> None:
    quiet = report(story, Period(dt.date(2026, 3, 1), dt.date(2026, 3, 7)))
    assert quiet.status == "empty"
    assert [r.name for r in quiet.rows] == ["丁", "博", "安"]
    assert all(v in (0, None) for r in quiet.rows for v in r.values.values())
    assert quiet.templates[TEAM_ROW] == () and quiet.hooks[TEAM_ROW] == ()
    future = report(story, Period(dt.date(2026, 6, 1), dt.date(2026, 6, 30)))
    assert future.status == "future"


def test_presets_resolve_in_the_team_time_zone(story: Story) -> None:
    # 23:30 UTC on the 7th is already the 8th in Shanghai.
    late = dt.datetime(2026, 5, 7, 23, 30, tzinfo=dt.UTC)
    rep = aq.load_report(story.engine, story.team, lambda today: Period(today, today), now=late)
    assert rep.period == Period(dt.date(2026, 5, 8), dt.date(2026, 5, 8))
    assert rep.row(story.ops["a"]).values["leads_assigned"] == 1  # type: ignore[union-attr]


def test_progress_is_reported_and_cancel_stops(story: Story) -> None:
    seen: list[float] = []
    state = TaskState(on_progress=lambda f, _m: seen.append(f), min_interval=0)
    report(story, state=state)
    assert seen[-1] == 1.0 and seen == sorted(seen)
    stop = TaskState()
    stop.cancel()
    with pytest.raises(Cancelled):
        report(story, state=stop)


def test_a_line_the_template_no_longer_has_still_counts(story: Story) -> None:
    # An older app version logged line 5 of T2 (which has 2 lines now), and L2 answered it.
    story.events.clear()
    story.line("L2", "a", 2, 5, local(3, 10))
    story.reply("L2", "a", 2, 5, local(3, 10, 30))
    story.insert(m.ContactEvent, story.events)
    rep = report(story)
    mine = script_lines(rep, story.ops["a"])
    # L1 got lines 1 and 2 and answered both; L2 got only line 5 and answered it:
    # neither stopped (the line after the last one answered was never sent).
    assert mine["iw"] == [(1, 1, 1, 0), (2, 1, 1, 0), (5, 1, 1, 0)]
    hooks = {h.hook_key: (h.scripts, h.answered, h.converted) for h in rep.hooks[story.ops["a"]]}
    # L2 ordered on the 3rd at noon, two hours after the line: converted.
    assert hooks["invite_wechat"] == (2, 2, 2)


def test_a_customer_who_answered_only_a_later_line_did_not_stop(story: Story) -> None:
    # L3 gets all three lines of T1 on the 5th and answers only the last one.
    story.events.clear()
    story.line("L3", "a", 1, 1, local(5, 9))
    story.line("L3", "a", 1, 2, local(5, 9, 10))
    story.line("L3", "a", 1, 3, local(5, 9, 20))
    story.reply("L3", "a", 1, 3, local(5, 9, 30))
    story.insert(m.ContactEvent, story.events)
    rep = report(story)
    mine = script_lines(rep, story.ops["a"])
    # Before: fo (1, 3, 2, 1), (2, 2, 2, 0), (3, 1, 1, 0). L3 adds a send of every
    # line, a reply to line 3, and no stop: the last line answered is the last one.
    assert mine["fo"] == [(1, 4, 2, 1), (2, 3, 2, 0), (3, 2, 2, 0)]


def test_the_previous_cohort_is_followed_as_long_as_this_one(story: Story) -> None:
    # L7 (a customer of the week before) buys again on 1 May 14:00: 7 days and 2 hours
    # after its week ended, while this week's customers have been followed 7 days.
    known = len(story.orders)
    story.order("L7", 40.0, local(1, 14), first=False)
    story.insert(m.SalesOrder, story.orders[known:])
    bd = report(story).breakdowns[TEAM_ROW]
    assert (bd["repurchasers"].previous, bd["repeat_sales"].previous) == (0, 0.0)
    # three hours later the horizon of the week before has passed 14:00: it counts
    later = aq.load_report(story.engine, story.team, PERIOD, now=NOW + dt.timedelta(hours=3))
    bd = later.breakdowns[TEAM_ROW]
    assert (bd["repurchasers"].previous, bd["repeat_sales"].previous) == (1, 40.0)
