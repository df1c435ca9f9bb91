"""The customer list (客户 page): filtered, sorted ids, rows on demand, and the filter choices.

Runs on the local cache (a team lead's cache holds the whole team, the
unassigned pool included: sync/snapshot.py ``lead_scope``), and on any
backend: nothing here is SQLite-only. Filtering and sorting happen in SQL;
:func:`lead_ids` returns only ids, so 100,000 customers cost one indexed
query, and :func:`lead_rows` materialises the few rows on screen.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, overload

from sqlalchemy import Connection, String, and_, func, or_, select, true, type_coerce
from sqlalchemy.sql.elements import ColumnElement

from operator_app.core.domain import EventKind, Role
from operator_app.core.phone import mask_phone
from operator_app.data import models as m
from operator_app.data import workspace_read as read
from operator_app.data.queries import OperatorInfo
from operator_app.data.workspace_facts import engine_inputs
from operator_app.data.workspace_types import LeadDetail
from operator_app.errors import KnownError, translatable

LEAD = m.Lead.__table__  # type: ignore[attr-defined]
OPERATOR = m.Operator.__table__  # type: ignore[attr-defined]
STAGE = m.LifecycleStage.__table__  # type: ignore[attr-defined]
TAG = m.Tag.__table__  # type: ignore[attr-defined]
LEAD_TAG = m.LeadTag.__table__  # type: ignore[attr-defined]
EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
# "Last contact" is the last message sent, as on the lead's detail (core.pacing.OUTBOUND).
CONTACT_KINDS = (EventKind.SENT_LINE.value, EventKind.CUSTOM_MESSAGE.value)
CHUNK = 500  # ids per IN (...) list: well under every backend's parameter limit


class SortKey(StrEnum):
    NAME = "name"
    PHONE = "phone"
    OWNER = "owner"
    STAGE = "stage"
    CHANNEL = "channel"
    FRIEND = "friend"
    LAST_CONTACT = "last_contact"
    FOLLOW_UP = "follow_up"
    CREATED = "created"


@dataclass(frozen=True)
class LeadFilter:
    """What the list is narrowed to; empty strings and None mean "any"."""

    stage: str = ""  # a stage key
    tag: str = ""  # a tag name
    channel: str = ""
    owner: uuid.UUID | None = None
    pool: bool = False  # only the unassigned pool (公海)
    search: str = ""  # part of the name, or the last digits of the phone


@dataclass(frozen=True)
class LeadListRow:
    lead_id: uuid.UUID
    name: str
    phone_masked: str
    owner_id: uuid.UUID | None
    owner_name: str
    stage_name: str
    channel: str
    tags: tuple[str, ...]
    friend_status: str
    last_contact_at: datetime | None
    next_follow_up_at: datetime | None


@dataclass(frozen=True)
class OwnerOption:
    """A person of the team as the owner filter and the move dialogs show them."""

    id: uuid.UUID
    login: str
    name: str
    active: bool
    leads: int


@dataclass(frozen=True)
class ListOptions:
    """The filter choices: stages (key, name), tags, channels, owners, the pool's size."""

    stages: list[tuple[str, str]]
    tags: list[str]
    channels: list[str]
    owners: list[OwnerOption]
    pool: int


def list_scope(person: OperatorInfo) -> ColumnElement[bool]:
    """The customers a person serves: an operator their own, a team lead or admin the team's."""
    mine = (
        LEAD.c.owner_id == person.id
        if person.role == Role.OPERATOR.value
        else LEAD.c.team_id == person.team_id
    )
    return and_(mine, LEAD.c.deleted_at.is_(None))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search(text: str) -> ColumnElement[bool]:
    needle = text.strip()
    if not needle:
        return true()
    by_name = LEAD.c.name.like(f"%{_escape_like(needle)}%", escape="\\")
    digits = "".join(ch for ch in needle if ch.isdigit())
    if digits and len(digits) == len(needle.replace(" ", "")):
        return or_(by_name, LEAD.c.phone.like(f"%{digits}"))
    return by_name


def _conditions(person: OperatorInfo, flt: LeadFilter) -> list[ColumnElement[bool]]:
    out = [list_scope(person), _search(flt.search)]
    if flt.pool:
        out.append(LEAD.c.owner_id.is_(None))
    elif flt.owner is not None:
        out.append(LEAD.c.owner_id == flt.owner)
    if flt.channel:
        out.append(LEAD.c.channel == flt.channel)
    if flt.stage:
        stage_ids = select(STAGE.c.id).where(
            STAGE.c.team_id == person.team_id, STAGE.c.key == flt.stage
        )
        out.append(LEAD.c.stage_id.in_(stage_ids))
    if flt.tag:
        tagged = (
            select(LEAD_TAG.c.lead_id)
            .join(TAG, TAG.c.id == LEAD_TAG.c.tag_id)
            .where(
                TAG.c.team_id == person.team_id,
                TAG.c.name == flt.tag,
                LEAD_TAG.c.deleted_at.is_(None),
            )
        )
        out.append(LEAD.c.id.in_(tagged))
    return out


def _last_contact() -> Any:
    return (
        select(func.max(EVENT.c.occurred_at))
        .where(
            EVENT.c.lead_id == LEAD.c.id,
            EVENT.c.kind.in_(CONTACT_KINDS),
            EVENT.c.deleted_at.is_(None),
        )
        .scalar_subquery()
    )


def _sort_expression(key: SortKey) -> Any:
    if key == SortKey.OWNER:
        name = select(OPERATOR.c.name).where(OPERATOR.c.id == LEAD.c.owner_id).scalar_subquery()
        return func.coalesce(name, "")
    if key == SortKey.STAGE:
        position = select(STAGE.c.position).where(STAGE.c.id == LEAD.c.stage_id).scalar_subquery()
        return func.coalesce(position, -1)
    columns = {
        SortKey.NAME: LEAD.c.name,
        SortKey.PHONE: func.substr(LEAD.c.phone, func.length(LEAD.c.phone) - 3),
        SortKey.CHANNEL: func.coalesce(LEAD.c.channel, ""),
        SortKey.FRIEND: LEAD.c.friend_status,
        SortKey.FOLLOW_UP: LEAD.c.next_follow_up_at,
        SortKey.CREATED: LEAD.c.created_at,
    }
    if key == SortKey.LAST_CONTACT:
        return _last_contact()
    return columns[key]


def lead_ids(
    conn: Connection,
    person: OperatorInfo,
    flt: LeadFilter = LeadFilter(),  # noqa: B008 (frozen, never mutated)
    sort: SortKey = SortKey.NAME,
    descending: bool = False,
) -> LeadIds:
    """The ids of the matching customers, in the order asked (ties by id: stable).

    Empty times (never contacted, no follow-up) sort last either way.
    """
    expr = _sort_expression(sort)
    # NULLS LAST (SQLite 3.30+, PostgreSQL) rather than "expr IS NULL, expr": the
    # last-contact key is a correlated subquery, which would then run twice a row.
    order = (expr.desc() if descending else expr.asc()).nulls_last()
    stmt = (
        select(type_coerce(LEAD.c.id, String))
        .where(*_conditions(person, flt))
        .order_by(order, LEAD.c.id)
    )
    result = conn.execute(stmt)
    try:
        # Straight from the driver: SQLAlchemy's per-row processing and making
        # 100,000 UUIDs would cost three times the query itself.
        return LeadIds([row[0] for row in result.cursor.fetchall()])
    finally:
        result.close()


def _uuid(raw: Any) -> uuid.UUID:
    return raw if isinstance(raw, uuid.UUID) else uuid.UUID(str(raw))


def _key(raw: Any) -> str:
    return raw.hex if isinstance(raw, uuid.UUID) else str(raw).replace("-", "").lower()


class LeadIds(Sequence[uuid.UUID]):
    """Lead ids as the database returned them, made UUIDs only when looked at."""

    def __init__(self, raw: list[Any]) -> None:
        self._raw = raw
        self._rows: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, index: int) -> uuid.UUID: ...
    @overload
    def __getitem__(self, index: slice) -> list[uuid.UUID]: ...
    def __getitem__(self, index: int | slice) -> uuid.UUID | list[uuid.UUID]:
        if isinstance(index, slice):
            return [_uuid(raw) for raw in self._raw[index]]
        return _uuid(self._raw[index])

    def position(self, lead_id: uuid.UUID) -> int:
        """The row of ``lead_id``, or -1 (a lookup table is built on first use)."""
        if self._rows is None:
            self._rows = {_key(raw): row for row, raw in enumerate(self._raw)}
        return self._rows.get(lead_id.hex, -1)


def count_leads(conn: Connection, person: OperatorInfo, flt: LeadFilter = LeadFilter()) -> int:  # noqa: B008
    stmt = select(func.count()).select_from(LEAD).where(*_conditions(person, flt))
    return int(conn.execute(stmt).scalar_one())


def lead_rows(conn: Connection, ids: Sequence[uuid.UUID]) -> list[LeadListRow]:
    """The rows of ``ids`` in that order; ids no longer there are left out."""
    found: dict[uuid.UUID, LeadListRow] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        tags = _tags_of(conn, chunk)
        for row in conn.execute(_rows_statement(chunk)):
            found[row.id] = LeadListRow(
                row.id,
                row.name,
                mask_phone(row.phone),
                row.owner_id,
                row.owner_name or "",
                row.stage_name or "",
                row.channel or "",
                tuple(tags.get(row.id, ())),
                row.friend_status,
                row.last_contact_at,
                row.next_follow_up_at,
            )
    return [found[i] for i in ids if i in found]


def _rows_statement(ids: list[uuid.UUID]) -> Any:
    return (
        select(
            LEAD.c.id,
            LEAD.c.name,
            LEAD.c.phone,
            LEAD.c.owner_id,
            OPERATOR.c.name.label("owner_name"),
            STAGE.c.name.label("stage_name"),
            LEAD.c.channel,
            LEAD.c.friend_status,
            _last_contact().label("last_contact_at"),
            LEAD.c.next_follow_up_at,
        )
        .select_from(LEAD)
        .outerjoin(OPERATOR, OPERATOR.c.id == LEAD.c.owner_id)
        .outerjoin(STAGE, STAGE.c.id == LEAD.c.stage_id)
        .where(LEAD.c.id.in_(ids), LEAD.c.deleted_at.is_(None))
    )


def _tags_of(conn: Connection, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    stmt = (
        select(LEAD_TAG.c.lead_id, TAG.c.name)
        .join(TAG, TAG.c.id == LEAD_TAG.c.tag_id)
        .where(LEAD_TAG.c.lead_id.in_(ids), LEAD_TAG.c.deleted_at.is_(None))
        .order_by(TAG.c.name)
    )
    out: dict[uuid.UUID, list[str]] = defaultdict(list)
    for lead_id, name in conn.execute(stmt):
        out[lead_id].append(name)
    return out


def list_options(conn: Connection, person: OperatorInfo) -> ListOptions:
    """What the filters offer; owners only for someone who sees the team."""
    scope = list_scope(person)
    channels = select(LEAD.c.channel).where(scope, LEAD.c.channel.is_not(None)).distinct()
    owners: list[OwnerOption] = []
    pool = 0
    if person.role != Role.OPERATOR.value:
        owners = team_owners(conn, person.team_id)
        pool = count_leads(conn, person, LeadFilter(pool=True))
    return ListOptions(
        stages=read.stage_options(conn, person.team_id),
        tags=read.tag_names(conn, person.team_id),
        channels=sorted(c for c in conn.execute(channels).scalars() if c),
        owners=owners,
        pool=pool,
    )


def team_owners(conn: Connection, team_id: uuid.UUID) -> list[OwnerOption]:
    """The team's people with how many customers each owns; active first, then by name."""
    counts = (
        select(LEAD.c.owner_id, func.count().label("n"))
        .where(LEAD.c.team_id == team_id, LEAD.c.deleted_at.is_(None))
        .group_by(LEAD.c.owner_id)
        .subquery()
    )
    stmt = (
        select(
            OPERATOR.c.id,
            OPERATOR.c.login,
            OPERATOR.c.name,
            OPERATOR.c.active,
            func.coalesce(counts.c.n, 0),
        )
        .outerjoin(counts, counts.c.owner_id == OPERATOR.c.id)
        .where(OPERATOR.c.team_id == team_id, OPERATOR.c.deleted_at.is_(None))
        .order_by(OPERATOR.c.active.desc(), OPERATOR.c.login)
    )
    return [
        OwnerOption(i, login, name, bool(a), int(n)) for i, login, name, a, n in conn.execute(stmt)
    ]


def lead_detail(
    conn: Connection, person: OperatorInfo, lead_id: uuid.UUID, now: datetime
) -> LeadDetail:
    """One customer's detail for anyone who sees them (a team lead: any of the team's)."""
    row = conn.execute(select(LEAD).where(LEAD.c.id == lead_id, list_scope(person))).first()
    if row is None:
        raise KnownError(
            translatable("This customer is no longer in your list."),
            translatable("They may have been reassigned; refresh the list."),
        )
    return read.lead_detail(conn, row, engine_inputs(conn, person.team_id), now)
