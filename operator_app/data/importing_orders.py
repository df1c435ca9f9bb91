"""Writing an order import: the data-layer half of issue 5's order import (no Qt).

Order lines validated by ``core.importing`` become one order per order
number, written with Core ``insert()`` over lists of dicts inside one
transaction: an import lands whole or not at all. Orders already known are
moved forward (status, amount) instead of duplicated, so importing the same
file twice changes nothing the second time.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, bindparam, select, update
from sqlalchemy.exc import IntegrityError

from operator_app.core.domain import EventKind, FriendStatus, OrderStatus
from operator_app.core.importing import OrderRows, RowIssue, count_reasons, row_issue
from operator_app.core.progress import TaskState
from operator_app.data.import_base import (
    EVENT,
    LEAD,
    LOOKUP_BATCH,
    ORDER,
    chunks,
    concurrent_import,
    first_stage,
    insert_dicts,
    now_utc,
    summary_json,
    synced,
)

# When an order reached each status; statuses never move back down this scale.
STATUS_TIME = {
    OrderStatus.SHIPPED.value: "shipped_at",
    OrderStatus.ARRIVED_CITY.value: "arrived_city_at",
    OrderStatus.SIGNED.value: "signed_at",
    OrderStatus.REFUNDED.value: "refunded_at",
    OrderStatus.CLOSED.value: "closed_at",
}
STATUS_RANK = {
    OrderStatus.PENDING_SHIPMENT.value: 0,
    OrderStatus.SHIPPED.value: 1,
    OrderStatus.ARRIVED_CITY.value: 2,
    OrderStatus.SIGNED.value: 3,
    OrderStatus.REFUNDED.value: 4,
    OrderStatus.CLOSED.value: 4,
}
_ORDER_STATE = ("status", "amount", *STATUS_TIME.values())


@dataclass
class OrderImportResult:
    """What an order import did (or, dry run, would do)."""

    rows: int
    orders: int
    created: int
    updated: int
    matched: int
    unknown_buyer: int
    leads_created: int
    rejected: int
    rejected_by_reason: dict[str, int]
    mapping: dict[str, str]
    dry_run: bool
    issues: list[RowIssue] = field(default_factory=list, repr=False)

    def summary(self, report: str | None = None) -> dict[str, Any]:
        return summary_json(self, report)

    @property
    def reported(self) -> list[RowIssue]:
        """Rejected lines, and lines of orders whose buyer is not a lead."""
        return [i for i in self.issues if i.fatal]


@dataclass(frozen=True)
class _Buyer:
    lead_id: uuid.UUID
    owner_id: uuid.UUID | None


def _buyers(
    conn: Connection, team_id: uuid.UUID, phones: Sequence[str]
) -> dict[str, _Buyer | None]:
    """Lead per phone; None for a deleted lead (its phone stays taken, nothing attaches)."""
    found: dict[str, _Buyer | None] = {}
    for batch in chunks(list(phones), LOOKUP_BATCH):
        stmt = select(LEAD.c.phone, LEAD.c.id, LEAD.c.owner_id, LEAD.c.deleted_at).where(
            LEAD.c.team_id == team_id, LEAD.c.phone.in_(batch)
        )
        for phone, lead_id, owner_id, deleted_at in conn.execute(stmt):
            found[phone] = None if deleted_at is not None else _Buyer(lead_id, owner_id)
    return found


def _existing_orders(
    conn: Connection, team_id: uuid.UUID, numbers: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """The team's orders with these numbers, each with its buyer's phone."""
    found: dict[str, dict[str, Any]] = {}
    cols = [
        ORDER.c.order_no,
        ORDER.c.id,
        ORDER.c.lead_id,
        LEAD.c.phone,
        *(ORDER.c[c] for c in _ORDER_STATE),
    ]
    for batch in chunks(list(numbers), LOOKUP_BATCH):
        stmt = (
            select(*cols)
            .join(LEAD, LEAD.c.id == ORDER.c.lead_id)
            .where(ORDER.c.team_id == team_id, ORDER.c.order_no.in_(batch))
        )
        found.update({row.order_no: row._asdict() for row in conn.execute(stmt)})
    return found


def _taken_numbers(
    orders: OrderRows, existing: dict[str, dict[str, Any]]
) -> tuple[set[str], list[RowIssue]]:
    """Known order numbers the file gives to another buyer, and an issue per line of each.

    Moving such an order forward would give one customer's purchase (amount,
    refund) to another; the rows go back to be checked instead.
    """
    table, numbers = orders.orders, orders.table.row_numbers
    taken = {no for no, old in existing.items() if old["phone"] != table.at[no, "phone"]}
    issues = [
        row_issue(index, int(numbers[index]), "order_no_taken", order_no=no)
        for no in sorted(taken)
        for index in table.at[no, "lines"]
    ]
    return taken, issues


def import_orders(
    engine: Engine,
    orders: OrderRows,
    *,
    team_id: uuid.UUID,
    create_unknown: bool = False,
    dry_run: bool = False,
    state: TaskState | None = None,
    now: datetime | None = None,
) -> OrderImportResult:
    """Add new orders and move known ones forward, in one transaction.

    Orders attach to the team's lead with the buyer's phone. Buyers who are
    not leads are reported, or with ``create_unknown`` become pool leads.
    Statuses only move forward (a stale export never undoes a delivery);
    each lead's earliest order is its first order.
    """
    now = now_utc(now)
    table = orders.orders
    try:
        with engine.begin() as conn:
            existing = _existing_orders(conn, team_id, table.index.tolist())
            fresh = table[~table.index.isin(list(existing))]
            taken, taken_issues = _taken_numbers(orders, existing)
            existing = {no: old for no, old in existing.items() if no not in taken}
            buyers = _buyers(conn, team_id, table["phone"].unique().tolist())
            known = pd.Series(
                [buyers.get(p) is not None for p in fresh["phone"]], index=fresh.index, dtype=bool
            )
            unknown = fresh[~known]
            creatable = _creatable_buyers(unknown, buyers) if create_unknown else unknown.iloc[:0]
            result = _order_result(orders, existing, fresh, known, creatable, dry_run, taken_issues)
            changes = _status_changes(table, existing, "amount" in orders.mapping, now)
            result.updated = len(changes)
            if not dry_run:
                buyers.update(_write_buyers(conn, team_id, creatable, now))
                _write_orders(conn, team_id, fresh, buyers, changes, now, state)
    except IntegrityError as exc:
        raise concurrent_import(exc) from exc
    return result


def _creatable_buyers(unknown: pd.DataFrame, buyers: dict[str, _Buyer | None]) -> pd.DataFrame:
    """Unknown buyers that can become leads: one per phone, not a deleted lead's phone."""
    free = unknown[~unknown["phone"].isin(list(buyers))]
    return free.drop_duplicates("phone")


def _order_result(
    orders: OrderRows,
    existing: dict[str, dict[str, Any]],
    fresh: pd.DataFrame,
    known: pd.Series,
    creatable: pd.DataFrame,
    dry_run: bool,
    taken: list[RowIssue],
) -> OrderImportResult:
    unknown = fresh[~known]
    created_for = set(creatable["phone"])
    skipped = unknown[~unknown["phone"].isin(created_for)]
    numbers = orders.table.row_numbers
    unknown_issues = [
        row_issue(i, int(numbers[i]), "unknown_buyer") for lines in skipped["lines"] for i in lines
    ]
    rejected = [*orders.rejected, *taken]
    return OrderImportResult(
        rows=orders.rows,
        orders=len(orders.orders),
        created=int(known.sum()) + int(unknown["phone"].isin(created_for).sum()),
        updated=0,
        matched=len(existing) + int(known.sum()),
        unknown_buyer=len(unknown),
        leads_created=len(creatable),
        rejected=len(rejected),
        rejected_by_reason=count_reasons(rejected),
        mapping=dict(orders.mapping),
        dry_run=dry_run,
        issues=sorted([*orders.issues, *taken, *unknown_issues], key=lambda i: i.index),
    )


def _status_changes(
    table: pd.DataFrame, existing: dict[str, dict[str, Any]], has_amount: bool, now: datetime
) -> list[dict[str, Any]]:
    """New state of each known order the file moves forward (or re-prices)."""
    changes = []
    for order_no, old in existing.items():
        row = table.loc[order_no]
        new = {key: old[key] for key in _ORDER_STATE}
        status = _value(row["status"])
        if status and status != old["status"] and STATUS_RANK[status] >= STATUS_RANK[old["status"]]:
            new["status"] = status
            column = STATUS_TIME.get(status)
            if column and new[column] is None:
                # The file's own time when it has one; otherwise the status
                # was reached between the last import and this one.
                new[column] = _value(row.get(column)) or now
        if has_amount and abs(float(row["amount"]) - float(old["amount"])) >= 0.005:
            new["amount"] = float(row["amount"])
        if new != {key: old[key] for key in _ORDER_STATE}:
            changes.append({"b_id": old["id"], **{f"b_{k}": v for k, v in new.items()}})
    return changes


def _value(value: Any) -> Any:
    """None for pandas' missing markers (NaN, NaT), the value otherwise."""
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _write_buyers(
    conn: Connection, team_id: uuid.UUID, buyers: pd.DataFrame, now: datetime
) -> dict[str, _Buyer]:
    """Pool leads for buyers who were not leads yet."""
    stage_id = first_stage(conn, team_id)
    rows = [
        {
            **synced(now),
            "team_id": team_id,
            "owner_id": None,
            "name": name,
            "phone": phone,
            "channel": None,
            "stage_id": stage_id,
            "friend_status": FriendStatus.NOT_SENT.value,
            "notes": "",
            "created_at": now,
        }
        for phone, name in zip(buyers["phone"], buyers["name"], strict=True)
    ]
    insert_dicts(conn, LEAD, rows)
    return {row["phone"]: _Buyer(row["id"], None) for row in rows}


def _write_orders(
    conn: Connection,
    team_id: uuid.UUID,
    fresh: pd.DataFrame,
    buyers: dict[str, _Buyer | None],
    changes: list[dict[str, Any]],
    now: datetime,
    state: TaskState | None,
) -> None:
    rows, events = [], []
    for order in fresh.reset_index().to_dict("records"):
        buyer = buyers.get(order["phone"])
        if buyer is None:
            continue  # unknown buyer, reported
        row = _order_row(team_id, order, buyer.lead_id, now)
        rows.append(row)
        events.append(_ordered_event(team_id, row, buyer.owner_id, now))
    _mark_first_orders(conn, rows, now)
    insert_dicts(conn, ORDER, rows, state)
    insert_dicts(conn, EVENT, events)
    if changes:
        values: dict[str, Any] = {k: bindparam(f"b_{k}") for k in _ORDER_STATE}
        stmt = (
            update(ORDER)
            .where(ORDER.c.id == bindparam("b_id"))
            .values(**values, version=ORDER.c.version + 1, updated_at=now)
        )
        conn.execute(stmt, changes)


def _order_row(
    team_id: uuid.UUID, order: dict[str, Any], lead_id: uuid.UUID, now: datetime
) -> dict[str, Any]:
    status = _value(order["status"]) or OrderStatus.PENDING_SHIPMENT.value
    times = {column: None for column in STATUS_TIME.values()}
    times["shipped_at"] = _value(order["shipped_at"])
    times["signed_at"] = _value(order["signed_at"])
    return {
        **synced(now),
        "team_id": team_id,
        "lead_id": lead_id,
        "order_no": str(order["order_no"]),
        "product": _value(order["product"]),
        "amount": float(order["amount"]),
        "status": status,
        "is_first_order": False,
        "ordered_at": _value(order["ordered_at"]) or now,
        **times,
    }


def _ordered_event(
    team_id: uuid.UUID, order: dict[str, Any], owner_id: uuid.UUID | None, now: datetime
) -> dict[str, Any]:
    """The lead's history shows the order, credited to the operator who owns the lead."""
    return {
        **synced(now),
        "team_id": team_id,
        "lead_id": order["lead_id"],
        "operator_id": owner_id,
        "kind": EventKind.ORDERED.value,
        "occurred_at": order["ordered_at"],
        "hook_key": None,
        "template_id": None,
        "line_no": None,
        "body": "",
        "payload": {"order_no": order["order_no"], "source": "import"},
        "device_id": "",
    }


def _mark_first_orders(conn: Connection, rows: list[dict[str, Any]], now: datetime) -> None:
    """Flag each lead's earliest order (by time, then number) as its first order,
    counting the orders it already had; fix stored flags an earlier order upsets."""
    lead_ids = sorted({row["lead_id"] for row in rows}, key=str)
    candidates: dict[uuid.UUID, list[tuple[datetime, str, Any, bool]]] = defaultdict(list)
    for batch in chunks(lead_ids, LOOKUP_BATCH):
        stmt = select(
            ORDER.c.lead_id,
            ORDER.c.ordered_at,
            ORDER.c.order_no,
            ORDER.c.id,
            ORDER.c.is_first_order,
        ).where(ORDER.c.lead_id.in_(batch), ORDER.c.deleted_at.is_(None))
        for lead_id, at, no, order_id, flag in conn.execute(stmt):
            candidates[lead_id].append((at, no, order_id, flag))
    new_rows = {row["id"]: row for row in rows}
    for row in rows:
        candidates[row["lead_id"]].append((row["ordered_at"], row["order_no"], row["id"], False))
    flips = []
    for orders in candidates.values():
        first = min(orders, key=lambda o: (o[0], o[1]))
        for _at, _no, order_id, flag in orders:
            wanted = order_id == first[2]
            if order_id in new_rows:
                new_rows[order_id]["is_first_order"] = wanted
            elif flag != wanted:
                flips.append({"b_id": order_id, "b_flag": wanted})
    if flips:
        flip = (
            update(ORDER)
            .where(ORDER.c.id == bindparam("b_id"))
            .values(is_first_order=bindparam("b_flag"), version=ORDER.c.version + 1, updated_at=now)
        )
        conn.execute(flip, flips)
