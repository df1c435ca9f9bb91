"""Domain vocabulary shared by every layer: roles, statuses and event kinds.

Values are stored as these English keys (stable for analysts and for sync);
the Chinese labels are what operators see.
"""

from __future__ import annotations

import uuid
from enum import StrEnum


class Role(StrEnum):
    OPERATOR = "operator"
    TEAM_LEAD = "team_lead"
    ADMIN = "admin"


class FriendStatus(StrEnum):
    """Where the WeCom friend request to a lead stands."""

    NOT_SENT = "not_sent"
    PENDING = "pending"
    ACCEPTED = "accepted"


class OrderStatus(StrEnum):
    PENDING_SHIPMENT = "pending_shipment"  # 待发货
    SHIPPED = "shipped"  # 已发货
    ARRIVED_CITY = "arrived_city"  # 到达同城
    SIGNED = "signed"  # 已签收
    REFUNDED = "refunded"  # 已退款
    CLOSED = "closed"  # 已关闭


ORDER_STATUS_LABELS: dict[OrderStatus, str] = {
    OrderStatus.PENDING_SHIPMENT: "待发货",
    OrderStatus.SHIPPED: "已发货",
    OrderStatus.ARRIVED_CITY: "到达同城",
    OrderStatus.SIGNED: "已签收",
    OrderStatus.REFUNDED: "已退款",
    OrderStatus.CLOSED: "已关闭",
}


class EventKind(StrEnum):
    """What a contact event records. Events are append-only facts."""

    SENT_LINE = "sent_line"  # sent line N of template T
    CUSTOM_MESSAGE = "custom_message"  # a message not from a template
    REPLIED = "replied"
    NO_REPLY = "no_reply"
    ORDERED = "ordered"
    ADDED_WECHAT = "added_wechat"  # added the operator's personal WeChat
    JOINED_GROUP = "joined_group"
    OPTED_OUT = "opted_out"
    STAGE_CHANGE = "stage_change"
    NOTE = "note"
    REASSIGNED = "reassigned"
    FRIEND_REQUEST_SENT = "friend_request_sent"
    FRIEND_ADDED = "friend_added"
    PHONE_REVEALED = "phone_revealed"


EVENT_KIND_LABELS: dict[EventKind, str] = {
    EventKind.SENT_LINE: "发送话术",
    EventKind.CUSTOM_MESSAGE: "自定义消息",
    EventKind.REPLIED: "已回复",
    EventKind.NO_REPLY: "未回复",
    EventKind.ORDERED: "已下单",
    EventKind.ADDED_WECHAT: "已加个微",
    EventKind.JOINED_GROUP: "已进群",
    EventKind.OPTED_OUT: "拒绝打扰",
    EventKind.STAGE_CHANGE: "阶段变更",
    EventKind.NOTE: "备注",
    EventKind.REASSIGNED: "转交",
    EventKind.FRIEND_REQUEST_SENT: "已发好友申请",
    EventKind.FRIEND_ADDED: "已通过好友",
    EventKind.PHONE_REVEALED: "查看完整手机号",
}


class TagSource(StrEnum):
    MANUAL = "manual"
    RULE = "rule"


def tag_id(team_id: uuid.UUID, name: str) -> uuid.UUID:
    """The id of the team's tag of that name, the same on every PC and server.

    Every tag is created with it (seed, import, a name typed on a lead): the
    same tag made in two places is one row, not a clash on UNIQUE(team, name).
    """
    return uuid.uuid5(uuid.NAMESPACE_URL, f"operator-desk:tag:{team_id}:{name}")


class MoveReason(StrEnum):
    """Why a lead changed owner: the ``reason`` of a ``reassigned`` event's payload."""

    MANUAL = "manual"  # a team lead moved it
    OPERATOR_LEFT = "operator_left"  # its owner left the team
    FRIEND_REQUEST_EXPIRED = "friend_request_expired"  # recycled to the pool
    IMPORT = "import"  # an import gave the new lead its first owner
