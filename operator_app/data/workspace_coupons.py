"""A coupon the operator gives a customer (入个微: "¥10 no-threshold, valid 30 days").

Written to the local cache with its outbox entry in the caller's write
transaction, like every workspace write; the push delivers it and the
shared database lets an operator insert a coupon on a lead they own
(migration 0006). The amount and validity default to the team's settings
and may be changed for one coupon.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert

from operator_app.data import models as m
from operator_app.data.workspace_facts import table
from operator_app.data.workspace_read import OutboxWriter
from operator_app.errors import KnownError, translatable

MAX_AMOUNT = 10000.0  # a typo guard: a coupon is a gift, not a refund
MAX_VALID_DAYS = 366
WECHAT_REASON = "invite_wechat"  # the demo's reason for the 入个微 coupon


def check_coupon(amount: float, valid_days: int) -> None:
    """Refuse an amount or a validity no real coupon has."""
    if not 0 < amount <= MAX_AMOUNT:
        raise KnownError(
            translatable("A coupon's amount must be more than ¥0 and at most ¥{limit}."),
            translatable("Correct the amount, then save again."),
            limit=f"{MAX_AMOUNT:g}",
        )
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise KnownError(
            translatable("A coupon is valid for 1 to {limit} days."),
            translatable("Correct the number of days, then save again."),
            limit=MAX_VALID_DAYS,
        )


def issue_coupon(
    conn: Connection,
    lead_id: uuid.UUID,
    *,
    amount: float,
    valid_days: int,
    now: datetime,
    write_outbox: OutboxWriter,
    reason: str = WECHAT_REASON,
) -> dict[str, Any]:
    """Store a new unused coupon for ``lead_id``, issued ``now``; the row as written."""
    check_coupon(amount, valid_days)
    row: dict[str, Any] = {
        "id": uuid.uuid4(),
        "version": 1,
        "updated_at": now,
        "deleted_at": None,
        "lead_id": lead_id,
        "amount": round(float(amount), 2),
        "reason": reason,
        "issued_at": now,
        "expires_at": now + timedelta(days=valid_days),
        "used_at": None,
    }
    conn.execute(insert(table(m.Coupon)), [row])
    write_outbox(conn, "insert", "coupon", row["id"], row)
    return row
