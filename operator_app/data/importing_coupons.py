"""Writing a coupon import: coupons from the mall's export onto the team's customers (no Qt).

Each coupon attaches to the customer with its phone, or to the customer who
placed its order. Ids come from each coupon's natural key
(``core.import_coupons.coupon_id``): a coupon already stored is not added
again, only marked used when the file now says so. Everything in one
transaction: an import lands whole or not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select, update
from sqlalchemy.exc import IntegrityError

from operator_app.core.import_coupons import IMPORT_REASON, CouponRows, coupon_id
from operator_app.core.importing import RowIssue, count_reasons, row_issue
from operator_app.core.progress import TaskState
from operator_app.data import models as m
from operator_app.data.import_base import (
    LEAD,
    LOOKUP_BATCH,
    ORDER,
    chunks,
    concurrent_import,
    insert_dicts,
    now_utc,
    summary_json,
)

COUPON = m.Coupon.__table__  # type: ignore[attr-defined]


@dataclass
class CouponImportResult:
    """What a coupon import did (or, dry run, would do)."""

    rows: int
    coupons: int  # distinct usable coupons in the file
    created: int
    updated: int  # known coupons now marked used
    already_known: int
    unknown_buyer: int
    duplicate_in_file: int
    rejected: int
    rejected_by_reason: dict[str, int]
    mapping: dict[str, str]
    dry_run: bool
    issues: list[RowIssue] = field(default_factory=list, repr=False)

    def summary(self, report: str | None = None) -> dict[str, Any]:
        return summary_json(self, report)

    @property
    def reported(self) -> list[RowIssue]:
        """Rows to fix: unusable ones, and coupons of people who are not customers."""
        return [i for i in self.issues if i.fatal and i.reason != "duplicate_coupon"]


def _leads_by_phone(
    conn: Connection, team_id: uuid.UUID, phones: Sequence[str]
) -> dict[str, uuid.UUID]:
    found: dict[str, uuid.UUID] = {}
    for batch in chunks(list(phones), LOOKUP_BATCH):
        stmt = select(LEAD.c.phone, LEAD.c.id).where(
            LEAD.c.team_id == team_id, LEAD.c.phone.in_(batch), LEAD.c.deleted_at.is_(None)
        )
        found.update({phone: lead_id for phone, lead_id in conn.execute(stmt)})
    return found


def _leads_by_order(
    conn: Connection, team_id: uuid.UUID, numbers: Sequence[str]
) -> dict[str, uuid.UUID]:
    found: dict[str, uuid.UUID] = {}
    for batch in chunks(list(numbers), LOOKUP_BATCH):
        stmt = (
            select(ORDER.c.order_no, ORDER.c.lead_id)
            .join(LEAD, LEAD.c.id == ORDER.c.lead_id)
            .where(
                ORDER.c.team_id == team_id,
                ORDER.c.order_no.in_(batch),
                ORDER.c.deleted_at.is_(None),
                LEAD.c.deleted_at.is_(None),
            )
        )
        found.update({no: lead_id for no, lead_id in conn.execute(stmt)})
    return found


def _existing(conn: Connection, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Any]:
    found: dict[uuid.UUID, Any] = {}
    for batch in chunks(list(ids), LOOKUP_BATCH):
        stmt = select(COUPON.c.id, COUPON.c.version, COUPON.c.used_at).where(COUPON.c.id.in_(batch))
        found.update({row.id: row for row in conn.execute(stmt)})
    return found


def import_coupons(
    engine: Engine,
    coupons: CouponRows,
    *,
    team_id: uuid.UUID,
    dry_run: bool = False,
    state: TaskState | None = None,
    now: datetime | None = None,
) -> CouponImportResult:
    """Add the file's new coupons to their customers; mark known ones used when the file says so."""
    now = now_utc(now)
    table = coupons.coupons
    try:
        with engine.begin() as conn:
            by_phone = _leads_by_phone(conn, team_id, table["phone"].dropna().unique().tolist())
            by_order = _leads_by_order(conn, team_id, table["order_no"].dropna().unique().tolist())
            rows, unknown = _coupon_rows(coupons, team_id, by_phone, by_order, now)
            existing = _existing(conn, [r["id"] for r in rows])
            fresh = [r for r in rows if r["id"] not in existing]
            used = [
                {"b_id": r["id"], "b_used_at": r["used_at"], "b_version": existing[r["id"]].version}
                for r in rows
                if r["id"] in existing
                and r["used_at"] is not None
                and existing[r["id"]].used_at is None
            ]
            if not dry_run:
                insert_dicts(conn, COUPON, fresh, state)
                _mark_used(conn, used, now)
    except IntegrityError as exc:
        raise concurrent_import(exc) from exc
    issues = sorted([*coupons.issues, *unknown], key=lambda i: i.index)
    reported = [i for i in issues if i.fatal and i.reason != "duplicate_coupon"]
    return CouponImportResult(
        rows=coupons.rows,
        coupons=len(table),
        created=len(fresh),
        updated=len(used),
        already_known=len(rows) - len(fresh) - len(used),
        unknown_buyer=len(unknown),
        duplicate_in_file=coupons.duplicate_in_file,
        rejected=len(reported),
        rejected_by_reason=count_reasons(reported),
        mapping=dict(coupons.mapping),
        dry_run=dry_run,
        issues=issues,
    )


def _coupon_rows(
    coupons: CouponRows,
    team_id: uuid.UUID,
    by_phone: dict[str, uuid.UUID],
    by_order: dict[str, uuid.UUID],
    now: datetime,
) -> tuple[list[dict[str, Any]], list[RowIssue]]:
    """The coupon rows to store, one per file row whose buyer is a customer; the others' issues."""
    out: list[dict[str, Any]] = []
    unknown: list[RowIssue] = []
    numbers = coupons.table.row_numbers
    seen: set[uuid.UUID] = set()
    frame = coupons.coupons
    # Plain dicts, not iterrows(): a mall export may list many thousands of coupons.
    for index, c in zip(frame.index, frame.to_dict("records"), strict=True):
        lead_id = by_phone.get(c["phone"]) if c["phone"] else None
        if lead_id is None and c["order_no"]:
            lead_id = by_order.get(c["order_no"])
        if lead_id is None:
            unknown.append(row_issue(int(index), int(numbers[int(index)]), "unknown_coupon_buyer"))
            continue
        issued, expires = _time(c["issued_at"]), _time(c["expires_at"])
        assert expires is not None  # validation rejects a row without one
        amount = round(float(c["amount"]), 2)
        row_id = coupon_id(
            team_id,
            code=c["code"],
            lead_id=lead_id,
            amount=amount,
            issued_at=issued,
            expires_at=expires,
        )
        if row_id in seen:  # one phone and its order named the same coupon twice
            continue
        seen.add(row_id)
        used_at = _time(c["used_at"])
        if used_at is None and c["used"]:
            used_at = min(now, expires)  # used, the file does not say when: by then at the latest
        out.append(
            {
                "id": row_id,
                "version": 1,
                "updated_at": now,
                "lead_id": lead_id,
                "amount": amount,
                "reason": IMPORT_REASON,
                "issued_at": issued or now,
                "expires_at": expires,
                "used_at": used_at,
            }
        )
    return out, unknown


def _time(value: Any) -> datetime | None:
    return value if isinstance(value, datetime) else None


def _mark_used(conn: Connection, used: list[dict[str, Any]], now: datetime) -> None:
    if not used:
        return
    stmt = (
        update(COUPON)
        .where(COUPON.c.id == bindparam("b_id"), COUPON.c.used_at.is_(None))
        .values(used_at=bindparam("b_used_at"), version=bindparam("b_version") + 1, updated_at=now)
    )
    conn.execute(stmt, used)
