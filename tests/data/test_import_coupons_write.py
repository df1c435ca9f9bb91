"""Coupon imports written to the shared database (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, insert

from operator_app.core.import_coupons import prepare_coupons
from operator_app.data import models as m
from operator_app.data.importing_coupons import import_coupons
from tests.data.import_fixtures import NOW, add_lead, make_team, rows, synced

TZ = ZoneInfo("Asia/Shanghai")
HEADER = "手机号,订单号,优惠券金额,发放时间,到期时间,使用时间"
BODY = [
    "13812345678,,10,2026-05-01 10:00,2026-05-31 10:00,",
    ",A002,20,2026-05-02 10:00,2026-06-01 10:00,",
    "13712345678,,5,2026-05-01 10:00,2026-05-31 10:00,",  # not a customer
]


def _file(tmp_path: Path, body: list[str], name: str = "coupons.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *body]) + "\n", encoding="utf-8")
    return path


def _at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=TZ).astimezone(dt.UTC)


def _coupons(engine: Engine) -> list[tuple]:
    return sorted(
        rows(
            engine, m.Coupon, "lead_id", "amount", "issued_at", "expires_at", "used_at", "version"
        ),
        key=lambda r: r[1],
    )


def test_coupons_attach_by_phone_or_order_and_twice_adds_nothing(
    shared_engine: Engine, tmp_path: Path
) -> None:
    team = make_team(shared_engine)
    zhang = add_lead(shared_engine, team, "+8613812345678", owner_id=team.ops["wangfang"])
    li = add_lead(shared_engine, team, "+8613912345678")
    with shared_engine.begin() as conn:
        order = synced(team_id=team.id, lead_id=li, order_no="A002", amount=88.0)
        conn.execute(insert(m.SalesOrder), [{**order, "status": "signed", "ordered_at": NOW}])
    path = _file(tmp_path, BODY)

    dry = import_coupons(shared_engine, prepare_coupons(path, tz=TZ, now=NOW), team_id=team.id,
                         dry_run=True, now=NOW)  # fmt: skip
    assert (dry.created, dry.unknown_buyer, dry.rejected) == (2, 1, 1)
    assert _coupons(shared_engine) == []  # a dry run writes nothing

    first = import_coupons(
        shared_engine, prepare_coupons(path, tz=TZ, now=NOW), team_id=team.id, now=NOW
    )
    assert (first.rows, first.coupons, first.created, first.already_known) == (3, 3, 2, 0)
    assert first.rejected_by_reason == {"unknown_coupon_buyer": 1}
    assert [i.row_number for i in first.reported] == [4]
    assert _coupons(shared_engine) == [
        (zhang, 10.0, _at(5, 1), _at(5, 31), None, 1),
        (li, 20.0, _at(5, 2), _at(6, 1), None, 1),
    ]

    again = import_coupons(
        shared_engine, prepare_coupons(path, tz=TZ, now=NOW), team_id=team.id, now=NOW
    )
    assert (again.created, again.updated, again.already_known) == (0, 0, 2)
    assert len(_coupons(shared_engine)) == 2


def test_a_later_export_marks_a_known_coupon_used(shared_engine: Engine, tmp_path: Path) -> None:
    team = make_team(shared_engine)
    zhang = add_lead(shared_engine, team, "+8613812345678")
    import_coupons(
        shared_engine,
        prepare_coupons(_file(tmp_path, BODY[:1]), tz=TZ, now=NOW),
        team_id=team.id,
        now=NOW,
    )
    used = ["13812345678,,10,2026-05-01 10:00,2026-05-31 10:00,2026-05-20 12:00"]
    later = import_coupons(
        shared_engine,
        prepare_coupons(_file(tmp_path, used, "later.csv"), tz=TZ, now=NOW),
        team_id=team.id,
        now=NOW,
    )
    assert (later.created, later.updated) == (0, 1)
    assert _coupons(shared_engine) == [(zhang, 10.0, _at(5, 1), _at(5, 31), _at(5, 20, 12), 2)]
