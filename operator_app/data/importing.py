"""Writing imports and moving leads: the data-layer half of issue 5 (no Qt).

Imports take rows validated by ``core.importing`` and write them with Core
``insert()`` over lists of dicts, in batches, inside one transaction: an
import lands whole or not at all, and one interrupted, failed or cancelled
leaves nothing behind. Phones already in the team are skipped, so importing
the same file twice adds nothing the second time; orders already known are
updated instead of duplicated.

Moves (reassignment, an operator leaving, recycling to the pool) change
``lead.owner_id`` and append one ``reassigned`` contact event per lead with
``{"from": …, "to": …, "reason": …}``; the lead's history stays with it.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from operator_app.core.distribution import AssignmentPlan, OperatorSlot, plan_assignment
from operator_app.core.domain import EventKind, FriendStatus, OrderStatus
from operator_app.core.import_rows import reason_text
from operator_app.core.importing import (
    LeadRows,
    OrderRows,
    RowIssue,
    count_reasons,
    reported_issues,
)
from operator_app.core.progress import TaskState
from operator_app.core.team_settings import TeamSettings
from operator_app.data import models as m
from operator_app.data.types import utcnow
from operator_app.errors import KnownError, translatable

INSERT_BATCH = 5000
LOOKUP_BATCH = 5000  # values per IN (...): far below SQLite's and PostgreSQL's limits

LEAD = m.Lead.__table__  # type: ignore[attr-defined]
OPERATOR = m.Operator.__table__  # type: ignore[attr-defined]
EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
ORDER = m.SalesOrder.__table__  # type: ignore[attr-defined]
TAG = m.Tag.__table__  # type: ignore[attr-defined]
LEAD_TAG = m.LeadTag.__table__  # type: ignore[attr-defined]
TEAM = m.Team.__table__  # type: ignore[attr-defined]
STAGE = m.LifecycleStage.__table__  # type: ignore[attr-defined]
SETTING = m.Setting.__table__  # type: ignore[attr-defined]


def _now(now: datetime | None) -> datetime:
    return (now or utcnow()).astimezone(UTC)


def _synced(now: datetime) -> dict[str, Any]:
    # Columns left out are NULL (deleted_at, and the other never-yet times):
    # each bound NULL still costs a type conversion per row on a bulk path.
    return {"id": uuid.uuid4(), "version": 1, "updated_at": now}


def _chunks(values: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _insert(
    conn: Connection, table: Table, rows: list[dict[str, Any]], state: TaskState | None = None
) -> None:
    """Executemany in batches: one statement per batch, never one object per row."""
    for start in range(0, len(rows), INSERT_BATCH):
        conn.execute(insert(table), rows[start : start + INSERT_BATCH])
        if state is not None:
            state.advance(min(start + INSERT_BATCH, len(rows)), len(rows), table.name)


def _concurrent_import(exc: IntegrityError) -> KnownError:
    return KnownError(
        translatable("Another import or a colleague added some of the same records just now."),
        translatable("Nothing was imported. Run the import again: it skips what already exists."),
    )


# -- the team -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamRef:
    id: uuid.UUID
    name: str


def find_team(engine: Engine, name: str | None = None) -> TeamRef:
    """The team an import goes to: the only one, or the one named."""
    with engine.connect() as conn:
        teams = [
            TeamRef(i, n)
            for i, n in conn.execute(
                select(TEAM.c.id, TEAM.c.name).where(TEAM.c.deleted_at.is_(None)).order_by("name")
            )
        ]
    if name is not None:
        for team in teams:
            if team.name == name:
                return team
        raise KnownError(
            translatable("There is no team named '{name}'."),
            translatable("Teams in this database: {teams}."),
            name=name,
            teams=", ".join(t.name for t in teams) or "-",
        )
    if not teams:
        raise KnownError(
            translatable("The shared database has no team yet."),
            translatable("Create the team and its operators first (or run seed-demo to try)."),
        )
    if len(teams) > 1:
        raise KnownError(
            translatable("The shared database holds several teams."),
            translatable("Say which one with --team NAME: {teams}."),
            teams=", ".join(t.name for t in teams),
        )
    return teams[0]


def load_team_settings(conn: Connection, team_id: uuid.UUID) -> TeamSettings:
    stmt = select(SETTING.c.key, SETTING.c.value).where(
        SETTING.c.team_id == team_id, SETTING.c.deleted_at.is_(None)
    )
    try:
        return TeamSettings.from_mapping({key: value for key, value in conn.execute(stmt)})
    except ValueError as exc:
        raise KnownError(
            translatable("A team setting cannot be used: {reason}"),
            translatable("Correct it in the team settings."),
            reason=str(exc),
        ) from exc


def team_slots(conn: Connection, team_id: uuid.UUID) -> list[OperatorSlot]:
    """The team's active people, by login: who can own leads."""
    stmt = (
        select(OPERATOR.c.id, OPERATOR.c.login, OPERATOR.c.name, OPERATOR.c.capacity)
        .where(
            OPERATOR.c.team_id == team_id,
            OPERATOR.c.active.is_(True),
            OPERATOR.c.deleted_at.is_(None),
        )
        .order_by(OPERATOR.c.login)
    )
    return [OperatorSlot(*row) for row in conn.execute(stmt)]


# -- lead import ---------------------------------------------------------------------------


@dataclass
class LeadImportResult:
    """What a lead import did (or, dry run, would do)."""

    rows: int
    imported: int
    already_known: int
    duplicate_in_file: int
    rejected: int
    rejected_by_reason: dict[str, int]
    assigned: dict[str, int]
    pool: int
    unknown_owners: dict[str, int]
    warnings_by_reason: dict[str, int]
    mapping: dict[str, str]
    dry_run: bool
    issues: list[RowIssue] = field(default_factory=list, repr=False)
    lead_ids: list[uuid.UUID] = field(default_factory=list, repr=False)

    def summary(self, report: str | None = None) -> dict[str, Any]:
        """The CLI's JSON summary."""
        out = asdict(self)
        del out["issues"], out["lead_ids"]
        return {**out, "report": report}

    @property
    def reported(self) -> list[RowIssue]:
        return reported_issues(self.issues)


def _existing_phones(conn: Connection, team_id: uuid.UUID, phones: Sequence[str]) -> set[str]:
    """Phones of the team's leads, deleted ones included (the phone stays taken)."""
    found: set[str] = set()
    for batch in _chunks(list(phones), LOOKUP_BATCH):
        stmt = select(LEAD.c.phone).where(LEAD.c.team_id == team_id, LEAD.c.phone.in_(batch))
        found.update(conn.execute(stmt).scalars())
    return found


def import_leads(
    engine: Engine,
    leads: LeadRows,
    *,
    team_id: uuid.UUID,
    distribute_to: Sequence[str] = (),
    dry_run: bool = False,
    state: TaskState | None = None,
    now: datetime | None = None,
) -> LeadImportResult:
    """Add the file's new leads to the team, with owners, in one transaction.

    Phones the team already has are skipped. Owners come from the file's
    owner column where it names an active operator; the other leads are
    spread over ``distribute_to`` (logins) by capacity, or stay in the pool.
    ``dry_run`` checks and counts without writing.
    """
    now = _now(now)
    try:
        with engine.begin() as conn:
            known = _existing_phones(conn, team_id, leads.valid["phone"].tolist())
            is_known = leads.valid["phone"].isin(known)
            new = leads.valid[~is_known]
            owners = new["owner"] if "owner" in leads.mapping else None
            plan = plan_assignment(
                len(new), team_slots(conn, team_id), chosen=distribute_to, owner_names=owners
            )
            result = _lead_result(leads, is_known, plan, dry_run)
            if not dry_run and len(new):
                result.lead_ids = _write_leads(conn, team_id, new, plan, now, state)
    except IntegrityError as exc:
        raise _concurrent_import(exc) from exc
    return result


def _lead_result(
    leads: LeadRows, is_known: pd.Series, plan: AssignmentPlan, dry_run: bool
) -> LeadImportResult:
    numbers = leads.table.row_numbers
    known_issues = [
        RowIssue(int(i), int(numbers[int(i)]), "already_known", reason_text("already_known"))
        for i in is_known[is_known].index
    ]
    rejected = leads.rejected
    return LeadImportResult(
        rows=leads.rows,
        imported=int((~is_known).sum()),
        already_known=len(known_issues),
        duplicate_in_file=leads.duplicate_in_file,
        rejected=len(rejected),
        rejected_by_reason=count_reasons(rejected),
        assigned=plan.counts(),
        pool=plan.pool,
        unknown_owners=plan.unknown_owners,
        warnings_by_reason=count_reasons(leads.issues, fatal=False),
        mapping=dict(leads.mapping),
        dry_run=dry_run,
        issues=sorted([*leads.issues, *known_issues], key=lambda i: i.index),
    )


def _first_stage(conn: Connection, team_id: uuid.UUID) -> uuid.UUID | None:
    """The team's first lifecycle stage (新客户): where every new lead starts."""
    stmt = (
        select(STAGE.c.id)
        .where(STAGE.c.team_id == team_id, STAGE.c.deleted_at.is_(None))
        .order_by(STAGE.c.position)
        .limit(1)
    )
    return conn.execute(stmt).scalar_one_or_none()


def _write_leads(
    conn: Connection,
    team_id: uuid.UUID,
    new: pd.DataFrame,
    plan: AssignmentPlan,
    now: datetime,
    state: TaskState | None,
) -> list[uuid.UUID]:
    base = {
        "version": 1,
        "updated_at": now,
        "team_id": team_id,
        "stage_id": _first_stage(conn, team_id),
        "friend_status": FriendStatus.NOT_SENT.value,
    }
    ids = [uuid.uuid4() for _ in range(len(new))]
    names = ("id", "owner_id", "phone", "name", "channel", "birthday", "city", "notes")
    columns = [ids, plan.owner_ids(), *(new[c].tolist() for c in names[2:]), new["created_at"]]
    rows = [
        {**base, **dict(zip(names, values[:-1], strict=True)), "created_at": values[-1]}
        for values in zip(*columns, strict=True)
    ]
    _insert(conn, LEAD, rows, state)
    _write_tags(conn, team_id, ids, new["tags"].tolist(), now)
    return ids


def _write_tags(
    conn: Connection,
    team_id: uuid.UUID,
    lead_ids: Sequence[uuid.UUID],
    tags: Sequence[tuple[str, ...]],
    now: datetime,
) -> None:
    """Attach the file's tags, creating manual tags the team does not have yet."""
    names = sorted({name for row in tags for name in row})
    if not names:
        return
    tag_ids = _tag_ids(conn, team_id, names, now)
    links = [
        {**_synced(now), "lead_id": lead_id, "tag_id": tag_ids[name], "source": "manual"}
        for lead_id, row in zip(lead_ids, tags, strict=True)
        for name in row
    ]
    _insert(conn, LEAD_TAG, links)


def _tag_ids(
    conn: Connection, team_id: uuid.UUID, names: Sequence[str], now: datetime
) -> dict[str, uuid.UUID]:
    found: dict[str, uuid.UUID] = {}
    revive: list[uuid.UUID] = []
    for batch in _chunks(names, LOOKUP_BATCH):
        stmt = select(TAG.c.name, TAG.c.id, TAG.c.deleted_at).where(
            TAG.c.team_id == team_id, TAG.c.name.in_(batch)
        )
        for name, tag_id, deleted_at in conn.execute(stmt):
            found[name] = tag_id
            if deleted_at is not None:  # the name is taken: bring the tag back
                revive.append(tag_id)
    if revive:
        conn.execute(
            update(TAG)
            .where(TAG.c.id.in_(revive))
            .values(deleted_at=None, version=TAG.c.version + 1, updated_at=now)
        )
    missing = [
        {**_synced(now), "team_id": team_id, "name": n, "color": "#808080", "rule": None}
        for n in names
        if n not in found
    ]
    _insert(conn, TAG, missing)
    found.update({row["name"]: row["id"] for row in missing})
    return found


# -- order import --------------------------------------------------------------------------

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
        out = asdict(self)
        del out["issues"]
        return {**out, "report": report}

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
    for batch in _chunks(list(phones), LOOKUP_BATCH):
        stmt = select(LEAD.c.phone, LEAD.c.id, LEAD.c.owner_id, LEAD.c.deleted_at).where(
            LEAD.c.team_id == team_id, LEAD.c.phone.in_(batch)
        )
        for phone, lead_id, owner_id, deleted_at in conn.execute(stmt):
            found[phone] = None if deleted_at is not None else _Buyer(lead_id, owner_id)
    return found


def _existing_orders(
    conn: Connection, team_id: uuid.UUID, numbers: Sequence[str]
) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    cols = [ORDER.c.order_no, ORDER.c.id, ORDER.c.lead_id, *(ORDER.c[c] for c in _ORDER_STATE)]
    for batch in _chunks(list(numbers), LOOKUP_BATCH):
        stmt = select(*cols).where(ORDER.c.team_id == team_id, ORDER.c.order_no.in_(batch))
        found.update({row.order_no: row._asdict() for row in conn.execute(stmt)})
    return found


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
    now = _now(now)
    table = orders.orders
    try:
        with engine.begin() as conn:
            existing = _existing_orders(conn, team_id, table.index.tolist())
            buyers = _buyers(conn, team_id, table["phone"].unique().tolist())
            fresh = table[~table.index.isin(list(existing))]
            known = pd.Series(
                [buyers.get(p) is not None for p in fresh["phone"]], index=fresh.index, dtype=bool
            )
            unknown = fresh[~known]
            creatable = _creatable_buyers(unknown, buyers) if create_unknown else unknown.iloc[:0]
            result = _order_result(orders, existing, fresh, known, creatable, dry_run)
            changes = _status_changes(table, existing, "amount" in orders.mapping, now)
            result.updated = len(changes)
            if not dry_run:
                buyers.update(_write_buyers(conn, team_id, creatable, now))
                _write_orders(conn, team_id, fresh, buyers, changes, now, state)
    except IntegrityError as exc:
        raise _concurrent_import(exc) from exc
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
) -> OrderImportResult:
    unknown = fresh[~known]
    created_for = set(creatable["phone"])
    skipped = unknown[~unknown["phone"].isin(created_for)]
    numbers = orders.table.row_numbers
    unknown_issues = [
        RowIssue(i, int(numbers[i]), "unknown_buyer", reason_text("unknown_buyer"))
        for lines in skipped["lines"]
        for i in lines
    ]
    rejected = orders.rejected
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
        issues=sorted([*orders.issues, *unknown_issues], key=lambda i: i.index),
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
    stage_id = _first_stage(conn, team_id)
    rows = [
        {
            **_synced(now),
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
    _insert(conn, LEAD, rows)
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
    _insert(conn, ORDER, rows, state)
    _insert(conn, EVENT, events)
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
        **_synced(now),
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
        **_synced(now),
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
    for batch in _chunks(lead_ids, LOOKUP_BATCH):
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
