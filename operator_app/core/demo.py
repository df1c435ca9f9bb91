"""The demo team's history, simulated from the hook chain's measured rates.

Pure Python, no database: given the reference rows (operators, stages,
templates) and a random generator, it produces plain row dicts for leads,
orders, coupons, tags and contact events. Every lead walks the chain in
domain.md — friend added, first order, address confirmation, personal
WeChat, receipt reminder, group, follow-ups, coupon-expiry repurchase — and
each template line is answered with a probability chosen so that the whole
step converts at the domain.md rate. One operator's ``skill`` below 1 and
one weak template line make the performance screens have something true to
find. Deterministic: the same seed and ``now`` give the same rows, whatever
the chunk size.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from operator_app.core.distribution import move_payload, recycle_details, recycle_due_at
from operator_app.core.domain import EventKind, FriendStatus, MoveReason, OrderStatus

# Mobile prefixes that phonenumbers accepts as valid Chinese mobiles.
MOBILE_PREFIXES = (
    "130",
    "131",
    "132",
    "133",
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "173",
    "175",
    "176",
    "177",
    "180",
    "181",
    "182",
    "183",
    "184",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "198",
    "199",
)

PACKAGE_CARD = "包裹卡"
# What an operator writes down when agreeing a follow-up (约定跟进 shows it).
AGREED_NOTES = (
    "客户说这周末家里来客人，到时候再看要不要多备点水饺",
    "客户想等发工资后再下单，约好那天提醒她用券",
    "客户问有没有小包装的虾仁，答应问好仓库再回复",
    "客户在外地出差，回来后再聊收货地址",
)
WORK_START, WORK_END = 9, 21  # demo operators respect the default quiet hours


@dataclass(frozen=True)
class DemoOperator:
    id: uuid.UUID
    login: str
    name: str
    capacity: int
    skill: float
    device_id: str


@dataclass(frozen=True)
class DemoTemplate:
    id: uuid.UUID
    key: str
    hook_key: str
    line_count: int


@dataclass
class DemoWorld:
    """Everything the simulation needs to know about the seeded team."""

    team_id: uuid.UUID
    operators: list[DemoOperator]
    stage_ids: dict[str, uuid.UUID]
    templates: dict[str, list[DemoTemplate]]  # by hook key
    manual_tag_ids: list[uuid.UUID]
    params: dict[str, Any]  # resources/seed/demo.json
    settings: dict[str, Any]  # resources/seed/settings.json values
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Shanghai"))


@dataclass
class DemoRows:
    leads: list[dict[str, Any]] = field(default_factory=list)
    orders: list[dict[str, Any]] = field(default_factory=list)
    coupons: list[dict[str, Any]] = field(default_factory=list)
    lead_tags: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


class _Journey:
    """One lead's walk down the hook chain; appends rows to ``rows``."""

    def __init__(self, sim: DemoSimulator, rows: DemoRows, lead: dict[str, Any]) -> None:
        self.sim, self.rows, self.lead = sim, rows, lead
        self.rng = sim.rng
        self.owner: DemoOperator | None = sim.owner_of(lead)
        self.coupon: dict[str, Any] | None = None

    # -- helpers -----------------------------------------------------------
    def rate(self, base: float) -> float:
        skill = self.owner.skill if self.owner else 1.0
        return max(0.0, min(0.98, base * skill))

    def event(self, kind: EventKind, at: datetime, **extra: Any) -> None:
        if at > self.sim.now:
            return
        op = self.owner
        row = {
            **self.sim.synced(at),
            "team_id": self.sim.world.team_id,
            "lead_id": self.lead["id"],
            "operator_id": op.id if op else None,
            "kind": kind.value,
            "occurred_at": at,
            "hook_key": None,
            "template_id": None,
            "line_no": None,
            "body": "",
            "payload": {},
            "device_id": op.device_id if op else "",
        }
        row.update(extra)
        self.rows.events.append(row)

    def script(self, hook_key: str, at: datetime, success_rate: float) -> tuple[bool, datetime]:
        """Send a template's lines one by one; the customer may stop replying after any.

        Each line is answered with probability rate ** (1/n), where rate is
        the step's measured rate times the operator's skill, so answering
        every line happens at that rate — except a weak line, which is
        answered far less often and sinks its template.
        """
        templates = self.sim.world.templates.get(hook_key)
        if not templates or at > self.sim.now:
            return False, at
        tpl = self.rng.choice(templates)
        per_line = self.rate(success_rate) ** (1 / tpl.line_count)
        weak = self.sim.weak_line
        t = at
        for line_no in range(1, tpl.line_count + 1):
            self.event(
                EventKind.SENT_LINE, t, hook_key=hook_key, template_id=tpl.id, line_no=line_no
            )
            p = self.rate(weak[1]) if (tpl.key, line_no) == weak[0] else per_line
            wait = timedelta(minutes=self.rng.randint(3, 180))
            if self.rng.random() >= p:
                self.event(
                    EventKind.NO_REPLY,
                    t + timedelta(hours=24),
                    hook_key=hook_key,
                    template_id=tpl.id,
                    line_no=line_no,
                )
                return False, t + timedelta(hours=24)
            t = t + wait
            self.event(EventKind.REPLIED, t, hook_key=hook_key, template_id=tpl.id, line_no=line_no)
            t = t + timedelta(minutes=self.rng.randint(1, 20))
        return True, t

    # -- the chain ---------------------------------------------------------
    def walk(self, start: datetime) -> None:
        rates = self.sim.rates
        friend_at = self.befriend(start)
        if friend_at is None:
            return
        if self.rng.random() < 0.02:  # a few ask not to be contacted
            self.event(EventKind.OPTED_OUT, self.sim.work_time(friend_at, 1))
            self.lead["opted_out_at"] = self.sim.work_time(friend_at, 1)
            return
        ok, t = self.script("first_order", self.sim.work_time(friend_at, 0), 0.6)
        if not (ok and self.rng.random() < rates["first_order"] / 0.6):
            return
        order_at = t + timedelta(hours=self.rng.uniform(0.5, 30))
        order = self.sim.order(self.rows, self.lead, order_at, first=True)
        if order_at > self.sim.now:
            # Not ordered yet at "now": the demo never dates an order in the
            # future. The order's draws above still happen, so every other
            # lead of the demo stays the same.
            self.rows.orders.pop()
            return
        self.event(EventKind.ORDERED, order_at, payload={"order_no": order["order_no"]})
        self.after_first_order(order)

    def befriend(self, start: datetime) -> datetime | None:
        lead = self.lead
        if lead["channel"] != PACKAGE_CARD:  # QR-code channels: the customer added us
            lead["friend_status"] = FriendStatus.ACCEPTED.value
            lead["friend_added_at"] = start
            self.event(EventKind.FRIEND_ADDED, start)
            return start
        # Both draws before the "not yet" exit: the random stream (and so the
        # rest of the demo) stays the same whether or not a request goes out.
        accepts = self.rng.random() < self.sim.rates["friend_add"]
        added = start + timedelta(hours=self.rng.uniform(1, 72)) if accepts else None
        if start > self.sim.now:
            # Landed after hours: sending the request is today's job (发送好友申请).
            return None
        lead["friend_requested_at"] = start
        self.event(EventKind.FRIEND_REQUEST_SENT, start)
        if added is None:
            lead["friend_status"] = FriendStatus.PENDING.value
            self.recycle_if_expired(start)
            return None
        if added > self.sim.now:
            lead["friend_status"] = FriendStatus.PENDING.value
            return None
        lead["friend_status"] = FriendStatus.ACCEPTED.value
        lead["friend_added_at"] = added
        self.event(EventKind.FRIEND_ADDED, added)
        return added

    def recycle_if_expired(self, requested_at: datetime) -> None:
        """A request never accepted went back to the pool when its countdown ran
        out, as the team lead's app does (data.lead_moves.recycle_expired): a demo
        opened for the first time does not move hundreds of customers at once.
        Nothing else happens to the lead after the request, so the countdown
        runs from the request itself."""
        days = int(self.sim.settings["friend_request_recycle_days"])
        due = recycle_due_at(requested_at, None, days)
        lead = self.lead
        if due is None or due > self.sim.now or lead["owner_id"] is None:
            return  # a pool lead (the demo walks those too) has no one to recycle from
        payload = move_payload(
            lead["owner_id"],
            None,
            MoveReason.FRIEND_REQUEST_EXPIRED,
            request_reset=True,
            **recycle_details(requested_at, None, days),
        )
        # The app recycled it, not a person: no operator, no device.
        self.event(EventKind.REASSIGNED, due, operator_id=None, device_id="", payload=payload)
        lead.update(owner_id=None, friend_status=FriendStatus.NOT_SENT.value)
        lead["friend_requested_at"] = None

    def after_first_order(self, order: dict[str, Any]) -> None:
        rates = self.sim.rates
        ok, t = self.script(
            "address_confirm", order["ordered_at"] + timedelta(minutes=20), rates["address_reply"]
        )
        if ok:
            ok, t = self.script("invite_wechat", t + timedelta(minutes=10), rates["wechat_add"])
            if ok:
                self.event(EventKind.ADDED_WECHAT, t)
                self.coupon = self.sim.coupon(self.rows, self.lead, t)
                if t > self.sim.now:  # not given yet (its id drawn all the same)
                    self.rows.coupons.pop()
                    self.coupon = None
        arrived = order["arrived_city_at"]
        if arrived is None:
            return
        ok, t = self.script(
            "receipt_reminder", self.sim.work_time(arrived, 0), rates["receipt_reply"]
        )
        if ok:
            ok, t = self.script("invite_group", t + timedelta(minutes=5), rates["group_join"])
            if ok:
                self.event(EventKind.JOINED_GROUP, t)
        signed = order["signed_at"]
        if signed is None:
            return
        days = self.sim.settings
        self.script(
            "experience_followup",
            self.sim.work_time(signed, days["experience_followup_days"]),
            0.55,
        )
        self.script("recipe_guide", self.sim.work_time(signed, days["recipe_guide_days"]), 0.5)
        self.repurchase()

    def repurchase(self) -> None:
        coupon = self.coupon
        if coupon is None:
            return
        remind = coupon["expires_at"] - timedelta(
            days=self.sim.settings["coupon_reminder_days_before"]
        )
        ok, t = self.script("coupon_expiry", self.sim.work_time(remind, 0), 0.45)
        if ok and self.rng.random() < self.sim.rates["repurchase"] / 0.45:
            at = t + timedelta(hours=self.rng.uniform(1, 40))
            if at <= self.sim.now and at < coupon["expires_at"]:
                order = self.sim.order(self.rows, self.lead, at, first=False)
                coupon["used_at"] = at
                self.event(EventKind.ORDERED, at, payload={"order_no": order["order_no"]})


class DemoSimulator:
    """Generates the demo rows, lead by lead, from one random stream."""

    def __init__(self, world: DemoWorld, *, seed: int, now: datetime, days: int) -> None:
        self.world = world
        self.rng = random.Random(seed)
        self.now = now.astimezone(UTC)
        self.days = days
        self.rates: dict[str, float] = world.params["rates"]
        self.settings = world.settings
        weak = world.params["weak_line"]
        self.weak_line = ((weak["template"], int(weak["line"])), float(weak["reply_rate"]))
        self._phones: set[str] = set()
        self._order_seq = 0
        self._channels = list(world.params["channels"])
        self._channel_weights = list(world.params["channels"].values())
        self._owners = [op for op in world.operators]
        self._owner_weights = [op.capacity for op in world.operators]
        self._by_id = {op.id: op for op in world.operators}

    # -- row helpers -------------------------------------------------------
    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def synced(self, at: datetime) -> dict[str, Any]:
        return {"id": self.new_id(), "version": 1, "updated_at": at, "deleted_at": None}

    def owner_of(self, lead: dict[str, Any]) -> DemoOperator | None:
        return self._by_id.get(lead["owner_id"]) if lead["owner_id"] else None

    def work_time(self, after: datetime, days: int) -> datetime:
        """A moment in working hours (team time zone) ``days`` after ``after``."""
        local = (after + timedelta(days=days)).astimezone(self.world.tz)
        if local.hour >= WORK_END or days > 0:
            if local.hour >= WORK_END:
                local = local + timedelta(days=1)
            local = datetime.combine(local.date(), time(WORK_START), self.world.tz)
            local += timedelta(minutes=self.rng.randint(0, 10 * 60))
        elif local.hour < WORK_START:
            local = datetime.combine(local.date(), time(WORK_START), self.world.tz)
            local += timedelta(minutes=self.rng.randint(0, 120))
        return local.astimezone(UTC)

    def phone(self) -> str:
        while True:
            number = "+86" + self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if number not in self._phones:
                self._phones.add(number)
                return number

    def name(self) -> str:
        p = self.world.params
        if self.rng.random() < 0.2:
            return str(self.rng.choice(p["nicknames"]))
        return str(self.rng.choice(p["surnames"])) + str(self.rng.choice(p["given_names"]))

    def birthday(self) -> date | None:
        if self.rng.random() < 0.3:
            return None
        year = self.rng.randint(1962, 2004)
        if self.rng.random() < 0.01 and year % 4 == 0:
            return date(year, 2, 29)  # the edge case birthday care must survive
        return date(year, 1, 1) + timedelta(days=self.rng.randrange(365))

    # -- rows --------------------------------------------------------------
    def lead(self, created: datetime) -> dict[str, Any]:
        owner = None
        if self.rng.random() >= 0.02:  # a few sit in the unassigned pool
            owner = self.rng.choices(self._owners, self._owner_weights)[0]
        notes = self.world.params["notes"]
        return {
            **self.synced(created),
            "team_id": self.world.team_id,
            "owner_id": owner.id if owner else None,
            "name": self.name(),
            "phone": self.phone(),
            "channel": self.rng.choices(self._channels, self._channel_weights)[0],
            "stage_id": None,
            "friend_status": FriendStatus.NOT_SENT.value,
            "friend_requested_at": None,
            "friend_added_at": None,
            "birthday": self.birthday(),
            "city": self.rng.choice(self.world.params["cities"]),
            "notes": self.rng.choice(notes) if self.rng.random() < 0.1 else "",
            "next_follow_up_at": None,
            "opted_out_at": None,
            "created_at": created,
        }

    def order(
        self, rows: DemoRows, lead: dict[str, Any], at: datetime, *, first: bool
    ) -> dict[str, Any]:
        product = self.rng.choice(self.world.params["products"])
        qty = self.rng.choice((1, 1, 1, 2, 2, 3))
        self._order_seq += 1
        shipped = at + timedelta(hours=self.rng.uniform(4, 30))
        arrived = shipped + timedelta(hours=self.rng.uniform(20, 60))
        signed = arrived + timedelta(hours=self.rng.uniform(4, 30))
        status, times = OrderStatus.PENDING_SHIPMENT, {}
        for key, when, st in (
            ("shipped_at", shipped, OrderStatus.SHIPPED),
            ("arrived_city_at", arrived, OrderStatus.ARRIVED_CITY),
            ("signed_at", signed, OrderStatus.SIGNED),
        ):
            if when <= self.now:
                times[key], status = when, st
        refunded = None
        if status is OrderStatus.SIGNED and self.rng.random() < 0.03:
            refunded = signed + timedelta(hours=self.rng.uniform(2, 48))
            if refunded <= self.now:
                status = OrderStatus.REFUNDED
            else:
                refunded = None
        row = {
            **self.synced(at),
            "team_id": self.world.team_id,
            "lead_id": lead["id"],
            "order_no": f"XD{at.astimezone(self.world.tz):%y%m%d}{self._order_seq:07d}",
            "product": product["name"],
            "amount": round(float(product["price"]) * qty, 2),
            "status": status.value,
            "is_first_order": first,
            "ordered_at": at,
            "shipped_at": times.get("shipped_at"),
            "arrived_city_at": times.get("arrived_city_at"),
            "signed_at": times.get("signed_at"),
            "refunded_at": refunded,
            "closed_at": None,
        }
        rows.orders.append(row)
        return row

    def coupon(self, rows: DemoRows, lead: dict[str, Any], at: datetime) -> dict[str, Any]:
        rows.coupons.append(
            {
                **self.synced(at),
                "lead_id": lead["id"],
                "amount": float(self.settings["wechat_coupon_amount"]),
                "reason": "invite_wechat",
                "issued_at": at,
                "expires_at": at + timedelta(days=int(self.settings["wechat_coupon_valid_days"])),
                "used_at": None,
            }
        )
        return rows.coupons[-1]

    def history(self, rows: DemoRows, lead: dict[str, Any]) -> None:
        """Some customers bought several times before the window: win-back material."""
        first = True
        n = self.rng.randint(3, 6)
        last = self.now - timedelta(days=self.rng.uniform(20, 75))
        for i in range(n):
            at = last - timedelta(days=(n - 1 - i) * self.rng.uniform(10, 25))
            self.order(rows, lead, at, first=first)
            first = False

    def stage(self, lead: dict[str, Any], rows_before: int, rows: DemoRows) -> None:
        mine = rows.events[rows_before:]
        kinds = {e["kind"] for e in mine}
        if lead["opted_out_at"] is not None:
            key = "not_interested"
        elif EventKind.ORDERED.value in kinds or lead.get("_has_history"):
            key = "customer"
        elif EventKind.ADDED_WECHAT.value in kinds:
            key = "interested"
        elif EventKind.REPLIED.value in kinds:
            key = "first_contact"
        elif len(mine) >= 4:
            key = "not_interested"
        else:
            key = "new"
        lead["stage_id"] = self.world.stage_ids.get(key)
        lead.pop("_has_history", None)

    def one(self, rows: DemoRows) -> None:
        start = self.now - timedelta(days=self.rng.uniform(0, self.days))
        created = start - timedelta(minutes=self.rng.randint(1, 600))
        lead = self.lead(created)
        rows.leads.append(lead)
        before = len(rows.events)
        if self.rng.random() < 0.05:
            lead["_has_history"] = True
            lead["created_at"] = lead["updated_at"] = self.now - timedelta(days=200)
            self.history(rows, lead)
            lead["friend_status"] = FriendStatus.ACCEPTED.value
            lead["friend_added_at"] = self.now - timedelta(days=190)
        else:
            _Journey(self, rows, lead).walk(self.work_time(start, 0))
        if self.world.manual_tag_ids and self.rng.random() < 0.15:
            rows.lead_tags.append(
                {
                    **self.synced(lead["created_at"]),
                    "lead_id": lead["id"],
                    "tag_id": self.rng.choice(self.world.manual_tag_ids),
                    "source": "manual",
                }
            )
        self.stage(lead, before, rows)
        contacted = len(rows.events) > before
        if contacted and lead["opted_out_at"] is None and self.rng.random() < 0.08:
            # Follow-ups the operator agreed with the customer: today and the next days.
            soon = self.now + timedelta(hours=self.rng.uniform(-6, 60))
            lead["next_follow_up_at"] = self.work_time(soon, 0)
            self.agreed_note(rows, lead, rows.events[-1])

    def agreed_note(self, rows: DemoRows, lead: dict[str, Any], last: dict[str, Any]) -> None:
        """What the operator wrote down with the follow-up, right after the last
        contact (chosen without the random stream: the rest of the demo stays)."""
        at = min(last["occurred_at"] + timedelta(minutes=2), self.now)
        follow_up = lead["next_follow_up_at"]
        rows.events.append(
            {
                **{k: last[k] for k in ("team_id", "lead_id", "operator_id", "device_id")},
                "id": uuid.uuid5(lead["id"], "agreed-follow-up"),
                "version": 1,
                "updated_at": at,
                "deleted_at": None,
                "kind": EventKind.NOTE.value,
                "occurred_at": at,
                "hook_key": None,
                "template_id": None,
                "line_no": None,
                "body": AGREED_NOTES[len(rows.events) % len(AGREED_NOTES)],
                "payload": {"follow_up_at": follow_up.isoformat()},
            }
        )

    def chunks(self, count: int, chunk_size: int = 5000) -> Iterator[DemoRows]:
        """Yield rows for ``count`` leads in chunks (bounded memory for 100k leads)."""
        done = 0
        while done < count:
            rows = DemoRows()
            for _ in range(min(chunk_size, count - done)):
                self.one(rows)
            done += len(rows.leads)
            yield rows
