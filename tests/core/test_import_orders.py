"""Order files: lines merged into orders, amounts, statuses, rejected orders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from operator_app.core.importing import merge_statuses, prepare_orders

TZ = ZoneInfo("Asia/Shanghai")

ORDERS = """订单编号,收货人,收货人手机号,商品名称,实付金额,订单状态,下单时间
A001,张三,13812345678,冻品礼盒,"¥1,299.50",已发货,2024-05-01 10:00:00
A001,,,牛排,¥100.25,已发货,
A002,李四,+86 139 1234 5678,虾仁,88,交易成功,2024/5/2 9:30
A003,王五,13712345678,鸡翅,abc,待发货,2024-05-03
A003,,,鸡腿,20,待发货,
A004,赵六,1.38123E+10,鱼,10,待发货,2024-05-04
A005,孙七,13612345678,鱼,10,待付款,2024-05-05
A006,周八,13512345678,鱼,10,已退款,2024-05-06
"""


@pytest.fixture
def orders(tmp_path: Path):
    path = tmp_path / "orders.csv"
    path.write_text(ORDERS, encoding="utf-8")
    return prepare_orders(path, tz=TZ)


def test_lines_merge_into_one_order_per_number(orders) -> None:
    table = orders.orders
    assert table.index.tolist() == ["A001", "A002", "A006"]
    a001 = table.loc["A001"]
    assert a001["amount"] == 1399.75  # 1,299.50 + 100.25
    assert a001["phone"] == "+8613812345678" and a001["name"] == "张三"
    assert a001["product"] == "冻品礼盒、牛排"
    assert a001["status"] == "shipped"
    assert a001["ordered_at"] == dt.datetime(2024, 5, 1, 2, 0, tzinfo=dt.UTC)
    assert a001["lines"] == [0, 1]
    assert table.loc["A002", "status"] == "signed"  # 交易成功: the customer has it
    assert table.loc["A006", "status"] == "refunded"


def test_an_order_with_a_bad_line_is_rejected_whole(orders) -> None:
    rejected = [(i.row_number, i.reason) for i in orders.rejected]
    assert rejected == [
        (5, "bad_amount"),
        (6, "order_line_rejected"),  # A003's other line: a partial sum is never stored
        (7, "phone_scientific"),
        (8, "unpaid"),
    ]
    line = next(i for i in orders.rejected if i.reason == "order_line_rejected")
    assert line.text == "同一订单（A003）的其他行有错误，整单未导入"
    assert orders.rows == 8


def test_merge_statuses() -> None:
    assert merge_statuses(["shipped", "shipped"]) == "shipped"
    assert merge_statuses([None, "signed"]) == "signed"
    # a refunded line is a partial refund: the order still goes on
    assert merge_statuses(["refunded", "shipped"]) == "shipped"
    assert merge_statuses(["closed", "refunded"]) == "refunded"
    assert merge_statuses(["closed"]) == "closed"
    assert merge_statuses([None, ""]) is None


def test_english_exports_and_shop_digit_wrapping(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(
        "Order No,Buyer,Phone,Amount,Status,Order Time\n"
        '="1234567890123456789",Amy,="13812345678",$12.00,Delivered,2024-05-01 08:00\n',
        encoding="utf-8",
    )
    orders = prepare_orders(path, tz=TZ)
    assert orders.orders.index.tolist() == ["1234567890123456789"]
    row = orders.orders.iloc[0]
    assert (row["phone"], row["amount"], row["status"]) == ("+8613812345678", 12.0, "signed")


def test_an_order_number_mangled_by_a_spreadsheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text("订单号,手机号\n1.23457E+18,13812345678\n", encoding="utf-8")
    orders = prepare_orders(path, tz=TZ)
    assert orders.orders.empty
    assert [i.reason for i in orders.rejected] == ["order_no_scientific"]
