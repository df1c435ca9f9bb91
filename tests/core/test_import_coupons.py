"""Coupon files from the mall: column guessing, normalised values, a reason per rejected row,
and the import templates."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from operator_app.core.import_coupons import COUPON_FIELDS, coupon_id, prepare_coupons
from operator_app.core.import_files import guess_mapping
from operator_app.core.import_rows import REASONS
from operator_app.core.import_templates import template_rows, write_template
from operator_app.errors import KnownError

TZ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 5, 10, 4, 0, tzinfo=dt.UTC)

COUPONS = """券码,领取人手机号,关联订单,券面额,领取时间,有效期至,使用状态
Q1,13812345678,,10,2026-05-01 10:00,2026-05-31 23:59,未使用
Q2,,A002,20元,2026/5/2,2026年6月1日,已使用
Q3,123,,10,2026-05-01,2026-05-31,未使用
Q4,13812345678,,abc,2026-05-01,2026-05-31,
Q5,13812345678,,10,2026-05-01,,
Q1,13812345678,,10,2026-05-01 10:00,2026-05-31 23:59,未使用
Q7,13912345678,,5,2026-05-01,2026-05-31,也许
Q8,,,5,2026-05-01,2026-05-31,
Q9,13912345678,,0,2026-05-01,2026-05-31,
Q10,13912345678,,5,2026-06-01,2026-05-01,
"""


def _shanghai(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ).astimezone(dt.UTC)


@pytest.fixture
def coupons(tmp_path: Path):
    path = tmp_path / "coupons.csv"
    path.write_text(COUPONS, encoding="gbk")  # what Excel in China saves
    return prepare_coupons(path, tz=TZ, now=NOW)


def test_the_mall_headers_are_guessed() -> None:
    headers = ["券码", "领取人手机号", "关联订单", "券面额", "领取时间", "有效期至", "使用状态"]
    assert guess_mapping(headers, COUPON_FIELDS) == {
        "phone": "领取人手机号",
        "order_no": "关联订单",
        "amount": "券面额",
        "issued_at": "领取时间",
        "expires_at": "有效期至",
        "used": "使用状态",
        "code": "券码",
    }


def test_usable_rows_are_normalised(coupons) -> None:
    table = coupons.coupons
    assert table.index.tolist() == [0, 1]
    first, second = table.loc[0], table.loc[1]
    assert (first["phone"], first["order_no"], first["amount"]) == ("+8613812345678", None, 10.0)
    assert first["issued_at"] == _shanghai(2026, 5, 1, 10, 0)
    assert first["expires_at"] == _shanghai(2026, 5, 31, 23, 59)
    assert (bool(first["used"]), first["used_at"], first["code"]) == (False, None, "Q1")
    assert (second["phone"], second["order_no"], second["amount"]) == (None, "A002", 20.0)
    # 有效期至 a bare date: valid through that day
    assert second["expires_at"] == _shanghai(2026, 6, 1, 23, 59) + dt.timedelta(seconds=59)
    assert bool(second["used"]) is True


def test_every_other_row_has_its_reason(coupons) -> None:
    found = [(i.row_number, i.reason) for i in coupons.issues]
    assert found == [
        (4, "invalid_phone"),
        (5, "bad_coupon_amount"),
        (6, "missing_expiry"),
        (7, "duplicate_coupon"),
        (8, "bad_used"),
        (9, "missing_buyer"),
        (10, "bad_coupon_amount"),
        (11, "expiry_before_issue"),
    ]
    # a coupon listed twice is imported once: nothing to fix in the file
    assert [i.row_number for i in coupons.rejected] == [4, 5, 6, 8, 9, 10, 11]
    assert coupons.duplicate_in_file == 1
    assert coupons.issues[1].text == "优惠券金额无法识别或不大于 0：abc"


def test_a_file_without_phone_or_order_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("客户,面额,到期时间\n张三,10,2026-05-31\n", encoding="utf-8")
    with pytest.raises(KnownError):
        prepare_coupons(path, tz=TZ, now=NOW)


def test_coupon_ids_come_from_the_natural_key() -> None:
    team, lead = uuid.uuid4(), uuid.uuid4()
    expires = _shanghai(2026, 5, 31)
    a = coupon_id(team, code=None, lead_id=lead, amount=10.0, issued_at=None, expires_at=expires)
    b = coupon_id(team, code=None, lead_id=lead, amount=10.0, issued_at=None, expires_at=expires)
    c = coupon_id(team, code=None, lead_id=lead, amount=20.0, issued_at=None, expires_at=expires)
    d = coupon_id(
        uuid.uuid4(), code="Q1", lead_id=lead, amount=1, issued_at=None, expires_at=expires
    )
    e = coupon_id(
        team, code="Q1", lead_id=uuid.uuid4(), amount=2, issued_at=None, expires_at=expires
    )
    f = coupon_id(team, code="Q1", lead_id=lead, amount=1, issued_at=None, expires_at=expires)
    assert a == b and a != c
    assert e == f and d != f  # the code decides, within a team


def test_every_coupon_reason_has_its_text() -> None:
    for key in (
        "missing_buyer",
        "bad_coupon_amount",
        "bad_expiry",
        "missing_expiry",
        "duplicate_coupon",
        "unknown_coupon_buyer",
    ):
        assert key in REASONS


@pytest.mark.parametrize("kind", ["leads", "orders", "coupons"])
def test_a_template_reads_back_with_every_column_recognised(kind: str, tmp_path: Path) -> None:
    path = write_template(kind, tmp_path / f"{kind}.xlsx")
    sheet = openpyxl.load_workbook(path).worksheets[0]
    headers, example = template_rows(kind)
    assert [c.value for c in sheet[1]] == headers
    assert [c.value or "" for c in sheet[2]] == example
    # the phone stays text, and the file imports as its own kind would
    from operator_app.core.import_files import read_table
    from operator_app.core.import_templates import template_fields

    fields = template_fields(kind)
    table = read_table(path, fields)
    assert set(guess_mapping(table.headers, fields)) == {spec.key for spec in fields}
    assert len(table) == 1


def test_an_unknown_template_kind_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(KnownError):
        write_template("tags", tmp_path / "x.xlsx")
