"""Who gets which new lead, and when a lead goes back to the pool (pure functions).

Distribution: evenly across the chosen operators weighted by capacity, with
exact counts by the largest-remainder method, or by the owner column of the
file when it names a known operator. Rows are interleaved across operators
(not handed out in blocks), because files are usually sorted by time or
channel and blocks would give one operator all the oldest leads.

Recycling (domain.md, Leads): a lead whose friend request is still pending
``friend_request_recycle_days`` after the *last sign of life* goes back to
the pool. See :func:`recycle_due_at` for the exact rule.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from operator_app.core.domain import EventKind, MoveReason
from operator_app.errors import KnownError, translatable

POOL = -1  # owner index of a lead left in the unassigned pool


@dataclass(frozen=True)
class OperatorSlot:
    """A person who can own leads, as distribution sees them."""

    id: uuid.UUID
    login: str
    name: str
    capacity: int


def largest_remainder(total: int, weights: Sequence[int]) -> list[int]:
    """Split ``total`` into whole shares proportional to ``weights`` that add up to
    exactly ``total``. Each share is its quota rounded down; the units left over
    go to the largest remainders, ties to the earlier weight. Integer arithmetic
    only, so the result never depends on floating-point rounding."""
    if total < 0:
        raise ValueError("total must be >= 0")
    weights = [max(0, int(w)) for w in weights]
    whole = sum(weights)
    if whole == 0:
        raise ValueError("at least one weight must be positive")
    shares = [total * w // whole for w in weights]
    remainders = [total * w % whole for w in weights]
    left = total - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in by_remainder[:left]:
        shares[i] += 1
    return shares


def interleave(counts: Sequence[int]) -> np.ndarray:
    """A sequence holding slot ``i`` exactly ``counts[i]`` times, each slot's turns
    spread evenly over the whole sequence (deterministic: ties by slot order)."""
    slots = np.repeat(np.arange(len(counts)), counts)
    if slots.size == 0:
        return slots
    # Slot i's j-th turn sits at (j + 0.5) / counts[i] of the way through.
    turn = np.concatenate([np.arange(c) for c in counts])
    position = (turn + 0.5) / np.asarray(counts, dtype=float)[slots]
    return slots[np.lexsort((slots, position))]


def _name_key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def owner_lookup(slots: Sequence[OperatorSlot]) -> dict[str, int]:
    """Owner-column text -> slot index. Logins first; a display name counts only
    when it belongs to one person (two 小王 cannot be told apart)."""
    names = Counter(_name_key(s.name) for s in slots)
    lookup: dict[str, int] = {}
    for index, slot in enumerate(slots):
        if names[_name_key(slot.name)] == 1 and _name_key(slot.name):
            lookup.setdefault(_name_key(slot.name), index)
    for index, slot in enumerate(slots):
        lookup[_name_key(slot.login)] = index
    return lookup


@dataclass(frozen=True)
class AssignmentPlan:
    """Per new lead, the index of its owner in ``slots`` (POOL: unassigned)."""

    owners: np.ndarray
    slots: tuple[OperatorSlot, ...]
    chosen: tuple[str, ...] = ()
    unknown_owners: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Leads per operator login: every chosen operator (even with 0), then any
        owner named by the file; sorted by login."""
        found = Counter(int(i) for i in self.owners if i != POOL)
        counts = {login: 0 for login in self.chosen}
        for index, n in found.items():
            counts[self.slots[index].login] = n
        return dict(sorted(counts.items()))

    @property
    def pool(self) -> int:
        return int((self.owners == POOL).sum())

    def owner_ids(self) -> list[uuid.UUID | None]:
        """Per new lead, its owner's id (None: the pool)."""
        # One list look-up per row over plain ints: numpy scalars are slow to index with.
        by_index: list[uuid.UUID | None] = [slot.id for slot in self.slots]
        return [None if i == POOL else by_index[i] for i in self.owners.astype(int).tolist()]


def plan_assignment(
    rows: int,
    slots: Sequence[OperatorSlot],
    *,
    chosen: Sequence[str] = (),
    owner_names: pd.Series | Sequence[str] | None = None,
) -> AssignmentPlan:
    """Owners for ``rows`` new leads, in row order.

    A row whose owner cell names a known operator (login or unique display
    name) goes to that operator. The other rows — blank or unknown owner,
    or every row when the file has no owner column — are spread over the
    ``chosen`` logins by capacity, or stay in the pool when none is chosen.
    Unknown owner texts are reported with their row counts.
    """
    slots = tuple(slots)
    by_login = {s.login: i for i, s in enumerate(slots)}
    missing = [login for login in chosen if login not in by_login]
    if missing:
        raise KnownError(
            translatable("No active operator in this team has the login {logins}."),
            translatable("Check the spelling; the team's operators are: {known}."),
            logins=", ".join(missing),
            known=", ".join(sorted(by_login)) or "-",
        )
    owners = np.full(rows, POOL, dtype=np.int64)
    unknown: dict[str, int] = {}
    if owner_names is not None:
        owners, unknown = _owners_from_file(owner_names, slots, rows)
    rest = np.flatnonzero(owners == POOL)
    if chosen and rest.size:
        owners[rest] = _spread(rest.size, [by_login[login] for login in chosen], slots)
    return AssignmentPlan(owners, slots, tuple(chosen), unknown)


def _owners_from_file(
    owner_names: pd.Series | Sequence[str], slots: Sequence[OperatorSlot], rows: int
) -> tuple[np.ndarray, dict[str, int]]:
    names = pd.Series(list(owner_names), dtype=object).fillna("").astype(str)
    if len(names) != rows:
        raise ValueError("owner_names must have one entry per row")
    keys = names.map(_name_key)
    matched = keys.map(owner_lookup(slots))
    owners = np.array(matched.fillna(POOL).astype(np.int64), dtype=np.int64)  # writable
    unknown_mask = matched.isna() & (keys != "")
    unknown = Counter(names[unknown_mask].str.strip())
    return owners, dict(sorted(unknown.items()))


def _spread(count: int, indexes: Sequence[int], slots: Sequence[OperatorSlot]) -> np.ndarray:
    capacities = [slots[i].capacity for i in indexes]
    try:
        shares = largest_remainder(count, capacities)
    except ValueError:
        raise KnownError(
            translatable("The chosen operators all have a capacity of 0."),
            translatable("Give them a capacity first, or choose other operators."),
        ) from None
    return np.asarray(indexes, dtype=np.int64)[interleave(shares)]


def preview_counts(
    rows: int,
    slots: Sequence[OperatorSlot],
    *,
    chosen: Sequence[str] = (),
    owner_names: pd.Series | Sequence[str] | None = None,
) -> dict[str, object]:
    """What the import dialog shows before committing: leads per operator, how
    many stay in the pool and which owner names are unknown. Pure."""
    plan = plan_assignment(rows, slots, chosen=chosen, owner_names=owner_names)
    return {"assigned": plan.counts(), "pool": plan.pool, "unknown_owners": plan.unknown_owners}


# -- recycling ----------------------------------------------------------------------------

# Events that are not the operator working the lead: moving it, and looking
# up the full number (a lookup alone must not keep a lead from the pool).
NOT_ACTIVITY = frozenset({EventKind.REASSIGNED.value, EventKind.PHONE_REVEALED.value})


def counts_as_activity(kind: str, operator_id: object, owner_id: object) -> bool:
    """Whether an event resets the recycle countdown: logged by the lead's
    current owner, and not a reassignment or a phone lookup."""
    return operator_id is not None and operator_id == owner_id and kind not in NOT_ACTIVITY


def recycle_due_at(
    friend_requested_at: datetime | None,
    last_activity_at: datetime | None,
    recycle_days: int,
) -> datetime | None:
    """When a lead with a pending friend request goes back to the pool.

    The countdown starts at the friend request (``friend_requested_at``) and
    restarts at the owner's latest activity on the lead after it
    (:func:`counts_as_activity`; earlier events do not count): due at
    ``max(friend_requested_at, last_activity_at) + recycle_days`` days,
    recycled when ``now >= due``. None without a request.
    """
    if friend_requested_at is None:
        return None
    start = friend_requested_at
    if last_activity_at is not None and last_activity_at > start:
        start = last_activity_at
    return start + timedelta(days=recycle_days)


# -- the record of a move ----------------------------------------------------------------


def move_payload(
    from_owner: uuid.UUID | None,
    to_owner: uuid.UUID | None,
    reason: MoveReason,
    *,
    request_reset: bool = False,
    **details: Any,
) -> dict[str, Any]:
    """The payload of a ``reassigned`` event: ``{"from", "to", "reason"}`` (owner
    ids as text, None for the pool), ``friend_request_reset`` when the move
    reset a pending friend request, and any ``details`` of the reason."""
    payload: dict[str, Any] = {
        "from": str(from_owner) if from_owner else None,
        "to": str(to_owner) if to_owner else None,
        "reason": reason.value,
    }
    if request_reset:
        payload["friend_request_reset"] = True
    return payload | details


def recycle_details(
    friend_requested_at: datetime, last_activity_at: datetime | None, recycle_days: int
) -> dict[str, Any]:
    """What a recycled lead's event keeps of its countdown (the timeline names the days)."""
    return {
        "friend_requested_at": friend_requested_at.isoformat(),
        "last_activity_at": last_activity_at.isoformat() if last_activity_at else None,
        "recycle_days": recycle_days,
    }
