"""Read queries behind the workspace: a lead's detail, scripts, placeholders, tags."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, or_, select

from operator_app.core.domain import (
    EVENT_KIND_LABELS,
    ORDER_STATUS_LABELS,
    EventKind,
    MoveReason,
    OrderStatus,
)
from operator_app.core.pacing import last_touch
from operator_app.core.payloads import readable_payload
from operator_app.core.phone import mask_phone
from operator_app.core.team_settings import TeamSettings
from operator_app.data import models as m
from operator_app.data.workspace_facts import EngineInputs, follow_up_note, suggest_for, table
from operator_app.data.workspace_types import (
    CouponView,
    LeadDetail,
    OrderView,
    SuggestionView,
    TagView,
    TemplateLineView,
    TemplateView,
    TimelineItem,
)

OutboxWriter = Callable[[Connection, str, str, uuid.UUID, dict[str, Any]], None]


def stage_options(conn: Connection, team_id: uuid.UUID) -> list[tuple[str, str]]:
    st = table(m.LifecycleStage).c
    stmt = select(st.key, st.name).where(st.team_id == team_id, st.deleted_at.is_(None))
    return [(r.key, r.name) for r in conn.execute(stmt.order_by(st.position))]


def stage_ids(conn: Connection, team_id: uuid.UUID) -> dict[str, uuid.UUID]:
    st = table(m.LifecycleStage).c
    stmt = select(st.key, st.id).where(st.team_id == team_id, st.deleted_at.is_(None))
    return {r.key: r.id for r in conn.execute(stmt)}


def tag_names(conn: Connection, team_id: uuid.UUID, manual_only: bool = False) -> list[str]:
    """The team's tag names; ``manual_only`` leaves out rule tags (those are not set by hand)."""
    t = table(m.Tag).c
    stmt = select(t.name).where(t.team_id == team_id, t.deleted_at.is_(None))
    if manual_only:
        stmt = stmt.where(t.rule.is_(None))
    return list(conn.execute(stmt.order_by(t.name)).scalars())


def _lead_tags(conn: Connection, lead_id: uuid.UUID) -> list[TagView]:
    lt, t = table(m.LeadTag).c, table(m.Tag).c
    stmt = (
        select(t.id, t.name, t.color, lt.source)
        .join_from(table(m.LeadTag), table(m.Tag), t.id == lt.tag_id)
        .where(lt.lead_id == lead_id, lt.deleted_at.is_(None))
        .order_by(lt.source, t.name)
    )
    return [TagView(r.id, r.name, r.color, r.source) for r in conn.execute(stmt)]


def _rows(conn: Connection, model: type, lead_id: uuid.UUID, order: str) -> list[Any]:
    t = table(model)
    stmt = select(t).where(t.c.lead_id == lead_id, t.c.deleted_at.is_(None))
    return list(conn.execute(stmt.order_by(t.c[order])))


def _order_view(o: Any) -> OrderView:
    stamps = [
        o.ordered_at,
        o.shipped_at,
        o.arrived_city_at,
        o.signed_at,
        o.refunded_at,
        o.closed_at,
    ]
    return OrderView(
        o.order_no,
        o.product or "",
        float(o.amount),
        o.status,
        ORDER_STATUS_LABELS.get(OrderStatus(o.status), o.status),
        bool(o.is_first_order),
        o.ordered_at,
        max(s for s in stamps if s is not None),
    )


def _timeline(conn: Connection, lead_id: uuid.UUID) -> list[TimelineItem]:
    e, op, tpl = table(m.ContactEvent).c, table(m.Operator).c, table(m.Template).c
    stmt = (
        select(
            e.id,
            e.occurred_at,
            e.kind,
            e.body,
            e.line_no,
            e.payload,
            op.name.label("who"),
            tpl.title,
        )
        .select_from(table(m.ContactEvent))
        .outerjoin(table(m.Operator), op.id == e.operator_id)
        .outerjoin(table(m.Template), tpl.id == e.template_id)
        .where(e.lead_id == lead_id, e.deleted_at.is_(None))
        .order_by(e.occurred_at.desc())
    )
    rows = conn.execute(stmt).all()
    # Moves name people by id; the team is small, so one look-up serves them all.
    names: dict[str, str] = {}
    if any(r.kind == EventKind.REASSIGNED for r in rows):
        names = {str(i): n for i, n in conn.execute(select(op.id, op.name))}
    return [_timeline_item(r, names) for r in rows]


def _timeline_item(r: Any, names: dict[str, str]) -> TimelineItem:
    """One event as the timeline shows it; a row no reader understands is marked unreadable."""
    try:
        kind = EventKind(r.kind)
    except ValueError:  # a kind this version does not know
        return TimelineItem(r.id, r.occurred_at, r.kind, str(r.kind), "", r.who or "", False)
    detail = _detail(r, names)
    label = EVENT_KIND_LABELS.get(kind, r.kind)
    return TimelineItem(
        r.id, r.occurred_at, r.kind, label, detail or "", r.who or "", detail is not None
    )


# Why a lead moved (core.domain.MoveReason); unknown reasons show as given.
MOVE_REASONS: dict[str, str] = {
    MoveReason.MANUAL: "组长转交",
    MoveReason.OPERATOR_LEFT: "原负责人离职",
    MoveReason.FRIEND_REQUEST_EXPIRED: "好友申请 {days} 天未通过",
    MoveReason.IMPORT: "导入时分配",
}


def _move_detail(payload: dict[str, Any], names: dict[str, str]) -> str:
    """``王芳 → 公海（好友申请 7 天未通过）``: who had it, who has it now, why.
    An imported lead came from the file, not the pool: ``导入 → 王芳（导入时分配）``."""
    reason = str(payload.get("reason", ""))

    def who(key: str) -> str:
        person = payload.get(key)
        if person:
            return names.get(str(person), "其他同事")
        return "导入" if key == "from" and reason == MoveReason.IMPORT else "公海"

    known = MOVE_REASONS.get(reason)
    why = known.format(days=payload.get("recycle_days", "N")) if known else reason
    return f"{who('from')} → {who('to')}（{why}）" if why else f"{who('from')} → {who('to')}"


# Kinds whose timeline line is made from the payload.
PAYLOAD_SHOWN = frozenset({EventKind.STAGE_CHANGE, EventKind.REASSIGNED, EventKind.CUSTOM_MESSAGE})


def _detail(r: Any, names: dict[str, str]) -> str | None:
    """One line saying what the event was about; None when its payload is unreadable."""
    if r.title and r.line_no:
        text = f"《{r.title}》第 {r.line_no} 句"
        return f"{text}：{r.body}" if r.body else text
    if r.kind not in PAYLOAD_SHOWN:
        return str(r.body or "")  # the payload is not shown: its shape does not matter
    payload = readable_payload(r.kind, r.payload)
    if payload is None:
        return None
    if r.kind == EventKind.STAGE_CHANGE and payload:
        return f"{payload.get('from') or '—'} → {payload.get('to')}"
    if r.kind == EventKind.REASSIGNED and payload:
        return _move_detail(payload, names)
    if r.kind == EventKind.CUSTOM_MESSAGE and payload:
        return f"{r.body}（目的：{payload.get('purpose', '')}）"
    return str(r.body or "")


def lead_detail(conn: Connection, lead: Any, inputs: EngineInputs, now: datetime) -> LeadDetail:
    orders = _rows(conn, m.SalesOrder, lead.id, "ordered_at")
    coupons = _rows(conn, m.Coupon, lead.id, "issued_at")
    events = _rows(conn, m.ContactEvent, lead.id, "occurred_at")
    agreed = follow_up_note(events) if lead.next_follow_up_at is not None else ""
    found, event_facts = suggest_for(lead, orders, coupons, events, inputs, now, agreed)
    stage = _stage_of(conn, lead.stage_id)
    owner = conn.execute(
        select(table(m.Operator).c.name).where(table(m.Operator).c.id == lead.owner_id)
    ).scalar()
    return LeadDetail(
        lead_id=lead.id,
        name=lead.name,
        phone_masked=mask_phone(lead.phone),
        channel=lead.channel or "",
        city=lead.city or "",
        stage_key=stage[0],
        stage_name=stage[1],
        friend_status=lead.friend_status,
        friend_added_at=lead.friend_added_at,
        birthday=lead.birthday,
        notes=lead.notes,
        next_follow_up_at=lead.next_follow_up_at,
        opted_out=lead.opted_out_at is not None,
        owner_name=owner or "",
        tags=_lead_tags(conn, lead.id),
        # The manual tags offered when tagging, the same on Today and the customer list.
        tag_choices=tuple(tag_names(conn, lead.team_id, manual_only=True)),
        orders=[_order_view(o) for o in reversed(orders)],
        coupons=[
            CouponView(float(c.amount), c.issued_at, c.expires_at, c.used_at)
            for c in reversed(coupons)
        ],
        timeline=_timeline(conn, lead.id),
        suggestions=[
            SuggestionView(
                s.hook_key,
                inputs.names.get(s.hook_key, s.hook_key),
                s.due_at,
                s.original_due_at,
                s.priority,
                s.reason,
                s.pacing_note,
                s.expected_reply_rate,
                s.sample_size,
                s.held,
                s.parked,
            )
            for s in found
        ],
        last_touch_text=last_touch(event_facts, now, inputs.settings).phrase,
        follow_up_note=agreed,
    )


def _stage_of(conn: Connection, stage_id: uuid.UUID | None) -> tuple[str, str]:
    if stage_id is None:
        return "", ""
    st = table(m.LifecycleStage).c
    row = conn.execute(select(st.key, st.name).where(st.id == stage_id)).first()
    return (row.key, row.name) if row else ("", "")


def templates(
    conn: Connection, team_id: uuid.UUID, hook_key: str | None, search: str
) -> list[TemplateView]:
    t, h, ln = table(m.Template).c, table(m.Hook).c, table(m.TemplateLine).c
    stmt = (
        select(
            t.id,
            t.key,
            t.title,
            t.purpose,
            t.customer_thinks,
            t.desired_reply,
            h.key.label("hook_key"),
            h.name.label("hook_name"),
        )
        .join_from(table(m.Template), table(m.Hook), h.id == t.hook_id)
        .where(t.team_id == team_id, t.active.is_(True), t.deleted_at.is_(None))
        .order_by(h.position, t.key)
    )
    if hook_key:
        stmt = stmt.where(h.key == hook_key)
    needle = search.strip()
    if needle:
        like = f"%{needle}%"
        in_lines = select(ln.template_id).where(ln.text.like(like))
        stmt = stmt.where(or_(t.title.like(like), t.purpose.like(like), t.id.in_(in_lines)))
    heads = list(conn.execute(stmt))
    lines: dict[uuid.UUID, list[TemplateLineView]] = defaultdict(list)
    if heads:
        ids = [r.id for r in heads]
        line_stmt = select(ln.template_id, ln.line_no, ln.text).where(
            ln.template_id.in_(ids), ln.deleted_at.is_(None)
        )
        for r in conn.execute(line_stmt.order_by(ln.line_no)):
            lines[r.template_id].append(TemplateLineView(r.line_no, r.text))
    return [
        TemplateView(
            r.id,
            r.key,
            r.hook_key,
            r.hook_name,
            r.title,
            r.purpose,
            r.customer_thinks,
            r.desired_reply,
            lines[r.id],
        )
        for r in heads
    ]


def template_hook(conn: Connection, template_id: uuid.UUID, line_no: int) -> str:
    """The hook a template serves; refuses a line the template does not have."""
    t, h, ln = table(m.Template).c, table(m.Hook).c, table(m.TemplateLine).c
    row = conn.execute(
        select(h.key)
        .join_from(table(m.Template), table(m.Hook), h.id == t.hook_id)
        .join(table(m.TemplateLine), ln.template_id == t.id)
        .where(t.id == template_id, ln.line_no == line_no)
    ).first()
    if row is None:
        raise ValueError(f"template {template_id} has no line {line_no}")
    return str(row.key)


def last_line_sent(conn: Connection, lead_id: uuid.UUID, since: datetime) -> dict[str, Any]:
    """hook/template/line of the most recent line sent to the lead since ``since``, or {}."""
    e = table(m.ContactEvent).c
    row = conn.execute(
        select(e.hook_key, e.template_id, e.line_no)
        .where(e.lead_id == lead_id, e.kind == EventKind.SENT_LINE.value, e.occurred_at >= since)
        .order_by(e.occurred_at.desc())
        .limit(1)
    ).first()
    if row is None:
        return {}
    return {"hook_key": row.hook_key, "template_id": row.template_id, "line_no": row.line_no}


def placeholder_values(
    conn: Connection, lead: Any, operator_name: str, settings: TeamSettings, now: datetime
) -> dict[str, str]:
    """Values for {name}, {operator}, {brand}, {product}, {coupon_*}, {order_no}, {days_left}.

    A value that does not exist (no order yet, no open coupon) is left out, so
    the script shows it as missing instead of inventing one.
    """
    values = {"name": lead.name, "operator": operator_name, "brand": settings.brand}
    orders = _rows(conn, m.SalesOrder, lead.id, "ordered_at")
    if orders:
        values["product"] = orders[-1].product or ""
        values["order_no"] = orders[-1].order_no
    open_coupons = [
        c
        for c in _rows(conn, m.Coupon, lead.id, "expires_at")
        if c.used_at is None and c.expires_at > now
    ]
    if open_coupons:
        coupon = open_coupons[0]
        local = coupon.expires_at.astimezone(settings.timezone)
        values["coupon_amount"] = f"{float(coupon.amount):g}"
        values["coupon_expires"] = f"{local.month}月{local.day}日"
        values["days_left"] = str(
            max(0, (local.date() - now.astimezone(settings.timezone).date()).days)
        )
    return {k: v for k, v in values.items() if v}
