"""The operator's workspace over the local cache: the queue, a lead, scripts, and writes.

Every method opens its own short transaction (call it from a background
op). Every write lands in the cache together with its outbox entry in one
SQLite transaction, and re-computes that lead's suggestion in the same
transaction, so the queue never shows a state that was not saved. Nothing
here waits on the shared database.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.sql.elements import ColumnElement

from operator_app.core.domain import EventKind, FriendStatus
from operator_app.core.hooks import HookKey
from operator_app.core.progress import TaskState
from operator_app.data import models as m
from operator_app.data import workspace_coupons as coupons
from operator_app.data import workspace_read as read
from operator_app.data import workspace_tags as tags
from operator_app.data.cache import lead_queue, outbox
from operator_app.data.db import sqlite_transaction
from operator_app.data.events import event_row
from operator_app.data.migrate import head_revision
from operator_app.data.queries import OperatorInfo
from operator_app.data.types import utcnow
from operator_app.data.workspace_facts import (
    EngineInputs,
    engine_inputs,
    queue_scope,
    refresh_queue,
    table,
    team_settings,
)
from operator_app.data.workspace_queue import queue_rows
from operator_app.data.workspace_types import (
    Changes,
    LeadDetail,
    QueueCounts,
    QueueRow,
    QueueSnapshot,
    TemplateView,
)
from operator_app.errors import KnownError, translatable

# Outcomes that describe the customer's answer to the last line sent.
ANSWER_KINDS = frozenset({EventKind.REPLIED, EventKind.NO_REPLY})
OUTCOME_KINDS = frozenset(
    {
        EventKind.REPLIED,
        EventKind.NO_REPLY,
        EventKind.ORDERED,
        EventKind.ADDED_WECHAT,
        EventKind.JOINED_GROUP,
        EventKind.OPTED_OUT,
        EventKind.NOTE,
    }
)
# How long after a line a reply is still taken to answer it.
ANSWER_WINDOW = timedelta(days=7)
# Suggestions older than this are recomputed in the background.
STALE_AFTER = timedelta(hours=1)


class LeadNotFound(KnownError):
    """The lead is not in this PC's cache (reassigned away, or never loaded)."""


class Workspace:
    """Reads and writes for one person's workspace, on the local cache."""

    def __init__(
        self,
        cache: Engine,
        person: OperatorInfo,
        device_id: str,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.cache = cache
        self.person = person
        self.device_id = device_id
        self.clock = clock
        self.schema_version = head_revision()
        with cache.connect() as conn:
            # The team's zone: "today", quiet hours and every time shown use it.
            self.timezone = team_settings(conn, person.team_id).timezone

    # -- scope ----------------------------------------------------------------------
    def scope(self) -> ColumnElement[bool]:
        """The leads in this person's queue: the ones they own."""
        return queue_scope(self.person.id)

    def _inputs(self, conn: Connection) -> EngineInputs:
        return engine_inputs(conn, self.person.team_id)

    # -- reads ----------------------------------------------------------------------
    def refresh_suggestions(
        self, lead_ids: Sequence[uuid.UUID] | None = None, state: TaskState | None = None
    ) -> int:
        """Recompute suggestions (all of this person's leads by default); returns how many."""
        with self.cache.begin() as conn:
            return refresh_queue(
                conn, self._inputs(conn), self.scope(), self.clock(), lead_ids, state
            )

    def suggestions_computed_at(self) -> datetime | None:
        """When this person's suggestions were last computed (None: never)."""
        q = lead_queue.c
        with self.cache.connect() as conn:
            stmt = select(func.min(q.computed_at)).where(q.owner_id == self.person.id)
            return conn.execute(stmt).scalar()

    def refresh_if_stale(
        self, max_age: timedelta = STALE_AFTER, state: TaskState | None = None
    ) -> bool:
        """Recompute every suggestion when the oldest is older than ``max_age``.

        Hooks come due and lapse with time (birthdays, win-back windows,
        expiring chain steps), so a queue computed yesterday is stale.
        Returns True when it recomputed (the caller reloads the queue).
        """
        computed = self.suggestions_computed_at()
        if computed is not None and self.clock() - computed < max_age:
            return False
        self.refresh_suggestions(state=state)
        return True

    def queue(self) -> QueueSnapshot:
        """Every lead of this person: overdue first, then due today, by priority."""
        with self.cache.connect() as conn:
            return self._queue(conn)

    def queue_at(self) -> QueueSnapshot:
        """The queue recomputed at this workspace's clock, without keeping the result.

        For looking at another moment (``queue --at``): the stored suggestions
        stay those of the real "now".
        """
        with self.cache.connect() as conn:
            trans = conn.begin()
            try:
                refresh_queue(conn, self._inputs(conn), self.scope(), self.clock())
                return self._queue(conn)
            finally:
                trans.rollback()

    def _queue(self, conn: Connection) -> QueueSnapshot:
        now = self.clock()
        inputs = self._inputs(conn)
        tz = inputs.settings.timezone
        today = now.astimezone(tz).date()
        end_of_day = datetime.combine(today + timedelta(days=1), time(0), tz)
        start_of_day = datetime.combine(today, time(0), tz)
        rows = self._queue_rows(conn, inputs, now, end_of_day)
        counts = QueueCounts(
            overdue=sum(1 for r in rows if r.is_overdue(now)),
            due_today=sum(1 for r in rows if r.is_today(now, end_of_day) and not r.is_overdue(now)),
            done_today=self._done_since(conn, start_of_day),
        )
        computed = conn.execute(select(func.max(lead_queue.c.computed_at))).scalar()
        return QueueSnapshot(
            rows=rows,
            counts=counts,
            hooks=sorted(inputs.names.items(), key=lambda kv: -inputs.priorities[kv[0]]),
            stages=read.stage_options(conn, self.person.team_id),
            tags=read.tag_names(conn, self.person.team_id),
            channels=sorted({r.channel for r in rows if r.channel}),
            computed_at=computed,
            day_end=end_of_day,
        )

    def queue_rows(self, lead_ids: Sequence[uuid.UUID]) -> list[QueueRow]:
        """Just these leads' queue rows (after a write: patch the list at once, no re-read)."""
        now = self.clock()
        with self.cache.connect() as conn:
            inputs = self._inputs(conn)
            return self._queue_rows(conn, inputs, now, now, list(lead_ids))

    def _queue_rows(
        self,
        conn: Connection,
        inputs: EngineInputs,
        now: datetime,
        end_of_day: datetime,
        only: Sequence[uuid.UUID] | None = None,
    ) -> list[QueueRow]:
        return queue_rows(conn, self.person.id, inputs.names, now, end_of_day, only)

    def _done_since(self, conn: Connection, since: datetime) -> int:
        e = table(m.ContactEvent).c
        kinds = [k.value for k in (*OUTCOME_KINDS, EventKind.SENT_LINE, EventKind.CUSTOM_MESSAGE)]
        stmt = select(func.count(func.distinct(e.lead_id))).where(
            e.operator_id == self.person.id, e.occurred_at >= since, e.kind.in_(kinds)
        )
        return int(conn.execute(stmt).scalar_one())

    def lead_detail(self, lead_id: uuid.UUID) -> LeadDetail:
        with self.cache.connect() as conn:
            row = self._lead(conn, lead_id)
            return read.lead_detail(conn, row, self._inputs(conn), self.clock())

    def templates(self, hook_key: str | None = None, search: str = "") -> list[TemplateView]:
        with self.cache.connect() as conn:
            return read.templates(conn, self.person.team_id, hook_key, search)

    def placeholder_values(self, lead_id: uuid.UUID) -> dict[str, str]:
        with self.cache.connect() as conn:
            row = self._lead(conn, lead_id)
            inputs = self._inputs(conn)
            return read.placeholder_values(
                conn, row, self.person.name, inputs.settings, self.clock()
            )

    def _lead(self, conn: Connection, lead_id: uuid.UUID) -> Any:
        lead = table(m.Lead)
        row = conn.execute(select(lead).where(lead.c.id == lead_id, self.scope())).first()
        if row is None:
            raise LeadNotFound(
                translatable("This customer is no longer in your list."),
                translatable("They may have been reassigned; refresh the list."),
            )
        return row

    # -- writes ---------------------------------------------------------------------
    # Each write takes the cache's write lock before its first read (IMMEDIATE):
    # a sync pull committing in between can then never hand it a stale version
    # or a lead that was just dropped.
    def record_sent_line(self, lead_id: uuid.UUID, template_id: uuid.UUID, line_no: int) -> Changes:
        """The operator copied line ``line_no`` of a template to send it."""
        with sqlite_transaction(self.cache, "IMMEDIATE") as conn:
            row = self._lead(conn, lead_id)
            hook_key = read.template_hook(conn, template_id, line_no)
            self._event(
                conn,
                lead_id,
                EventKind.SENT_LINE,
                hook_key=hook_key,
                template_id=template_id,
                line_no=line_no,
            )
            self._follow_up_done(conn, row)
            return self._after_write(conn, lead_id)

    def record_custom_message(
        self,
        lead_id: uuid.UUID,
        text: str,
        purpose: str,
        customer_thinks: str = "",
        desired_reply: str = "",
    ) -> Changes:
        """A message not from a template; its purpose (三问 1) is required."""
        if not text.strip() or not purpose.strip():
            raise KnownError(
                translatable("A custom message needs its text and its purpose."),
                translatable("Fill in the message and what it is for, then save again."),
            )
        payload = {
            "purpose": purpose,
            "customer_thinks": customer_thinks,
            "desired_reply": desired_reply,
        }
        with sqlite_transaction(self.cache, "IMMEDIATE") as conn:
            row = self._lead(conn, lead_id)
            self._event(conn, lead_id, EventKind.CUSTOM_MESSAGE, body=text, payload=payload)
            self._follow_up_done(conn, row)
            return self._after_write(conn, lead_id)

    def record_outcome(self, lead_id: uuid.UUID, kind: EventKind, note: str = "") -> Changes:
        """What happened: replied, no reply, ordered, added WeChat, joined group, opted out, note.

        A reply (or its absence) is tied to the last line sent in the past
        week, so the performance tab can tell after which line customers stop.
        """
        if kind not in OUTCOME_KINDS:
            raise ValueError(f"not an outcome: {kind}")
        if kind == EventKind.NOTE and not note.strip():
            raise KnownError(
                translatable("A note cannot be empty."),
                translatable("Type the note, then save again."),
            )
        with sqlite_transaction(self.cache, "IMMEDIATE") as conn:
            row = self._lead(conn, lead_id)
            link = read.last_line_sent(conn, lead_id, self.clock() - ANSWER_WINDOW)
            extra = link if kind in ANSWER_KINDS else {"hook_key": link.get("hook_key")}
            if kind == EventKind.REPLIED and row.friend_status != FriendStatus.ACCEPTED:
                # In WeCom only a friend can reply: the request was accepted.
                self._friend_accepted(conn, row)
            self._event(conn, lead_id, kind, body=note, **extra)
            if kind == EventKind.OPTED_OUT:
                self._update_lead(conn, lead_id, {"opted_out_at": self.clock()})
            return self._after_write(conn, lead_id)

    def set_follow_up(self, lead_id: uuid.UUID, at: datetime | None, note: str = "") -> Changes:
        """Agree a next contact at ``at`` (None: none); ``note`` says what was
        agreed, shown with the 约定跟进 hook when it comes up."""
        with sqlite_transaction(self.cache, "IMMEDIATE") as conn:
            self._lead(conn, lead_id)
            self._update_lead(conn, lead_id, {"next_follow_up_at": at})
            if note.strip() and at is not None:
                payload = {"follow_up_at": at.isoformat()}
                self._event(conn, lead_id, EventKind.NOTE, body=note.strip(), payload=payload)
            return self._after_write(conn, lead_id)

    def set_stage(self, lead_id: uuid.UUID, stage_key: str) -> Changes:
        with sqlite_transaction(self.cache, "IMMEDIATE") as conn:
            row = self._lead(conn, lead_id)
            stages = read.stage_ids(conn, self.person.team_id)
            if stage_key not in stages:
                raise ValueError(f"unknown stage {stage_key!r}")
            old = next((k for k, v in stages.items() if v == row.stage_id), None)
            if old == stage_key:
                return Changes()
            self._update_lead(conn, lead_id, {"stage_id": stages[stage_key]})
            self._event(
                conn, lead_id, EventKind.STAGE_CHANGE, payload={"from": old, "to": stage_key}
            )
            return self._after_write(conn, lead_id)

    def set_tag(self, lead_id: uuid.UUID, tag_name: str, on: bool) -> Changes:
        """Add or remove a manual tag; a new name (trimmed, at most
        ``MAX_TAG_LENGTH`` characters) becomes a new manual tag of the team.
        Rule tags follow their rules, not clicks (a KnownError)."""
        with sqlite_transaction(self.cache, "IMMEDIATE") as conn:
            self._lead(conn, lead_id)
            tags.set_manual_tag(
                conn, lead_id, self.person.team_id, tag_name, on, self.clock(), self._outbox
            )
            return self._after_write(conn, lead_id)

    def record_friend_request_sent(self, lead_id: uuid.UUID) -> Changes:
        """The operator sent the WeCom friend request (or sent it again).

        The first request makes the lead pending and starts the recycle clock
        (``friend_requested_at``); a resend keeps that clock. Only the event
        syncs: operators may not write ``friend_status``, and the shared
        database makes the lead pending itself when the event arrives
        (migration 0004's trigger). The cache does the same here, so the PC
        agrees with the server before and after the pull.
        """
        with sqlite_transaction(self.cache, "IMMEDIATE") as conn:
            row = self._lead(conn, lead_id)
            if row.friend_status == FriendStatus.ACCEPTED:
                raise KnownError(
                    translatable("{name} is already your WeCom friend."),
                    translatable("No friend request is needed; pick the suggested hook instead."),
                    name=row.name,
                )
            first = row.friend_status == FriendStatus.NOT_SENT
            hook = HookKey.SEND_FRIEND_REQUEST if first else HookKey.FRIEND_REQUEST_PENDING
            sent = self._event(conn, lead_id, EventKind.FRIEND_REQUEST_SENT, hook_key=hook)
            if first:
                # The event's own time, as the server's trigger uses: one clock
                # for the request on this PC and on the shared database.
                lead = table(m.Lead)
                conn.execute(
                    update(lead)
                    .where(lead.c.id == lead_id)
                    .values(
                        friend_status=FriendStatus.PENDING.value,
                        friend_requested_at=sent["occurred_at"],
                    )
                )
            return self._after_write(conn, lead_id)

    def coupon_defaults(self) -> tuple[float, int]:
        """The team's coupon for 入个微: (amount in yuan, days valid)."""
        with self.cache.connect() as conn:
            settings = self._inputs(conn).settings
            return settings.wechat_coupon_amount, settings.wechat_coupon_valid_days

    def issue_coupon(self, lead_id: uuid.UUID, amount: float, valid_days: int) -> Changes:
        """The operator gave the customer a coupon (amount, valid from now for ``valid_days``)."""
        with sqlite_transaction(self.cache, "IMMEDIATE") as conn:
            self._lead(conn, lead_id)
            coupons.issue_coupon(
                conn,
                lead_id,
                amount=amount,
                valid_days=valid_days,
                now=self.clock(),
                write_outbox=self._outbox,
            )
            return self._after_write(conn, lead_id)

    def record_friend_accepted(self, lead_id: uuid.UUID) -> Changes:
        """The customer accepted the WeCom friend request (好友已通过).

        Like the request, only the event syncs: the shared database marks the
        lead accepted when the owner's ``friend_added`` event arrives
        (migration 0005's trigger), and the cache does the same here. An
        accepted friend is never recycled; the chain goes on with 首单转化.
        """
        with sqlite_transaction(self.cache, "IMMEDIATE") as conn:
            row = self._lead(conn, lead_id)
            if row.friend_status == FriendStatus.ACCEPTED:
                raise KnownError(
                    translatable("{name} is already your WeCom friend."),
                    translatable("Nothing to mark; pick the suggested hook instead."),
                    name=row.name,
                )
            self._friend_accepted(conn, row)
            return self._after_write(conn, lead_id)

    def _friend_accepted(self, conn: Connection, row: Any) -> None:
        """Log ``friend_added`` and mark the cached lead accepted at the event's time,
        as the server's trigger does (operators may not write friend_status)."""
        hook = (
            HookKey.FRIEND_REQUEST_PENDING
            if row.friend_status == FriendStatus.PENDING
            else HookKey.SEND_FRIEND_REQUEST
        )
        added = self._event(conn, row.id, EventKind.FRIEND_ADDED, hook_key=hook)
        lead = table(m.Lead)
        conn.execute(
            update(lead)
            .where(lead.c.id == row.id)
            .values(
                friend_status=FriendStatus.ACCEPTED.value,
                friend_added_at=added["occurred_at"],
                friend_requested_at=func.coalesce(lead.c.friend_requested_at, added["occurred_at"]),
            )
        )

    def reveal_phone(self, lead_id: uuid.UUID) -> str:
        """The full number; revealing it is recorded as an event."""
        with sqlite_transaction(self.cache, "IMMEDIATE") as conn:
            row = self._lead(conn, lead_id)
            self._event(conn, lead_id, EventKind.PHONE_REVEALED)
            return str(row.phone)

    # -- write plumbing -------------------------------------------------------------
    def _follow_up_done(self, conn: Connection, row: Any) -> None:
        """A message sent at or after the agreed follow-up time is that follow-up:
        the time is cleared, so the lead no longer reads "next follow-up: overdue"."""
        at = row.next_follow_up_at
        if at is not None and at <= self.clock():
            self._update_lead(conn, row.id, {"next_follow_up_at": None})

    def _event(
        self, conn: Connection, lead_id: uuid.UUID, kind: EventKind, **fields: Any
    ) -> dict[str, Any]:
        """Log an event (and its outbox entry); the row as written."""
        row = event_row(
            team_id=self.person.team_id,
            lead_id=lead_id,
            operator_id=self.person.id,
            kind=kind,
            now=self.clock(),
            device_id=self.device_id,
            **fields,
        )
        conn.execute(insert(table(m.ContactEvent)), [row])
        self._outbox(conn, "insert", "contact_event", row["id"], row)
        return row

    def _update_lead(self, conn: Connection, lead_id: uuid.UUID, changes: dict[str, Any]) -> None:
        lead = table(m.Lead)
        row = conn.execute(
            select(lead.c.version, *(lead.c[k] for k in changes)).where(lead.c.id == lead_id)
        ).one()
        conn.execute(
            update(lead)
            .where(lead.c.id == lead_id)
            .values(**changes, version=row.version + 1, updated_at=self.clock())
        )
        # The replaced values travel too: the server can then tell a field
        # someone else changed meanwhile from one only this PC touched.
        payload = {
            "changes": changes,
            "base_version": row.version,
            "base_values": {k: row._mapping[k] for k in changes},
        }
        self._outbox(conn, "update", "lead", lead_id, payload)

    def _outbox(
        self, conn: Connection, op: str, table_name: str, row_id: uuid.UUID, payload: dict[str, Any]
    ) -> None:
        conn.execute(
            insert(outbox),
            [
                {
                    "mutation_id": uuid.uuid4(),
                    "created_at": self.clock(),
                    "schema_version": self.schema_version,
                    "op": op,
                    "table_name": table_name,
                    "row_id": row_id,
                    "payload": _jsonable(payload),
                    "status": "pending",
                    "attempts": 0,
                }
            ],
        )

    def _after_write(self, conn: Connection, lead_id: uuid.UUID) -> Changes:
        refresh_queue(conn, self._inputs(conn), self.scope(), self.clock(), [lead_id])
        return Changes(lead_ids=frozenset({lead_id}), queue=True)


def _jsonable(value: Any) -> Any:
    """Outbox payloads are JSON: UUIDs and times as ISO strings."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value
