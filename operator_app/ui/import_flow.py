"""The import page's background work, as plain functions (no Qt, no widgets).

Each function runs off the GUI thread through the page's runner and calls
the import back end the way ``cli_import`` does: read the file once, check
(a dry run against the shared database) whenever the mapping or an option
changes, then write for real in one transaction. The page keeps what these
return and never touches the database itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from operator_app.core.distribution import OperatorSlot, preview_counts
from operator_app.core.import_coupons import COUPON_FIELDS, CouponRows, validate_coupons
from operator_app.core.import_files import FieldSpec
from operator_app.core.importing import (
    LEAD_FIELDS,
    ORDER_FIELDS,
    LeadRows,
    OrderRows,
    RawTable,
    RowIssue,
    guess_mapping,
    read_table,
    validate_leads,
    validate_orders,
    write_rejected_report,
)
from operator_app.core.progress import TaskState
from operator_app.data.importing import (
    LeadImportResult,
    import_leads,
    load_team_settings,
    team_slots,
)
from operator_app.data.importing_coupons import CouponImportResult, import_coupons
from operator_app.data.importing_orders import OrderImportResult, import_orders

ImportResult = LeadImportResult | OrderImportResult | CouponImportResult
SAMPLE_ROWS = 20  # rows searched for a column's example value


class Kind(StrEnum):
    """What a file holds."""

    LEADS = "leads"
    ORDERS = "orders"
    COUPONS = "coupons"

    @property
    def fields(self) -> tuple[FieldSpec, ...]:
        if self is Kind.LEADS:
            return LEAD_FIELDS
        return ORDER_FIELDS if self is Kind.ORDERS else COUPON_FIELDS


@dataclass(frozen=True)
class Target:
    """Where imports go: the shared database and the signed-in person's team."""

    engine: Engine
    team_id: uuid.UUID
    actor_id: uuid.UUID | None = None  # who imports: stamped on the lead import's events


@dataclass(frozen=True)
class LoadedFile:
    """A file read once, with the team facts every later step needs."""

    path: Path
    kind: Kind
    table: RawTable
    guess: dict[str, str]
    timezone: ZoneInfo
    slots: tuple[OperatorSlot, ...]


@dataclass
class Check:
    """A dry run of one mapping: what the import would do, written nowhere."""

    mapping: dict[str, str]
    result: ImportResult
    issues_by_index: dict[int, RowIssue] = field(default_factory=dict)
    # Leads: new leads per operator named in the file's owner column (None: the file
    # has no owner column), and how many new leads the column leaves to share out.
    from_file: dict[str, int] | None = None
    rest: int = 0

    @property
    def new_leads(self) -> int:
        return self.result.imported if isinstance(self.result, LeadImportResult) else 0


def load_file(target: Target, path: Path, kind: Kind, state: TaskState) -> LoadedFile:
    """Read ``path`` (CSV or .xlsx) and the team's time zone and operators."""
    table = read_table(path, kind.fields, state)
    with target.engine.connect() as conn:
        settings = load_team_settings(conn, target.team_id)
        slots = tuple(team_slots(conn, target.team_id))
    guess = guess_mapping(table.headers, kind.fields)
    return LoadedFile(path, kind, table, guess, settings.timezone, slots)


def _validate(loaded: LoadedFile, mapping: dict[str, str], now: datetime) -> Any:
    if loaded.kind is Kind.LEADS:
        return validate_leads(loaded.table, mapping, tz=loaded.timezone, now=now)
    if loaded.kind is Kind.COUPONS:
        return validate_coupons(loaded.table, mapping, tz=loaded.timezone, now=now)
    return validate_orders(loaded.table, mapping, tz=loaded.timezone)


def check(
    target: Target,
    loaded: LoadedFile,
    mapping: dict[str, str],
    *,
    create_unknown: bool,
    state: TaskState,
    now: datetime,
) -> Check:
    """Validate with ``mapping`` and dry-run the import (nothing is written).
    A check the page no longer needs (``state`` cancelled) stops at the next step."""
    state.check()
    rows = _validate(loaded, mapping, now)
    state.check()
    # The dry run places the new leads by the owner column alone (nobody is
    # chosen yet): what it assigned came from the file, the rest is to share.
    result = _import(target, rows, (), create_unknown, dry_run=True, state=state, now=now)
    from_file: dict[str, int] | None = None
    rest = 0
    if isinstance(result, LeadImportResult):
        from_file = result.assigned if "owner" in rows.mapping else None
        rest = result.pool
    state.check()
    first: dict[int, RowIssue] = {}
    for issue in sorted(result.issues, key=lambda i: not i.fatal):
        first.setdefault(issue.index, issue)  # a row shows its fatal reason first
    return Check(dict(mapping), result, first, from_file, rest)


def distribution(
    loaded: LoadedFile, checked: Check, chosen: list[str]
) -> tuple[dict[str, int], dict[str, int], int]:
    """(per login from the owner column, per login in total, left in the pool) for the
    new leads, as the commit will assign them: the leads the owner column does not
    place are spread over ``chosen`` by capacity (``plan_assignment``'s rule)."""
    from_file = checked.from_file or {}
    spread: Any = preview_counts(checked.rest, loaded.slots, chosen=chosen)
    total = dict(from_file)
    for login, n in spread["assigned"].items():
        total[login] = total.get(login, 0) + n
    return from_file, total, spread["pool"]


def commit(
    target: Target,
    loaded: LoadedFile,
    mapping: dict[str, str],
    *,
    chosen: list[str],
    create_unknown: bool,
    state: TaskState,
    now: datetime,
) -> ImportResult:
    """Validate again (the time of import is now) and write, all or nothing."""
    rows = _validate(loaded, mapping, now)
    state.check()
    return _import(target, rows, chosen, create_unknown, dry_run=False, state=state, now=now)


def _import(
    target: Target,
    rows: LeadRows | OrderRows | CouponRows,
    chosen: Sequence[str],
    create_unknown: bool,
    *,
    dry_run: bool,
    state: TaskState,
    now: datetime,
) -> ImportResult:
    """The back end's import of validated rows into the target's team: new leads
    spread over ``chosen``, buyers who are no leads created if ``create_unknown``."""
    if isinstance(rows, LeadRows):
        return import_leads(
            target.engine,
            rows,
            team_id=target.team_id,
            distribute_to=chosen,
            dry_run=dry_run,
            state=state,
            now=now,
            actor_id=target.actor_id,
        )
    if isinstance(rows, CouponRows):
        return import_coupons(
            target.engine, rows, team_id=target.team_id, dry_run=dry_run, state=state, now=now
        )
    return import_orders(
        target.engine,
        rows,
        team_id=target.team_id,
        create_unknown=create_unknown,
        dry_run=dry_run,
        state=state,
        now=now,
    )


def save_rejected(path: Path, loaded: LoadedFile, result: ImportResult) -> Path:
    """The rows to fix, as CSV (UTF-8 with BOM) with a 原因 column."""
    return write_rejected_report(path, loaded.table, result.reported)


def samples(loaded: LoadedFile) -> dict[str, str]:
    """Per column, its first value that is not empty: shown beside the column's name."""
    head = loaded.table.frame.head(SAMPLE_ROWS)
    out: dict[str, str] = {}
    for header in loaded.table.headers:
        values = [v for v in head[header].tolist() if str(v).strip()]
        if values:
            out[header] = str(values[0])[:40]
    return out
