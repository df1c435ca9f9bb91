"""Order imports written to the shared database (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, insert

from operator_app.core.importing import OrderRows, prepare_orders
from operator_app.data import importing_orders as writes
from operator_app.data import models as m
from tests.data.import_fixtures import NOW, Team, add_lead, make_team, rows, synced

TZ = ZoneInfo("Asia/Shanghai")
HEADER = "订单编号,收货人,手机号,商品名称,实付金额,订单状态,下单时间"
FIRST_IMPORT = [
    'A001,张三,13812345678,冻品礼盒,"¥1,299.50",已发货,2024-05-01 10:00',
    "A001,,,牛排,¥100.25,已发货,",
    "A002,李四,13912345678,虾仁,88,待发货,2024-05-02 09:30",
    "A003,陌生人,13712345678,鸡翅,20,待发货,2024-05-03 12:00",
]


def order_file(tmp_path: Path, body: list[str], name: str = "orders.csv") -> OrderRows:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *body]) + "\n", encoding="utf-8")
    return prepare_orders(path, tz=TZ)


def two_leads(engine: Engine) -> tuple[Team, uuid.UUID, uuid.UUID]:
    team = make_team(engine)
    zhang = add_lead(engine, team, "+8613812345678", name="张三", owner_id=team.ops["lijing"])
    li = add_lead(engine, team, "+8613912345678", name="李四")  # in the pool
    return team, zhang, li


def orders_by_no(engine: Engine) -> dict[str, tuple]:
    found = rows(
        engine,
        m.SalesOrder,
        "order_no",
        "lead_id",
        "amount",
        "status",
        "is_first_order",
        "version",
        "shipped_at",
        "signed_at",
        "product",
    )
    return {r[0]: r[1:] for r in found}


def test_orders_attach_to_leads_by_phone(shared_engine: Engine, tmp_path: Path) -> None:
    team, zhang, li = two_leads(shared_engine)
    result = writes.import_orders(
        shared_engine, order_file(tmp_path, FIRST_IMPORT), team_id=team.id, now=NOW
    )
    assert (result.rows, result.orders, result.created, result.updated) == (4, 3, 2, 0)
    assert (result.matched, result.unknown_buyer, result.rejected) == (2, 1, 0)
    stored = orders_by_no(shared_engine)
    assert set(stored) == {"A001", "A002"}
    assert stored["A001"][:5] == (zhang, 1399.75, "shipped", True, 1)
    assert stored["A001"][7] == "冻品礼盒、牛排"
    assert stored["A002"][:4] == (li, 88.0, "pending_shipment", True)
    # the lead's history shows the order, credited to its owner (none for the pool)
    events = rows(
        shared_engine,
        m.ContactEvent,
        "lead_id",
        "operator_id",
        "kind",
        "occurred_at",
        "payload",
        order_by="occurred_at",
    )
    assert events[0] == (
        zhang,
        team.ops["lijing"],
        "ordered",
        dt.datetime(2024, 5, 1, 2, 0, tzinfo=dt.UTC),
        {"order_no": "A001", "source": "import"},
    )
    assert events[1][:3] == (li, None, "ordered")
    # the unknown buyer's line is in the file to fix
    assert [(i.row_number, i.reason) for i in result.reported] == [(5, "unknown_buyer")]


def test_reimporting_updates_statuses_instead_of_duplicating(
    shared_engine: Engine, tmp_path: Path
) -> None:
    team, zhang, li = two_leads(shared_engine)
    writes.import_orders(
        shared_engine, order_file(tmp_path, FIRST_IMPORT), team_id=team.id, now=NOW
    )
    same = writes.import_orders(
        shared_engine, order_file(tmp_path, FIRST_IMPORT), team_id=team.id, now=NOW
    )
    assert (same.created, same.updated) == (0, 0)
    later = NOW + dt.timedelta(days=2)
    update_file = order_file(
        tmp_path,
        [
            'A001,张三,13812345678,冻品礼盒,"¥1,299.50",交易成功,2024-05-01 10:00',
            "A001,,,牛排,¥100.25,交易成功,",
            "A002,李四,13912345678,虾仁,88,已发货,2024-05-02 09:30",
        ],
        "update.csv",
    )
    result = writes.import_orders(shared_engine, update_file, team_id=team.id, now=later)
    assert (result.created, result.updated, result.matched) == (0, 2, 2)
    stored = orders_by_no(shared_engine)
    assert len(rows(shared_engine, m.SalesOrder, "id")) == 2
    assert stored["A001"][2:7] == ("signed", True, 2, None, later)  # reached between imports
    assert stored["A002"][2:6] == ("shipped", True, 2, later)
    assert len(rows(shared_engine, m.ContactEvent, "id")) == 2  # no new order events


def test_a_stale_export_never_moves_a_status_back(shared_engine: Engine, tmp_path: Path) -> None:
    team, _zhang, _li = two_leads(shared_engine)
    signed = ["A002,李四,13912345678,虾仁,88,已签收,2024-05-02 09:30"]
    writes.import_orders(shared_engine, order_file(tmp_path, signed), team_id=team.id, now=NOW)
    stale = ["A002,李四,13912345678,虾仁,88,已发货,2024-05-02 09:30"]
    result = writes.import_orders(
        shared_engine, order_file(tmp_path, stale, "stale.csv"), team_id=team.id, now=NOW
    )
    assert result.updated == 0
    assert orders_by_no(shared_engine)["A002"][2] == "signed"
    refunded = ["A002,李四,13912345678,虾仁,88,已退款,2024-05-02 09:30"]
    result = writes.import_orders(
        shared_engine, order_file(tmp_path, refunded, "r.csv"), team_id=team.id, now=NOW
    )
    assert result.updated == 1 and orders_by_no(shared_engine)["A002"][2] == "refunded"


def test_unknown_buyers_can_become_pool_leads(shared_engine: Engine, tmp_path: Path) -> None:
    team, _zhang, _li = two_leads(shared_engine)
    result = writes.import_orders(
        shared_engine,
        order_file(tmp_path, FIRST_IMPORT),
        team_id=team.id,
        create_unknown=True,
        now=NOW,
    )
    assert (result.created, result.unknown_buyer, result.leads_created) == (3, 1, 1)
    assert result.reported == []
    new_lead = [
        r
        for r in rows(shared_engine, m.Lead, "phone", "name", "owner_id", "stage_id")
        if r[0] == "+8613712345678"
    ]
    assert new_lead == [("+8613712345678", "陌生人", None, team.stage_id)]
    assert orders_by_no(shared_engine)["A003"][3] is True


def test_the_earliest_order_is_the_first_order(shared_engine: Engine, tmp_path: Path) -> None:
    team, zhang, _li = two_leads(shared_engine)
    with shared_engine.begin() as conn:  # an order from the shop's live sync
        conn.execute(
            insert(m.SalesOrder),
            [
                synced(
                    team_id=team.id,
                    lead_id=zhang,
                    order_no="LIVE1",
                    amount=50.0,
                    status="signed",
                    is_first_order=True,
                    ordered_at=dt.datetime(2024, 6, 1, tzinfo=dt.UTC),
                )
            ],
        )
    body = [
        "B1,张三,13812345678,鱼,10,已签收,2024-04-01 10:00",  # earlier: the real first
        "B2,张三,13812345678,鱼,10,已签收,2024-07-01 10:00",
    ]
    writes.import_orders(shared_engine, order_file(tmp_path, body), team_id=team.id, now=NOW)
    stored = orders_by_no(shared_engine)
    flags = {no: (v[3], v[4]) for no, v in stored.items()}
    assert flags == {"B1": (True, 1), "B2": (False, 1), "LIVE1": (False, 2)}


def test_dry_run_writes_nothing(shared_engine: Engine, tmp_path: Path) -> None:
    team, _zhang, _li = two_leads(shared_engine)
    result = writes.import_orders(
        shared_engine,
        order_file(tmp_path, FIRST_IMPORT),
        team_id=team.id,
        create_unknown=True,
        dry_run=True,
        now=NOW,
    )
    assert (result.created, result.leads_created) == (3, 1)
    assert rows(shared_engine, m.SalesOrder, "id") == []
    assert len(rows(shared_engine, m.Lead, "id")) == 2


def test_orders_of_a_deleted_lead_are_not_attached(shared_engine: Engine, tmp_path: Path) -> None:
    team = make_team(shared_engine)
    add_lead(shared_engine, team, "+8613812345678", deleted_at=NOW)
    body = ["A1,张三,13812345678,鱼,10,已签收,2024-04-01 10:00"]
    result = writes.import_orders(
        shared_engine, order_file(tmp_path, body), team_id=team.id, create_unknown=True, now=NOW
    )
    assert (result.created, result.unknown_buyer, result.leads_created) == (0, 1, 0)
    assert rows(shared_engine, m.SalesOrder, "id") == []
