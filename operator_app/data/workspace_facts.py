"""Feeding the hook engine from the cache, and keeping the materialised queue current.

The engine (core/hooks.py) is pure; this module reads each lead's facts in
bulk — a handful of queries for any number of leads, grouped in Python —
runs ``suggest`` and stores the top suggestion per lead in ``lead_queue``.
"""

from __future__ import annotations

import uuid
from collections import defaultdict, namedtuple
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, String, Uuid, and_, delete, insert, select, type_coerce
from sqlalchemy.sql.elements import ColumnElement

from operator_app.core.domain import EventKind
from operator_app.core.hooks import (
    CouponFacts,
    EventFacts,
    LeadState,
    OrderFacts,
    Suggestion,
    seed_hooks,
)
from operator_app.core.next_step import next_steps
from operator_app.core.pacing import last_touch
from operator_app.core.payloads import readable_payload
from operator_app.core.progress import TaskState
from operator_app.core.reply_rate import HookCounts, RateEstimate, estimate_rates
from operator_app.core.team_settings import TeamSettings
from operator_app.data import models as m
from operator_app.data.cache import TAG_SEPARATOR, get_meta, lead_queue
from operator_app.data.queries import hook_counts
from operator_app.data.types import to_us

ID_CHUNK = 900  # SQLite's bound-parameter limit is comfortably above this


def table(model: type) -> Any:
    return model.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class EngineInputs:
    """What every lead's suggestion needs besides its own facts."""

    settings: TeamSettings
    rates: dict[str, RateEstimate]
    priorities: dict[str, int]
    names: dict[str, str]  # hook key -> display name


def team_settings(conn: Connection, team_id: uuid.UUID) -> TeamSettings:
    """The team's settings (a malformed stored value is a KnownError naming it)."""
    from operator_app.data.importing import load_team_settings

    return load_team_settings(conn, team_id)


def engine_inputs(conn: Connection, team_id: uuid.UUID) -> EngineInputs:
    """Settings, learned reply rates and hook priorities for the team.

    Rates come from the team's counts taken at the last load from the shared
    database (every operator's sends), else from what this cache holds.
    """
    settings = team_settings(conn, team_id)
    h = table(m.Hook).c
    hooks = conn.execute(select(h.key, h.name, h.priority, h.prior_reply_rate)).all()
    stored = get_meta(conn, "hook_counts")
    raw = stored if stored is not None else hook_counts(conn, team_id)
    counts = {k: HookCounts(int(v[0]), int(v[1])) for k, v in raw.items()}
    # A hook added to the seed after this database was made is not in its table
    # yet: it runs with its seed values until the team's table has it.
    seed = seed_hooks()
    priors = {k: h.prior_reply_rate for k, h in seed.items()}
    priors |= {r.key: float(r.prior_reply_rate) for r in hooks}
    priorities = {k: h.priority for k, h in seed.items()} | {r.key: int(r.priority) for r in hooks}
    return EngineInputs(
        settings=settings,
        rates=estimate_rates(priors, counts, settings.reply_rate_prior_strength),
        priorities=priorities,
        names={k: h.name for k, h in seed.items()} | {r.key: r.name for r in hooks},
    )


def id_chunks(ids: Iterable[uuid.UUID]) -> Iterable[Sequence[uuid.UUID]]:
    """Ids in slices small enough for one ``IN (...)`` on either backend."""
    items = list(ids)
    for start in range(0, len(items), ID_CHUNK):
        yield items[start : start + ID_CHUNK]


def queue_scope(person_id: uuid.UUID) -> ColumnElement[bool]:
    """The leads in a person's queue: the ones they own and that are not deleted."""
    lead = table(m.Lead).c
    return and_(lead.owner_id == person_id, lead.deleted_at.is_(None))


def _grouped(
    conn: Connection,
    model: type,
    cols: list[str],
    ids: Sequence[uuid.UUID] | None,
    scope: ColumnElement[bool],
) -> dict[uuid.UUID, list[Any]]:
    """Rows of a per-lead table, grouped by lead, for the given leads or the whole scope.

    A million events carry a few thousand distinct ids (leads, operators,
    templates): each id is read as text and made a UUID once, not once per
    row, which was a third of a full refresh's time.
    """
    t = table(model)
    lead = table(m.Lead)
    columns = [t.c.lead_id, *(t.c[c] for c in cols)]
    ids_at = [i for i, c in enumerate(columns) if isinstance(c.type, Uuid)]
    wanted = [
        type_coerce(c, String).label(c.name) if i in ids_at else c for i, c in enumerate(columns)
    ]
    base = select(*wanted).where(t.c.deleted_at.is_(None))
    record = namedtuple(f"{t.name}_row", [c.name for c in columns])  # type: ignore[misc]
    out: dict[uuid.UUID, list[Any]] = defaultdict(list)
    if ids is None:
        queries = [base.where(t.c.lead_id.in_(select(lead.c.id).where(scope)))]
    else:
        queries = [base.where(t.c.lead_id.in_(part)) for part in id_chunks(ids)]
    parsed: dict[str, uuid.UUID] = {}
    for query in queries:
        for raw in conn.execute(query):
            values = list(raw)
            for i in ids_at:
                text = values[i]
                if isinstance(text, str):  # a driver may hand UUIDs over already
                    found = parsed.get(text)
                    values[i] = (
                        found if found is not None else parsed.setdefault(text, uuid.UUID(text))
                    )
            out[values[0]].append(record._make(values))
    return out


# Lead columns the queue row shows but the engine does not need.
_NOT_FACTS = frozenset({"phone", "stage_id"})
LEAD_COLS = (
    "phone",
    "stage_id",
    "id",
    "name",
    "channel",
    "friend_status",
    "friend_requested_at",
    "friend_added_at",
    "birthday",
    "opted_out_at",
    "next_follow_up_at",
    "created_at",
    "owner_id",
)
ORDER_COLS = [
    "order_no",
    "amount",
    "status",
    "is_first_order",
    "ordered_at",
    "shipped_at",
    "arrived_city_at",
    "signed_at",
    "refunded_at",
    "closed_at",
]
COUPON_COLS = ["amount", "issued_at", "expires_at", "used_at"]
# operator_id: only the owner's own events restart the recycle countdown.
EVENT_COLS = ["kind", "occurred_at", "operator_id", "hook_key", "template_id", "line_no"]


def _lead_rows(
    conn: Connection, ids: Sequence[uuid.UUID] | None, scope: ColumnElement[bool]
) -> list[Any]:
    lead = table(m.Lead)
    base = select(*(lead.c[c] for c in LEAD_COLS)).where(scope)
    if ids is None:
        return list(conn.execute(base))
    return [row for part in id_chunks(ids) for row in conn.execute(base.where(lead.c.id.in_(part)))]


def refresh_queue(
    conn: Connection,
    inputs: EngineInputs,
    scope: ColumnElement[bool],
    now: datetime,
    ids: Sequence[uuid.UUID] | None = None,
    state: TaskState | None = None,
) -> int:
    """Recompute the top suggestion for the given leads (or every lead in scope)."""
    state = state or TaskState()
    leads = _lead_rows(conn, ids, scope)
    orders = _grouped(conn, m.SalesOrder, ORDER_COLS, ids, scope)
    coupons = _grouped(conn, m.Coupon, COUPON_COLS, ids, scope)
    events = _grouped(conn, m.ContactEvent, EVENT_COLS, ids, scope)
    shown = _Shown(stage_names(conn), _tags(conn, ids, scope))
    agreed = _agreed_notes(conn, ids, scope)
    rows = []
    for i, lead in enumerate(leads):
        facts = (orders.get(lead.id, ()), coupons.get(lead.id, ()), events.get(lead.id, ()))
        row = _queue_row(lead, *facts, inputs, now, agreed.get(lead.id, ""))
        rows.append(row | shown.fields(lead))
        if i % 2000 == 0:
            state.advance(i, len(leads), "suggestions")
    q = lead_queue.c
    if ids is None:
        conn.execute(
            delete(lead_queue).where(q.lead_id.in_(select(table(m.Lead).c.id).where(scope)))
        )
    else:
        for part in id_chunks(ids):
            conn.execute(delete(lead_queue).where(q.lead_id.in_(part)))
    for start in range(0, len(rows), 5000):
        conn.execute(insert(lead_queue), rows[start : start + 5000])
    return len(rows)


@dataclass(frozen=True)
class _Shown:
    """The lead fields the Today list shows, copied into its queue row."""

    stages: dict[uuid.UUID, str]
    tags: dict[uuid.UUID, list[str]]

    def fields(self, lead: Any) -> dict[str, Any]:
        return {
            "name": lead.name,
            "phone": lead.phone,
            "channel": lead.channel or "",
            "stage": self.stages.get(lead.stage_id, "") if lead.stage_id else "",
            "tags": TAG_SEPARATOR.join(self.tags.get(lead.id, ())),
        }


def follow_up_note(events: Iterable[Any]) -> str:
    """What was agreed for the follow-up: the note written with it
    (``Workspace.set_follow_up(note=…)``), else the latest note on the lead."""
    notes = [e for e in events if e.kind == EventKind.NOTE and (e.body or "").strip()]
    agreed = [e for e in notes if (readable_payload(e.kind, e.payload) or {}).get("follow_up_at")]
    latest = max(agreed or notes, key=lambda e: e.occurred_at, default=None)
    return str(latest.body).strip() if latest is not None else ""


def _agreed_notes(
    conn: Connection, ids: Sequence[uuid.UUID] | None, scope: ColumnElement[bool]
) -> dict[uuid.UUID, str]:
    """``follow_up_note`` for the leads with a follow-up set (a few: one small read)."""
    e, lead = table(m.ContactEvent).c, table(m.Lead).c
    with_follow_up = select(lead.id).where(scope, lead.next_follow_up_at.is_not(None))
    base = select(e.lead_id, e.kind, e.body, e.payload, e.occurred_at).where(
        e.kind == EventKind.NOTE.value, e.deleted_at.is_(None), e.body != ""
    )
    if ids is None:
        queries = [base.where(e.lead_id.in_(with_follow_up))]
    else:
        queries = [
            base.where(e.lead_id.in_(with_follow_up.where(lead.id.in_(part))))
            for part in id_chunks(ids)
        ]
    notes: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for query in queries:
        for row in conn.execute(query):
            notes[row.lead_id].append(row)
    return {lead_id: follow_up_note(rows) for lead_id, rows in notes.items()}


def stage_names(conn: Connection) -> dict[uuid.UUID, str]:
    st = table(m.LifecycleStage).c
    return {r.id: r.name for r in conn.execute(select(st.id, st.name))}


def _tags(
    conn: Connection, ids: Sequence[uuid.UUID] | None, scope: ColumnElement[bool]
) -> dict[uuid.UUID, list[str]]:
    """Live tag names per lead (manual and rule), by name."""
    lt, t, lead = table(m.LeadTag).c, table(m.Tag).c, table(m.Lead).c
    base = (
        select(lt.lead_id, t.name)
        .join_from(table(m.LeadTag), table(m.Tag), t.id == lt.tag_id)
        .where(lt.deleted_at.is_(None))
        .order_by(t.name)
    )
    if ids is None:
        queries = [base.where(lt.lead_id.in_(select(lead.id).where(scope)))]
    else:
        queries = [base.where(lt.lead_id.in_(part)) for part in id_chunks(ids)]
    out: dict[uuid.UUID, list[str]] = defaultdict(list)
    for query in queries:
        for lead_id, name in conn.execute(query):
            out[lead_id].append(name)
    return out


def suggest_for(
    lead: Any,
    orders: Sequence[Any],
    coupons: Sequence[Any],
    events: Sequence[Any],
    inputs: EngineInputs,
    now: datetime,
    agreed: str = "",
) -> tuple[list[Suggestion], list[EventFacts]]:
    """Run the engine on database rows (any rows carrying the named columns);
    ``agreed`` is the note written with the lead's follow-up (``follow_up_note``).

    Returns the suggestions and the event facts, which callers reuse for
    "last touched".
    """
    state = LeadState(
        **{c: getattr(lead, c) for c in LEAD_COLS if c not in _NOT_FACTS},
        follow_up_note=agreed,
    )
    event_facts = [EventFacts(**{c: getattr(e, c) for c in EVENT_COLS}) for e in events]
    found = next_steps(
        state,
        [OrderFacts(**{c: getattr(o, c) for c in ORDER_COLS}) for o in orders],
        [CouponFacts(**{c: getattr(cp, c) for c in COUPON_COLS}) for cp in coupons],
        event_facts,
        inputs.settings,
        inputs.rates,
        now,
        priorities=inputs.priorities,
    )
    return found, event_facts


def _queue_row(
    lead: Any,
    orders: Sequence[Any],
    coupons: Sequence[Any],
    events: Sequence[Any],
    inputs: EngineInputs,
    now: datetime,
    agreed: str = "",
) -> dict[str, Any]:
    found, event_facts = suggest_for(lead, orders, coupons, events, inputs, now, agreed)
    touch = last_touch(event_facts, now, inputs.settings)
    top = found[0] if found else None
    return {
        "lead_id": lead.id,
        "owner_id": lead.owner_id,
        "hook_key": top.hook_key if top else None,
        "due_us": to_us(top.due_at) if top else None,
        "original_due_us": to_us(top.original_due_at) if top else None,
        "priority": top.priority if top else 0,
        "reason": top.reason if top else "",
        "pacing_note": top.pacing_note if top else "",
        "expected_reply_rate": top.expected_reply_rate if top else None,
        "sample_size": top.sample_size if top else 0,
        "last_touch_us": to_us(touch.at),
        "held": top.held if top else False,
        "computed_at": now,
    }
