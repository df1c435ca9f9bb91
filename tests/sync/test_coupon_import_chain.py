"""Coupons from the mall's export reach the operator: after a team lead imports a real .xlsx
and a real GBK CSV, the operator's sync brings the coupons, the 入个微 script fills in,
and the coupon-expiry hook (3 days before the coupon expires) is in the queue."""

from __future__ import annotations

import csv
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
from sqlalchemy import Engine, select

from operator_app.core.import_coupons import prepare_coupons
from operator_app.core.templates import render_line
from operator_app.data import models as m
from operator_app.data.importing_coupons import import_coupons
from operator_app.data.workspace import Workspace
from tests.sync.conftest import NOW, open_workspace, synced

TZ = ZoneInfo("Asia/Shanghai")
HEADER = ["会员手机号", "券面额", "领取时间", "有效期至", "使用状态"]
LEAD = m.Lead.__table__  # type: ignore[attr-defined]
COUPON = m.Coupon.__table__  # type: ignore[attr-defined]


def _local(at: datetime) -> str:
    return at.astimezone(TZ).strftime("%Y-%m-%d %H:%M")


def _row(phone: str, expires: datetime) -> list[str]:
    return [phone.removeprefix("+86"), "10", _local(expires - timedelta(days=30)), _local(expires)]


def _checking_in(shared: Engine, ws: Workspace) -> list[tuple[uuid.UUID, str]]:
    """The operator's accepted friends without a coupon whose hook is a routine check-in:
    a coupon about to expire is the better reason to write to them."""
    with shared.connect() as conn:
        holders = set(conn.execute(select(COUPON.c.lead_id)).scalars())
        mine = select(LEAD.c.id, LEAD.c.phone).where(LEAD.c.owner_id == ws.person.id)
        phones = {lead_id: phone for lead_id, phone in conn.execute(mine)}
    return [
        (r.lead_id, phones[r.lead_id])
        for r in ws.queue().rows
        if r.hook_key == "check_in" and r.lead_id not in holders
    ]


def _filled(ws: Workspace, lead_id: uuid.UUID, hook_key: str) -> bool:
    """Every line of every template of ``hook_key`` fills in for the lead (nothing missing)."""
    values = ws.placeholder_values(lead_id)
    lines = [ln.text for t in ws.templates(hook_key) for ln in t.lines]
    assert lines, hook_key
    return all(seg.kind != "missing" for text in lines for seg in render_line(text, values))


def test_imported_coupons_fill_the_scripts_and_bring_the_expiry_reminder(
    seeded: Engine, make_cache: Callable[[str], Engine], tmp_path: Path
) -> None:
    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    leads = _checking_in(seeded, ws)
    assert len(leads) >= 3, "the demo should have routine check-ins"
    (soon_a, phone_a), (soon_b, phone_b), (later, phone_later) = leads[:3]
    assert not _filled(ws, soon_a, "invite_wechat")  # 「缺：优惠券金额」 before the import

    expiring = NOW + timedelta(days=2)  # inside the 3-day reminder window
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["商城优惠券导出"], HEADER, _row(phone_a, expiring)):
        sheet.append(row)
    xlsx = tmp_path / "优惠券.xlsx"
    book.save(xlsx)
    gbk = tmp_path / "优惠券.csv"
    with gbk.open("w", encoding="gbk", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows(
            [HEADER, _row(phone_b, expiring), _row(phone_later, NOW + timedelta(days=10))]
        )

    for path, created in ((xlsx, 1), (gbk, 2)):
        rows = prepare_coupons(path, tz=TZ, now=NOW)
        result = import_coupons(seeded, rows, team_id=ws.person.team_id, now=NOW)
        assert (result.created, result.rejected) == (created, 0)
        again = import_coupons(
            seeded, prepare_coupons(path, tz=TZ, now=NOW), team_id=ws.person.team_id, now=NOW
        )
        assert (again.created, again.already_known) == (0, created)  # twice adds nothing

    summary = synced(seeded, cache, ws.person, clock=lambda: NOW)

    assert summary.pulled >= 3
    hooks = {r.lead_id: r for r in ws.queue().rows}
    for lead_id in (soon_a, soon_b):
        assert hooks[lead_id].hook_key == "coupon_expiry"
        due = hooks[lead_id].original_due_at
        assert due is not None and due <= NOW  # 3 days before the coupon expires
        assert _filled(ws, lead_id, "invite_wechat")
        assert _filled(ws, lead_id, "coupon_expiry")
        values = ws.placeholder_values(lead_id)
        assert (values["coupon_amount"], values["days_left"]) == ("10", "2")
    # Ten days before expiry the reminder waits until 3 days before; the script fills in already.
    upcoming = hooks[later]
    if upcoming.hook_key == "coupon_expiry":
        assert upcoming.original_due_at is not None
        assert upcoming.original_due_at > NOW + timedelta(days=6)
        assert not upcoming.is_overdue(NOW)
    assert _filled(ws, later, "invite_wechat")
