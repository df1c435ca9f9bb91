"""An order number names one buyer's purchase: reused for another buyer, the rows are rejected.

Before, such lines were merged into the first buyer's order (amounts added,
a refund overridden by the other buyer's 'signed', the other buyer ignored).
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from operator_app.core.importing import prepare_orders
from operator_app.data import importing_orders as writes
from operator_app.data import models as m
from tests.data.import_fixtures import NOW, add_lead, make_team, rows

TZ = ZoneInfo("Asia/Shanghai")
HEADER = "订单编号,收货人,手机号,实付金额,订单状态,下单时间"


def _orders(tmp_path: Path, *lines: str, name: str = "orders.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return prepare_orders(path, tz=TZ)


def test_a_second_buyer_in_the_file_is_a_rejected_row(tmp_path: Path) -> None:
    orders = _orders(
        tmp_path,
        "B1,张三,13812345678,100,已退款,2024-05-01 10:00",  # row 2
        "B1,,138-1234-5678,20,已退款,",  # row 3: the same buyer, spelled otherwise
        "B1,李四,13912345678,300,交易成功,2024-05-02 10:00",  # row 4: another buyer
        "B1,,,5,已退款,",  # row 5: no phone: a line of the first buyer's order
    )

    order = orders.orders.loc["B1"]
    assert (order["phone"], order["amount"], order["status"]) == (
        "+8613812345678",
        125.0,
        "refunded",
    )
    assert order["lines"] == [0, 1, 3]
    [issue] = orders.rejected
    assert (issue.row_number, issue.reason) == (4, "order_no_other_buyer")
    assert dict(issue.params) == {"order_no": "B1", "first": "2"}
    assert issue.text.startswith("订单号 B1 在第 2 行属于另一位买家")


def test_an_order_number_already_another_customers_is_rejected(
    shared_engine: Engine, tmp_path: Path
) -> None:
    team = make_team(shared_engine)
    zhang = add_lead(shared_engine, team, "+8613812345678", name="张三")
    add_lead(shared_engine, team, "+8613912345678", name="李四")
    first = _orders(tmp_path, "C1,张三,13812345678,100,已退款,2024-05-01 10:00", name="a.csv")
    writes.import_orders(shared_engine, first, team_id=team.id, now=NOW)

    # Next week's export reuses C1 for 李四, signed for ¥300; C2 is hers too.
    again = _orders(
        tmp_path,
        "C1,李四,13912345678,300,交易成功,2024-05-08 10:00",
        "C2,李四,13912345678,50,待发货,2024-05-08 11:00",
        name="b.csv",
    )
    for dry_run in (True, False):
        result = writes.import_orders(
            shared_engine, again, team_id=team.id, dry_run=dry_run, now=NOW
        )
        assert (result.created, result.updated, result.matched) == (1, 0, 1)
        assert (result.rejected, result.rejected_by_reason) == (1, {"order_no_taken": 1})
        assert [(i.row_number, i.reason) for i in result.reported] == [(2, "order_no_taken")]

    stored = {
        r[0]: r[1:]
        for r in rows(shared_engine, m.SalesOrder, "order_no", "lead_id", "amount", "status")
    }
    assert stored["C1"] == (zhang, 100.0, "refunded")  # untouched
    assert stored["C2"][1:] == (50.0, "pending_shipment")
